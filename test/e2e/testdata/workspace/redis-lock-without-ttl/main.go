package locks

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func acquireLock(ctx context.Context, rdb *redis.Client, key, token string) (bool, error) {
	return rdb.SetNX(ctx, key, token, 0).Result()
}
