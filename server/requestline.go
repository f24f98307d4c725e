package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"time"
)

// maxRequestLine caps a request line (method, target and version), as
// nginx's and Apache's 8 KiB do; a longer one gets 414. Long parameters
// belong in the body.
const maxRequestLine = 8 << 10

// lineDone is conn.lineLeft once the request line has ended.
const lineDone = -1

// uriTooLong is the whole reply to a request line over maxRequestLine.
var uriTooLong = func() []byte {
	var b errorBody
	b.Errors.Body = []string{fmt.Sprintf("the request line is longer than %d bytes: send long parameters in the request body", maxRequestLine)}
	body, _ := json.Marshal(b)
	return fmt.Appendf(nil, "HTTP/1.1 414 URI Too Long\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
}()

// errLineTooLong ends the reading of a request whose line is too long.
var errLineTooLong = errors.New("request line too long; answered 414")

// nextRequest starts watching the request line of the connection's next
// request. The server calls it when the connection goes idle; the bytes
// of a pipelined request that it had already read with the last one
// escape the watch, so such a line may run over by a buffer (4 KiB).
func (c *conn) nextRequest() { c.lineLeft = maxRequestLine }

// watchLine follows the request line through data, the next bytes read
// from the client, and reports whether it is still within maxRequestLine.
func (c *conn) watchLine(data []byte) bool {
	if c.lineLeft == lineDone {
		return true
	}
	end := bytes.IndexByte(data, '\n')
	if end < 0 {
		end = len(data)
	}
	if end > c.lineLeft {
		return false
	}
	if end < len(data) {
		c.lineLeft = lineDone
	} else {
		c.lineLeft -= end
	}
	return true
}

// refuseLine answers 414 to a request whose line is too long, lingers
// (the client may still be sending it), and returns the error that ends
// the server's reading. The error is a read's *net.OpError, on which the
// server closes the connection without answering again.
func (c *conn) refuseLine() error {
	_ = c.SetWriteDeadline(time.Now().Add(drainTime))
	if _, err := c.Conn.Write(uriTooLong); err == nil {
		_ = c.CloseWrite()
	}
	return &net.OpError{Op: "read", Net: c.LocalAddr().Network(), Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: errLineTooLong}
}
