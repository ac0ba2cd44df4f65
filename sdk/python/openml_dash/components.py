"""Pages and components as plain dicts, and their conversion to the wire.

A plugin builds its page from dicts, by hand or with the helpers here::

    page(tabs=[tab("missing", "Missing values", [
        heading("Missing values"),
        text("**3** of 40 rows have a missing value."),
        chart("bar", [series(y=[3, 0, 1])], x=axis("feature", categories=["a", "b", "c"])),
    ])])

Every component is a dict with a "type" ("heading", "text", "notice",
"table", "chart", "container", "select", "radio", "checklist", "button",
"link", "slot") and the fields of that type, named as in
sdk/proto/dashboard.proto; "id" names a component that callbacks read or
write. A misspelt field is an error, not silently dropped. Generated
protobuf messages (``dashboard_pb2.Component``, ...) are accepted anywhere
a dict is.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Optional, Sequence

from ._proto import dashboard_pb2 as pb

# ---- helpers that build the dicts -----------------------------------------


def page(tabs: Sequence = (), title: str = "", callbacks: Sequence = (), notice=None) -> dict:
    """A page, or a plugin's part of one: its tabs, the callbacks they use,
    and optionally a notice said once above all tabs."""
    return {"title": title, "tabs": list(tabs), "callbacks": list(callbacks), "notice": notice}


def tab(id: str, title: str, children: Sequence = ()) -> dict:
    return {"id": id, "title": title, "children": list(children)}


def heading(text: str, level: int = 2, id: str = "") -> dict:
    return {"type": "heading", "id": id, "text": text, "level": level}


def text(markdown: str, id: str = "") -> dict:
    return {"type": "text", "id": id, "markdown": markdown}


def notice(summary: str, detail: str = "", level: str = "info", id: str = "") -> dict:
    """A boxed message; ``level`` is "info", "warning" or "error"."""
    return {"type": "notice", "id": id, "level": level, "summary": summary, "detail": detail}


def column(id: str, title: str = "", type: str = "text") -> dict:
    """A table column; ``type`` is "text", "number", "bool" or "link"."""
    return {"id": id, "title": title or id, "type": type}


def cell(value: Any = None, style: int = 0, label: str = "") -> dict:
    """A table cell with a shade (``style`` 0 plain, 1..4 rising) or, for
    a link cell (an EntityRef value), its ``label``. Plain values (None for
    missing, str, int, float, bool, EntityRef) can stand for a cell too."""
    return {"value": value, "style": style, "label": label}


def row(cells: Sequence, emphasis: bool = False) -> dict:
    """A table row, drawn highlighted with ``emphasis``. A plain list can
    stand for a row."""
    return {"cells": list(cells), "emphasis": emphasis}


def table(columns: Sequence, rows: Sequence, id: str = "", selection: str = "none",
          selected_rows: Sequence[int] = (), sortable: bool = False, filterable: bool = False) -> dict:
    """A table; ``columns`` are column() dicts or titles, ``rows`` lists of
    cells or row() dicts; ``selection`` is "none", "single" or "multi"."""
    return {"type": "table", "id": id, "columns": list(columns), "rows": list(rows), "selection": selection,
            "selected_rows": list(selected_rows), "sortable": sortable, "filterable": filterable}


def axis(title: str = "", categories: Optional[Sequence[str]] = None, log: bool = False, time: bool = False) -> dict:
    return {"title": title, "categories": list(categories or ()), "log": log, "time": time}


def series(name: str = "", x: Sequence = (), y: Sequence = (), z: Sequence = (), labels: Sequence[str] = (),
           color: Sequence = (), links: Sequence = (), dims: Sequence[Sequence] = ()) -> dict:
    """A chart's series. On a categorical axis, values index its categories;
    a heatmap's ``z`` is row-major over the y then x categories; None is a
    missing value."""
    return {"name": name, "x": list(x), "y": list(y), "z": list(z), "labels": list(labels),
            "color": list(color), "links": list(links), "dims": [list(d) for d in dims]}


CHART_KINDS = {
    "bar": pb.CHART_KIND_BAR, "stacked_bar": pb.CHART_KIND_STACKED_BAR, "grouped_bar": pb.CHART_KIND_GROUPED_BAR,
    "histogram": pb.CHART_KIND_HISTOGRAM, "scatter": pb.CHART_KIND_SCATTER, "line": pb.CHART_KIND_LINE,
    "box": pb.CHART_KIND_BOX, "heatmap": pb.CHART_KIND_HEATMAP, "violin": pb.CHART_KIND_VIOLIN,
    "scatter_matrix": pb.CHART_KIND_SCATTER_MATRIX, "pie": pb.CHART_KIND_PIE,
    "parallel_categories": pb.CHART_KIND_PARALLEL_CATEGORIES,
}


def chart(kind: str, series: Sequence = (), title: str = "", x: Optional[dict] = None, y: Optional[dict] = None,
          id: str = "", legend: bool = False, horizontal: bool = False, bar_mode: str = "auto", height: int = 0,
          color_axis: Optional[dict] = None, dimensions: Sequence = ()) -> dict:
    """A chart drawn by the host; ``kind`` is one of CHART_KINDS,
    ``bar_mode`` "auto", "stack", "group" or "overlay", ``height`` the
    preferred height at scale 1 (0: the host's default)."""
    return {"type": "chart", "id": id, "kind": kind, "title": title, "x_axis": x, "y_axis": y,
            "series": list(series), "legend": legend, "horizontal": horizontal, "bar_mode": bar_mode,
            "height": height, "color_axis": color_axis, "dimensions": list(dimensions)}


def container(children: Sequence = (), direction: str = "column", grid_columns: int = 0, id: str = "") -> dict:
    """Children laid out in a "column", a "row" or a "grid" of grid_columns."""
    return {"type": "container", "id": id, "direction": direction, "grid_columns": grid_columns,
            "children": list(children)}


def options(*values) -> list:
    """Options from values: a string is its own label; a (label, value) pair is both."""
    return [{"label": v, "value": v} if isinstance(v, str) else {"label": v[0], "value": v[1]} for v in values]


def select(id: str, options: Sequence, values: Sequence[str] = (), label: str = "", multi: bool = False,
           disabled: bool = False) -> dict:
    return {"type": "select", "id": id, "label": label, "options": list(options), "multi": multi,
            "values": list(values), "disabled": disabled}


def radio(id: str, options: Sequence, value: str = "", label: str = "", disabled: bool = False) -> dict:
    return {"type": "radio", "id": id, "label": label, "options": list(options), "value": value,
            "disabled": disabled}


def checklist(id: str, options: Sequence, values: Sequence[str] = (), label: str = "",
              disabled: bool = False) -> dict:
    return {"type": "checklist", "id": id, "label": label, "options": list(options), "values": list(values),
            "disabled": disabled}


def button(id: str, label: str, disabled: bool = False) -> dict:
    return {"type": "button", "id": id, "label": label, "disabled": disabled}


def link(text: str, ref) -> dict:
    """A link that opens another entity's page (``ref`` an EntityRef)."""
    return {"type": "link", "text": text, "ref": ref}


def slot(id: str, children: Sequence = ()) -> dict:
    """A placeholder whose children callbacks replace."""
    return {"type": "slot", "id": id, "children": list(children)}


def callback(id: str, inputs: Sequence, outputs: Sequence, state: Sequence = (),
             prevent_initial_call: bool = False) -> dict:
    """Declares, Dash style, that the plugin's handler ``id`` computes
    ``outputs`` from ``inputs`` (and ``state``). Each is a
    (component_id, property) pair, or "component_id.property". The host
    calls it when the page loads (unless prevent_initial_call) and whenever
    an input changes."""
    return {"id": id, "inputs": list(inputs), "state": list(state), "outputs": list(outputs),
            "prevent_initial_call": prevent_initial_call}


# ---- conversion to the wire ------------------------------------------------


class Fields:
    """Reads a dict's fields once each, so that leftovers (typos) are caught."""

    def __init__(self, d: dict, what: str):
        if not isinstance(d, dict):
            raise TypeError(f"{what}: expected a dict, got {type(d).__name__}")
        self._d, self._what, self._used = d, what, set()

    def get(self, key: str, default=None):
        self._used.add(key)
        v = self._d.get(key)
        return default if v is None else v

    def done(self) -> None:
        extra = sorted(set(self._d) - self._used)
        if extra:
            raise ValueError(f"{self._what} has no field {', '.join(map(repr, extra))}")


def _enum(table: dict, value, what: str) -> int:
    if isinstance(value, int):
        return value
    try:
        return table[value]
    except KeyError:
        raise ValueError(f"{what}: unknown value {value!r}; one of {', '.join(map(repr, table))}") from None


NOTICE_LEVELS = {"info": pb.NOTICE_LEVEL_INFO, "warning": pb.NOTICE_LEVEL_WARNING, "error": pb.NOTICE_LEVEL_ERROR}
CELL_TYPES = {"text": pb.CELL_TYPE_TEXT, "number": pb.CELL_TYPE_NUMBER, "bool": pb.CELL_TYPE_BOOL,
              "link": pb.CELL_TYPE_LINK}
SELECTIONS = {"none": pb.SELECTION_NONE, "single": pb.SELECTION_SINGLE, "multi": pb.SELECTION_MULTI}
BAR_MODES = {"auto": pb.BAR_MODE_AUTO, "stack": pb.BAR_MODE_STACK, "group": pb.BAR_MODE_GROUP,
             "overlay": pb.BAR_MODE_OVERLAY}
DIRECTIONS = {"column": pb.DIRECTION_COLUMN, "row": pb.DIRECTION_ROW, "grid": pb.DIRECTION_GRID}


def to_page(p) -> pb.Page:
    """The Page message of a page dict (see ``page``)."""
    if isinstance(p, pb.Page):
        return p
    f = Fields(p, "page")
    out = pb.Page(title=f.get("title", ""))
    for t in f.get("tabs", ()):
        if isinstance(t, pb.Tab):
            out.tabs.append(t)
            continue
        tf = Fields(t, "tab")
        out.tabs.append(pb.Tab(id=tf.get("id", ""), title=tf.get("title", ""),
                               children=[to_component(c) for c in tf.get("children", ())]))
        tf.done()
    out.callbacks.extend(to_callback_spec(c) for c in f.get("callbacks", ()))
    n = f.get("notice")
    if n is not None:
        out.notice.CopyFrom(to_component(n).notice if isinstance(n, dict) else n)
    f.done()
    return out


def prop_ref(r) -> pb.PropRef:
    """A PropRef from (component_id, property) or "component_id.property"."""
    if isinstance(r, pb.PropRef):
        return r
    if isinstance(r, str):
        cid, dot, prop = r.rpartition(".")
        if not dot:
            raise ValueError(f"property reference {r!r}: expected 'component_id.property'")
        return pb.PropRef(component_id=cid, property=prop)
    cid, prop = r
    return pb.PropRef(component_id=cid, property=prop)


def to_callback_spec(c) -> pb.CallbackSpec:
    if isinstance(c, pb.CallbackSpec):
        return c
    f = Fields(c, "callback")
    out = pb.CallbackSpec(id=f.get("id", ""), prevent_initial_call=bool(f.get("prevent_initial_call", False)))
    out.inputs.extend(prop_ref(r) for r in f.get("inputs", ()))
    out.state.extend(prop_ref(r) for r in f.get("state", ()))
    out.outputs.extend(prop_ref(r) for r in f.get("outputs", ()))
    f.done()
    return out


def to_component(c) -> pb.Component:
    """The Component message of a component dict."""
    if isinstance(c, pb.Component):
        return c
    if not isinstance(c, dict):
        raise TypeError(f"a component is a dict (or a dashboard_pb2.Component), not a {type(c).__name__}")
    kind, cid = c.get("type"), c.get("id") or ""
    conv = _COMPONENTS.get(kind)
    if conv is None:
        where = f"component {cid!r}" if cid else "component"
        raise ValueError(f"{where}: unknown type {kind!r}; one of {', '.join(_COMPONENTS)}")
    f = Fields(c, f"{kind} {cid!r}" if cid else kind)
    f.get("type")
    out = pb.Component(id=f.get("id", ""))
    conv(out, f)
    f.done()
    return out


def _heading(out, f):
    out.heading.text, out.heading.level = f.get("text", ""), int(f.get("level", 0))


def _text(out, f):
    out.text.markdown = f.get("markdown", "")
    out.text.SetInParent()


def _notice(out, f):
    out.notice.level = _enum(NOTICE_LEVELS, f.get("level", "info"), "notice level")
    out.notice.summary, out.notice.detail = f.get("summary", ""), f.get("detail", "")
    out.notice.SetInParent()


def _table(out, f):
    t = out.table
    t.SetInParent()
    for c in f.get("columns", ()):
        if isinstance(c, str):
            c = {"id": c, "title": c}
        cf = Fields(c, "table column")
        t.columns.add(id=cf.get("id", ""), title=cf.get("title", ""),
                      type=_enum(CELL_TYPES, cf.get("type", "text"), "column type"))
        cf.done()
    types = [col.type for col in t.columns]
    for r in f.get("rows", ()):
        emphasis = False
        if isinstance(r, dict):
            rf = Fields(r, "table row")
            cells, emphasis = rf.get("cells", ()), bool(rf.get("emphasis", False))
            rf.done()
        else:
            cells = r
        pr = t.rows.add(emphasis=emphasis)
        for j, v in enumerate(cells):
            _cell(pr.cells.add(), v, types[j] if j < len(types) else pb.CELL_TYPE_TEXT)
    t.selection = _enum(SELECTIONS, f.get("selection", "none"), "table selection")
    t.selected_rows.extend(int(i) for i in f.get("selected_rows", ()))
    t.sortable, t.filterable = bool(f.get("sortable", False)), bool(f.get("filterable", False))


def _cell(out: pb.Cell, v, column_type: int) -> None:
    if isinstance(v, dict):
        cf = Fields(v, "table cell")
        out.style_level, out.label = int(cf.get("style", 0)), cf.get("label", "")
        v = cf.get("value")
        cf.done()
    if v is None:
        return
    if isinstance(v, bool):
        out.flag = v
    elif isinstance(v, (int, float)):
        if isinstance(v, float) and math.isnan(v):
            return  # a missing number
        out.number = float(v)
    elif isinstance(v, str):
        out.text = v
    elif hasattr(v, "to_proto"):
        out.link.CopyFrom(v.to_proto())
    elif isinstance(v, pb.EntityRef):
        out.link.CopyFrom(v)
    else:
        raise TypeError(f"table cell: cannot show a {type(v).__name__}")


def _axis(out: pb.Axis, a) -> None:
    if a is None:
        return
    if isinstance(a, pb.Axis):
        out.CopyFrom(a)
        return
    if isinstance(a, str):
        a = {"title": a}
    f = Fields(a, "chart axis")
    out.title, out.log, out.time = f.get("title", ""), bool(f.get("log", False)), bool(f.get("time", False))
    out.categories.extend(str(c) for c in f.get("categories", ()))
    f.done()


def _floats(vs: Iterable) -> list:
    return [math.nan if v is None else float(v) for v in vs]


def _chart(out, f):
    ch = out.chart
    ch.SetInParent()
    ch.kind = _enum(CHART_KINDS, f.get("kind", "bar"), "chart kind")
    ch.title = f.get("title", "")
    _axis(ch.x_axis, f.get("x_axis"))
    _axis(ch.y_axis, f.get("y_axis"))
    _axis(ch.color_axis, f.get("color_axis"))
    for d in f.get("dimensions", ()):
        _axis(ch.dimensions.add(), d)
    ch.legend, ch.horizontal = bool(f.get("legend", False)), bool(f.get("horizontal", False))
    ch.bar_mode = _enum(BAR_MODES, f.get("bar_mode", "auto"), "chart bar_mode")
    ch.height = int(f.get("height", 0))
    for s in f.get("series", ()):
        if isinstance(s, pb.Series):
            ch.series.append(s)
            continue
        sf = Fields(s, "chart series")
        ps = ch.series.add(name=sf.get("name", ""))
        ps.x.extend(_floats(sf.get("x", ())))
        ps.y.extend(_floats(sf.get("y", ())))
        ps.z.extend(_floats(sf.get("z", ())))
        ps.color.extend(_floats(sf.get("color", ())))
        ps.labels.extend(str(l) for l in sf.get("labels", ()))
        for ref in sf.get("links", ()):
            ps.links.append(ref if isinstance(ref, pb.EntityRef) else ref.to_proto())
        for d in sf.get("dims", ()):
            ps.dims.add().values.extend(_floats(d))
        sf.done()


def _container(out, f):
    c = out.container
    c.SetInParent()
    c.direction = _enum(DIRECTIONS, f.get("direction", "column"), "container direction")
    c.grid_columns = int(f.get("grid_columns", 0))
    c.children.extend(to_component(ch) for ch in f.get("children", ()))


def _options(opts) -> list:
    out = []
    for o in opts:
        if isinstance(o, str):
            o = {"label": o, "value": o}
        of = Fields(o, "option")
        out.append(pb.Option(label=str(of.get("label", "")), value=str(of.get("value", ""))))
        of.done()
    return out


def _select(out, f):
    s = out.select
    s.SetInParent()
    s.label, s.multi, s.disabled = f.get("label", ""), bool(f.get("multi", False)), bool(f.get("disabled", False))
    s.options.extend(_options(f.get("options", ())))
    s.values.extend(f.get("values", ()))


def _radio(out, f):
    r = out.radio
    r.SetInParent()
    r.label, r.value, r.disabled = f.get("label", ""), f.get("value", ""), bool(f.get("disabled", False))
    r.options.extend(_options(f.get("options", ())))


def _checklist(out, f):
    c = out.checklist
    c.SetInParent()
    c.label, c.disabled = f.get("label", ""), bool(f.get("disabled", False))
    c.options.extend(_options(f.get("options", ())))
    c.values.extend(f.get("values", ()))


def _button(out, f):
    out.button.label, out.button.disabled = f.get("label", ""), bool(f.get("disabled", False))
    out.button.SetInParent()


def _link(out, f):
    out.link.text = f.get("text", "")
    ref = f.get("ref")
    if ref is not None:
        out.link.ref.CopyFrom(ref if isinstance(ref, pb.EntityRef) else ref.to_proto())
    out.link.SetInParent()


def _slot(out, f):
    out.slot.SetInParent()
    out.slot.children.extend(to_component(ch) for ch in f.get("children", ()))


_COMPONENTS = {
    "heading": _heading, "text": _text, "notice": _notice, "table": _table, "chart": _chart,
    "container": _container, "select": _select, "radio": _radio, "checklist": _checklist,
    "button": _button, "link": _link, "slot": _slot,
}


# ---- callback values -------------------------------------------------------


def to_value(v) -> pb.Value:
    """The Value message of a property value: None, str, list of str, int,
    list of int, float, bool, or a list of components (a slot's or a
    container's children)."""
    out = pb.Value()
    if v is None:
        return out
    if isinstance(v, pb.Value):
        return v
    if isinstance(v, bool):
        out.flag = v
    elif isinstance(v, int):
        out.int = v
    elif isinstance(v, float):
        out.num = v
    elif isinstance(v, str):
        out.str = v
    elif isinstance(v, (list, tuple)):
        items = list(v)
        if not items:
            # The host reads an empty list of ints as an empty list of
            # any kind: no strings, no rows, no children.
            out.ints.SetInParent()
        elif all(isinstance(i, str) for i in items):
            out.strs.values.extend(items)
        elif all(isinstance(i, int) and not isinstance(i, bool) for i in items):
            out.ints.values.extend(items)
        elif all(isinstance(i, (dict, pb.Component)) for i in items):
            out.children.SetInParent()
            out.children.components.extend(to_component(c) for c in items)
        else:
            raise TypeError("a list property value holds only strings, only ints, or only components")
    elif isinstance(v, dict):
        out.children.components.append(to_component(v))
    else:
        raise TypeError(f"cannot send a {type(v).__name__} as a property value")
    return out


def from_value(v: pb.Value):
    """The Python value of a Value message: None, str, list of str, int,
    list of int, float, bool, or a list of Component messages."""
    kind = v.WhichOneof("kind")
    if kind is None:
        return None
    if kind == "strs":
        return list(v.strs.values)
    if kind == "ints":
        return list(v.ints.values)
    if kind == "children":
        return list(v.children.components)
    return getattr(v, kind)
