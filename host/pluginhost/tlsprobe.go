package pluginhost

import (
	"crypto/tls"
	"fmt"
	"net"
	"time"

	"github.com/hashicorp/go-plugin"
)

// certTrouble says what is wrong when a plugin's handshake line carried
// no certificate, the first thing a plugin written by hand in another
// language gets wrong; go-plugin itself only reports "broker closed" once
// the connection it dialled fails.
func certTrouble(bin Binary, cfg *tls.Config) string {
	if cfg == nil || cfg.RootCAs != nil {
		return ""
	}
	return fmt.Sprintf("plugin %q (%s) gave no TLS certificate in its handshake line: openml-dash plugins serve gRPC over mutual TLS, "+
		"with the host's certificate from PLUGIN_CLIENT_CERT and their own one in the handshake (see sdk/PROTOCOL.md)", bin.Name, bin.Path)
}

// tlsTrouble tries a TLS handshake with a plugin whose connection failed,
// and says how it fails, or "" when TLS is not the problem. It costs up to
// half a second, so it runs only once something went wrong.
func tlsTrouble(bin Binary, client *plugin.Client, cfg *tls.Config) string {
	if cfg == nil {
		return ""
	}
	rc := client.ReattachConfig()
	if rc == nil || rc.Addr == nil {
		return ""
	}
	probe := cfg.Clone()
	probe.NextProtos = []string{"h2"} // gRPC servers refuse TLS without it
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 2 * time.Second}, rc.Addr.Network(), rc.Addr.String(), probe)
	if err != nil {
		return fmt.Sprintf("the TLS handshake with plugin %q (%s) failed (%v): it must present the certificate of its handshake line and trust "+
			"the host's certificate from PLUGIN_CLIENT_CERT (see sdk/PROTOCOL.md)", bin.Name, bin.Path, err)
	}
	// A server that wants a client certificate it does not trust refuses
	// it after the handshake, on the first read.
	conn.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	_, err = conn.Read(make([]byte, 1))
	conn.Close()
	if ne, ok := err.(net.Error); err == nil || ok && ne.Timeout() {
		return ""
	}
	return fmt.Sprintf("the TLS handshake with plugin %q (%s) failed (%v): it must present the certificate of its handshake line and trust "+
		"the host's certificate from PLUGIN_CLIENT_CERT (see sdk/PROTOCOL.md)", bin.Name, bin.Path, err)
}
