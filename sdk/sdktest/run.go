package sdktest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/openml-dash/openml-dash/internal/wire"
	"github.com/openml-dash/openml-dash/sdk"
)

// Harness is a plugin served in-process as a plugin binary serves itself
// (wire.ServeConfig: the handshake, the plugin's gRPC server with its
// panic recovery and message limits) and reached as the app reaches one
// (wire.GRPCPlugin, the Host service over the broker), over mutual TLS.
type Harness struct {
	client   *wire.Client
	Manifest sdk.Manifest
}

// Run starts impl in-process, connects it to host and calls Describe. The
// plugin stops when the test ends.
func Run(t testing.TB, impl sdk.Plugin, host sdk.Host) *Harness {
	t.Helper()
	serverTLS, clientTLS := mutualTLS(t)
	cfg := wire.ServeConfig(impl)
	cfg.TLSProvider = func() (*tls.Config, error) { return serverTLS, nil }
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	cfg.Test = &plugin.ServeTestConfig{Context: ctx, ReattachConfigCh: reattach, CloseCh: closed}
	go plugin.Serve(cfg)
	t.Cleanup(func() {
		cancel()
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
			t.Errorf("sdktest: the plugin did not stop")
		}
	})
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattach:
	case <-time.After(10 * time.Second):
		t.Fatalf("sdktest: the plugin did not start serving")
	}

	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  wire.Handshake,
		Plugins:          plugin.PluginSet{wire.PluginName: &wire.GRPCPlugin{Host: host, TLS: func() *tls.Config { return clientTLS }}},
		Reattach:         rc,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		TLSConfig:        clientTLS,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "sdktest", Level: hclog.Warn}),
		GRPCDialOptions: []grpc.DialOption{grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(wire.MaxMessageSize), grpc.MaxCallSendMsgSize(wire.MaxMessageSize))},
	})
	t.Cleanup(client.Kill)
	if h, ok := host.(*Host); ok {
		t.Cleanup(h.removeFiles) // after the plugin has stopped
	}
	conn, err := client.Client()
	if err != nil {
		t.Fatalf("sdktest: connect: %v", err)
	}
	raw, err := conn.Dispense(wire.PluginName)
	if err != nil {
		t.Fatalf("sdktest: dispense: %v", err)
	}
	c := raw.(*wire.Client)
	t.Cleanup(c.Close)
	m, err := c.Describe(context.Background())
	if err != nil {
		t.Fatalf("sdktest: describe: %v", err)
	}
	return &Harness{client: c, Manifest: m}
}

// mutualTLS makes the TLS configurations go-plugin's AutoMTLS gives a
// plugin and the app: each side a self-signed certificate that the other
// trusts, for the connection and for the broker's.
func mutualTLS(t testing.TB) (server, client *tls.Config) {
	t.Helper()
	serverCert, serverPool := selfSigned(t)
	clientCert, clientPool := selfSigned(t)
	server = &tls.Config{Certificates: []tls.Certificate{serverCert}, ClientAuth: tls.RequireAndVerifyClientCert,
		ClientCAs: clientPool, RootCAs: clientPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	client = &tls.Config{Certificates: []tls.Certificate{clientCert}, ClientAuth: tls.RequireAndVerifyClientCert,
		ClientCAs: serverPool, RootCAs: serverPool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	return server, client
}

func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("sdktest: %v", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		NotBefore: time.Now().Add(-time.Minute), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("sdktest: %v", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatalf("sdktest: %v", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
