package orders

import (
	"log"

	"go.uber.org/zap"
)

func Save(logger *zap.Logger, id int64) {
	log.Printf("saving order %d", id)
	logger.Info("order saved", zap.Int64("order_id", id))
}
