package rpc

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	grpcinsecure "google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/credentials/insecure"
)

func dialDeprecated(addr string) (*grpc.ClientConn, error) {
	return grpc.Dial(addr, grpc.WithInsecure()) // want "grpc-insecure-credentials"
}

func newClient() (*grpc.ClientConn, error) {
	return grpc.NewClient("orders.internal:50051", grpc.WithTransportCredentials(insecure.NewCredentials())) // want "grpc-insecure-credentials"
}

func dialContext(ctx context.Context, target string) (*grpc.ClientConn, error) {
	return grpc.DialContext(ctx, target,
		grpc.WithBlock(),
		grpc.WithTransportCredentials(grpcinsecure.NewCredentials()), // want "grpc-insecure-credentials"
	)
}

func throughVariable(addr string) (*grpc.ClientConn, error) {
	creds := insecure.NewCredentials() // want "grpc-insecure-credentials"
	return grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
}

func optionsSlice(addr string) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()), // want "grpc-insecure-credentials"
	}
	return grpc.NewClient(addr, opts...)
}

func appendedOption(addr string, extra ...grpc.DialOption) (*grpc.ClientConn, error) {
	opts := append(extra, grpc.WithInsecure()) // want "grpc-insecure-credentials"
	return grpc.Dial(addr, opts...)
}

// Options built in one place and used by a dial elsewhere.
func defaultDialOptions() []grpc.DialOption {
	return []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())} // want "grpc-insecure-credentials"
}

// A remote target that merely mentions localhost in its name is still remote.
func notLoopback() (*grpc.ClientConn, error) {
	return grpc.NewClient("localhost.example.com:443", grpc.WithTransportCredentials(insecure.NewCredentials())) // want "grpc-insecure-credentials"
}

// A host read at run time may be anywhere: only the port is known.
func formattedHost(host string, port int) (*grpc.ClientConn, error) {
	return grpc.NewClient(fmt.Sprintf("%s:%d", host, port), grpc.WithTransportCredentials(insecure.NewCredentials())) // want "grpc-insecure-credentials"
}

// One of the values the target can hold is remote.
func sometimesRemote(remote bool) (*grpc.ClientConn, error) {
	target := "localhost:50051"
	if remote {
		target = "orders.internal:50051"
	}
	return grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials())) // want "grpc-insecure-credentials"
}

type ClientOptions struct {
	Secure bool
	Debug  bool
}

// A library's default when its caller did not ask for TLS: the choice is the caller's.
func buildDialOptions(opts ClientOptions) []grpc.DialOption {
	var options []grpc.DialOption
	if !opts.Secure {
		options = append(options, grpc.WithTransportCredentials(insecure.NewCredentials())) // want "grpc-insecure-credentials:information"
	}
	return options
}

// A flag that says nothing of TLS does not make clear text a caller's choice.
func debugDialOptions(opts ClientOptions) []grpc.DialOption {
	var options []grpc.DialOption
	if !opts.Debug {
		options = append(options, grpc.WithTransportCredentials(insecure.NewCredentials())) // want "grpc-insecure-credentials"
	}
	return options
}
