package server

import "time"

// Limits bound what clients may hold of a server: connections, the time
// an idle keep-alive connection stays open, and the bytes of a request's
// header. The whole request, header and body, must arrive within the
// app's timeout. Zero fields take the defaults.
type Limits struct {
	// MaxConns caps the open connections. At the cap a new client takes
	// the place of the keep-alive connection idle the longest, which is
	// closed; with none idle, it waits until one closes or goes idle.
	// Default DefaultMaxConns.
	MaxConns int
	// IdleTimeout closes a keep-alive connection that sends no request for
	// this long. Default DefaultIdleTimeout.
	IdleTimeout time.Duration
	// MaxHeaderBytes caps a request's header; a larger one gets 431.
	// Default DefaultMaxHeaderBytes.
	MaxHeaderBytes int
}

// The default limits.
const (
	DefaultMaxConns       = 1024
	DefaultIdleTimeout    = 60 * time.Second
	DefaultMaxHeaderBytes = 64 << 10
)

// withDefaults fills the zero fields.
func (l Limits) withDefaults() Limits {
	if l.MaxConns <= 0 {
		l.MaxConns = DefaultMaxConns
	}
	if l.IdleTimeout <= 0 {
		l.IdleTimeout = DefaultIdleTimeout
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	return l
}
