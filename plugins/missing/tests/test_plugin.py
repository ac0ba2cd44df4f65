"""The tab the plugin builds, with the host played by a stub: the numbers
on it, and what it says when there is nothing to count or no file."""

import os
import shutil
import tempfile
import unittest

import openml_dash as od
from openml_dash.components import to_component
from openml_dash.plugin import to_patch

from missing.plugin import BARS, BODY, CALLBACK, ORDER, PATTERN_MAP, PATTERN_TABLE, SUMMARY, MissingValues

FLOWERS = """@relation flowers
@attribute petals numeric
@attribute colour {red, white}
@attribute soil {clay, sand}
@attribute family {lily, rose}
@data
5,red,clay,lily
?,red,?,rose
6,?,?,lily
?,white,?,rose
7,white,sand,?
8,red,clay,lily
"""

DESCRIPTION = """<oml:data_set_description xmlns:oml="http://openml.org/openml">
  <oml:id>{id}</oml:id>
  <oml:name>flowers</oml:name>
  <oml:format>{format}</oml:format>
  <oml:url>https://example.invalid/data/download/{id}/flowers.arff</oml:url>
  <oml:default_target_attribute>family</oml:default_target_attribute>
  <oml:md5_checksum>0123456789abcdef0123456789abcdef</oml:md5_checksum>
</oml:data_set_description>"""


class StubHost:
    """Host.fetch_api and fetch_file from a dict; records the rest."""

    def __init__(self, files, tmp):
        self.files, self.tmp, self.fetched, self.progress_calls = files, tmp, [], []

    def fetch_api(self, path, refresh=False):
        self.fetched.append(path)
        if path not in self.files:
            raise od.FetchError(f"{path}: not found", od.NOT_FOUND)
        return self.files[path].encode()

    def fetch_file(self, url, md5=None):
        self.fetched.append((url, md5))
        if url not in self.files:
            raise od.FetchError(f"{url}: the server could not be reached", od.UNAVAILABLE)
        path = os.path.join(self.tmp, url.replace("/", "_"))
        if not os.path.exists(path):  # a cache: the same file while unchanged
            with open(path, "w") as f:
                f.write(self.files[url])
        return path

    def progress(self, label, done, total=-1):
        self.progress_calls.append((label, done, total))

    def log(self, message, level="info"):
        pass


def dataset(id, arff=FLOWERS, format="ARFF"):
    files = {f"data/{id}": DESCRIPTION.format(id=id, format=format)}
    if arff is not None:
        files[f"https://example.invalid/data/download/{id}/flowers.arff"] = arff
    return files


class PluginTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.plugin = MissingValues()

    def call(self, files, id=7, order="count"):
        host = StubHost(files, self.tmp)
        ref = od.EntityRef(server="https://www.openml.org", kind=od.Kind.DATA, id=id)
        req = od.CallbackRequest(ref=ref, host=host, id=CALLBACK, inputs={(ORDER, "value"): order})
        patch = to_patch(self.plugin.callback(req))
        out = {(o.ref.component_id, o.ref.property): o.value for o in patch.outputs}
        return host, out

    def find(self, comps, id):
        for c in comps:
            if c.id == id:
                return c
        self.fail(f"no component {id!r} in {[c.id or c.WhichOneof('kind') for c in comps]}")

    def test_layout_is_the_tab_frame(self):
        page = self.plugin.layout(od.LayoutRequest(ref=od.EntityRef(kind=od.Kind.DATA, id=1), host=None))
        from openml_dash.components import to_page
        p = to_page(page)
        self.assertEqual([(t.id, t.title) for t in p.tabs], [("missing", "Missing values")])
        self.assertEqual([c.id for c in p.tabs[0].children], [SUMMARY, ORDER, BODY])
        self.assertEqual(p.callbacks[0].id, CALLBACK)

    def test_counts(self):
        host, out = self.call(dataset(7))
        self.assertEqual(host.fetched[0], "data/7")
        self.assertEqual(host.fetched[1], ("https://example.invalid/data/download/7/flowers.arff", "0123456789abcdef0123456789abcdef"))
        self.assertTrue(host.progress_calls, "progress is reported")
        summary = out[(SUMMARY, "children")].children.components
        text = summary[0].text.markdown
        self.assertIn("**4** of **6** rows (66.7%) have at least one missing value", text)
        self.assertIn("**4** of **4** features have missing values: **7** values in all, 29.2% of the 24 values", text)
        self.assertIn("**4** patterns", text)
        self.assertIn("The target, family, is missing in 1 row.", text)
        self.assertFalse(out[(ORDER, "disabled")].flag)

        body = out[(BODY, "children")].children.components
        bars = self.find(body, BARS).chart
        self.assertEqual(list(bars.x_axis.categories), ["soil", "petals", "colour", "family"])
        self.assertEqual(list(bars.series[0].y), [3, 2, 1, 1])
        self.assertEqual(bars.series[0].labels[0], "soil: missing in 3 of 6 rows (50.0%)")

        table = self.find(body, PATTERN_TABLE).table
        rows = [[c.WhichOneof("value") and getattr(c, c.WhichOneof("value")) for c in r.cells] for r in table.rows]
        self.assertEqual(rows, [
            [1, 2, 33.3, 0, "(none: complete rows)"],
            [2, 2, 33.3, 2, "petals, soil"],
            [3, 1, 16.7, 1, "family"],
            [4, 1, 16.7, 2, "colour, soil"],
        ])
        heat = self.find(body, PATTERN_MAP).chart
        self.assertEqual(list(heat.x_axis.categories), ["petals", "colour", "soil", "family"])
        self.assertEqual(list(heat.y_axis.categories), ["1: 2 rows (complete)", "2: 2 rows", "3: 1 row", "4: 1 row"])
        z = [None if v != v else v for v in heat.series[0].z]
        self.assertEqual(z, [None, None, None, None,
                             2, None, 2, None,
                             None, None, None, 1,
                             None, 1, 1, None])

    def test_file_order_and_reuse(self):
        host, _ = self.call(dataset(7))
        self.assertTrue(host.progress_calls)
        host, out = self.call(dataset(7), order="file")
        self.assertEqual(host.progress_calls, [], "the radio reuses the counts of the unchanged file")
        bars = self.find(out[(BODY, "children")].children.components, BARS).chart
        self.assertEqual(list(bars.x_axis.categories), ["petals", "colour", "soil", "family"])
        self.assertEqual(list(bars.series[0].y), [2, 1, 3, 1])

    def test_no_missing_values(self):
        arff = "@relation r\n@attribute a {'?', x}\n@attribute b numeric\n@data\n'?',1\nx,2\n"
        _, out = self.call(dataset(8, arff), id=8)
        notice = out[(SUMMARY, "children")].children.components[0].notice
        self.assertEqual(notice.summary, "No missing values")
        self.assertEqual(notice.detail, "None of the 2 rows of flowers.arff has a missing value in any of its 2 features.")
        self.assertTrue(out[(ORDER, "disabled")].flag)
        note = out[(BODY, "children")].children.components[0].text.markdown
        self.assertIn("a declares '?' as a category", note)

    def test_problems_are_said_on_the_tab(self):
        cases = {
            "no description": ({}, "The dataset's description could not be loaded", "data/9: not found"),
            "no file": (dataset(9, None), "The data file could not be loaded", "the server could not be reached"),
            "parquet": (dataset(9, format="Parquet"), "This plugin reads ARFF files; this dataset's file is Parquet", ""),
            "not arff": (dataset(9, "a,b\n1,2\n"), "The data file could not be read as ARFF", "flowers.arff: line 1: expected @relation"),
        }
        for name, (files, summary, detail) in cases.items():
            with self.subTest(name):
                self.plugin = MissingValues()
                _, out = self.call(files, id=9)
                notice = out[(SUMMARY, "children")].children.components[0].notice
                self.assertEqual(notice.summary, summary)
                self.assertIn(detail, notice.detail)
                self.assertTrue(out[(ORDER, "disabled")].flag)

    def test_many_features_and_patterns_are_capped(self):
        n = 40
        header = "@relation wide\n" + "".join(f"@attribute f{j} numeric\n" for j in range(n)) + "@data\n"
        rows = []
        for i in range(120):  # row i misses f(i % 40) and, for i >= 40, f((i // 40) * 7 % 40) too
            vals = ["1"] * n
            vals[i % n] = "?"
            if i >= n:
                vals[(i // n) * 7 % n] = "?"
            rows.append(",".join(vals))
        _, out = self.call(dataset(10, header + "\n".join(rows) + "\n"), id=10)
        summary = out[(SUMMARY, "children")].children.components
        self.assertEqual(summary[1].heading.text, "Missing values per feature: the 30 with the most of 40")
        body = out[(BODY, "children")].children.components
        self.assertEqual(len(self.find(body, BARS).chart.series[0].y), 30)
        self.assertEqual(len(self.find(body, PATTERN_MAP).chart.y_axis.categories), 15)
        self.assertEqual(len(self.find(body, PATTERN_TABLE).table.rows), 50)
        self.assertIn("are not listed", body[-1].text.markdown)
        for c in body:  # every component converts
            to_component(c)


if __name__ == "__main__":
    unittest.main()
