package server

import (
	"net"
	"net/http"
	"testing"
	"time"
)

// acceptPair dials l and accepts the connection: the client's end and
// the server's.
func acceptPair(t *testing.T, l *capListener) (client, served net.Conn) {
	t.Helper()
	client, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	if served, err = l.Accept(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = served.Close() })
	return client, served
}

// The test plays the server's part: it reports the connections' states to
// the listener's hook in an order of its choosing.
func TestCapListenerClosesTheConnectionIdleTheLongest(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := newCapListener(inner, 3)
	t.Cleanup(func() { _ = l.Close() })
	var clients, served [3]net.Conn
	for i := range 3 {
		clients[i], served[i] = acceptPair(t, l)
	}
	l.track(served[1], http.StateIdle)
	l.track(served[0], http.StateIdle)
	l.track(served[2], http.StateActive)
	acceptPair(t, l) // at the cap
	if !closedWithin(clients[1], 2*time.Second) {
		t.Fatal("the connection idle the longest is still open: it should have made room")
	}
	for _, i := range []int{0, 2} {
		l.mu.Lock()
		open := served[i].(*conn).elem != nil
		l.mu.Unlock()
		if !open {
			t.Fatalf("connection %d was closed too: one made room", i)
		}
	}
}
