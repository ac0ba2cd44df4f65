"""Pages, components, values and patches from dicts to the wire messages."""

import math
import unittest

import openml_dash as od
from openml_dash._proto import dashboard_pb2 as pb
from openml_dash.components import from_value, prop_ref, to_component, to_page, to_value
from openml_dash.plugin import to_patch


class ComponentTest(unittest.TestCase):
    def test_every_component_type(self):
        ref = od.EntityRef(server="", kind=od.Kind.TASK, id=59)
        cases = [
            (od.heading("Title", level=3, id="h"), "heading", lambda c: (c.heading.text, c.heading.level), ("Title", 3)),
            (od.text("*md*"), "text", lambda c: c.text.markdown, "*md*"),
            (od.text(""), "text", lambda c: c.text.markdown, ""),
            (od.notice("Careful", "why", "warning"), "notice",
             lambda c: (c.notice.level, c.notice.summary, c.notice.detail), (pb.NOTICE_LEVEL_WARNING, "Careful", "why")),
            (od.button("go", "Go", disabled=True), "button", lambda c: (c.button.label, c.button.disabled), ("Go", True)),
            (od.link("task 59", ref), "link", lambda c: (c.link.text, c.link.ref.kind, c.link.ref.id), ("task 59", pb.KIND_TASK, 59)),
            (od.slot("s"), "slot", lambda c: len(c.slot.children), 0),
            (od.select("sel", od.options("a", ("Bee", "b")), values=["b"], label="Pick", multi=True), "select",
             lambda c: ([(o.label, o.value) for o in c.select.options], list(c.select.values), c.select.multi),
             ([("a", "a"), ("Bee", "b")], ["b"], True)),
            (od.radio("r", ["x", "y"], value="y"), "radio", lambda c: (c.radio.value, len(c.radio.options)), ("y", 2)),
            (od.checklist("c", ["x"], values=[]), "checklist", lambda c: list(c.checklist.values), []),
            (od.container([od.text("a"), od.text("b")], direction="grid", grid_columns=2), "container",
             lambda c: (c.container.direction, c.container.grid_columns, len(c.container.children)), (pb.DIRECTION_GRID, 2, 2)),
        ]
        for d, kind, get, want in cases:
            with self.subTest(kind=kind):
                c = to_component(d)
                self.assertEqual(c.WhichOneof("kind"), kind)
                self.assertEqual(get(c), want)
        self.assertEqual(to_component(od.heading("x", id="h")).id, "h")

    def test_table(self):
        ref = od.EntityRef(kind=od.Kind.DATA, id=61)
        t = to_component(od.table(
            [od.column("name", "Name"), od.column("n", "Count", "number"), "plain", od.column("ok", "OK", "bool"),
             od.column("l", "Link", "link")],
            [["a", 3, None, True, ref],
             od.row([od.cell("b", style=2), float("nan"), "x", False, od.cell(ref, label="iris")], emphasis=True)],
            id="t", selection="multi", selected_rows=[1], sortable=True)).table
        self.assertEqual([c.type for c in t.columns], [pb.CELL_TYPE_TEXT, pb.CELL_TYPE_NUMBER, pb.CELL_TYPE_TEXT,
                                                       pb.CELL_TYPE_BOOL, pb.CELL_TYPE_LINK])
        self.assertEqual(t.columns[2].title, "plain")
        r0, r1 = t.rows
        self.assertEqual([c.WhichOneof("value") for c in r0.cells], ["text", "number", None, "flag", "link"])
        self.assertEqual(r0.cells[1].number, 3.0)
        self.assertEqual(r0.cells[4].link.id, 61)
        self.assertTrue(r1.emphasis)
        self.assertEqual(r1.cells[0].style_level, 2)
        self.assertIsNone(r1.cells[1].WhichOneof("value"), "NaN is a missing number")
        self.assertEqual(r1.cells[4].label, "iris")
        self.assertEqual((t.selection, list(t.selected_rows), t.sortable), (pb.SELECTION_MULTI, [1], True))

    def test_chart(self):
        c = to_component(od.chart(
            "heatmap", [od.series("s", z=[1, None, 3], labels=["a", "b", "c"])], title="T",
            x=od.axis("x", categories=["p", "q", "r"]), y="y", color_axis=od.axis("rows", log=True),
            height=300, bar_mode="stack", horizontal=True, id="c")).chart
        self.assertEqual((c.kind, c.title, c.height, c.bar_mode, c.horizontal),
                         (pb.CHART_KIND_HEATMAP, "T", 300, pb.BAR_MODE_STACK, True))
        self.assertEqual(list(c.x_axis.categories), ["p", "q", "r"])
        self.assertEqual(c.y_axis.title, "y")
        self.assertTrue(c.color_axis.log)
        self.assertEqual(c.series[0].z[0], 1.0)
        self.assertTrue(math.isnan(c.series[0].z[1]), "None is a missing value")
        m = to_component(od.chart("scatter_matrix", [od.series(dims=[[1, 2], [3, None]])], dimensions=[od.axis("a"), od.axis("b")])).chart
        self.assertEqual([a.title for a in m.dimensions], ["a", "b"])
        self.assertEqual(list(m.series[0].dims[0].values), [1.0, 2.0])

    def test_mistakes_are_errors(self):
        with self.assertRaisesRegex(ValueError, "has no field 'colums'"):
            to_component({"type": "table", "colums": []})
        with self.assertRaisesRegex(ValueError, "unknown type 'tabel'"):
            to_component({"type": "tabel"})
        with self.assertRaisesRegex(ValueError, "chart kind: unknown value 'pie chart'"):
            to_component(od.chart("pie chart"))
        with self.assertRaisesRegex(ValueError, "notice level"):
            to_component(od.notice("x", level="fatal"))
        with self.assertRaisesRegex(TypeError, "cannot show a set"):
            to_component(od.table(["a"], [[{1}]]))
        with self.assertRaisesRegex(ValueError, "has no field 'kids'"):
            to_page({"tabs": [{"id": "t", "title": "T", "kids": []}]})

    def test_page(self):
        p = to_page(od.page(
            title="P", notice=od.notice("Whole page", level="error"),
            tabs=[od.tab("a", "A", [od.text("x")])],
            callbacks=[od.callback("cb", inputs=[("sel", "value")], state=["t.selected_rows"], outputs=["slot.children"],
                                   prevent_initial_call=True)]))
        self.assertEqual((p.title, p.tabs[0].id, p.tabs[0].title), ("P", "a", "A"))
        self.assertEqual(p.notice.summary, "Whole page")
        self.assertEqual(p.notice.level, pb.NOTICE_LEVEL_ERROR)
        cb = p.callbacks[0]
        self.assertEqual((cb.id, cb.prevent_initial_call), ("cb", True))
        self.assertEqual(cb.inputs[0], pb.PropRef(component_id="sel", property="value"))
        self.assertEqual(cb.state[0], pb.PropRef(component_id="t", property="selected_rows"))
        self.assertFalse(to_page(od.page()).HasField("notice"))
        # Messages pass through.
        self.assertIs(to_page(p), p)
        self.assertEqual(to_page({"tabs": [pb.Tab(id="raw")]}).tabs[0].id, "raw")

    def test_prop_ref(self):
        self.assertEqual(prop_ref("a.b.children"), pb.PropRef(component_id="a.b", property="children"))
        with self.assertRaises(ValueError):
            prop_ref("nodot")


class ValueTest(unittest.TestCase):
    def test_round_trip(self):
        for v in [None, "s", ["a", "b"], 3, [1, 2], 2.5, True, False]:
            with self.subTest(v=v):
                self.assertEqual(from_value(to_value(v)), v)

    def test_kinds(self):
        self.assertEqual(to_value(True).WhichOneof("kind"), "flag", "a bool is not an int")
        self.assertEqual(to_value([]).WhichOneof("kind"), "ints", "an empty list: the host reads it as any list")
        kids = to_value([od.text("a"), od.heading("b")])
        self.assertEqual([c.WhichOneof("kind") for c in from_value(kids)], ["text", "heading"])
        with self.assertRaises(TypeError):
            to_value([1, "a"])
        with self.assertRaises(TypeError):
            to_value(object())


class PatchTest(unittest.TestCase):
    def test_patch(self):
        p = to_patch({("slot", "children"): [od.text("x")], "sel.value": od.NO_UPDATE, ("r", "disabled"): True})
        self.assertFalse(p.prevent_update)
        slot, sel, r = p.outputs
        self.assertEqual(slot.ref.component_id, "slot")
        self.assertEqual(slot.value.children.components[0].text.markdown, "x")
        self.assertTrue(sel.no_update)
        self.assertTrue(r.value.flag)
        self.assertTrue(to_patch(od.PREVENT_UPDATE).prevent_update)
        with self.assertRaises(TypeError):
            to_patch(None)


class EntityRefTest(unittest.TestCase):
    def test_ref(self):
        r = od.EntityRef.from_proto(pb.EntityRef(server="file:///data/x.arff", kind=pb.KIND_DATA))
        self.assertEqual(r.local_file, "/data/x.arff")
        self.assertEqual(str(r), "/data/x.arff")
        r = od.EntityRef.from_proto(pb.EntityRef(server="demo", kind=pb.KIND_DATA, id=1))
        self.assertIsNone(r.local_file)
        self.assertEqual(str(r), "demo/d/1")
        self.assertEqual(r.to_proto().id, 1)
        self.assertEqual(od.EntityRef.from_proto(pb.EntityRef(kind=99)).kind, od.Kind.UNSPECIFIED, "a kind from a newer host")


if __name__ == "__main__":
    unittest.main()
