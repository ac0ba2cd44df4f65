package arff_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
)

func TestGoLayout(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		java, layout, err string
	}{
		"Weka default":                {java: "yyyy-MM-dd'T'HH:mm:ss", layout: "2006-01-02T15:04:05"},
		"space separated":             {java: "yyyy-MM-dd HH:mm:ss", layout: "2006-01-02 15:04:05"},
		"day first":                   {java: "dd/MM/yyyy", layout: "02/01/2006"},
		"single letters":              {java: "d.M.yy H:m:s", layout: "2.1.06 15:4:5"},
		"milliseconds":                {java: "HH:mm:ss.SSS", layout: "15:04:05.999"},
		"milliseconds after a comma":  {java: "HH:mm:ss,SSS", layout: "15:04:05,999"},
		"month and day names":         {java: "EEE, d MMM yyyy", layout: "Mon, 2 Jan 2006"},
		"long names":                  {java: "EEEE MMMM d", layout: "Monday January 2"},
		"twelve-hour clock":           {java: "h:mm a", layout: "3:04 PM"},
		"zone offsets":                {java: "HHmmZ|X|XX|XXX", layout: "1504-0700|Z07|Z0700|Z07:00"},
		"quoted literals":             {java: "'at' HH 'o''clock'", layout: "at 15 o'clock"},
		"a lone quote pair":           {java: "yyyy''MM", layout: "2006'01"},
		"no separators":               {java: "yyyyMMddHHmmss", layout: "20060102150405"},
		"unsupported letter":          {java: "yyyy G", err: `uses "G", which is not supported`},
		"time-zone names":             {java: "HH:mm z", err: `uses "z", which is not supported`},
		"milliseconds without a dot":  {java: "ssSSS", err: `uses "SSS", which is not supported`},
		"unclosed quote":              {java: "yyyy 'T", err: "has an unclosed quote"},
		"adjacent fields Go misreads": {java: "Ms", err: "cannot be read exactly"},
		"literal Go would misread":    {java: "'Mon' yyyy", err: "cannot be read exactly"},
		"literal digits":              {java: "'1' yyyy", err: "cannot be read exactly"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			layout, err := arff.GoLayout(tc.java)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.layout, layout)
		})
	}
}
