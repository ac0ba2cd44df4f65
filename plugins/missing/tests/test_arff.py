"""The ARFF reader's missing values, on small files written here."""

import gzip
import os
import tempfile
import unittest

from missing.arff import ArffError, read_missing

DENSE = """% a comment
@RELATION 'weather data'

@attribute outlook {sunny, overcast, rainy, '?'}
@attribute temperature NUMERIC
@Attribute "humidity level" real
@attribute windy {TRUE, FALSE}
@attribute note string
@attribute day date "yyyy-MM-dd"

@data
sunny,85,85,FALSE,'a, quoted comma',2024-01-01
sunny,?,90,TRUE,plain,2024-01-02
% a comment between rows
overcast,83,?,FALSE,?,?
'?',70,96,FALSE,'it\\'s',2024-01-04   % a quoted '?' is the category "?"
rainy,NaN,80,?,'?',2024-01-05
?,?,?,?,?,?

rainy,65,nan,TRUE,"double \\"quoted\\"",2024-01-07
"""

SPARSE = """@relation sparse
@attribute a numeric
@attribute b numeric
@attribute c {x, y}
@attribute d string
@data
{0 1, 2 y}
{1 ?, 3 'hello'}
{}
{0 ?, 1 ?, 2 ?, 3 ?}
{2 '?'}
{0 NaN}
"""


class ArffTest(unittest.TestCase):
    def write(self, text, name="t.arff", compress=False, bom=False):
        d = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(d, ignore_errors=True))
        path = os.path.join(d, name)
        data = text.encode()
        if bom:
            data = b"\xef\xbb\xbf" + data
        if compress:
            data = gzip.compress(data)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_dense(self):
        m = read_missing(self.write(DENSE))
        self.assertEqual(m.relation, "weather data")
        self.assertEqual([a.name for a in m.attributes],
                         ["outlook", "temperature", "humidity level", "windy", "note", "day"])
        self.assertEqual([a.kind for a in m.attributes], ["nominal", "numeric", "numeric", "nominal", "string", "date"])
        self.assertEqual(m.attributes[0].levels, ["sunny", "overcast", "rainy", "?"])
        self.assertEqual(m.rows, 7)
        self.assertFalse(m.sparse)
        # outlook: row 6 (unquoted ?; row 4's '?' is a category); temperature:
        # rows 2, 5 (NaN), 6; humidity: rows 3, 6, 7 (nan); windy: 5, 6;
        # note: 3, 6 (row 5's '?' is text); day: 3, 6.
        self.assertEqual(m.per_attribute, [1, 3, 3, 2, 2, 2])
        self.assertEqual(m.cells, 13)
        self.assertEqual(m.incomplete_rows, 5)
        self.assertEqual(m.patterns, {
            (): 2,                      # rows 1 and 4
            (1,): 1,                    # row 2
            (2, 4, 5): 1,               # row 3
            (1, 3): 1,                  # row 5
            (0, 1, 2, 3, 4, 5): 1,      # row 6
            (2,): 1,                    # row 7
        })
        self.assertEqual(m.question_mark_levels(), ["outlook"])

    def test_sparse(self):
        m = read_missing(self.write(SPARSE))
        self.assertTrue(m.sparse)
        self.assertEqual(m.rows, 6)
        # Left-out values are 0, not missing; '?' quoted is the text "?".
        self.assertEqual(m.per_attribute, [2, 2, 1, 1])
        self.assertEqual(m.patterns, {(): 3, (1,): 1, (0, 1, 2, 3): 1, (0,): 1})

    def test_gzip_and_byte_order_mark(self):
        plain = read_missing(self.write(DENSE))
        for compress, bom in [(True, False), (False, True), (True, True)]:
            with self.subTest(compress=compress, bom=bom):
                m = read_missing(self.write(DENSE, "t.arff.gz" if compress else "t.arff", compress, bom))
                self.assertEqual((m.per_attribute, m.patterns), (plain.per_attribute, plain.patterns))

    def test_no_missing_values(self):
        m = read_missing(self.write("@relation r\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x\n2,y\n"))
        self.assertEqual((m.rows, m.cells, m.incomplete_rows), (2, 0, 0))
        self.assertEqual(m.patterns, {(): 2})

    def test_progress(self):
        calls = []
        read_missing(self.write(DENSE), lambda done, total: calls.append((done, total)))
        size = len(DENSE.encode())
        self.assertEqual(calls[-1], (size, size))

    def test_errors_name_their_line(self):
        cases = {
            "wrong count": ("@relation r\n@attribute a numeric\n@attribute b numeric\n@data\n1,2\n3\n", "line 6: 1 values where the header declares 2"),
            "not arff": ("a,b,c\n1,2,3\n", "line 1: expected @relation, @attribute or @data"),
            "no data": ("@relation r\n@attribute a numeric\n", "no @data line"),
            "no attributes": ("@relation r\n@data\n1\n", "no @attribute before @data"),
            "relational": ("@relation r\n@attribute bag relational\n", "line 2: attribute 'bag' is relational"),
            "sparse order": ("@relation r\n@attribute a numeric\n@attribute b numeric\n@data\n{1 2, 0 1}\n", "line 5: sparse index 0 is out of order"),
            "sparse range": ("@relation r\n@attribute a numeric\n@data\n{3 1}\n", "sparse index 3 is out of order or beyond the 1 attributes"),
            "open quote": ("@relation r\n@attribute a string\n@attribute b numeric\n@data\n'abc,?\n", "line 5: a quoted value does not end"),
            "quoted comma": ("@relation r\n@attribute a string\n@attribute b string\n@data\n'a,b',c\n'a,b',c,d\n", "line 6: 3 values where"),
            "weights": ("@relation r\n@attribute a numeric\n@data\n{0 1},{2}\n", "instance weights are not supported"),
        }
        for name, (text, want) in cases.items():
            with self.subTest(name):
                with self.assertRaises(ArffError) as cm:
                    read_missing(self.write(text))
                self.assertIn(want, str(cm.exception))


if __name__ == "__main__":
    unittest.main()
