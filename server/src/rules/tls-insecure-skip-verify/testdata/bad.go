package client

import (
	"crypto/tls"
	stdtls "crypto/tls"
	"net/http"
	"time"
)

func plainConfig() *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: true, // want "tls-insecure-skip-verify"
	}
}

func insideTransport() *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // want "tls-insecure-skip-verify"
		},
	}
}

func aliasedImport() stdtls.Config {
	return stdtls.Config{InsecureSkipVerify: true} // want "tls-insecure-skip-verify"
}

func assignedToConfig() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	cfg.InsecureSkipVerify = true // want "tls-insecure-skip-verify"
	return cfg
}

func assignedThroughTransportField(tr *http.Transport) {
	tr.TLSClientConfig.InsecureSkipVerify = true // want "tls-insecure-skip-verify"
}

func clonedDefaultTransport() *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} // want "tls-insecure-skip-verify"
	return tr
}

type upstream struct {
	tlsConfig *tls.Config
}

func (u *upstream) relax() {
	u.tlsConfig.InsecureSkipVerify = true // want "tls-insecure-skip-verify"
}

func perHost() map[string]*tls.Config {
	return map[string]*tls.Config{
		"internal.example.com": {InsecureSkipVerify: true}, // want "tls-insecure-skip-verify"
	}
}

func behindAnErrorCheck(certFile string) (*tls.Config, error) {
	if certFile == "" {
		return &tls.Config{InsecureSkipVerify: true}, nil // want "tls-insecure-skip-verify"
	}
	return &tls.Config{}, nil
}

// Constant expressions that are true are the same switch, spelled differently.
const verifyOff = true

func negatedFalse() *tls.Config {
	return &tls.Config{InsecureSkipVerify: !false} // want "tls-insecure-skip-verify"
}

func namedConstant() *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	cfg.InsecureSkipVerify = verifyOff // want "tls-insecure-skip-verify"
	return cfg
}

func localConstant() *tls.Config {
	const off = true && !false
	return &tls.Config{InsecureSkipVerify: off} // want "tls-insecure-skip-verify"
}

// A local address next to a remote one: the check still protects the remote call.
func pingBoth() error {
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // want "tls-insecure-skip-verify"
	if _, err := client.Get("https://localhost:8443/ping"); err != nil {
		return err
	}
	_, err := client.Get("https://api.example.com/v1/ping")
	return err
}
