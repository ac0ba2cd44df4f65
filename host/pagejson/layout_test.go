package pagejson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLayout(t *testing.T) {
	src := `{"a":[1,2.5e-7,null],"b":{"c":"x[,]\"{:\\","d":[]},"e":[{"f":["p]","q"]},[],[true]],"g":{}}`
	want := `{
  "a": [1,2.5e-7,null],
  "b": {
    "c": "x[,]\"{:\\",
    "d": []
  },
  "e": [
    {
      "f": ["p]","q"]
    },
    [],
    [true]
  ],
  "g": {}
}`
	assert.Equal(t, want, string(layout([]byte(src))))
}

// Without arrays of plain values, the layout is json.Indent's; with
// them, it is the same JSON.
func TestLayout_randomValues(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		for _, flat := range []bool{false, true} {
			src, err := json.Marshal(randomValue(r, 4, flat))
			require.NoError(t, err)
			got := layout(src)
			require.True(t, json.Valid(got), "value %d: %s", i, got)
			var compact bytes.Buffer
			require.NoError(t, json.Compact(&compact, got))
			require.Equal(t, string(src), compact.String(), "value %d", i)
			if !flat {
				var indented bytes.Buffer
				require.NoError(t, json.Indent(&indented, src, "", "  "))
				require.Equal(t, indented.String(), string(got), "value %d", i)
			}
		}
	}
}

// randomValue is a JSON value at most depth deep, with strings that look
// like JSON's own punctuation. Without flat, an array holds only objects
// and arrays, or nothing.
func randomValue(r *rand.Rand, depth int, flat bool) any {
	strs := []string{"", "a", `"`, `\`, "[", "]", "{", "}", ",", ":", `x\"]`, "é ü", "\n\t", "<&>"}
	kind := r.IntN(6)
	if depth == 0 {
		kind = r.IntN(4)
	}
	switch kind {
	case 0:
		return r.NormFloat64() * 1000
	case 1:
		return strs[r.IntN(len(strs))]
	case 2:
		return r.IntN(2) == 0
	case 3:
		return nil
	case 4:
		m := map[string]any{}
		for range r.IntN(4) {
			m[strs[r.IntN(len(strs))]+fmt.Sprint(r.IntN(9))] = randomValue(r, depth-1, flat)
		}
		return m
	default:
		var a []any
		for range r.IntN(4) {
			v := randomValue(r, depth-1, flat)
			if !flat {
				switch v.(type) {
				case map[string]any, []any:
				default:
					v = []any{}
				}
			}
			a = append(a, v)
		}
		if a == nil {
			return []any{}
		}
		return a
	}
}

func FuzzLayout(f *testing.F) {
	f.Add([]byte(`{"a":[1,2],"b":[{"c":"]"}],"d":{}}`))
	f.Add([]byte(`[[],[1],"\"[",{"":[]}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		if !json.Valid(in) {
			return
		}
		var src bytes.Buffer
		require.NoError(t, json.Compact(&src, in))
		got := layout(src.Bytes())
		require.True(t, json.Valid(got), "%s", got)
		var back bytes.Buffer
		require.NoError(t, json.Compact(&back, got))
		require.Equal(t, src.String(), back.String())
	})
}
