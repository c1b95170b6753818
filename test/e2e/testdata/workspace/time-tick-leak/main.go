package ready

import (
	"context"
	"time"
)

func waitReady(ctx context.Context, ready func() bool) error {
	for range time.Tick(200 * time.Millisecond) {
		if ready() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
