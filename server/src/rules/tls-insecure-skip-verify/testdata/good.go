package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"os"
)

// Verification explicitly left on.
func verificationOn() *tls.Config {
	return &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12}
}

// A value from configuration: the operator's explicit choice, not a hard-coded bypass.
type Options struct {
	Insecure bool
}

func fromOptions(opts Options) *tls.Config {
	return &tls.Config{InsecureSkipVerify: opts.Insecure}
}

// Certificate pinning: the default check is replaced by a hand-written one in the same literal.
func pinned(fingerprint []byte) *tls.Config {
	return &tls.Config{
		InsecureSkipVerify: true,
		VerifyPeerCertificate: func(rawCerts [][]byte, _ [][]*x509.Certificate) error {
			if len(rawCerts) == 0 {
				return errors.New("no certificate")
			}
			return nil
		},
	}
}

// VerifyConnection assigned to the same config later in the function.
func verifiedByHand(roots *x509.CertPool) *tls.Config {
	cfg := &tls.Config{InsecureSkipVerify: true}
	cfg.VerifyConnection = func(state tls.ConnectionState) error {
		opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool()}
		_, err := state.PeerCertificates[0].Verify(opts)
		return err
	}
	return cfg
}

// The assignment form with a hand-written check beside it.
func assignedWithCallback(cfg *tls.Config, check func(tls.ConnectionState) error) {
	cfg.InsecureSkipVerify = true
	cfg.VerifyConnection = check
}

// Guarded by an opt-in switch: the same explicit choice as reading the flag into the field.
func optInFlag(insecure bool) *tls.Config {
	cfg := &tls.Config{}
	if insecure {
		cfg.InsecureSkipVerify = true
	}
	return cfg
}

func optInEnvironment() *http.Transport {
	tr := &http.Transport{}
	switch os.Getenv("APP_ENV") {
	case "dev":
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	}
	return tr
}

// A struct of our own with a field of the same name is not crypto/tls's Config.
type ProxyConfig struct {
	InsecureSkipVerify bool
}

func ownConfig() ProxyConfig {
	return ProxyConfig{InsecureSkipVerify: true}
}

func ownConfigAssigned(p *ProxyConfig) {
	p.InsecureSkipVerify = true
}

// A separate client whose name says it is insecure, used only where that mode is chosen.
var insecureProbeClient = &http.Client{
	Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
}

func newInsecureTransport() *http.Transport {
	return &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
}

// Constant expressions that are false keep verification on.
const verifyOn = false

func constantFalse() *tls.Config {
	return &tls.Config{InsecureSkipVerify: verifyOn || !true}
}

// A client that only ever talks to this machine: nobody can stand between the two ends.
func pingLocal() (*http.Response, error) {
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	return client.Get("https://127.0.0.1:8443/ping")
}

// The caller chose to ignore the certificate: an opt-in switch by another name.
func download(url string, ignoreCertificate bool) (*http.Response, error) {
	client := &http.Client{}
	if ignoreCertificate {
		client.Transport = &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	}
	return client.Get(url)
}
