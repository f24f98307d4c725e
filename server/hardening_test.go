package server

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/internal/syncbuf"
)

// dial opens a raw connection to the test server.
func (ts *testServer) dial(t *testing.T) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(ts.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// closedWithin reports whether the server ends the connection (it answers
// and closes, or just closes) within d.
func closedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, c)
	return err == nil // EOF: closed by the server; a timeout is an error
}

func TestSlowBodyIsCutOffAtTheTimeout(t *testing.T) {
	ts := newTestServer(t, Options{}) // the app's timeout is 500ms
	var conns []net.Conn
	for range 20 {
		c := ts.dial(t)
		fmt.Fprintf(c, "POST /api/counts/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"by\": 1, ")
		conns = append(conns, c)
	}
	for i, c := range conns {
		if !closedWithin(c, 3*time.Second) {
			t.Fatalf("connection %d, which sent 10 of its 1000 bytes, is still open 3s later (the app's timeout is 500ms)", i)
		}
	}
	if r := ts.do(t, "GET", "/api/counts/a", "", nil); r.status != 200 || r.body["count"] != 0.0 {
		t.Fatalf("a cut-off body changed the count: %d %s", r.status, r.raw)
	}
}

func TestIdleConnectionsAreClosed(t *testing.T) {
	ts := newTestServer(t, Options{Limits: Limits{IdleTimeout: 200 * time.Millisecond}})
	c := ts.dial(t)
	fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 || resp.Close {
		t.Fatalf("keep-alive request: %v %v", resp, err)
	}
	_ = resp.Body.Close()
	if !closedWithin(c, 3*time.Second) {
		t.Fatal("an idle keep-alive connection is still open 3s later (idle timeout 200ms)")
	}
}

func TestConnectionLimit(t *testing.T) {
	ts := newTestServer(t, Options{Limits: Limits{MaxConns: 2}})
	held := []net.Conn{ts.dial(t), ts.dial(t)}
	for _, c := range held { // half a request line: each holds its slot
		fmt.Fprintf(c, "GET /hea")
	}
	third := ts.dial(t)
	fmt.Fprintf(third, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	_ = third.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if n, _ := third.Read(make([]byte, 1)); n > 0 {
		t.Fatal("a third connection was served while two held both slots")
	}
	_ = held[0].Close()
	_ = third.SetReadDeadline(time.Now().Add(3 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(third), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the third connection, once a slot was free: %v %v", resp, err)
	}
}

func TestHeaderLimit(t *testing.T) {
	ts := newTestServer(t, Options{})
	r := ts.do(t, "GET", "/healthz", "", map[string]string{"X-Big": strings.Repeat("a", 100<<10)})
	if r.status != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("a 100 KiB header: %d, want 431", r.status)
	}
}

func TestSecretsStayOutOfURLsAndLogs(t *testing.T) {
	var log syncbuf.Buffer
	ts := newTestServer(t, Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	r := ts.do(t, "GET", "/api/counts/a?note=visible&token=hunter2", "", nil)
	if r.status != 400 || !strings.Contains(r.raw, "`token` is secret: send it in the header Authorization: Token …") {
		t.Fatalf("a token in the query string: %d %s, want a 400 that says why", r.status, r.raw)
	}
	if r := ts.do(t, "GET", "/api/counts/a?note=visible", "", map[string]string{"Authorization": "Token abc"}); r.status != 200 {
		t.Fatalf("the same request with the token in its header: %d %s", r.status, r.raw)
	}
	time.Sleep(50 * time.Millisecond) // the access log line follows the reply
	if out := log.String(); strings.Contains(out, "hunter2") || !strings.Contains(out, "note=visible&token=•••") {
		t.Fatalf("the access log shows the secret, or not the rest:\n%s", out)
	}
}

func TestPathParametersAreDecoded(t *testing.T) {
	ts := newTestServer(t, Options{})
	steps := []struct {
		method, path, body string
		status             int
		count              float64
	}{
		{"POST", "/api/counts/jo+doe@x", `{"by": 1}`, 200, 1},
		{"POST", "/api/counts/jo%2Bdoe%40x", `{"by": 1}`, 200, 2}, // the same name, encoded
		{"GET", "/api/counts/jo%2bdoe@x", "", 200, 2},
		{"POST", "/api/counts/a%2Fb", `{"by": 5}`, 200, 5}, // an encoded / stays in the name
		{"GET", "/api/counts/a%2Fb", "", 200, 5},
		{"GET", "/api/counts/a", "", 200, 0},
		{"GET", "/api/counts/%E2%82%AC", "", 200, 0},
	}
	for _, st := range steps {
		r := ts.do(t, st.method, st.path, st.body, nil)
		if r.status != st.status || r.body["count"] != st.count {
			t.Fatalf("%s %s: %d %s, want %d with count %v", st.method, st.path, r.status, r.raw, st.status, st.count)
		}
	}
	if r := ts.do(t, "GET", "/api/counts/a/b", "", nil); r.status != 404 {
		t.Fatalf("/counts/a/b is no count's route: %d %s", r.status, r.raw)
	}
}

func TestOversizedBodyAnswers413ToClientsThatSendItAll(t *testing.T) {
	ts := newTestServer(t, Options{}) // the body limit is 1 KiB
	body := bytes.Repeat([]byte("a"), 12<<20)
	for _, framing := range []string{"Content-Length: 12582912", "Transfer-Encoding: chunked"} {
		t.Run(framing, func(t *testing.T) {
			c := ts.dial(t)
			_ = c.SetDeadline(time.Now().Add(20 * time.Second))
			w := bufio.NewWriter(c)
			fmt.Fprintf(w, "POST /api/counts/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n%s\r\n\r\n", framing)
			var err error
			if strings.HasPrefix(framing, "Transfer") {
				for off := 0; off < len(body) && err == nil; off += 1 << 16 {
					_, err = fmt.Fprintf(w, "%x\r\n%s\r\n", 1<<16, body[off:off+1<<16])
				}
				if err == nil {
					_, err = w.WriteString("0\r\n\r\n")
				}
			} else {
				_, err = w.Write(body)
			}
			if err == nil {
				err = w.Flush()
			}
			if err != nil {
				t.Fatalf("sending the whole 12 MiB body before reading: %v", err)
			}
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("reading the reply after the body: %v %v, want 413", resp, err)
			}
		})
	}
}

// sendWhole writes head in one piece before reading anything, as naive
// clients do, and reads the reply.
func sendWhole(t *testing.T, c net.Conn, head string) *http.Response {
	t.Helper()
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatalf("sending the whole %d-byte request head before reading: %v", len(head), err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("reading the reply after the whole head: %v", err)
	}
	return resp
}

func TestLongHeadsAreAnsweredToClientsThatSendItAll(t *testing.T) {
	ts := newTestServer(t, Options{})
	// More than the kernel buffers hold: the client is still sending when
	// the server answers.
	big := strings.Repeat("a", 16<<20)
	for _, tt := range []struct {
		name, head string
		status     int
	}{
		{"request line", "GET /api/counts/" + big + " HTTP/1.1\r\nHost: x\r\n\r\n", http.StatusRequestURITooLong},
		{"header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n", http.StatusRequestHeaderFieldsTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if resp := sendWhole(t, ts.dial(t), tt.head); resp.StatusCode != tt.status {
				t.Fatalf("a 16 MiB %s: %d, want %d", tt.name, resp.StatusCode, tt.status)
			}
		})
	}
}

func TestRequestLineLimit(t *testing.T) {
	ts := newTestServer(t, Options{})
	name := strings.Repeat("a", maxRequestLine-100)
	if r := ts.do(t, "GET", "/api/counts/"+name, "", nil); r.status != 200 {
		t.Fatalf("a request line just under the limit: %d %s, want 200", r.status, r.raw)
	}
	resp := sendWhole(t, ts.dial(t), "GET /api/counts/"+name+strings.Repeat("a", 200)+" HTTP/1.1\r\nHost: x\r\n\r\n")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestURITooLong || !strings.Contains(string(body), "request body") {
		t.Fatalf("a request line just over the limit: %d %s, want 414 that says to send long parameters in the body", resp.StatusCode, body)
	}
}

func TestRefusedHeadCannotHoldTheConnection(t *testing.T) {
	ts := newTestServer(t, Options{})
	c := ts.dial(t)
	sent := make(chan error, 1)
	go func() { // a request line that never ends, and a client that never reads
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		_, err := c.Write([]byte("GET /"))
		for err == nil {
			_, err = c.Write(chunk)
		}
		sent <- err
	}()
	select {
	case <-sent: // the server closed the connection
	case <-time.After(15 * time.Second):
		t.Fatal("a client sending an endless request line still holds its connection 15s later")
	}
}

// keepAlive makes a keep-alive request on c, and says why it was not
// answered 200 with the connection kept open.
func keepAlive(c net.Conn) error {
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	defer func() { _ = c.SetDeadline(time.Time{}) }()
	if _, err := fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != 200 || resp.Close {
		return fmt.Errorf("status %d, closing %v", resp.StatusCode, resp.Close)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func TestIdleConnectionsMakeRoomAtTheCap(t *testing.T) {
	ts := newTestServer(t, Options{Limits: Limits{MaxConns: 3}})
	idle := []net.Conn{ts.dial(t), ts.dial(t), ts.dial(t)}
	for i, c := range idle {
		if err := keepAlive(c); err != nil {
			t.Fatalf("keep-alive request %d: %v", i, err)
		}
	}
	c := ts.dial(t)
	fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("a new client while 3 idle keep-alive connections fill the cap of 3: %v %v, want 200 at once, not after the idle timeout", resp, err)
	}
	// Which one made room is TestCapListenerClosesTheConnectionIdleTheLongest's
	// to check: when the server reports a connection idle, after its reply,
	// is not for a client to see.
	closed := 0
	for _, c := range idle {
		if keepAlive(c) != nil {
			closed++
		}
	}
	if closed != 1 {
		t.Fatalf("%d of the 3 idle connections were closed for the new client, want 1", closed)
	}
}

func TestWaitingClientTakesTheSlotOfAConnectionThatGoesIdle(t *testing.T) {
	ts := newTestServer(t, Options{Limits: Limits{MaxConns: 1}})
	busy := ts.dial(t)
	fmt.Fprintf(busy, "GET /hea") // half a request line: it holds the only slot
	waiting := ts.dial(t)
	fmt.Fprintf(waiting, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	_ = waiting.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	if n, _ := waiting.Read(make([]byte, 1)); n > 0 {
		t.Fatal("a second connection was served while the first held the only slot")
	}
	fmt.Fprintf(busy, "lthz HTTP/1.1\r\nHost: x\r\n\r\n") // the rest: answered, then idle
	if resp, err := http.ReadResponse(bufio.NewReader(busy), nil); err != nil || resp.StatusCode != 200 {
		t.Fatalf("the first connection's request: %v %v", resp, err)
	}
	_ = waiting.SetReadDeadline(time.Now().Add(2 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(waiting), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the waiting client, once the only connection went idle: %v %v, want 200 at once, not after the idle timeout", resp, err)
	}
}
