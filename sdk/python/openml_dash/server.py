"""Serving a plugin to openml-dash: go-plugin's side of the connection.

openml-dash starts a plugin with go-plugin (github.com/hashicorp/go-plugin)
in gRPC mode with AutoMTLS. ``serve`` does what go-plugin's ``plugin.Serve``
does for a Go plugin:

1. checks the magic cookie, so that a plugin started by hand says what it is;
2. makes a self-signed certificate and listens on a Unix socket (TCP on
   Windows) with mutual TLS: it presents its certificate and accepts only
   the host's, which the host passed in ``PLUGIN_CLIENT_CERT``;
3. prints the handshake line
   ``1|1|unix|/tmp/.../plugin.sock|grpc|<base64 DER certificate>`` on stdout,
   then sends stdout to stderr so that ``print`` cannot disturb it;
4. serves the plugin's Dashboard service and go-plugin's own: the health
   check ("plugin" is SERVING), GRPCController (Shutdown), GRPCBroker (the
   stream over which the host says where its Host service listens) and
   GRPCStdio (empty: stderr reaches the host directly);
5. exits when the host calls Shutdown or goes away.

See sdk/PROTOCOL.md for the protocol written down.
"""

from __future__ import annotations

import base64
import datetime
import os
import shutil
import signal
import ssl
import sys
import tempfile
import threading
import time
from concurrent import futures
from typing import Optional

import grpc
from google.protobuf import wrappers_pb2

from ._proto import (
    dashboard_pb2_grpc,
    grpc_broker_pb2_grpc,
    grpc_controller_pb2,
    grpc_controller_pb2_grpc,
    grpc_stdio_pb2_grpc,
)

MAGIC_COOKIE_KEY = "OPENML_DASH_PLUGIN"
MAGIC_COOKIE_VALUE = "d2c1a0e7-openml-dash-dashboard"
#: go-plugin's own protocol version, the handshake line's first field.
CORE_PROTOCOL_VERSION = 1
#: The openmldash.v1 protocol version (the Go SDK's ProtocolVersion).
PROTOCOL_VERSION = 1
#: The largest gRPC message either way, as in the Go SDK: 256 MiB.
MAX_MESSAGE_SIZE = 256 << 20
#: The name go-plugin's health check asks about.
HEALTH_SERVICE = "plugin"

MESSAGE_OPTIONS = [
    ("grpc.max_send_message_length", MAX_MESSAGE_SIZE),
    ("grpc.max_receive_message_length", MAX_MESSAGE_SIZE),
]


def make_certificate() -> tuple[bytes, bytes]:
    """Return a new self-signed certificate and its key, both PEM.

    Like go-plugin's generateCert: an ECDSA key, CommonName and DNS name
    "localhost" (the name the host checks), usable for server and client
    authentication, and a CA so that it can be its own trust root.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "openml-dash plugin"),
        x509.NameAttribute(NameOID.COMMON_NAME, "localhost"),
    ])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(seconds=30))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, key_encipherment=False,
                key_agreement=False, content_commitment=False, data_encipherment=False,
                crl_sign=False, encipher_only=False, decipher_only=False),
            critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
            critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _der_base64(cert_pem: bytes) -> str:
    """The certificate as the handshake line carries it: DER, base64 without padding."""
    return base64.b64encode(ssl.PEM_cert_to_DER_cert(cert_pem.decode())).decode().rstrip("=")


class Broker:
    """The plugin's end of go-plugin's GRPCBroker.

    The host serves extra gRPC services (here: Host) on sockets of their
    own. For each, it sends a ConnInfo {service_id, network, address} down
    the StartStream stream the host opened to the plugin; ``dial`` waits
    for the ConnInfo of an id and connects to that address with the
    plugin's TLS credentials (its own certificate as the client certificate,
    the host's as the only trusted one).
    """

    #: How long ``dial`` waits for the host's ConnInfo, as go-plugin's Dial.
    timeout = 5.0

    def __init__(self, credentials: Optional[grpc.ChannelCredentials]):
        self._credentials = credentials
        self._cond = threading.Condition()
        self._pending: dict[int, object] = {}

    def offer(self, info) -> None:
        """Record a ConnInfo that arrived on the stream."""
        if info.HasField("knock"):
            return  # multiplexing knocks: not supported, never asked for
        with self._cond:
            self._pending[info.service_id] = info
            self._cond.notify_all()

    def dial(self, service_id: int) -> grpc.Channel:
        """Connect to the service the host announced under service_id."""
        timeout = self.timeout
        with self._cond:
            if not self._cond.wait_for(lambda: service_id in self._pending, timeout):
                raise TimeoutError(f"the host announced no connection for broker id {service_id} within {timeout:g}s")
            info = self._pending.pop(service_id)
        if info.network == "unix":
            target = "unix:" + info.address
        elif info.network == "tcp":
            target = info.address
        else:
            raise ValueError(f"broker id {service_id}: unknown network {info.network!r}")
        if self._credentials is None:
            return grpc.insecure_channel(target, options=MESSAGE_OPTIONS)
        return grpc.secure_channel(
            target, self._credentials,
            options=MESSAGE_OPTIONS + [("grpc.ssl_target_name_override", "localhost")])


class _BrokerService(grpc_broker_pb2_grpc.GRPCBrokerServicer):
    def __init__(self, broker: Broker, on_end):
        self._broker, self._on_end = broker, on_end

    def StartStream(self, request_iterator, context):
        # The host sends; this side has nothing to announce. The stream
        # lives as long as the host's connection.
        try:
            for info in request_iterator:
                self._broker.offer(info)
        finally:
            self._on_end()
        return
        yield  # a generator: a stream of no messages


class _ControllerService(grpc_controller_pb2_grpc.GRPCControllerServicer):
    def __init__(self, stop):
        self._stop = stop

    def Shutdown(self, request, context):
        self._stop("the host asked it to shut down")
        return grpc_controller_pb2.Empty()


class _StdioService(grpc_stdio_pb2_grpc.GRPCStdioServicer):
    """go-plugin asks for the plugin's stdout and stderr here. A Python
    plugin's stderr reaches the host directly (and stdout is sent there
    after the handshake), so the stream stays open and empty."""

    def __init__(self, stopped: threading.Event):
        self._stopped = stopped

    def StreamStdio(self, request, context):
        while context.is_active() and not self._stopped.wait(0.5):
            pass
        return
        yield


def _health_handler() -> grpc.GenericRpcHandler:
    """grpc.health.v1.Health/Check, without the grpcio-health-checking
    package: its request (string service = 1) and response (enum status = 1)
    have the wire format of StringValue and Int32Value."""

    def check(request, context):
        if request.value not in ("", HEALTH_SERVICE):
            context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service {request.value!r}")
        return wrappers_pb2.Int32Value(value=1)  # SERVING

    return grpc.method_handlers_generic_handler("grpc.health.v1.Health", {
        "Check": grpc.unary_unary_rpc_method_handler(
            check,
            request_deserializer=wrappers_pb2.StringValue.FromString,
            response_serializer=wrappers_pb2.Int32Value.SerializeToString),
    })


class PluginServer:
    """A plugin's running gRPC server; ``serve`` runs one until the host stops it.

    Tests start one with ``start`` and play the host: ``handshake`` is the
    line the host would read, ``certificate_pem`` and ``key_pem`` the
    plugin's credentials.
    """

    def __init__(self, plugin, env=None, max_workers: int = 10):
        from .plugin import DashboardService  # here: plugin imports this module's constants

        env = os.environ if env is None else env
        self.stopped = threading.Event()
        self.stop_reason = ""
        self._stop_lock = threading.Lock()
        self._dir: Optional[str] = None

        client_cert = env.get("PLUGIN_CLIENT_CERT", "").encode()
        channel_creds = server_creds = None
        self.certificate_pem = self.key_pem = b""
        if client_cert:
            self.certificate_pem, self.key_pem = make_certificate()
            server_creds = grpc.ssl_server_credentials(
                [(self.key_pem, self.certificate_pem)], root_certificates=client_cert, require_client_auth=True)
            channel_creds = grpc.ssl_channel_credentials(
                root_certificates=client_cert, private_key=self.key_pem, certificate_chain=self.certificate_pem)

        self.broker = Broker(channel_creds)
        # Room for the two streams that last as long as the connection
        # (broker and stdio) and for concurrent calls.
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers + 2), options=MESSAGE_OPTIONS)
        self._server.add_generic_rpc_handlers((_health_handler(),))
        grpc_controller_pb2_grpc.add_GRPCControllerServicer_to_server(_ControllerService(self.stop), self._server)
        grpc_broker_pb2_grpc.add_GRPCBrokerServicer_to_server(
            _BrokerService(self.broker, lambda: self.stop("the host closed its connection")), self._server)
        grpc_stdio_pb2_grpc.add_GRPCStdioServicer_to_server(_StdioService(self.stopped), self._server)
        dashboard_pb2_grpc.add_DashboardServicer_to_server(DashboardService(plugin, self.broker), self._server)

        if os.name == "nt":
            port = self._add_port("127.0.0.1:0", server_creds)
            network, self.address = "tcp", f"127.0.0.1:{port}"
        else:
            self._dir = tempfile.mkdtemp(prefix="openml-dash-plugin-", dir=env.get("PLUGIN_UNIX_SOCKET_DIR") or None)
            network, self.address = "unix", os.path.join(self._dir, "plugin.sock")
            self._add_port("unix:" + self.address, server_creds)
        self.target = ("unix:" if network == "unix" else "") + self.address
        self._server.start()

        cert = _der_base64(self.certificate_pem) if client_cert else ""
        self.handshake = f"{CORE_PROTOCOL_VERSION}|{PROTOCOL_VERSION}|{network}|{self.address}|grpc|{cert}"
        if env.get("PLUGIN_MULTIPLEX_GRPC"):
            self.handshake += "|false"  # one socket per brokered service only

    def _add_port(self, address: str, creds) -> int:
        if creds is None:
            return self._server.add_insecure_port(address)
        return self._server.add_secure_port(address, creds)

    def stop(self, reason: str = "stopped") -> None:
        """Stop serving (at most once); ``wait`` then returns."""
        with self._stop_lock:
            if self.stopped.is_set():
                return
            self.stop_reason = reason
            self.stopped.set()

    def wait(self) -> None:
        """Block until stopped, then close the server and its socket."""
        self.stopped.wait()
        self._server.stop(grace=1).wait(2)
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)


def _not_started_by_host() -> str:
    return ("This program is an openml-dash plugin: openml-dash starts it, it is not meant to be run by hand.\n"
            "Put it in a plugins folder (beside the openml-dash program, the per-user plugins folder,\n"
            "or one given with --plugins DIR) and openml-dash adds its tabs to the pages it shows.\n")


def _watch_host(name: str, every: float = 0.5) -> None:
    """End the plugin once the app that started it is gone.

    The host ends its plugins when it closes; killed, it cannot. A plugin
    whose parent is gone is handed to another (init, launchd, a
    subreaper), so its parent's id changes: as the Go SDK's watchdog does
    (internal/wire), check it twice a second and exit then. On Windows the
    parent id does not change, and the host's job object ends the plugin.
    """
    if os.name != "posix":
        return
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                sys.__stderr__.write(f"openml-dash plugin {name}: the app that started it (process {parent}) is gone; exiting\n")
                sys.__stderr__.flush()
                os._exit(1)

    threading.Thread(target=watch, name="host-watchdog", daemon=True).start()


def serve(plugin, max_workers: int = 10) -> None:
    """Run ``plugin`` as an openml-dash plugin: the whole of its ``__main__``.

    Returns only by exiting the process: with status 1 when not started by
    openml-dash, else 0 once the host stops the plugin.
    """
    if os.environ.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        sys.stderr.write(_not_started_by_host())
        sys.exit(1)
    # Ctrl-C in a terminal reaches the whole process group: the host
    # handles it and stops its plugins (go-plugin's plugins do the same).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_host(getattr(plugin, "name", "") or "python plugin")
    server = PluginServer(plugin, max_workers=max_workers)
    sys.stdout.write(server.handshake + "\n")
    sys.stdout.flush()
    # The host reads nothing more from stdout: print() goes to its log.
    sys.stdout = sys.stderr
    server.wait()
    sys.stderr.flush()
    # A handler still running (the host no longer waits for it) must not
    # hold the exit, as the thread pool's workers would.
    os._exit(0)
