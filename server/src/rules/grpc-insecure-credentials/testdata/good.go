package rpc

import (
	"crypto/tls"
	"fmt"
	"net"
	"strconv"

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

const agentAddress = "localhost:50051"

// A loopback target held in a constant.
func dialConstant() (*grpc.ClientConn, error) {
	return grpc.NewClient(agentAddress, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// An empty host dials the local system: ":" + port.
func dialPort(port int) (*grpc.ClientConn, error) {
	return grpc.NewClient(":"+strconv.Itoa(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
}

func dialFormattedPort(port int) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	return grpc.NewClient(fmt.Sprintf(":%d", port), opts...)
}

func dialFormattedLoopback(port int) (*grpc.ClientConn, error) {
	return grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", port), grpc.WithTransportCredentials(insecure.NewCredentials()))
}

func dialJoinedLoopback(port string) (*grpc.ClientConn, error) {
	return grpc.NewClient(net.JoinHostPort("localhost", port), grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// Every value the variable holds is on this machine.
func dialLocalVariable(ipv6 bool, port int) (*grpc.ClientConn, error) {
	target := fmt.Sprintf("127.0.0.1:%d", port)
	if ipv6 {
		target = fmt.Sprintf("[::1]:%d", port)
	}
	return grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
}
