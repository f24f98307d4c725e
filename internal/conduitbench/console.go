package main

import (
	"bufio"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// slowRead is how long the console page of a load waits between the
// lines of its live stream it reads: slower than the flows come, so that
// the server must drop some for it.
const slowRead = 5 * time.Millisecond

// consolePage is a console page open during a load: it reads the live
// stream of /_legible/, slowly, and counts the flows it heard of and
// those the server said it dropped for it.
type consolePage struct {
	resp           *http.Response
	flows, dropped atomic.Int64
	fast           atomic.Bool  // reading what is left, at full speed
	last           atomic.Int64 // when it last read a line, in Unix nanoseconds
	done           chan struct{}
}

// drained is how long a stream read at full speed must stay quiet for
// the page to have read everything the server sent it.
const drained = 500 * time.Millisecond

// openConsole opens the live stream of the server at url (it must serve
// with --dev); a page that cannot open it counts nothing.
func openConsole(url string) *consolePage {
	p := &consolePage{done: make(chan struct{})}
	resp, err := http.Get(url + "/_legible/api/live")
	if err != nil || resp.StatusCode != http.StatusOK {
		close(p.done)
		return p
	}
	p.resp = resp
	go p.read()
	return p
}

// read reads the stream line by line, slowly, until it ends.
func (p *consolePage) read() {
	defer close(p.done)
	lines := bufio.NewScanner(p.resp.Body)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		line := lines.Text()
		if line == "event: flow" {
			p.flows.Add(1)
		}
		p.dropped.Add(droppedCount(line))
		p.last.Store(time.Now().UnixNano())
		if !p.fast.Load() {
			time.Sleep(slowRead)
		}
	}
}

// droppedCount returns the number of a dropped event's data line (the
// stream's only data that is a bare number), or 0.
func droppedCount(line string) int64 {
	var n int64
	if data, ok := strings.CutPrefix(line, "data: "); ok {
		if _, err := fmt.Sscan(data, &n); err != nil {
			return 0
		}
	}
	return n
}

// close reads what is left of the stream, at full speed, then closes the
// page and says what it heard.
func (p *consolePage) close() string {
	if p.resp == nil {
		return "could not open the console: is the binary serving with --dev?"
	}
	p.fast.Store(true)
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(drained / 5) {
		if time.Since(time.Unix(0, p.last.Load())) > drained {
			break
		}
	}
	p.resp.Body.Close()
	<-p.done
	return fmt.Sprintf("heard of %d flows; the server dropped %d for it", p.flows.Load(), p.dropped.Load())
}
