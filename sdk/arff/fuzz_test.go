package arff_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
	"testing"

	"github.com/openml-dash/openml-dash/sdk/arff"
)

// FuzzRead feeds arbitrary bytes to Read: it must not panic, every error
// must be an *arff.Error or a failure of the (gzip) input, and every frame
// must keep the frame conventions.
func FuzzRead(f *testing.F) {
	seeds := []string{
		irisHeader + "5.1,0.2,setosa\n{0 1, 2 versicolor}\n?,?,?\n",
		"@relation r\n@attribute d date 'yyyy-MM-dd HH:mm'\n@attribute s string\n@data\n'2001-02-03 04:05','a\\'b'\n",
		"@relation r\n@attribute c {'a b', \"c,d\", '?'}\n@data\n'?'\n\"c,d\"\n{0 'a b'}\n",
		"\xef\xbb\xbf@RELATION r\r\n@ATTRIBUTE x REAL % c\r\n@DATA\r\n1e5 % c\r\n",
		"@relation r\n@attribute x relational\n",
		"@relation r\n@attribute x numeric\n@data\n{99999999999999999999999 1}\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Add(gzipped(f, seeds[0]), false)
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		fr, err := arff.Read(t.Context(), bytes.NewReader(data), arff.Options{Strict: strict})
		if err != nil {
			var aerr *arff.Error
			var corrupt flate.CorruptInputError
			switch {
			case errors.As(err, &aerr):
				if aerr.Line < 1 || aerr.Column < 0 {
					t.Fatalf("error without a line: %#v", aerr)
				}
			case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum),
				errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &corrupt):
			default:
				t.Fatalf("unexpected kind of error %T: %v", err, err)
			}
			return
		}
		columns(t, fr)
	})
}
