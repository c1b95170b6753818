package locks

import (
	"context"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

type Locker struct {
	rdb goredis.UniversalClient
}

func (l *Locker) TryLock(ctx context.Context, key, token string) (bool, error) {
	return l.rdb.SetNX(ctx, key, token, 0).Result() // want "redis-lock-without-ttl"
}

func acquireOrderLock(ctx context.Context, rdb *goredis.Client, orderID string) bool {
	ok, err := rdb.SetNX(ctx, "lock:order:"+orderID, "1", time.Duration(0)).Result() // want "redis-lock-without-ttl"
	return err == nil && ok
}

// Acquire and release in one function: the Del gives the lock away, but a crash before it does not.
func withJob(ctx context.Context, rdb *goredis.ClusterClient, job string, run func() error) error {
	ok, err := rdb.SetNX(ctx, job, "running", 0).Result() // want "redis-lock-without-ttl"
	if err != nil || !ok {
		return err
	}
	defer rdb.Del(ctx, job)
	return run()
}

// The expiry is set in a second round trip: a crash in between leaves the key forever.
func twoSteps(ctx context.Context, rdb *goredis.Client, key string) bool {
	if rdb.SetNX(ctx, key, 1, 0).Val() { // want "redis-lock-without-ttl"
		rdb.Expire(ctx, key, 10*time.Second)
		return true
	}
	return false
}

func localClient(ctx context.Context, id string) {
	rdb := goredis.NewClient(&goredis.Options{Addr: "redis:6379"})
	lockKey := "report-lock:" + id
	rdb.SetNX(ctx, lockKey, "worker-1",
		0) // want "redis-lock-without-ttl"
}

func electLeader(ctx context.Context, rdb goredis.Cmdable, node string) bool {
	return rdb.SetArgs(ctx, "cluster/leader", node, goredis.SetArgs{Mode: "NX"}).Err() == nil // want "redis-lock-without-ttl"
}
