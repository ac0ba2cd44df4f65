"""The host's services as a plugin calls them: fetch, progress and log.

Plugins never open sockets: every OpenML answer and data file comes
through ``Host.fetch``, so that the host can cache, mirror, work offline,
report progress and keep the API key to itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import grpc

from ._proto import dashboard_pb2 as pb

#: Fetch error codes, from the gRPC status the host answers with.
FAILED, NOT_FOUND, UNAVAILABLE, CANCELED = "failed", "not found", "unavailable", "canceled"
_CODES = {
    grpc.StatusCode.NOT_FOUND: NOT_FOUND,
    grpc.StatusCode.UNAVAILABLE: UNAVAILABLE,
    grpc.StatusCode.CANCELLED: CANCELED,
}

LOG_LEVELS = {"info": pb.LOG_LEVEL_INFO, "debug": pb.LOG_LEVEL_DEBUG,
              "warn": pb.LOG_LEVEL_WARN, "warning": pb.LOG_LEVEL_WARN, "error": pb.LOG_LEVEL_ERROR}


class FetchError(Exception):
    """A failed fetch. ``message`` is written for the user and names what
    was asked for; ``code`` is one of FAILED, NOT_FOUND (no such entity or
    file), UNAVAILABLE (the server could not be reached) and CANCELED (the
    page was closed); ``openml_code`` is the code of the server's
    <oml:error> answer (e.g. 542, "no results"), 0 when there was none."""

    def __init__(self, message: str, code: str = FAILED, openml_code: int = 0):
        super().__init__(message)
        self.message, self.code, self.openml_code = message, code, openml_code

    @property
    def not_found(self) -> bool:
        return self.code == NOT_FOUND


@dataclass
class FetchResult:
    """What the host answered: the bytes, or with ``as_file`` the path of a
    local read-only copy. ``verified`` says the answer was checked against
    the md5 the request gave, and matched."""

    body: bytes = b""
    file_path: str = ""
    verified: bool = False


class Host:
    """The host, as one call of the plugin sees it: ``server`` is the
    server of the entity shown (``EntityRef.server``), which every fetch
    goes to unless told otherwise. ``Host`` objects are cheap; the SDK
    makes one per call."""

    def __init__(self, stub, server: str = ""):
        self._stub, self.server = stub, server

    def fetch(self, path: str = "", url: str = "", as_file: bool = False, md5: str = "",
              refresh: bool = False, server: Optional[str] = None) -> FetchResult:
        """Fetch an API answer (``path``, relative to the API base, e.g.
        "data/features/61") or a file (``url``, absolute, e.g. a dataset
        description's <oml:url>). Raises FetchError."""
        req = pb.FetchRequest(server=self.server if server is None else server, path=path, url=url,
                              as_file=as_file, md5=md5 or "", refresh=refresh)
        try:
            resp = self._stub.Fetch(req)
        except grpc.RpcError as e:
            raise fetch_error(e, path or url) from None
        return FetchResult(body=resp.body, file_path=resp.file_path, verified=resp.verified)

    def fetch_api(self, path: str, refresh: bool = False) -> bytes:
        """The API answer at ``path`` (e.g. "data/61"), as bytes."""
        return self.fetch(path=path, refresh=refresh).body

    def fetch_file(self, url: str, md5: Optional[str] = None) -> str:
        """A local path of the file at ``url``. With ``md5`` (a dataset
        description's md5_checksum) the host refuses a file that differs."""
        return self.fetch(url=url, as_file=True, md5=md5 or "").file_path

    def progress(self, label: str, done: int, total: int = -1) -> None:
        """Report long work (``total`` -1 when unknown); best effort."""
        try:
            self._stub.Progress(pb.ProgressRequest(label=label, done=int(done), total=int(total)))
        except grpc.RpcError:
            pass  # a lost progress report must not fail a page

    def log(self, message: str, level: str = "info") -> None:
        """Write a line to the host's log ("debug" lines show only with
        --verbose); best effort. Writing to stderr works too."""
        try:
            self._stub.Log(pb.LogRequest(level=LOG_LEVELS[level], message=message))
        except grpc.RpcError:
            pass


class _NoHost:
    """Stands in for the host before Describe connected it (or in tests)."""

    def _fail(self, *_):
        raise FetchError("no connection to the host: it did not hand over its Host service", UNAVAILABLE)

    Fetch = _fail

    def Progress(self, *_):
        pass

    Log = Progress


def fetch_error(e: grpc.RpcError, what: str) -> FetchError:
    """The FetchError for a failed Fetch call."""
    code = e.code() if hasattr(e, "code") else None
    message = e.details() if hasattr(e, "details") else str(e)
    if code == grpc.StatusCode.UNAVAILABLE and not _from_host(e):
        # No answer from the host at all: its connection broke.
        return FetchError(f"{what}: the connection to openml-dash failed: {message}", FAILED)
    return FetchError(message or f"{what}: fetch failed ({code})", _CODES.get(code, FAILED), openml_code(e))


def _from_host(e: grpc.RpcError) -> bool:
    # The host's own statuses carry its message; a transport failure says
    # it could not connect or lost the connection.
    details = (e.details() if hasattr(e, "details") else "") or ""
    return not details.startswith(("failed to connect to all addresses", "Socket closed", "Connection reset",
                                   "Broken pipe", "GOAWAY received", "Stream removed"))


def openml_code(e: grpc.RpcError) -> int:
    """The OpenML error code the host attached to a Fetch error as a
    google.rpc.ErrorInfo detail (reason "OPENML_ERROR", metadata "code"), or 0."""
    trailers = e.trailing_metadata() if hasattr(e, "trailing_metadata") else None
    for key, value in trailers or ():
        if key != "grpc-status-details-bin":
            continue
        # google.rpc.Status: details = 3 (repeated Any: type_url = 1, value = 2).
        for any_bytes in _fields(value).get(3, []):
            any_fields = _fields(any_bytes)
            type_url = b"".join(any_fields.get(1, [])).decode(errors="replace")
            if not type_url.endswith("/google.rpc.ErrorInfo"):
                continue
            info = _fields(b"".join(any_fields.get(2, [])))
            if b"".join(info.get(1, [])) != b"OPENML_ERROR":
                continue
            for entry in info.get(3, []):  # map<string, string>: key = 1, value = 2
                kv = _fields(entry)
                if b"".join(kv.get(1, [])) == b"code":
                    try:
                        return int(b"".join(kv.get(2, [])))
                    except ValueError:
                        return 0
    return 0


def _fields(data: bytes) -> dict[int, list]:
    """The fields of a protobuf message by number: the bytes of
    length-delimited ones, the integers of varints. Enough to read a status
    detail without the googleapis protos."""
    out: dict[int, list] = {}
    i = 0

    def varint():
        nonlocal i
        shift = n = 0
        while True:
            b = data[i]
            i += 1
            n |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return n

    try:
        while i < len(data):
            key = varint()
            num, wire = key >> 3, key & 7
            if wire == 0:
                out.setdefault(num, []).append(varint())
            elif wire == 2:
                n = varint()
                out.setdefault(num, []).append(bytes(data[i:i + n]))
                i += n
            elif wire == 1:
                i += 8
            elif wire == 5:
                i += 4
            else:
                break
    except IndexError:
        pass
    return out
