"""A stand-in for openml-dash in tests: it plays go-plugin's host side
against a PluginServer, as host/pluginhost does, mutual TLS included."""

from __future__ import annotations

import base64
import os
import queue
import shutil
import ssl
import tempfile
import threading
from concurrent import futures

import grpc
from google.protobuf import wrappers_pb2

from openml_dash._proto import dashboard_pb2 as pb
from openml_dash._proto import dashboard_pb2_grpc, grpc_broker_pb2, grpc_broker_pb2_grpc
from openml_dash._proto import grpc_controller_pb2, grpc_controller_pb2_grpc
from openml_dash.server import MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PluginServer, make_certificate


class HostService(dashboard_pb2_grpc.HostServicer):
    """The Host service: answers fetches from ``files`` (path or URL ->
    bytes; a grpc.StatusCode value fails that fetch) and records the rest."""

    def __init__(self, files: dict, tmp: str):
        self.files, self.tmp = files, tmp
        self.fetches, self.logs, self.progress = [], [], []

    def Fetch(self, request, context):
        self.fetches.append(request)
        key = request.path or request.url
        answer = self.files.get(key)
        if answer is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"{key}: not found")
        if isinstance(answer, tuple):  # (code, message, trailing metadata)
            code, message, trailers = answer
            context.set_trailing_metadata(trailers)
            context.abort(code, message)
        if request.as_file:
            path = os.path.join(self.tmp, f"file-{len(self.fetches)}")
            with open(path, "wb") as f:
                f.write(answer)
            return pb.FetchResponse(file_path=path, verified=bool(request.md5))
        return pb.FetchResponse(body=answer)

    def Progress(self, request, context):
        self.progress.append((request.label, request.done, request.total))
        return pb.Empty()

    def Log(self, request, context):
        self.logs.append((request.level, request.message))
        return pb.Empty()


class FakeHost:
    """Starts ``plugin`` in a PluginServer and connects to it as the host:
    ``dashboard`` is the Dashboard stub, ``host`` the Host service served
    over the broker (after ``describe``)."""

    def __init__(self, plugin, files=None, tls=True):
        self.tmp = tempfile.mkdtemp(prefix="fakehost-")
        env = {MAGIC_COOKIE_KEY: MAGIC_COOKIE_VALUE, "PLUGIN_PROTOCOL_VERSIONS": "1"}
        self.cert = self.key = b""
        if tls:
            self.cert, self.key = make_certificate()
            env["PLUGIN_CLIENT_CERT"] = self.cert.decode()
        self.server = PluginServer(plugin, env=env)
        parts = self.server.handshake.split("|")
        self.parts = parts
        self.plugin_cert = b""
        options = []
        if tls:
            der = base64.b64decode(parts[5] + "=" * (-len(parts[5]) % 4))
            self.plugin_cert = ssl.DER_cert_to_PEM_cert(der).encode()
            creds = grpc.ssl_channel_credentials(root_certificates=self.plugin_cert, private_key=self.key,
                                                 certificate_chain=self.cert)
            options = [("grpc.ssl_target_name_override", "localhost")]
            self.channel = grpc.secure_channel("unix:" + parts[3], creds, options=options)
        else:
            self.channel = grpc.insecure_channel("unix:" + parts[3])
        self.dashboard = dashboard_pb2_grpc.DashboardStub(self.channel)
        self.host = HostService(files or {}, self.tmp)
        # The broker stream, as go-plugin's client opens it at once.
        self._broker_q: queue.Queue = queue.Queue()
        self._broker_call = grpc_broker_pb2_grpc.GRPCBrokerStub(self.channel).StartStream(self._broker_requests())
        self._host_server = None

    def _broker_requests(self):
        while True:
            item = self._broker_q.get()
            if item is None:
                return
            yield item

    def serve_host(self, broker_id: int = 1) -> None:
        """Serve Host on a socket of its own and announce it on the broker,
        as the host does before it calls Describe."""
        path = os.path.join(self.tmp, "host.sock")
        self._host_server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        dashboard_pb2_grpc.add_HostServicer_to_server(self.host, self._host_server)
        if self.cert:
            creds = grpc.ssl_server_credentials([(self.key, self.cert)], root_certificates=self.plugin_cert,
                                                require_client_auth=True)
            self._host_server.add_secure_port("unix:" + path, creds)
        else:
            self._host_server.add_insecure_port("unix:" + path)
        self._host_server.start()
        self._broker_q.put(grpc_broker_pb2.ConnInfo(service_id=broker_id, network="unix", address=path))

    def describe(self, broker_id: int = 1) -> pb.Manifest:
        self.serve_host(broker_id)
        return self.dashboard.Describe(pb.DescribeRequest(host_broker_id=broker_id), timeout=10)

    def health(self) -> int:
        check = self.channel.unary_unary(
            "/grpc.health.v1.Health/Check",
            request_serializer=wrappers_pb2.StringValue.SerializeToString,
            response_deserializer=wrappers_pb2.Int32Value.FromString)
        return check(wrappers_pb2.StringValue(value="plugin"), timeout=5).value

    def shutdown(self) -> None:
        grpc_controller_pb2_grpc.GRPCControllerStub(self.channel).Shutdown(grpc_controller_pb2.Empty(), timeout=5)

    def close_broker(self) -> None:
        self._broker_q.put(None)

    def close(self) -> None:
        self.close_broker()
        self.server.stop("test over")
        threading.Thread(target=self.server.wait, daemon=True).start()
        if self._host_server is not None:
            self._host_server.stop(0)
        self.channel.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
