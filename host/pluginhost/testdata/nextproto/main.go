// Command nextproto is a plugin that gets the handshake wrong, in the way
// its binary's name says: "v2" speaks a protocol version this openml-dash
// does not, "plain" serves gRPC without TLS (as a hand-written plugin that
// ignores PLUGIN_CLIENT_CERT would), "strangertls" trusts another client
// certificate than the host's.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/go-plugin"

	"github.com/openml-dash/openml-dash/internal/wire"
	"github.com/openml-dash/openml-dash/sdk"
)

type broken struct{}

func (broken) Manifest() sdk.Manifest {
	return sdk.Manifest{Name: "broken", Kinds: []sdk.Kind{sdk.KindData}}
}

func (broken) Layout(context.Context, *sdk.LayoutRequest) (*sdk.Page, error) {
	return nil, errors.New("not reached")
}

func main() {
	handshake := wire.Handshake
	name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	switch {
	case strings.HasSuffix(name, "v2"):
		handshake.ProtocolVersion = wire.ProtocolVersion + 1
	case strings.HasSuffix(name, "plain"):
		os.Unsetenv("PLUGIN_CLIENT_CERT")
	case strings.HasSuffix(name, "strangertls"):
		os.Setenv("PLUGIN_CLIENT_CERT", strangerCert())
	}
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: handshake,
		Plugins:         plugin.PluginSet{wire.PluginName: &wire.GRPCPlugin{Impl: broken{}}},
		GRPCServer:      wire.NewGRPCServer,
	})
}

// strangerCert is a self-signed certificate that is not the host's.
func strangerCert() string {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"}, DNSNames: []string{"localhost"},
		NotBefore: time.Now().Add(-time.Minute), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth, x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
