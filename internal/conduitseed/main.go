// Command conduitseed fills a running Conduit app with data for load
// tests, through its API: it registers a few authors and has them write
// articles, each with two tags from a small set.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"
)

// tags are the tags the articles get, two each.
var tags = []string{"go", "yaml", "concepts", "syncs", "mongodb", "http", "testing"}

func main() {
	api := flag.String("url", "http://127.0.0.1:8080/api", "the app's API base URL")
	articles := flag.Int("n", 1000, "how many articles to create")
	authors := flag.Int("authors", 10, "how many authors write them")
	clients := flag.Int("c", 4, "concurrent requests")
	flag.Parse()
	if *articles < 0 || *authors < 1 || *clients < 1 {
		fmt.Fprintln(os.Stderr, "conduitseed: -n must be at least 0, and -authors and -c at least 1")
		os.Exit(2)
	}
	start := time.Now()
	if err := seed(*api, *articles, *authors, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "conduitseed:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "conduitseed: %d articles by %d authors in %s\n", *articles, *authors, time.Since(start).Round(time.Millisecond))
}

// seed registers the authors, then creates the articles from c clients.
func seed(api string, n, authors, c int) error {
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	tokens := make([]string, authors)
	for i := range tokens {
		name := fmt.Sprintf("author%d_%s", i, run)
		var out struct{ User struct{ Token string } }
		err := call(api+"/users", "", map[string]any{"user": map[string]any{
			"username": name, "email": name + "@example.com", "password": "password"}}, http.StatusCreated, &out)
		if err != nil {
			return err
		}
		tokens[i] = out.User.Token
	}
	jobs := make(chan int)
	errs := make(chan error, c)
	var wg sync.WaitGroup
	for range c {
		wg.Go(func() {
			for i := range jobs {
				article := map[string]any{"article": map[string]any{
					"title": fmt.Sprintf("Article %d of %s", i, run), "description": "a seeded article",
					"body": "Some text.", "tagList": []string{tags[i%len(tags)], tags[(i+3)%len(tags)]}}}
				if err := call(api+"/articles", tokens[i%authors], article, http.StatusCreated, nil); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for i := range n {
		select {
		case jobs <- i:
		case err = <-errs:
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	return err
}

// call POSTs body as JSON with the token, wants the status, and decodes
// the reply into out when out is not nil.
func call(url, token string, body any, want int, out any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Token "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	reply, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("POST %s: %d %s, want %d", url, resp.StatusCode, reply, want)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(reply, out)
}
