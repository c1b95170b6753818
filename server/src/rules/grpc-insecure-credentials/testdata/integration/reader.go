// An integration-test harness outside _test.go (package integration): it dials the service the
// test run started, wherever a helper of another package says that is.
package integration

import (
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"example.com/app/ports"
)

func newReader(port int) (*grpc.ClientConn, error) {
	opts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	return grpc.NewClient(ports.PortToHostPort(port), opts...)
}
