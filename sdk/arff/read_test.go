package arff_test

import (
	"bytes"
	"compress/gzip"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
	"github.com/openml-dash/openml-dash/sdk/frame"
)

func unix(year int, month time.Month, day, hour, min, sec, nsec int) float64 {
	t := time.Date(year, month, day, hour, min, sec, nsec, time.UTC)
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

var ab = []string{"a", "b"}

func TestRead_syntax(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in       string
		relation string
		want     []col
	}{
		"dense numeric and nominal": {
			in:       "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1.5,a\n-2,b\n",
			relation: "r",
			want:     []col{num("x", 1.5, -2.0), nom("c", ab, "a", "b")},
		},
		"keywords in any letter case": {
			in:       "@RELATION R\n@Attribute x REAL\n@ATTRIBUTE y Integer\n@attribute z NuMeRiC\n@DaTa\n1,2,3\n",
			relation: "R",
			want:     []col{num("x", 1.0), num("y", 2.0), num("z", 3.0)},
		},
		"comments and blank lines": {
			in: "% leading comment\n\n@relation r % after the relation\n\n   % indented comment\n" +
				"@attribute x numeric % after an attribute\n@attribute c {a,b}%tight\n\n@data % after data\n" +
				"% between rows\n1,a % after a row\n\n\t\n2,b\n% at the end\n",
			relation: "r",
			want:     []col{num("x", 1.0, 2.0), nom("c", ab, "a", "b")},
		},
		"CRLF line ends": {
			in:       "@relation r\r\n@attribute x numeric\r\n@attribute c {a,b}\r\n@data\r\n1,a\r\n2,b\r\n",
			relation: "r",
			want:     []col{num("x", 1.0, 2.0), nom("c", ab, "a", "b")},
		},
		"last row without a line end": {
			in:       "@relation r\n@attribute x numeric\n@data\n1\n2",
			relation: "r",
			want:     []col{num("x", 1.0, 2.0)},
		},
		"no rows": {
			in:       "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n",
			relation: "r",
			want:     []col{num("x"), nom("c", ab)},
		},
		"quoted names": {
			in:       "@relation 'my data'\n@attribute 'sepal length' numeric\n@attribute \"it\\'s\" numeric\n@attribute plain numeric\n@data\n1,2,3\n",
			relation: "my data",
			want:     []col{num("sepal length", 1.0), num("it's", 2.0), num("plain", 3.0)},
		},
		"unquoted relation name with spaces": {
			in:       "@relation my data set\n@attribute x numeric\n@data\n",
			relation: "my data set",
			want:     []col{num("x")},
		},
		"attribute name followed by its values": {
			in:       "@relation r\n@attribute class{a,b}\n@data\nb\n",
			relation: "r",
			want:     []col{nom("class", ab, "b")},
		},
		"quoted nominal values with separators inside": {
			in: "@relation r\n@attribute c {a, 'b c', \"d\", 'e,f', 'g{h}', 'i%j', 'k\\'l'}\n@data\n" +
				"a\n'b c'\n\"d\"\nd\n'e,f'\n\"g{h}\"\n'i%j'\n'k\\'l'\n",
			relation: "r",
			want: []col{nom("c", []string{"a", "b c", "d", "e,f", "g{h}", "i%j", "k'l"},
				"a", "b c", "d", "d", "e,f", "g{h}", "i%j", "k'l")},
		},
		"nominal values with spaces around them": {
			in:       "@relation r\n@attribute c {  GB , GK ,ZS}\n@data\nGK\n  ZS  \n",
			relation: "r",
			want:     []col{nom("c", []string{"GB", "GK", "ZS"}, "GK", "ZS")},
		},
		"escapes in quoted strings": {
			in: "@relation r\n@attribute s string\n@data\n" +
				`'a\nb'` + "\n" + `'tab\there'` + "\n" + `'back\\slash'` + "\n" + `"q\"uote"` + "\n" +
				`'pct\%'` + "\n" + `'\"median\"'` + "\n" + `'other\q'` + "\n",
			relation: "r",
			want:     []col{str("s", "a\nb", "tab\there", `back\slash`, `q"uote`, "pct%", `"median"`, "otherq")},
		},
		"unquoted ? is missing and quoted '?' is a value": {
			in:       "@relation r\n@attribute c {'?',Y}\n@attribute x numeric\n@attribute s string\n@data\n'?',?,?\n?,1,'?'\nY,2,\"?\"\n",
			relation: "r",
			want:     []col{nom("c", []string{"?", "Y"}, "?", nil, "Y"), num("x", nil, 1.0, 2.0), str("s", nil, "?", "?")},
		},
		"NaN is missing": {
			in:       "@relation r\n@attribute x numeric\n@data\nNaN\n1\n",
			relation: "r",
			want:     []col{num("x", nil, 1.0)},
		},
		"numbers beyond plain decimals": {
			in:       "@relation r\n@attribute x numeric\n@data\n1e3\n-2.5E-2\n+7\n.5\n5.\nInfinity\n-Inf\n1e400\n12345678901234567890123\n",
			relation: "r",
			want: []col{num("x", 1000.0, -0.025, 7.0, 0.5, 5.0, math.Inf(1), math.Inf(-1), math.Inf(1),
				1.2345678901234568e22)},
		},
		"quoted numbers": {
			in:       "@relation r\n@attribute x numeric\n@data\n'3.25'\n\"4\"\n",
			relation: "r",
			want:     []col{num("x", 3.25, 4.0)},
		},
		"spaces around values": {
			in:       "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@attribute s string\n@data\n  1.5 ,\ta\t, 'x y'  \n2,b,  two words  \n",
			relation: "r",
			want:     []col{num("x", 1.5, 2.0), nom("c", ab, "a", "b"), str("s", "x y", "two words")},
		},
		"control characters and NUL are white space": {
			in:       "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1,a\x00\n\x002\x01,\x0bb\n\x00",
			relation: "r",
			want:     []col{num("x", 1.0, 2.0), nom("c", ab, "a", "b")},
		},
		"empty nominal declaration": {
			in:       "@relation r\n@attribute c { }\n@data\n?\n",
			relation: "r",
			want:     []col{nom("c", []string{}, nil)},
		},
		"sparse rows fill omitted values with Weka's zero": {
			in: "@relation r\n@attribute x numeric\n@attribute c {b,a}\n@attribute s string\n@attribute d date\n@attribute y numeric\n@data\n" +
				"{0 1.5, 4 2}\n{1 a,2 'hi there'}\n{ }\n{3 \"2001-02-03T04:05:06\"}\n",
			relation: "r",
			want: []col{
				num("x", 1.5, 0.0, 0.0, 0.0),
				nom("c", []string{"b", "a"}, "b", "a", "b", "b"),
				str("s", "", "hi there", "", ""),
				date("d", 0.0, 0.0, 0.0, unix(2001, 2, 3, 4, 5, 6, 0)),
				num("y", 2.0, 0.0, 0.0, 0.0),
			},
		},
		"sparse missing values and spacing": {
			in:       "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n  {  0   ? ,1 ?  }  % comment\n{1 b}\n",
			relation: "r",
			want:     []col{num("x", nil, 0.0), nom("c", ab, nil, "b")},
		},
		"dense and sparse rows mixed": {
			in:       "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1,b\n{1 b}\n3,a\n",
			relation: "r",
			want:     []col{num("x", 1.0, 0.0, 3.0), nom("c", ab, "b", "b", "a")},
		},
		"dates in the default format": {
			in:       "@relation r\n@attribute d date\n@data\n2014-09-28T23:22:48\n'1970-01-01T00:00:00'\n?\n",
			relation: "r",
			want:     []col{date("d", unix(2014, 9, 28, 23, 22, 48, 0), 0.0, nil)},
		},
		"dates in declared formats": {
			in: "@relation r\n" +
				"@attribute a date \"yyyy-MM-dd HH:mm:ss\"\n" +
				"@attribute b DATE dd/MM/yyyy\n" +
				"@attribute c date 'yyyy-MM-dd\\'T\\'HH:mm:ss.SSSZ'\n" +
				"@attribute d date \"MMM d, yyyy h:mm a\"\n" +
				"@attribute e date yyyyMMdd\n" +
				"@attribute f date \"EEE, d MMMM yy HH:mm:ssXXX\"\n" +
				"@data\n" +
				"'2001-04-03 12:12:12',03/04/2001,2001-04-03T12:08:56.235-0700,\"Apr 3, 2001 1:08 PM\",20010403,'Tue, 3 April 01 12:08:56+02:00'\n",
			relation: "r",
			want: []col{
				date("a", unix(2001, 4, 3, 12, 12, 12, 0)),
				date("b", unix(2001, 4, 3, 0, 0, 0, 0)),
				date("c", unix(2001, 4, 3, 19, 8, 56, 235_000_000)),
				date("d", unix(2001, 4, 3, 13, 8, 0, 0)),
				date("e", unix(2001, 4, 3, 0, 0, 0, 0)),
				date("f", unix(2001, 4, 3, 10, 8, 56, 0)),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, err := readString(t, tc.in, arff.Options{})
			require.NoError(t, err)
			assert.Equal(t, tc.relation, f.Name)
			assert.Equal(t, tc.want, columns(t, f))
			f, err = readString(t, tc.in, arff.Options{Sparse: true})
			require.NoError(t, err)
			assert.Equal(t, tc.want, columns(t, f), "read with Options.Sparse")
		})
	}
}

func TestRead_dateFormatIsKept(t *testing.T) {
	t.Parallel()
	f, err := readString(t, "@relation r\n@attribute a date 'dd.MM.yyyy'\n@attribute b date\n@data\n", arff.Options{})
	require.NoError(t, err)
	assert.Equal(t, "dd.MM.yyyy", f.Columns[0].DateFormat)
	assert.Equal(t, "", f.Columns[1].DateFormat, "no declared format")
}

func TestRead_byteOrderMark(t *testing.T) {
	t.Parallel()
	f, err := readString(t, "\xef\xbb\xbf@relation r\n@attribute x numeric\n@data\n1\n", arff.Options{})
	require.NoError(t, err)
	assert.Equal(t, []col{num("x", 1.0)}, columns(t, f))
}

func gzipped(t testing.TB, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = zw.Write([]byte(text))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestRead_gzip(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"plain":                "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1,a\n2,b\n",
		"with byte-order mark": "\xef\xbb\xbf@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n1,a\n2,b\n",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, err := arff.Read(t.Context(), bytes.NewReader(gzipped(t, text)), arff.Options{})
			require.NoError(t, err)
			assert.Equal(t, []col{num("x", 1.0, 2.0), nom("c", ab, "a", "b")}, columns(t, f))
		})
	}
}

func TestRead_corruptGzipIsNotAnARFFError(t *testing.T) {
	t.Parallel()
	data := gzipped(t, strings.Repeat("@relation r\n@attribute x numeric\n@data\n1\n", 50))
	data = data[:len(data)/2]
	_, err := arff.Read(t.Context(), bytes.NewReader(data), arff.Options{})
	require.Error(t, err)
	var aerr *arff.Error
	assert.NotErrorAs(t, err, &aerr, "a broken gzip stream is an input failure, not a syntax error: %v", err)
}

// TestRead_manyChunks reads more rows than one chunk holds, so that rows
// are parsed in parallel and must come back in file order.
func TestRead_manyChunks(t *testing.T) {
	t.Parallel()
	const rows = 300_000
	var b strings.Builder
	b.WriteString("@relation big\n@attribute i integer\n@attribute c {even,odd}\n@attribute s string\n@data\n")
	for i := range rows {
		switch {
		case i%1000 == 999:
			b.WriteString("?,?,?\n")
		case i%2 == 0:
			b.WriteString(strings.Repeat(" ", i%3) + itoa(i) + ",even,'s" + itoa(i) + "'\n")
		default:
			b.WriteString("{0 " + itoa(i) + ",1 odd, 2 s" + itoa(i) + "}\n")
		}
	}
	f, err := readString(t, b.String(), arff.Options{})
	require.NoError(t, err)
	require.Equal(t, rows, f.Rows())
	ints, codes, strs := f.Columns[0], f.Columns[1], f.Columns[2]
	wantInts, wantCodes, wantStrs := make([]float64, rows), make([]int32, rows), make([]string, rows)
	gotInts := append([]float64(nil), ints.Floats...)
	var wantMissing, gotMissing []int
	for i := range rows {
		if i%1000 == 999 {
			wantInts[i], wantCodes[i], wantMissing = -1, frame.MissingCode, append(wantMissing, i)
			continue
		}
		wantInts[i], wantCodes[i], wantStrs[i] = float64(i), int32(i%2), "s"+itoa(i)
	}
	for i := range rows {
		if ints.IsMissing(i) && codes.IsMissing(i) && strs.IsMissing(i) {
			gotMissing = append(gotMissing, i)
			gotInts[i] = -1 // NaN never equals itself
		}
	}
	assert.Equal(t, wantMissing, gotMissing)
	assert.Equal(t, wantInts, gotInts)
	assert.Equal(t, wantCodes, codes.Codes)
	assert.Equal(t, wantStrs, strs.Strings)
	assert.Equal(t, len(wantMissing), ints.MissingCount())
}

func itoa(i int) string { return strconvItoa(i) }

// TestRead_lineLongerThanAChunk has a row longer than the reader's chunk.
func TestRead_lineLongerThanAChunk(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 3<<20)
	f, err := readString(t, "@relation r\n@attribute s string\n@attribute x numeric\n@data\n'"+long+"',1\nshort,2\n", arff.Options{})
	require.NoError(t, err)
	assert.Equal(t, []col{str("s", long, "short"), num("x", 1.0, 2.0)}, columns(t, f))
}

// TestRead_wideSparse has a header longer than the line reader's buffer
// and sparse rows over thousands of attributes.
func TestRead_wideSparse(t *testing.T) {
	t.Parallel()
	const n = 20_000
	var b strings.Builder
	b.WriteString("@relation wide\n")
	for i := range n {
		b.WriteString("@attribute a" + itoa(i) + " numeric\n")
	}
	b.WriteString("@attribute class {-1,1}\n@data\n{5 1,19999 2,20000 1}\n{20000 -1}\n")
	f, err := readString(t, b.String(), arff.Options{})
	require.NoError(t, err)
	require.Len(t, f.Columns, n+1)
	require.Equal(t, 2, f.Rows())
	assert.Equal(t, []float64{1, 0}, f.Columns[5].Floats)
	assert.Equal(t, []float64{2, 0}, f.Columns[19999].Floats)
	assert.Equal(t, []float64{0, 0}, f.Columns[6].Floats)
	assert.Equal(t, []int32{1, 0}, f.Columns[n].Codes)
}
