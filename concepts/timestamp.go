package concepts

import (
	"sync/atomic"
	"time"
)

// TimestampLayout is how concepts write times as strings: UTC, ISO 8601,
// always with milliseconds, so clients can parse every value one way.
const TimestampLayout = "2006-01-02T15:04:05.000Z"

// Timestamp formats t with TimestampLayout.
func Timestamp(t time.Time) string { return t.UTC().Format(TimestampLayout) }

// Now is the current time as concepts store it: in UTC, truncated to the
// millisecond that a BSON date keeps, so that a time reads back as it was
// written.
func Now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// lastInstant is the last value Instant returned.
var lastInstant atomic.Int64

// Instant is the current time in nanoseconds since the Unix epoch, made
// greater than every earlier Instant of this process: facts stamped with
// it sort in the order they happened, within one millisecond too, and
// across processes as far as their clocks agree.
func Instant() int64 {
	for {
		last, now := lastInstant.Load(), time.Now().UnixNano()
		if now <= last {
			now = last + 1
		}
		if lastInstant.CompareAndSwap(last, now) {
			return now
		}
	}
}
