package orders

import "go.uber.org/zap"

var logger = zap.Must(zap.NewProduction())
