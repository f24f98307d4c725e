// Package load load-tests a running server over loopback: C clients send
// one request for a fixed time, and a Result has requests per second and
// latency percentiles. loadgen and conduitbench use it.
package load

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request is the request the clients send. For Run, `{n}` in its body
// becomes a number unique to each request, for requests that must not
// repeat (registering users).
type Request struct {
	Method, URL string
	Body        string
	Header      http.Header
	// Hosts, when set, spread Run's clients over servers, replicas of
	// one app: client c sends to Hosts[c % len(Hosts)] (host:port) instead
	// of URL's host.
	Hosts []string
}

// Result is one run's figures.
type Result struct {
	Clients        int
	Requests, Errs int
	Elapsed        time.Duration
	latencies      []time.Duration // sorted
}

// Rate is the requests per second.
func (r Result) Rate() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// Percentile is the latency below which the fraction p of the requests
// were answered.
func (r Result) Percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
}

// String writes the figures on one line.
func (r Result) String() string {
	return fmt.Sprintf("c=%-3d %8.0f req/s  p50 %8s  p99 %8s  (%d requests, %d errors)",
		r.Clients, r.Rate(), r.Percentile(0.50).Round(time.Microsecond), r.Percentile(0.99).Round(time.Microsecond),
		r.Requests, r.Errs)
}

// Run sends req from n clients for d. A request whose reply is not 2xx
// counts as an error.
func Run(req Request, n int, d time.Duration) Result {
	bodies := newBodies(req.Body)
	return RunEach(n, d, func(c int) Request {
		r := req
		r.Body = string(bodies.next())
		if len(req.Hosts) > 0 {
			r.URL = onHost(req.URL, req.Hosts[c%len(req.Hosts)])
		}
		return r
	})
}

// onHost returns the URL with its host replaced by host.
func onHost(target, host string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	u.Host = host
	return u.String()
}

// RunEach sends, from n clients for d, the requests that next makes:
// next(c) is client c's next request, whose body goes as it is. Clients
// call it at once, each with its own c. A request whose reply is not 2xx
// counts as an error.
func RunEach(n int, d time.Duration, next func(client int) Request) Result {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}, Timeout: 30 * time.Second}
	var mu sync.Mutex
	res := Result{Clients: n}
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range n {
		wg.Go(func() {
			var lat []time.Duration
			errs := 0
			for time.Now().Before(deadline) {
				t := time.Now()
				if !send(client, next(c)) {
					errs++
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.Requests += len(lat)
			res.Errs += errs
			mu.Unlock()
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	slices.Sort(res.latencies)
	return res
}

// send makes one request and reports whether it got a 2xx reply.
func send(client *http.Client, r Request) bool {
	req, err := http.NewRequest(r.Method, r.URL, strings.NewReader(r.Body))
	if err != nil {
		return false
	}
	req.Header = r.Header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode/100 == 2
}

// bodies makes request bodies from a template, replacing `{n}` with a
// number unique to the request and to this process's start.
type bodies struct {
	parts [][]byte // the template split at each {n}
	run   string   // names this process, so numbers do not repeat across runs
	n     atomic.Int64
}

// newBodies splits the template at each {n}.
func newBodies(template string) *bodies {
	b := &bodies{run: strconv.FormatInt(time.Now().UnixNano(), 36)}
	for p := range strings.SplitSeq(template, "{n}") {
		b.parts = append(b.parts, []byte(p))
	}
	return b
}

// next returns the next request's body.
func (b *bodies) next() []byte {
	if len(b.parts) == 1 {
		return b.parts[0]
	}
	n := b.run + strconv.FormatInt(b.n.Add(1), 36)
	return bytes.Join(b.parts, []byte(n))
}

// CheckLoopback refuses any target but this machine.
func CheckLoopback(target string) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	ip := net.ParseIP(u.Hostname())
	if u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s is not a loopback address", u.Hostname())
	}
	return nil
}

// WaitHealthy polls the server's /healthz until it answers 200, for at
// most d.
func WaitHealthy(target string, d time.Duration) error {
	u, err := url.Parse(target)
	if err != nil {
		return err
	}
	health := u.Scheme + "://" + u.Host + "/healthz"
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(health); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("%s did not answer within %s", health, d)
}
