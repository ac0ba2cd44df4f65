"""The plugin side of the protocol, against a host played in Python
(fakehost): handshake, mutual TLS, health, broker, Describe, Layout,
Callback, errors and shutdown. cmd/openml-dash/python_e2e_test.go runs a
plugin against the real host."""

import contextlib
import io
import os
import subprocess
import sys
import time
import unittest

import grpc

import openml_dash as od
from openml_dash._proto import dashboard_pb2 as pb
from openml_dash._proto import dashboard_pb2_grpc
from openml_dash.host import FetchError
from openml_dash.server import make_certificate

from fakehost import FakeHost

SDK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


class Echo(od.Plugin):
    name, version, kinds, order = "echo", "1.2.3", [od.Kind.DATA, od.Kind.TASK], 7

    def layout(self, req):
        if req.ref.id == 666:
            raise ValueError("the number of the beast")
        if req.ref.id == 404:
            req.host.fetch_api("data/404")  # FetchError: a message for the user
        if req.ref.id == 13:
            raise od.PluginError("this dataset is unlucky")
        if req.ref.id == 542:
            try:
                req.host.fetch_api("evaluation/list")
            except FetchError as e:
                return od.page(tabs=[od.tab("e", "E", [od.text(f"{e.code}|{e.message}|{e.openml_code}|{e.not_found}")])])
        body = req.host.fetch_api(f"data/{req.ref.id}")
        path = req.host.fetch_file("https://x.invalid/f.arff", md5="0123")
        req.host.progress("reading", 5, 10)
        req.host.log("laid out", "debug")
        with open(path, "rb") as f:
            content = f.read()
        return od.page(title=f"Echo {req.ref}", tabs=[od.tab("echo", "Echo", [
            od.text(f"{body.decode()} / {content.decode()}"),
            od.radio("pick", od.options("a", "b"), value="a"),
            od.slot("out"),
        ])], callbacks=[od.callback("echo", inputs=[("pick", "value")], outputs=["out.children"])])

    @od.on("echo")
    def echo(self, req):
        if req.value("pick") == "boom":
            raise KeyError("boom")
        if req.value("pick") == "none":
            return od.PREVENT_UPDATE
        return {("out", "children"): [od.text(f"picked {req.value('pick')} on {req.ref}")]}


FILES = {"data/61": b"<description>", "https://x.invalid/f.arff": b"@relation x"}


class ServeTest(unittest.TestCase):
    def setUp(self):
        self.fh = FakeHost(Echo(), FILES)
        self.addCleanup(self.fh.close)

    def test_handshake_line(self):
        core, app, network, address, protocol, cert = self.fh.parts
        self.assertEqual((core, app, network, protocol), ("1", "1", "unix", "grpc"))
        self.assertTrue(os.path.exists(address), "the socket exists")
        self.assertGreater(len(cert), 50, "the certificate is there (go-plugin ignores 50 characters or fewer)")
        self.assertNotIn("=", cert, "base64 without padding, as go-plugin reads it")

    def test_health_says_plugin_is_serving(self):
        self.assertEqual(self.fh.health(), 1)

    def test_describe_connects_to_the_host_through_the_broker(self):
        m = self.fh.describe()
        self.assertEqual((m.name, m.version, list(m.kinds), m.order), ("echo", "1.2.3", [1, 2], 7))
        self.assertTrue(any("connected" in msg for _, msg in self.fh.host.logs), self.fh.host.logs)

    def test_layout_fetches_through_the_host(self):
        self.fh.describe()
        ref = pb.EntityRef(server="https://www.openml.org", kind=pb.KIND_DATA, id=61)
        page = self.fh.dashboard.Layout(pb.LayoutRequest(ref=ref), timeout=10)
        self.assertEqual(page.title, "Echo https://www.openml.org/d/61")
        self.assertEqual(page.tabs[0].children[0].text.markdown, "<description> / @relation x")
        fetch_api, fetch_file = self.fh.host.fetches
        self.assertEqual((fetch_api.server, fetch_api.path, fetch_api.as_file), ("https://www.openml.org", "data/61", False))
        self.assertEqual((fetch_file.url, fetch_file.as_file, fetch_file.md5), ("https://x.invalid/f.arff", True, "0123"))
        self.assertEqual(self.fh.host.progress, [("reading", 5, 10)])
        self.assertIn((pb.LOG_LEVEL_DEBUG, "laid out"), self.fh.host.logs)
        self.assertEqual(page.callbacks[0].outputs[0], pb.PropRef(component_id="out", property="children"))

    def test_callback(self):
        self.fh.describe()
        req = pb.CallbackRequest(ref=pb.EntityRef(kind=pb.KIND_DATA, id=61), callback_id="echo",
                                 inputs=[pb.PropValue(ref=pb.PropRef(component_id="pick", property="value"),
                                                      value=pb.Value(str="b"))])
        patch = self.fh.dashboard.Callback(req, timeout=10)
        self.assertEqual(patch.outputs[0].ref.component_id, "out")
        self.assertEqual(patch.outputs[0].value.children.components[0].text.markdown, "picked b on d/61")
        req.inputs[0].value.str = "none"
        self.assertTrue(self.fh.dashboard.Callback(req, timeout=10).prevent_update)

    def test_errors_fail_one_call_only(self):
        self.fh.describe()
        log = io.StringIO()
        with contextlib.redirect_stderr(log):
            self._errors()
        self.assertIn("ValueError: the number of the beast", log.getvalue(), "a bug's traceback goes to the log")
        self.assertNotIn("unlucky", log.getvalue(), "a PluginError is for the user: no traceback")

    def _errors(self):
        cases = {
            666: (grpc.StatusCode.INTERNAL, "plugin raised ValueError in Layout: the number of the beast"),
            13: (grpc.StatusCode.UNKNOWN, "this dataset is unlucky"),
            404: (grpc.StatusCode.UNKNOWN, "data/404: not found"),
        }
        for id, (code, message) in cases.items():
            with self.subTest(id=id):
                with self.assertRaises(grpc.RpcError) as cm:
                    self.fh.dashboard.Layout(pb.LayoutRequest(ref=pb.EntityRef(kind=pb.KIND_DATA, id=id)), timeout=10)
                self.assertEqual(cm.exception.code(), code)
                self.assertEqual(cm.exception.details(), message)
        req = pb.CallbackRequest(callback_id="echo", inputs=[pb.PropValue(
            ref=pb.PropRef(component_id="pick", property="value"), value=pb.Value(str="boom"))])
        with self.assertRaises(grpc.RpcError) as cm:
            self.fh.dashboard.Callback(req, timeout=10)
        self.assertEqual(cm.exception.details(), "plugin raised KeyError in Callback 'echo': 'boom'")
        with self.assertRaises(grpc.RpcError) as cm:
            self.fh.dashboard.Callback(pb.CallbackRequest(callback_id="nope"), timeout=10)
        self.assertEqual(cm.exception.details(), "plugin 'echo' has no callback 'nope'")
        # The plugin still serves.
        self.assertEqual(self.fh.dashboard.Layout(pb.LayoutRequest(ref=pb.EntityRef(kind=pb.KIND_DATA, id=61)), timeout=10).tabs[0].id, "echo")

    def test_without_the_host_service_fetch_fails_clearly(self):
        with self.assertRaises(grpc.RpcError) as cm:
            self.fh.dashboard.Layout(pb.LayoutRequest(ref=pb.EntityRef(kind=pb.KIND_DATA, id=61)), timeout=10)
        self.assertIn("no connection to the host", cm.exception.details())

    def test_describe_fails_clearly_when_the_host_service_is_not_trusted(self):
        # The Host service presents a certificate other than PLUGIN_CLIENT_CERT.
        self.fh.cert, self.fh.key = make_certificate()
        with self.assertRaises(grpc.RpcError) as cm:
            self.fh.describe()
        self.assertEqual(cm.exception.code(), grpc.StatusCode.UNKNOWN)
        self.assertIn("connect to the host service (broker id 1): ", cm.exception.details())
        self.assertIn("certificate verify failed", cm.exception.details(), "the TLS reason reaches the host")

    def test_describe_fails_when_the_broker_id_is_never_announced(self):
        self.fh.server.broker.timeout = 0.2
        with self.assertRaises(grpc.RpcError) as cm:
            self.fh.dashboard.Describe(pb.DescribeRequest(host_broker_id=9), timeout=10)
        self.assertEqual(cm.exception.code(), grpc.StatusCode.UNKNOWN, "not UNAVAILABLE: the host would take that for a crash")
        self.assertIn("broker id 9", cm.exception.details())

    def test_shutdown_stops_the_server(self):
        self.fh.shutdown()
        self.assertTrue(self.fh.server.stopped.wait(5))
        self.assertEqual(self.fh.server.stop_reason, "the host asked it to shut down")

    def test_host_going_away_stops_the_server(self):
        self.fh.close_broker()
        self.assertTrue(self.fh.server.stopped.wait(5))
        self.assertEqual(self.fh.server.stop_reason, "the host closed its connection")

    def test_clients_without_the_hosts_certificate_are_refused(self):
        # gRPC's C core logs the refused handshake ("Handshake failed ...
        # certificate verify failed") on stderr: that line is expected.
        other, key = make_certificate()
        creds = grpc.ssl_channel_credentials(root_certificates=self.fh.plugin_cert, private_key=key, certificate_chain=other)
        ch = grpc.secure_channel("unix:" + self.fh.parts[3], creds, options=[("grpc.ssl_target_name_override", "localhost")])
        self.addCleanup(ch.close)
        with self.assertRaises(grpc.RpcError) as cm:
            dashboard_pb2_grpc.DashboardStub(ch).Describe(pb.DescribeRequest(), timeout=5)
        self.assertEqual(cm.exception.code(), grpc.StatusCode.UNAVAILABLE)


class OpenMLCodeTest(unittest.TestCase):
    def test_fetch_error_carries_the_openml_code(self):
        # google.rpc.Status{code, message, details: [Any{ErrorInfo{reason, domain, metadata {"code": "542"}}}]},
        # as the host attaches it (sdk/grpc_host.go).
        def ld(num, payload):
            return bytes([num << 3 | 2, len(payload)]) + payload
        entry = ld(1, b"code") + ld(2, b"542")
        info = ld(1, b"OPENML_ERROR") + ld(2, b"openml.org") + ld(3, entry)
        status = bytes([0x08, 5]) + ld(2, b"no results") + ld(3, ld(1, b"type.googleapis.com/google.rpc.ErrorInfo") + ld(2, info))
        fh = FakeHost(Echo(), {"evaluation/list": (grpc.StatusCode.NOT_FOUND, "evaluation/list: no results",
                                                   (("grpc-status-details-bin", status),))})
        self.addCleanup(fh.close)
        fh.describe()
        page = fh.dashboard.Layout(pb.LayoutRequest(ref=pb.EntityRef(kind=pb.KIND_DATA, id=542)), timeout=10)
        self.assertEqual(page.tabs[0].children[0].text.markdown, "not found|evaluation/list: no results|542|True")


class InsecureTest(unittest.TestCase):
    """Without PLUGIN_CLIENT_CERT (a host without AutoMTLS) the plugin serves in the clear."""

    def test_plain_connection(self):
        fh = FakeHost(Echo(), FILES, tls=False)
        self.addCleanup(fh.close)
        self.assertEqual(fh.parts[5], "")
        self.assertEqual(fh.describe().name, "echo")
        page = fh.dashboard.Layout(pb.LayoutRequest(ref=pb.EntityRef(kind=pb.KIND_DATA, id=61)), timeout=10)
        self.assertEqual(page.tabs[0].id, "echo")


class NotStartedByTheHostTest(unittest.TestCase):
    def test_says_what_it_is(self):
        code = "import openml_dash as od\nclass P(od.Plugin):\n    name = 'p'\nod.serve(P())\n"
        env = {k: v for k, v in os.environ.items() if k != "OPENML_DASH_PLUGIN"}
        env["PYTHONPATH"] = SDK
        start = time.monotonic()
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "", "nothing on stdout: it is the handshake's")
        self.assertIn("This program is an openml-dash plugin", r.stderr)
        self.assertLess(time.monotonic() - start, 20)


if __name__ == "__main__":
    unittest.main()


@unittest.skipUnless(os.name == "posix", "the parent-id watchdog is for Unix")
class WatchdogTest(unittest.TestCase):
    """A plugin whose app was killed (so could not stop it) ends by itself."""

    def test_plugin_ends_when_its_parent_is_killed(self):
        child = ("import sys, time; sys.path.insert(0, %r); "
                 "from openml_dash.server import _watch_host; "
                 "_watch_host('probe', 0.05); time.sleep(30)") % SDK
        # The "app": a shell that starts the plugin, says its id, and waits.
        app = subprocess.Popen(
            ["sh", "-c", '"$0" -c "$1" 2>"$2" & echo $!; sleep 30', sys.executable, child, os.devnull],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        pid = int(app.stdout.readline())
        time.sleep(0.5)
        os.kill(pid, 0)  # alive while its app is
        app.kill()
        app.wait()
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        os.kill(pid, 9)
        self.fail("the plugin outlived its app by 5 s")
