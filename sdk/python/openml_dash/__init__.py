"""openml-dash's Python plugin SDK.

A plugin is a program that openml-dash starts and asks, over gRPC, for its
part of a page. With this package a Python plugin is a Plugin subclass and
one call::

    import openml_dash as od

    class Hello(od.Plugin):
        name, version, kinds = "hello", "0.1.0", [od.Kind.DATA]

        def layout(self, req):
            return od.page(tabs=[od.tab("hello", "Hello", [od.text(f"Hello from {req.ref}")])])

    if __name__ == "__main__":
        od.serve(Hello())

Modules: ``plugin`` (Plugin, requests, callbacks), ``components`` (pages as
dicts), ``host`` (fetching through openml-dash) and ``server`` (go-plugin's
handshake, TLS and services). Needs grpcio and protobuf (Debian:
python3-grpcio, python3-protobuf) and cryptography (python3-cryptography).
The protocol is written down in sdk/PROTOCOL.md.
"""

from .host import CANCELED, FAILED, NOT_FOUND, UNAVAILABLE, FetchError, FetchResult, Host
from .components import (
    axis, button, callback, cell, chart, checklist, column, container, heading, link, notice, options, page,
    radio, row, select, series, slot, tab, table, text,
)
from .plugin import (
    NO_UPDATE, PREVENT_UPDATE, CallbackRequest, EntityRef, Kind, LayoutRequest, Plugin, PluginError, on,
)
from .server import MAX_MESSAGE_SIZE, PROTOCOL_VERSION, serve

__version__ = "0.1.0"
