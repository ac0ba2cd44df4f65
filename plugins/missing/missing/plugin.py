"""The "Missing values" tab of data pages: an openml-dash plugin in Python.

Layout answers at once with the tab's frame; its callback, which the host
runs when the page opens, fetches the dataset's description and ARFF file
through the host, counts the missing values and fills the tab:

- how many rows, features and values are missing;
- a bar chart of the missing values per feature (most first, or in file
  order: the radio re-runs the callback, which reuses the counts);
- the missing-value patterns: which features are missing together, in how
  many rows, as a heatmap and a table.
"""

from __future__ import annotations

import os
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict

import openml_dash as od

from .arff import ArffError, Missing, read_missing

TAB = "missing"
SUMMARY = "missing-summary"  # slot: the counts in words, above the radio
ORDER = "missing-order"  # radio: bars by count or in file order
BODY = "missing-body"  # slot: the charts and the table
CALLBACK = "missing"
BARS = "missing-bars"
PATTERN_MAP = "missing-patterns-map"
PATTERN_TABLE = "missing-patterns"

BY_COUNT, FILE_ORDER = "count", "file"

#: Bars drawn at most: past a few dozen their labels cannot be read.
MAX_BARS = 30
#: Patterns the heatmap draws, and the features it has room for.
MAP_PATTERNS, MAP_FEATURES = 15, 30
#: Patterns the table lists.
TABLE_PATTERNS = 50

_OML = "{http://openml.org/openml}"


class MissingValues(od.Plugin):
    name = "missing"
    version = "0.1.0"
    kinds = [od.Kind.DATA]
    order = 10  # after the core data plugin's tabs (100)

    def __init__(self):
        self._cache = _Cache(4)

    def layout(self, req):
        return od.page(
            tabs=[od.tab(TAB, "Missing values", [
                od.slot(SUMMARY, [od.text("Counting the missing values…")]),
                od.radio(ORDER, od.options(("most missing first", BY_COUNT), ("file order", FILE_ORDER)),
                         value=BY_COUNT, label="Bars"),
                od.slot(BODY),
            ])],
            callbacks=[od.callback(CALLBACK, inputs=[(ORDER, "value")],
                                   outputs=[(SUMMARY, "children"), (BODY, "children"), (ORDER, "disabled")])],
        )

    @od.on(CALLBACK)
    def fill(self, req):
        located = locate(req.host, req.ref)
        if not isinstance(located, Located):
            return _problem(located)
        label = "counting missing values in " + located.file
        try:
            missing = self._read(located.path, lambda done, total: req.host.progress(label, done, total))
        except ArffError as e:
            return _problem(od.notice("The data file could not be read as ARFF", f"{located.file}: {e}", "warning"))
        except OSError as e:
            return _problem(od.notice("The data file could not be read", str(e), "warning"))
        summary, body = view(missing, located.target, req.value(ORDER, default=BY_COUNT), located.file)
        return {(SUMMARY, "children"): summary, (BODY, "children"): body, (ORDER, "disabled"): missing.cells == 0}

    def _read(self, path: str, progress) -> Missing:
        """The counts of the file at path, read once while it is unchanged:
        the radio's calls reuse them."""
        st = os.stat(path)
        key = (path, st.st_size, st.st_mtime_ns)
        missing = self._cache.get(key)
        if missing is None:
            missing = read_missing(path, progress)
            self._cache.put(key, missing)
        return missing


def _problem(notice: dict) -> dict:
    """The tab when there is nothing to count: why, in place of the summary."""
    return {(SUMMARY, "children"): [notice], (BODY, "children"): [], (ORDER, "disabled"): True}


class Located:
    """A dataset's data file, fetched: its local path, its name, and the
    dataset's target."""

    def __init__(self, path: str, file: str, target: str):
        self.path, self.file, self.target = path, file, target


def locate(host: od.Host, ref: od.EntityRef):
    """Fetch the dataset's description and ARFF file through the host (its
    cache makes a second time quick): a Located, or a notice saying why not."""
    try:
        desc = description(host.fetch_api(f"data/{ref.id}"))
    except od.FetchError as e:
        return od.notice("The dataset's description could not be loaded", e.message, "warning")
    except ET.ParseError as e:
        return od.notice("The dataset's description could not be read", f"data/{ref.id}: {e}", "warning")
    url = desc.get("url", "")
    if not url:
        return od.notice("This dataset names no data file", "Its description has no <oml:url>.", "info")
    fmt = desc.get("format", "").lower()
    if fmt and "arff" not in fmt:
        return od.notice(f"This plugin reads ARFF files; this dataset's file is {desc['format']}",
                         "The Features tab counts the missing values of each feature.", "info")
    try:
        path = host.fetch_file(url, md5=desc.get("md5_checksum"))
    except od.FetchError as e:
        return od.notice("The data file could not be loaded", e.message, "warning")
    return Located(path, os.path.basename(url), desc.get("default_target_attribute", ""))


def description(body: bytes) -> dict:
    """The fields of an OpenML dataset description, by tag without the namespace."""
    root = ET.fromstring(body)
    return {child.tag.replace(_OML, ""): (child.text or "").strip() for child in root}


def view(m: Missing, target: str, order: str, file: str) -> tuple:
    """The tab's components for the counts ``m``: those above the radio
    (the summary) and those below it (the charts and the table)."""
    names = [a.name for a in m.attributes]
    n_rows, n_feat = m.rows, len(names)
    if m.cells == 0:
        what = f"None of the {n_rows:,} rows of {file} has a missing value in any of its {n_feat} features."
        if n_rows == 0:
            what = f"{file} has no rows."
        return [od.notice("No missing values", what, "info")], _question_mark_note(m)

    with_missing = [j for j in range(n_feat) if m.per_attribute[j] > 0]
    cells = n_rows * n_feat
    summary = (
        f"**{m.incomplete_rows:,}** of **{n_rows:,}** rows ({_pct(m.incomplete_rows, n_rows)}) have at least one "
        f"missing value. **{len(with_missing)}** of **{n_feat}** features have missing values: "
        f"**{m.cells:,}** values in all, {_pct(m.cells, cells)} of the {cells:,} values of {_md(file)}. "
        f"The rows fall into **{len(m.patterns)}** {_plural(len(m.patterns), 'pattern')} of missing features."
    )
    if target in names and m.per_attribute[names.index(target)] > 0:
        k = m.per_attribute[names.index(target)]
        summary += f" The target, {_md(target)}, is missing in {k:,} {_plural(k, 'row')}."

    # Missing values per feature: the most missing ones, in either order.
    most = sorted(with_missing, key=lambda j: (-m.per_attribute[j], j))[:MAX_BARS]
    shown = most if order == BY_COUNT else sorted(most)
    title = "Missing values per feature"
    if len(shown) < len(with_missing):
        title += f": the {len(shown)} with the most of {len(with_missing)}"
    bars = od.chart(
        "bar", id=BARS, horizontal=True, height=120 + 22 * len(shown),
        x=od.axis("feature", categories=[names[j] for j in shown]),
        y=od.axis("missing values"),
        series=[od.series(
            name="missing values",
            y=[m.per_attribute[j] for j in shown],
            labels=[f"{names[j]}: missing in {m.per_attribute[j]:,} of {n_rows:,} rows "
                    f"({_pct(m.per_attribute[j], n_rows)})" for j in shown])])
    body = [bars]
    if len(with_missing) < n_feat:
        k = n_feat - len(with_missing)
        body.append(od.text(f"The other {k} {_plural(k, 'feature')} {'has' if k == 1 else 'have'} no missing values."))

    # Patterns: which features are missing together.
    patterns = sorted(m.patterns.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
    intro = "A pattern is the set of features a row misses; each row has exactly one. "
    if len(patterns) > MAP_PATTERNS:
        intro += f"The heatmap shows the {MAP_PATTERNS} most frequent of the {len(patterns)} patterns, most frequent first."
    else:
        intro += f"The {len(patterns)} {_plural(len(patterns), 'pattern')}, most frequent first:"
    body += [od.heading("Missing-value patterns", level=3), od.text(intro),
             _pattern_map(m, names, patterns[:MAP_PATTERNS]),
             _pattern_table(m, names, patterns[:TABLE_PATTERNS])]
    if len(patterns) > TABLE_PATTERNS:
        rest = sum(c for _, c in patterns[TABLE_PATTERNS:])
        k = len(patterns) - TABLE_PATTERNS
        body.append(od.text(f"{k} rarer {_plural(k, 'pattern')}, of {rest:,} {_plural(rest, 'row')} in all, "
                            f"{'is' if k == 1 else 'are'} not listed."))
    return [od.text(summary), od.heading(title, level=3)], body + _question_mark_note(m)


def _pattern_map(m: Missing, names: list, patterns: list) -> dict:
    """Patterns down, features across; a cell is coloured by the rows of
    its pattern where the feature is missing, and empty where it is not."""
    feats = sorted({j for p, _ in patterns for j in p}, key=lambda j: (-m.per_attribute[j], j))[:MAP_FEATURES]
    feats.sort()
    z, labels = [], []
    for i, (p, count) in enumerate(patterns):
        missing = set(p)
        for j in feats:
            if j in missing:
                z.append(count)
                labels.append(f"pattern {i + 1}: {names[j]} missing, with {len(p) - 1} other {_plural(len(p) - 1, 'feature')}, "
                              f"in {count:,} {_plural(count, 'row')}")
            else:
                z.append(None)
                labels.append(f"pattern {i + 1}: {names[j]} present")
    title = "Features missing together"
    if len(feats) < len({j for p, _ in patterns for j in p}):
        title += f" (the {len(feats)} features missing most)"
    return od.chart(
        "heatmap", id=PATTERN_MAP, title=title, height=140 + 26 * len(patterns),
        x=od.axis("feature", categories=[names[j] for j in feats]),
        y=od.axis("pattern", categories=[_pattern_label(i, p, c) for i, (p, c) in enumerate(patterns)]),
        color_axis=od.axis("rows"),
        series=[od.series(name="rows with the pattern", z=z, labels=labels)])


def _pattern_label(i: int, p: tuple, count: int) -> str:
    return f"{i + 1}: {count:,} {_plural(count, 'row')}" + (" (complete)" if not p else "")


def _pattern_table(m: Missing, names: list, patterns: list) -> dict:
    rows = []
    for i, (p, count) in enumerate(patterns):
        together = ", ".join(names[j] for j in p) if p else "(none: complete rows)"
        rows.append([i + 1, count, round(100 * count / m.rows, 1), len(p), together])
    return od.table(
        id=PATTERN_TABLE, sortable=True,
        columns=[od.column("pattern", "Pattern", "number"), od.column("rows", "Rows", "number"),
                 od.column("share", "% of rows", "number"), od.column("count", "Features missing", "number"),
                 od.column("features", "Missing together")],
        rows=rows)


def _question_mark_note(m: Missing) -> list:
    names = m.question_mark_levels()
    if not names:
        return []
    listed = ", ".join(_md(n) for n in names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    return [od.text(f"Note: {listed} {'declares' if len(names) == 1 else 'declare'} '?' as a category. "
                    "In ARFF a quoted '?' is that category, not a missing value; only an unquoted ? is missing.")]


def _pct(k: int, n: int) -> str:
    if n == 0:
        return "0%"
    p = 100 * k / n
    if 0 < k and p < 0.1:
        return "<0.1%"
    if k < n and p > 99.9:
        return ">99.9%"  # not all
    return f"{p:.1f}%"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


_MD = {c: "\\" + c for c in "\\`*_[]<>#|~"}


def _md(s: str) -> str:
    """A name kept literal in markdown (e.g. petal_width)."""
    return "".join(_MD.get(c, c) for c in s)


class _Cache:
    """The counts of the last few datasets: the radio's callback reuses them."""

    def __init__(self, size: int):
        self._size, self._lock, self._items = size, threading.Lock(), OrderedDict()

    def get(self, key):
        with self._lock:
            v = self._items.get(key)
            if v is not None:
                self._items.move_to_end(key)
            return v

    def put(self, key, value):
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def main():
    od.serve(MissingValues())
