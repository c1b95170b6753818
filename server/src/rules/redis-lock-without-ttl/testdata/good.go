package locks

import (
	"context"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

var releaseScript = goredis.NewScript(`if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`)

// A lock with a TTL, released by comparing the token.
func lockWithTTL(ctx context.Context, rdb *goredis.Client, key, token string) (func(), bool) {
	ok, err := rdb.SetNX(ctx, key, token, 30*time.Second).Result()
	if err != nil || !ok {
		return nil, false
	}
	return func() { releaseScript.Run(ctx, rdb, []string{key}, token) }, true
}

// A TTL from a variable or parameter.
func lockFor(ctx context.Context, rdb *goredis.Client, key string, ttl time.Duration) bool {
	return rdb.SetNX(ctx, "lock:"+key, 1, ttl).Val()
}

// SetArgs with a TTL.
func lockWithArgs(ctx context.Context, rdb *goredis.Client, key string) error {
	return rdb.SetArgs(ctx, "lock:"+key, 1, goredis.SetArgs{Mode: "NX", TTL: 10 * time.Second}).Err()
}

// SetArgs with ExpireAt.
func lockUntil(ctx context.Context, rdb *goredis.Client, key string, deadline time.Time) error {
	return rdb.SetArgs(ctx, "lock:"+key, 1, goredis.SetArgs{Mode: "NX", ExpireAt: deadline}).Err()
}

// Set-if-absent as a permanent first-writer-wins record, not a lock: nothing says "lock" and the
// key is never released.
func reserveUsername(ctx context.Context, rdb *goredis.Client, name, userID string) (bool, error) {
	return rdb.SetNX(ctx, "username:"+name, userID, 0).Result()
}

// "block" and "clock" are not locks.
func blockUser(ctx context.Context, rdb *goredis.Client, userID string) error {
	return rdb.SetNX(ctx, "blocklist:"+userID, time.Now().Unix(), 0).Err()
}

// A SetNX of our own type, not go-redis.
type memStore struct{ m map[string]string }

func (s *memStore) SetNX(_ context.Context, key, value string, _ time.Duration) bool {
	if _, ok := s.m[key]; ok {
		return false
	}
	s.m[key] = value
	return true
}

func lockInMemory(ctx context.Context, s *memStore) bool {
	return s.SetNX(ctx, "lock:a", "1", 0)
}

// Receiver of unknown type: stay silent.
func lockUnknown(ctx context.Context, c interface {
	SetNX(context.Context, string, interface{}, time.Duration) *goredis.BoolCmd
}) bool {
	return c.SetNX(ctx, "lock:x", 1, 0).Val()
}
