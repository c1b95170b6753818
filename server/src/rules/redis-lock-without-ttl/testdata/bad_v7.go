package locks

import (
	redisv7 "github.com/go-redis/redis/v7"
)

// go-redis v7 and earlier take no context.
func lockV7(client *redisv7.Client, name string) bool {
	return client.SetNX("lock:"+name, "1", 0).Val() // want "redis-lock-without-ttl"
}
