"""The counts on recorded OpenML files, against pandas and OpenML's own
numbers. The recordings live outside the repository (../shared/openml, or
$OPENML_DASH_RECORDINGS): without them these tests skip, except in CI
(CI=true), where their absence is a failure."""

import io
import os
import re
import unittest
import xml.etree.ElementTree as ET

from missing.arff import read_missing

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def recordings(*sub):
    d = os.environ.get("OPENML_DASH_RECORDINGS") or os.path.join(ROOT, "..", "shared", "openml")
    path = os.path.join(d, *sub)
    if os.path.exists(path):
        return path
    msg = f"OpenML recordings not found at {path} (set OPENML_DASH_RECORDINGS or put them in ../shared/openml)"
    if os.environ.get("CI") == "true":
        raise AssertionError(msg + ": CI must have them")
    raise unittest.SkipTest(msg + ": skipping the comparison with pandas on recorded files")


def pandas_missing(path):
    """Per-column missing counts and row patterns, by pandas: the data
    section read as CSV, an unquoted-or-quoted ? as missing (these files
    quote no '?'), so that the reference shares no code with the plugin."""
    try:
        import pandas as pd
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        raise unittest.SkipTest("pandas is not installed (Debian: python3-pandas)")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, data = re.split(r"(?im)^@data\s*$", text, maxsplit=1)
    names = re.findall(r"(?im)^@attribute\s+('[^']*'|\"[^\"]*\"|\S+)", head)
    df = pd.read_csv(io.StringIO(data), header=None, names=names, na_values=["?"], keep_default_na=False,
                     quotechar="'", skipinitialspace=True, comment="%", skip_blank_lines=True)
    isna = df.isna()
    per = isna.sum().tolist()
    patterns = {}
    for key, count in isna.value_counts().items():
        patterns[tuple(j for j, missing in enumerate(key) if missing)] = int(count)
    return len(df), per, patterns


class DemoTest(unittest.TestCase):
    def test_demo_against_pandas(self):
        # The built-in demo's file, in the repository.
        path = os.path.join(ROOT, "host", "demo", "files", "data", "download", "1", "demo.arff")
        m = read_missing(path)
        rows, per, patterns = pandas_missing(path)
        self.assertEqual((m.rows, m.per_attribute, dict(m.patterns)), (rows, per, patterns))
        self.assertEqual((m.rows, m.cells, m.incomplete_rows), (40, 19, 17))


class RecordedTest(unittest.TestCase):
    def test_anneal_against_pandas(self):
        path = recordings("test", "data", "v1", "download", "1", "anneal.arff")
        m = read_missing(path)
        rows, per, patterns = pandas_missing(path)
        self.assertEqual(m.rows, rows)
        self.assertEqual(m.per_attribute, per)
        self.assertEqual(dict(m.patterns), patterns)
        # Known totals, so that a change in both readers cannot pass unseen.
        self.assertEqual((m.rows, m.cells, m.incomplete_rows, len(m.patterns)), (898, 22175, 898, 107))

    def test_anneal_against_openml(self):
        # OpenML's server counted them too: data/features/1 of the test server.
        path = recordings("test", "data", "v1", "download", "1", "anneal.arff")
        features = recordings("test", "api", "v1", "xml", "data", "features", "1")
        ns = {"oml": "http://openml.org/openml"}
        want = {f.find("oml:name", ns).text: int(f.find("oml:number_of_missing_values", ns).text)
                for f in ET.parse(features).getroot().findall("oml:feature", ns)}
        m = read_missing(path)
        self.assertEqual({a.name: n for a, n in zip(m.attributes, m.per_attribute)}, want)

    def test_no_missing_values(self):
        # iris has none; production anneal quotes '?' as a declared category.
        iris = read_missing(recordings("www", "data", "download", "61", "dataset_61_iris.arff"))
        self.assertEqual((iris.rows, iris.cells), (150, 0))
        anneal = read_missing(recordings("www", "data", "download", "1", "dataset_1_anneal.arff"))
        self.assertEqual((anneal.rows, anneal.cells), (898, 0))
        self.assertIn("family", anneal.question_mark_levels())

    def test_sparse(self):
        dexter = read_missing(recordings("test", "labs", "beta", "Projects", "autoweka", "datasets", "dexter.zip"))
        self.assertTrue(dexter.sparse)
        self.assertEqual(len(dexter.attributes), 20001)
        self.assertEqual(dexter.cells, 0)


if __name__ == "__main__":
    unittest.main()
