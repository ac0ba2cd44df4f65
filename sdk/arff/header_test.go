package arff_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

const header = "% a dataset\n@relation 'weather data'\n" +
	"@attribute outlook {sunny, 'over cast', rainy}\n" +
	"@attribute temperature real\n" +
	"@attribute count INTEGER\n" +
	"@attribute note string\n" +
	"@attribute seen date 'yyyy-MM-dd'\n" +
	"@attribute logged date\n" +
	"@data\n"

var wantHeader = &arff.Header{
	Relation: "weather data",
	Attributes: []arff.Attribute{
		{Name: "outlook", Kind: frame.Nominal, Values: []string{"sunny", "over cast", "rainy"}},
		{Name: "temperature", Kind: frame.Numeric},
		{Name: "count", Kind: frame.Numeric},
		{Name: "note", Kind: frame.String},
		{Name: "seen", Kind: frame.Date, DateFormat: "yyyy-MM-dd"},
		{Name: "logged", Kind: frame.Date},
	},
}

// failingReader stands for rows that must not be read.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("the rows were read") }

func TestReadHeader(t *testing.T) {
	t.Parallel()
	cases := map[string]io.Reader{
		"plain":             strings.NewReader(header + "sunny,1,2,x,2001-01-01,?\n"),
		"gzip":              bytes.NewReader(gzipped(t, header+"sunny,1,2,x,2001-01-01,?\n")),
		"rows never read":   io.MultiReader(strings.NewReader(header), failingReader{}),
		"byte-order mark":   strings.NewReader("\xef\xbb\xbf" + header),
		"CRLF and comments": strings.NewReader(strings.ReplaceAll(header, "\n", " % c\r\n")),
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h, err := arff.ReadHeader(r)
			require.NoError(t, err)
			assert.Equal(t, wantHeader, h)
		})
	}
}

func TestReadHeader_error(t *testing.T) {
	t.Parallel()
	_, err := arff.ReadHeader(strings.NewReader("@relation r\n@attribute x numeric\n"))
	requireError(t, err, 2, 0, "the header ends without @data")
}
