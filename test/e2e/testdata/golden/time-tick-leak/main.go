package ready

import (
	"context"
	"time"
)

func waitReady(ctx context.Context, ready func() bool) error {
	ticker := time.NewTicker(200 * time.Millisecond)
	defer ticker.Stop()
	for range ticker.C {
		if ready() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
