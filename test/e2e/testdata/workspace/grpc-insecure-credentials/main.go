package orders

import (
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func dialOrders() (*grpc.ClientConn, error) {
	return grpc.NewClient("orders.internal:50051",
		grpc.WithTransportCredentials(insecure.NewCredentials()))
}
