package storage

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff waits before the next attempt of something that conflicted, a
// transaction say, after attempts made so far: a random while, longer
// after each (up to 1 ms after the first, 2 ms after the second, … up to
// 64 ms), so that those that conflicted do not meet again. It returns
// false as soon as ctx ends, without waiting further.
func Backoff(ctx context.Context, attempts int) bool {
	t := time.NewTimer(time.Duration(rand.Int64N(int64(time.Millisecond) << min(max(attempts-1, 0), 6))))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
