// Command loadgen load-tests a running legible server: it sends one JSON
// request from C clients for a fixed time and prints requests per second
// and latency percentiles. `{n}` in the body becomes a number unique to
// each request, for requests that must not repeat (registering users). It
// only targets loopback addresses.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	target := flag.String("url", "http://127.0.0.1:8080/api/LikertSurvey/createSurvey", "URL to send requests to (loopback only)")
	method := flag.String("method", "POST", "HTTP method")
	body := flag.String("body", `{"author": "ann", "title": "Lunch", "scaleMin": 1, "scaleMax": 5}`, "JSON body")
	clients := flag.String("c", "1,32", "comma-separated numbers of concurrent clients, one run each")
	dur := flag.Duration("d", 5*time.Second, "duration of each run")
	wait := flag.Duration("wait", 30*time.Second, "how long to wait for the server's /healthz to answer first")
	start := flag.String("start", "", "a server command line to start first and stop (SIGINT) at the end, e.g. \".bench/legible serve --addr 127.0.0.1:18080\"")
	serverLog := flag.String("server-log", "", "file for the started server's output (default: discarded)")
	before := flag.String("before", "", "a command line to run once the server is healthy, before the runs (e.g. seeding data)")
	flag.Parse()
	if err := checkLoopback(*target); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	levels, err := parseClients(*clients)
	if err != nil { // before starting a server that exiting here would leave running
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	stop, err := startServer(*start, *serverLog)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	defer stop()
	if err := waitHealthy(*target, *wait); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		stop()
		os.Exit(1)
	}
	if err := runBefore(*before); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		stop()
		os.Exit(1)
	}
	bodies := newBodies(*body)
	for _, n := range levels {
		fmt.Println(run(*method, *target, bodies, n, *dur))
	}
}

// parseClients reads the -c list: numbers of clients, each at least 1.
func parseClients(list string) ([]int, error) {
	var levels []int
	for c := range strings.SplitSeq(list, ",") {
		var n int
		if _, err := fmt.Sscan(c, &n); err != nil || n < 1 {
			return nil, fmt.Errorf("bad -c value %q; give numbers of at least 1, separated by commas (e.g. -c 1,32)", c)
		}
		levels = append(levels, n)
	}
	return levels, nil
}

// command makes the command of a command line, split at spaces (no
// quoting), or returns an error for a blank one.
func command(cmdline string) (*exec.Cmd, error) {
	args := strings.Fields(cmdline)
	if len(args) == 0 {
		return nil, fmt.Errorf("the command line %q is blank; give a program and its arguments", cmdline)
	}
	return exec.Command(args[0], args[1:]...), nil
}

// startServer starts the command line, if any, with its output in the
// log file (discarded without one), and returns how to stop it.
func startServer(cmdline, logFile string) (stop func(), err error) {
	if cmdline == "" {
		return func() {}, nil
	}
	cmd, err := command(cmdline)
	if err != nil {
		return nil, err
	}
	if logFile != "" {
		f, err := os.Create(logFile)
		if err != nil {
			return nil, err
		}
		cmd.Stdout, cmd.Stderr = f, f
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", cmd.Args[0], err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			_ = cmd.Process.Signal(os.Interrupt)
			_ = cmd.Wait()
		})
	}, nil
}

// runBefore runs the command line, if any, with its output on ours.
func runBefore(cmdline string) error {
	if cmdline == "" {
		return nil
	}
	cmd, err := command(cmdline)
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("-before %q: %w", cmdline, err)
	}
	return nil
}

// bodies makes request bodies from a template, replacing `{n}` with a
// number unique to the request and to this process's start.
type bodies struct {
	parts [][]byte // the template split at each {n}
	run   string   // names this process, so numbers do not repeat across runs
	next  atomic.Int64
}

// newBodies splits the template at each {n}.
func newBodies(template string) *bodies {
	b := &bodies{run: strconv.FormatInt(time.Now().UnixNano(), 36)}
	for p := range strings.SplitSeq(template, "{n}") {
		b.parts = append(b.parts, []byte(p))
	}
	return b
}

// body returns the next request's body.
func (b *bodies) body() []byte {
	if len(b.parts) == 1 {
		return b.parts[0]
	}
	n := b.run + strconv.FormatInt(b.next.Add(1), 36)
	return bytes.Join(b.parts, []byte(n))
}

// checkLoopback refuses any target but this machine.
func checkLoopback(target string) error {
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

// waitHealthy polls the server's /healthz until it answers.
func waitHealthy(target string, d time.Duration) error {
	u, _ := url.Parse(target)
	health := u.Scheme + "://" + u.Host + "/healthz"
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(health); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("%s did not answer within %s", health, d)
}

// result is one run's figures.
type result struct {
	clients        int
	requests, errs int
	elapsed        time.Duration
	latencies      []time.Duration
}

func (r result) String() string {
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[min(len(r.latencies)-1, int(p*float64(len(r.latencies))))]
	}
	return fmt.Sprintf("c=%-3d %8.0f req/s  p50 %8s  p99 %8s  (%d requests, %d errors)",
		r.clients, float64(r.requests)/r.elapsed.Seconds(), pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), r.requests, r.errs)
}

// run sends requests from n clients for d.
func run(method, target string, body *bodies, n int, d time.Duration) result {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}, Timeout: 30 * time.Second}
	var mu sync.Mutex
	res := result{clients: n}
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var lat []time.Duration
			errs := 0
			for time.Now().Before(deadline) {
				t := time.Now()
				if !send(client, method, target, body.body()) {
					errs++
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.requests += len(lat)
			res.errs += errs
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// send makes one request and reports whether it got a 2xx reply.
func send(client *http.Client, method, target string, body []byte) bool {
	req, err := http.NewRequest(method, target, bytes.NewReader(body))
	if err != nil {
		return false
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
