package server

import (
	"io"
	"net"
	"time"
)

// A lingering close reads and discards at most this many bytes, for at
// most this long.
const (
	drainBytes = 64 << 20
	drainTime  = 5 * time.Second
)

// linger half-closes c, then reads and discards what the client still
// sends, until it closes its side or drainBytes or drainTime run out, as
// nginx's lingering close does. Closing a connection whose client is
// still sending makes the kernel answer the unread bytes with a reset,
// and a client that sends a whole request before it reads the reply
// (many do) then gets the reset instead of the reply; after linger, the
// reply has been read or the client has had its chance. A client that
// never stops sending holds the connection drainTime at most.
func linger(c net.Conn) error {
	var err error
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		err = cw.CloseWrite()
	}
	_ = c.SetReadDeadline(time.Now().Add(drainTime))
	_, _ = io.CopyN(io.Discard, c, drainBytes)
	return err
}
