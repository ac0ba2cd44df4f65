package arff_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openml-dash/openml-dash/sdk/arff"
)

const irisHeader = "@relation iris\n" + // line 1
	"@attribute sepallength numeric\n" + // 2
	"@attribute petalwidth numeric\n" + // 3
	"@attribute class {setosa,versicolor}\n" + // 4
	"@data\n" // 5

func TestError_message(t *testing.T) {
	t.Parallel()
	_, err := readString(t, irisHeader+"5.1,0.2,setosa\n"+"5.1, abc,setosa\n", arff.Options{})
	require.EqualError(t, err, `line 7, column 6: expected a number for attribute "petalwidth", found "abc"`)
	assert.EqualError(t, &arff.Error{Line: 3, Msg: "m"}, "line 3: m", "no column for a whole-line problem")
}

func TestRead_errors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		in           string
		strict       bool
		line, column int
		msg          string
	}{
		"empty input": {
			in: "", line: 1, column: 0, msg: "ends before @relation",
		},
		"only comments": {
			in: "% nothing\n\n% here\n", line: 3, column: 0, msg: "ends before @relation",
		},
		"not an ARFF file": {
			in: "<html>\n<body>404</body>\n", line: 1, column: 1, msg: `expected @relation, found "<html>"`,
		},
		"attribute before relation": {
			in: "% c\n  @attribute x numeric\n", line: 2, column: 3, msg: "expected @relation before the first @attribute",
		},
		"data before relation": {
			in: "@data\n", line: 1, column: 1, msg: "expected @relation before @data",
		},
		"relation twice": {
			in: "@relation a\n@relation b\n", line: 2, column: 1, msg: "@relation appears twice; the first is on line 1",
		},
		"relation without a name": {
			in: "@relation   % none\n", line: 1, column: 13, msg: "@relation needs a name",
		},
		"unknown declaration": {
			in: "@relation r\n@attrib x numeric\n", line: 2, column: 1, msg: "unknown declaration @attrib",
		},
		"text where a declaration belongs": {
			in: "@relation r\n@attribute x numeric\n1,2\n", line: 3, column: 1, msg: `expected @attribute or @data, found "1,2"`,
		},
		"no data section": {
			in: "@relation r\n@attribute x numeric\n\n", line: 3, column: 0, msg: "the header ends without @data",
		},
		"no attributes": {
			in: "@relation r\n@data\n", line: 2, column: 0, msg: "no attributes are declared before @data",
		},
		"attribute without a type": {
			in: "@relation r\n@attribute x\n", line: 2, column: 13, msg: `attribute "x" has no type`,
		},
		"attribute without a name": {
			in: "@relation r\n@attribute\n", line: 2, column: 11, msg: "@attribute needs a name and a type",
		},
		"unknown type": {
			in: "@relation r\n@attribute x float\n", line: 2, column: 14, msg: `unknown type "float" for attribute "x"`,
		},
		"relational attribute": {
			in: "@relation r\n@attribute bag relational\n@attribute x numeric\n@end bag\n", line: 2, column: 16,
			msg: `relational attributes are not supported (attribute "bag")`,
		},
		"attribute declared twice": {
			in: "@relation r\n@attribute x numeric\n@attribute 'x' real\n", line: 3, column: 12,
			msg: `attribute "x" is declared twice; the first is on line 2`,
		},
		"unclosed quoted name": {
			in: "@relation r\n@attribute 'x numeric\n", line: 2, column: 12, msg: "the quoted attribute name is not closed",
		},
		"unclosed nominal values": {
			in: "@relation r\n@attribute c {a, b\n", line: 2, column: 19, msg: `the nominal values of attribute "c" are not closed with '}'`,
		},
		"nominal value declared twice": {
			in: "@relation r\n@attribute c {a, b, 'a'}\n", line: 2, column: 21, msg: `nominal value "a" is declared twice for attribute "c"`,
		},
		"empty nominal value": {
			in: "@relation r\n@attribute c {a,,b}\n", line: 2, column: 17, msg: `empty nominal value in the declaration of attribute "c"`,
		},
		"junk after a quoted nominal value": {
			in: "@relation r\n@attribute c {'a' b}\n", line: 2, column: 19, msg: `expected ',' or '}' after nominal value "a"`,
		},
		"junk after a type": {
			in: "@relation r\n@attribute x numeric extra\n", line: 2, column: 22, msg: `unexpected "extra" after the type of attribute "x"`,
		},
		"unsupported date pattern letter": {
			in: "@relation r\n@attribute d date 'yyyy G'\n", line: 2, column: 19, msg: `uses "G", which is not supported`,
		},
		"date pattern Go would misread": {
			in: "@relation r\n@attribute d date 'Ms'\n", line: 2, column: 19, msg: "cannot be read exactly",
		},
		"too few values": {
			in: irisHeader + "5.1,0.2,setosa\n5.1,0.2\n", line: 7, column: 0, msg: "the row has 2 values, but the header declares 3 attributes",
		},
		"too many values": {
			in: irisHeader + "5.1,0.2,setosa,extra\n", line: 6, column: 0, msg: "the row has 4 values, but the header declares 3 attributes",
		},
		"shifted values are reported as a count": {
			in: irisHeader + "0.2,setosa\n", line: 6, column: 0, msg: "the row has 2 values",
		},
		"trailing comma": {
			in: irisHeader + "5.1,0.2,setosa,\n", line: 6, column: 0, msg: "the row has 4 values",
		},
		"not a number": {
			in: irisHeader + "5.1,0.2x,setosa\n", line: 6, column: 5, msg: `expected a number for attribute "petalwidth", found "0.2x"`,
		},
		"empty number": {
			in: irisHeader + "5.1,,setosa\n", line: 6, column: 5, msg: `expected a number for attribute "petalwidth", found ""`,
		},
		"quoted question mark in a numeric attribute": {
			in: irisHeader + "5.1,'?',setosa\n", line: 6, column: 5, msg: `expected a number for attribute "petalwidth", found "?"`,
		},
		"undeclared nominal value": {
			in: irisHeader + "5.1,0.2,setosa\n5.1,0.2,Setosa\n", line: 7, column: 9,
			msg: `value "Setosa" is not declared for nominal attribute "class"; declared: {setosa, versicolor}`,
		},
		"undeclared nominal value after a wide character": {
			in: "@relation r\n@attribute s string\n@attribute c {a}\n@data\n'héllo',b\n", line: 5, column: 9, msg: `value "b" is not declared`,
		},
		"unclosed quote in a row": {
			in: irisHeader + "5.1,0.2,'setosa\n", line: 6, column: 9, msg: `the quoted value of attribute "class" is not closed on this line`,
		},
		"junk after a quoted value": {
			in: irisHeader + "5.1,0.2,'setosa' x\n", line: 6, column: 18, msg: `expected ',' after the value of attribute "class", found "x"`,
		},
		"bad date": {
			in: "@relation r\n@attribute d date 'dd/MM/yyyy'\n@data\n03/04/2001\n2001-04-03\n", line: 5, column: 1,
			msg: `expected a date like "17/11/2009" (format "dd/MM/yyyy") for attribute "d", found "2001-04-03"`,
		},
		"sparse index out of range": {
			in: irisHeader + "{0 1, 3 setosa}\n", line: 6, column: 7, msg: "attribute index 3 is out of range; the header declares 3 attributes (indexes 0 to 2)",
		},
		"sparse indexes decreasing": {
			in: irisHeader + "{1 1, 0 2}\n", line: 6, column: 7, msg: "attribute index 0 comes after 1",
		},
		"sparse index twice": {
			in: irisHeader + "{1 1,1 2}\n", line: 6, column: 6, msg: "attribute index 1 appears twice",
		},
		"sparse index missing": {
			in: irisHeader + "{0 1, setosa}\n", line: 6, column: 7, msg: `expected an attribute index in the sparse row, found "setosa}"`,
		},
		"sparse value missing": {
			in: irisHeader + "{0}\n", line: 6, column: 3, msg: `expected a space and a value after attribute index 0, found "}"`,
		},
		"sparse row not closed": {
			in: irisHeader + "{0 1, 2 setosa\n", line: 6, column: 15, msg: "the sparse row is not closed with '}'",
		},
		"junk after a sparse row": {
			in: irisHeader + "{0 1} x\n", line: 6, column: 7, msg: `unexpected "x" after the sparse row`,
		},
		"bad value in a sparse row": {
			in: irisHeader + "{2 virginica}\n", line: 6, column: 4, msg: `value "virginica" is not declared`,
		},
		"strict: comment after the relation": {
			in: "@relation r   % note\n@attribute x numeric\n@data\n", strict: true, line: 1, column: 15,
			msg: "a comment must be on a line of its own (strict mode)",
		},
		"strict: comment after an attribute": {
			in: "@relation r\n@attribute c {a, b}    % more later\n@data\n", strict: true, line: 2, column: 24,
			msg: "a comment must be on a line of its own (strict mode)",
		},
		"strict: comment after a row": {
			in: irisHeader + "5.1,0.2,setosa %% note\n", strict: true, line: 6, column: 16,
			msg: "a comment must be on a line of its own (strict mode)",
		},
		"strict: comment after a sparse row": {
			in: irisHeader + "{0 1} % note\n", strict: true, line: 6, column: 7,
			msg: "a comment must be on a line of its own (strict mode)",
		},
		"strict: sparse row after dense rows": {
			in: irisHeader + "5.1,0.2,setosa\n{0 1}\n", strict: true, line: 7, column: 0,
			msg: "this row is sparse but the rows before it are dense",
		},
		"strict: dense row after sparse rows": {
			in: irisHeader + "% c\n{0 1}\n\n5.1,0.2,setosa\n", strict: true, line: 9, column: 0,
			msg: "this row is dense but the rows before it are sparse",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := readString(t, tc.in, arff.Options{Strict: tc.strict})
			requireError(t, err, tc.line, tc.column, tc.msg)
		})
	}
}

// TestRead_errorsLateInTheFile puts the problem in a later chunk than the
// first, so that its line number is counted across chunks.
func TestRead_errorsLateInTheFile(t *testing.T) {
	t.Parallel()
	const rows = 200_000
	row := "5.1,0.2,setosa\n"
	cases := map[string]struct {
		bad          string
		strict       bool
		column       int
		msg          string
		moreProblems bool
	}{
		"bad value":                           {bad: "5.1,0.2,virginica\n", column: 9, msg: `value "virginica" is not declared`},
		"the first of two problems counts":    {bad: "5.1,x,setosa\n", column: 5, msg: "expected a number", moreProblems: true},
		"strict: sparse row in a later chunk": {bad: "{0 1}\n", strict: true, msg: "this row is sparse"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			b.WriteString(irisHeader)
			for i := range rows {
				if i == rows-10 {
					b.WriteString(tc.bad)
					continue
				}
				if tc.moreProblems && i == rows-5 {
					b.WriteString("junk\n")
					continue
				}
				b.WriteString(row)
			}
			_, err := readString(t, b.String(), arff.Options{Strict: tc.strict})
			requireError(t, err, 5+rows-10+1, tc.column, tc.msg)
		})
	}
}
