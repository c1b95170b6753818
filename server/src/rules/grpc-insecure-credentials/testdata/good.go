package rpc

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/credentials/local"
)

// TLS credentials.
func dialTLS(addr string) (*grpc.ClientConn, error) {
	creds := credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
	return grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
}

// A sidecar or agent on loopback: nothing leaves the machine.
func dialLoopback() (*grpc.ClientConn, error) {
	return grpc.NewClient("localhost:50051", grpc.WithTransportCredentials(insecure.NewCredentials()))
}

func dialLoopbackIP() (*grpc.ClientConn, error) {
	return grpc.Dial("127.0.0.1:9000", grpc.WithInsecure())
}

func dialLoopbackIPv6() (*grpc.ClientConn, error) {
	return grpc.NewClient("[::1]:9000", grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// Unix domain sockets, e.g. a CSI driver or containerd.
func dialSocket() (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	return grpc.NewClient("unix:///run/containerd/containerd.sock", opts...)
}

func dialPassthroughLoopback() (*grpc.ClientConn, error) {
	return grpc.NewClient("passthrough:///localhost:50051", grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// Local credentials are meant for same-host connections and check that they are.
func dialLocalCreds(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithTransportCredentials(local.NewCredentials()))
}

// Server side: a plaintext server is the default and usually sits behind a TLS-terminating proxy.
func plaintextServer() *grpc.Server {
	return grpc.NewServer(grpc.Creds(insecure.NewCredentials()))
}

// A NewCredentials of another package.
type fakeCreds struct{}

func (fakeCreds) NewCredentials() int { return 0 }

func otherPackage() int {
	return fakeCreds{}.NewCredentials()
}
