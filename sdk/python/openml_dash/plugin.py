"""What a plugin is: a manifest, a layout, and callbacks.

::

    import openml_dash as od

    class Hello(od.Plugin):
        name, version, kinds = "hello", "0.1.0", [od.Kind.DATA]

        def layout(self, req):
            return od.page(tabs=[od.tab("hello", "Hello", [od.text(f"Hello from {req.ref}")])])

    od.serve(Hello())

The host calls ``layout`` once per page and each declared callback when its
inputs change, from several threads at a time: a plugin that keeps state
between calls guards it with a lock. An exception in a handler fails that
call only: the host shows its message in place of the plugin's tabs (or
the callback's outputs), and the traceback goes to the host's log.
"""

from __future__ import annotations

import enum
import sys
import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Optional

import grpc

from . import components as _page
from .host import FetchError, Host, _NoHost
from ._proto import dashboard_pb2 as pb
from ._proto import dashboard_pb2_grpc
from .server import MAX_MESSAGE_SIZE


class Kind(enum.IntEnum):
    """The kind of entity a page shows (dashboard.proto's Kind)."""

    UNSPECIFIED = 0
    DATA = 1
    TASK = 2
    FLOW = 3
    RUN = 4
    STUDY = 5
    DATA_OVERVIEW = 6
    TASK_OVERVIEW = 7
    FLOW_OVERVIEW = 8
    RUN_OVERVIEW = 9
    RUN_COMPARISON = 10


#: EntityRef.server of a dataset read from a local file: "file://" + its path.
FILE_SERVER = "file://"


@dataclass(frozen=True)
class EntityRef:
    """The entity a page shows. ``server`` is the website origin ("" for
    the configured server, "demo" for the built-in demo, "file:///path"
    for a local data file, whose id is 0)."""

    server: str = ""
    kind: Kind = Kind.UNSPECIFIED
    id: int = 0
    more_ids: tuple = ()

    @property
    def local_file(self) -> Optional[str]:
        """The path of a local data file's page, else None."""
        return self.server[len(FILE_SERVER):] if self.server.startswith(FILE_SERVER) else None

    def to_proto(self) -> pb.EntityRef:
        return pb.EntityRef(server=self.server, kind=int(self.kind), id=self.id, more_ids=list(self.more_ids))

    @classmethod
    def from_proto(cls, r: pb.EntityRef) -> "EntityRef":
        try:
            kind = Kind(r.kind)
        except ValueError:
            kind = Kind.UNSPECIFIED
        return cls(server=r.server, kind=kind, id=r.id, more_ids=tuple(r.more_ids))

    def __str__(self) -> str:
        if self.local_file is not None:
            return self.local_file
        prefix = {Kind.DATA: "d", Kind.TASK: "t", Kind.FLOW: "f", Kind.RUN: "r", Kind.STUDY: "s"}.get(self.kind, self.kind.name.lower())
        short = f"{prefix}/{self.id}"
        return f"{self.server}/{short}" if self.server else short


class PluginError(Exception):
    """An error whose message is for the user, shown as it is (no
    traceback is logged): "this dataset has no data file"."""


#: A callback output value that leaves the output as it is (Dash's no_update).
NO_UPDATE = object()
#: A callback's answer that leaves every output as it is and stops the
#: chain (Dash's PreventUpdate).
PREVENT_UPDATE = object()


@dataclass
class LayoutRequest:
    """One Layout call: the entity, and the host to fetch its data from."""

    ref: EntityRef
    host: Host
    context: Any = None  # the grpc.ServicerContext, for is_active()

    def cancelled(self) -> bool:
        """The host no longer waits for this call (the page was closed, or the call timed out)."""
        return self.context is not None and not self.context.is_active()


@dataclass
class CallbackRequest(LayoutRequest):
    """One call of a declared callback: its id, its inputs and state (each
    {(component_id, property): value}, in the declared order), and the
    inputs that fired it (empty for the initial call)."""

    id: str = ""
    inputs: dict = field(default_factory=dict)
    state: dict = field(default_factory=dict)
    triggered: list = field(default_factory=list)

    def value(self, component_id: str, prop: str = "value", default=None):
        """An input's or state's value; ``default`` when not sent or None."""
        for args in (self.inputs, self.state):
            v = args.get((component_id, prop))
            if v is not None:
                return v
        return default


def on(callback_id: str):
    """Marks a Plugin method as the handler of a callback id::

        @on("sort")
        def sort(self, req): return {("bars", "children"): [...]}
    """

    def mark(fn):
        fn._openml_dash_callback = callback_id
        return fn

    return mark


class Plugin:
    """Subclass this: set ``name``, ``version``, ``kinds`` (and ``order``:
    higher comes first among a kind's plugins; the built-in plugins use
    100, so a plugin below adds its tabs after theirs), write ``layout``
    and mark callback handlers with ``@on(id)``."""

    name: str = ""
    version: str = "0.0.0"
    kinds: tuple = ()
    order: int = 0

    def manifest(self) -> pb.Manifest:
        return pb.Manifest(name=self.name, version=self.version, kinds=[int(k) for k in self.kinds],
                           order=self.order)

    def layout(self, req: LayoutRequest):
        """The plugin's part of the page of ``req.ref``: a page dict (see
        openml_dash.components) or a dashboard_pb2.Page."""
        raise NotImplementedError

    def callback(self, req: CallbackRequest):
        """Runs the handler marked @on(req.id). A handler returns
        {(component_id, property): value} (NO_UPDATE to leave one as it
        is) or PREVENT_UPDATE."""
        for attr in dir(type(self)):
            fn = getattr(type(self), attr, None)
            if getattr(fn, "_openml_dash_callback", None) == req.id:
                return fn(self, req)
        raise PluginError(f"plugin {self.name!r} has no callback {req.id!r}")


def to_patch(answer) -> pb.Patch:
    """The Patch message of a callback handler's answer."""
    if isinstance(answer, pb.Patch):
        return answer
    if answer is PREVENT_UPDATE:
        return pb.Patch(prevent_update=True)
    if not isinstance(answer, dict):
        raise TypeError(f"a callback returns {{(component_id, property): value}} or PREVENT_UPDATE, not {type(answer).__name__}")
    out = pb.Patch()
    for ref, value in answer.items():
        o = out.outputs.add(ref=_page.prop_ref(ref))
        if value is NO_UPDATE:
            o.no_update = True
        else:
            o.value.CopyFrom(_page.to_value(value))
    return out


def _args(pvs) -> dict:
    return {(pv.ref.component_id, pv.ref.property): _page.from_value(pv.value) for pv in pvs}


class DashboardService(dashboard_pb2_grpc.DashboardServicer):
    """The Dashboard service of a Plugin: the SDK's side of Describe,
    Layout and Callback."""

    def __init__(self, plugin: Plugin, broker):
        self._plugin, self._broker = plugin, broker
        self._lock = threading.Lock()
        self._host_stub: Any = _NoHost()

    def host_stub(self):
        with self._lock:
            return self._host_stub

    def Describe(self, request, context):
        if request.host_broker_id:
            try:
                channel = self._broker.dial(request.host_broker_id)
                stub = dashboard_pb2_grpc.HostStub(channel)
                # Proves the connection (TLS included) now, so that a
                # broken one fails the start with its reason, not the
                # first fetch.
                stub.Log(pb.LogRequest(level=pb.LOG_LEVEL_DEBUG,
                                       message=f"connected (Python {sys.version.split()[0]}, grpcio {grpc.__version__})"),
                         timeout=5)
            except Exception as e:  # noqa: BLE001: any failure fails Describe, with its reason
                detail = e.details() if isinstance(e, grpc.RpcError) else str(e)
                # UNKNOWN, not the call's UNAVAILABLE: the host would take
                # that for a plugin that lost its connection.
                context.abort(grpc.StatusCode.UNKNOWN,
                              f"connect to the host service (broker id {request.host_broker_id}): {detail}")
            with self._lock:
                self._host_stub = stub
        return self._plugin.manifest()

    def Layout(self, request, context):
        def run():
            ref = EntityRef.from_proto(request.ref)
            req = LayoutRequest(ref=ref, host=Host(self.host_stub(), ref.server), context=context)
            return _page.to_page(self._plugin.layout(req))

        return _answer(context, "Layout", "page", run)

    def Callback(self, request, context):
        def run():
            ref = EntityRef.from_proto(request.ref)
            req = CallbackRequest(ref=ref, host=Host(self.host_stub(), ref.server), context=context,
                                  id=request.callback_id, inputs=_args(request.inputs), state=_args(request.state),
                                  triggered=[(r.component_id, r.property) for r in request.triggered])
            return to_patch(self._plugin.callback(req))

        return _answer(context, f"Callback {request.callback_id!r}", f"patch of callback {request.callback_id}", run)


def _answer(context, op: str, what: str, run):
    """Runs one call's handler: an exception fails this call only, as a
    status the host shows (UNKNOWN for the plugin's own errors, INTERNAL
    for a bug), never UNAVAILABLE or CANCELLED, which the host takes for a
    broken connection."""
    try:
        out = run()
    except (PluginError, FetchError) as e:
        context.abort(grpc.StatusCode.UNKNOWN, str(e))
    except Exception as e:  # noqa: BLE001: a bug in the plugin fails this call only
        traceback.print_exc(file=sys.stderr)
        context.abort(grpc.StatusCode.INTERNAL, f"plugin raised {type(e).__name__} in {op}: {e}")
    size = out.ByteSize()
    if size > MAX_MESSAGE_SIZE:
        context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED,
                      f"{what} is {size >> 20} MiB, over the {MAX_MESSAGE_SIZE >> 20} MiB limit: "
                      "send less data (sample, bin or page it)")
    return out
