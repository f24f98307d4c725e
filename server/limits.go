package server

import (
	"net"
	"sync"
	"time"
)

// Limits bound what clients may hold of a server: connections, the time
// an idle keep-alive connection stays open, and the bytes of a request's
// header. The whole request, header and body, must arrive within the
// app's timeout. Zero fields take the defaults.
type Limits struct {
	// MaxConns caps the open connections; further clients wait to be
	// accepted until one closes. Default DefaultMaxConns.
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

// limitListener accepts at most n connections at a time: Accept waits for
// a slot before it accepts, so the clients beyond wait in the kernel's
// backlog rather than in the server's memory.
type limitListener struct {
	net.Listener
	slots chan struct{}
	done  chan struct{}
	close sync.Once
}

// limitConns returns ln accepting at most n connections at a time.
func limitConns(ln net.Listener, n int) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

// Accept waits for a free slot, then accepts a connection that frees it
// when closed.
func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &slotConn{Conn: c, free: func() { <-l.slots }}, nil
}

// Close closes the listener and wakes an Accept waiting for a slot.
func (l *limitListener) Close() error {
	l.close.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// slotConn is a connection holding a slot of a limitListener.
type slotConn struct {
	net.Conn
	once sync.Once
	free func()
}

// Close closes the connection and frees its slot, once.
func (c *slotConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.free)
	return err
}
