// Command loadgen load-tests a running legible server: it sends one JSON
// request from C clients for a fixed time and prints requests per second
// and latency percentiles. `{n}` in the body becomes a number unique to
// each request, for requests that must not repeat (registering users). It
// only targets loopback addresses.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/legible/legible/internal/load"
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
	flag.Parse()
	if err := main1(*target, *method, *body, *clients, *dur, *wait, *start, *serverLog); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// main1 runs loadgen with its flags.
func main1(target, method, body, clients string, dur, wait time.Duration, start, serverLog string) error {
	if err := load.CheckLoopback(target); err != nil {
		return err
	}
	levels, err := parseClients(clients)
	if err != nil { // before starting a server that exiting here would leave running
		return err
	}
	if start != "" {
		srv, err := load.Start(start, nil, serverLog)
		if err != nil {
			return err
		}
		defer srv.Stop()
	}
	if err := load.WaitHealthy(target, wait); err != nil {
		return err
	}
	for _, n := range levels {
		fmt.Println(load.Run(load.Request{Method: method, URL: target, Body: body}, n, dur))
	}
	return nil
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
