// Package conduitseed fills a running Conduit app with data for load
// tests, through its API: a few authors write articles, each with two tags
// from a small set and the tag Every, a reader follows half of the
// authors and favorites every fifth article, and fans, who have done
// nothing yet, are registered for the load to act as.
package conduitseed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// tags are the tags the articles get, two each, besides Every.
var tags = []string{"go", "yaml", "concepts", "syncs", "mongodb", "http", "testing"}

// Every is the tag every article gets: GET /api/articles?tag=seed lists
// them all.
const Every = "seed"

// Options say how much to seed.
type Options struct {
	Articles int // how many articles
	Authors  int // how many authors write them, at least 1
	Clients  int // concurrent requests, at least 1
	Fans     int // how many users to register besides, who write nothing
}

// Data is what Seed made.
type Data struct {
	Slugs      []string // of the articles, in the order created
	Reader     string   // the reader's token
	ReaderName string   // the reader's username
	Author     string   // the first author's token
	AuthorName string   // the first author's username
	Fans       []string // the tokens of Options.Fans users
}

// Seed registers the authors and the reader, creates the articles from
// o.Clients clients, has the reader follow and favorite, then registers
// the fans.
func Seed(api string, o Options) (*Data, error) {
	if o.Articles < 0 || o.Authors < 1 || o.Clients < 1 {
		return nil, fmt.Errorf("seed %d articles by %d authors with %d clients: want at least 0, 1 and 1", o.Articles, o.Authors, o.Clients)
	}
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	names := make([]string, o.Authors)
	tokens := make([]string, o.Authors)
	for i := range tokens {
		names[i] = fmt.Sprintf("author%d_%s", i, run)
		var err error
		if tokens[i], err = register(api, names[i]); err != nil {
			return nil, err
		}
	}
	slugs, err := articles(api, run, tokens, o)
	if err != nil {
		return nil, err
	}
	readerName := "reader_" + run
	reader, err := register(api, readerName)
	if err != nil {
		return nil, err
	}
	for _, name := range names[:(len(names)+1)/2] {
		if err := call(api+"/profiles/"+name+"/follow", reader, nil, http.StatusOK, nil); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(slugs); i += 5 {
		if err := call(api+"/articles/"+slugs[i]+"/favorite", reader, nil, http.StatusOK, nil); err != nil {
			return nil, err
		}
	}
	fans := make([]string, o.Fans)
	for i := range fans {
		if fans[i], err = register(api, fmt.Sprintf("fan%d_%s", i, run)); err != nil {
			return nil, err
		}
	}
	return &Data{Slugs: slugs, Reader: reader, ReaderName: readerName, Author: tokens[0], AuthorName: names[0], Fans: fans}, nil
}

// register registers a user and returns its token.
func register(api, name string) (string, error) {
	var out struct{ User struct{ Token string } }
	err := call(api+"/users", "", map[string]any{"user": map[string]any{
		"username": name, "email": name + "@example.com", "password": "password"}}, http.StatusCreated, &out)
	return out.User.Token, err
}

// articles creates the articles from o.Clients clients and returns their
// slugs in the order of their numbers.
func articles(api, run string, tokens []string, o Options) ([]string, error) {
	slugs := make([]string, o.Articles)
	jobs := make(chan int)
	errs := make(chan error, o.Clients)
	var wg sync.WaitGroup
	for range o.Clients {
		wg.Go(func() {
			for i := range jobs {
				article := map[string]any{"article": map[string]any{
					"title": fmt.Sprintf("Article %d of %s", i, run), "description": "a seeded article",
					"body": "Some text.", "tagList": []string{tags[i%len(tags)], tags[(i+3)%len(tags)], Every}}}
				var out struct{ Article struct{ Slug string } }
				if err := call(api+"/articles", tokens[i%len(tokens)], article, http.StatusCreated, &out); err != nil {
					errs <- err
					return
				}
				slugs[i] = out.Article.Slug
			}
		})
	}
	var err error
feed:
	for i := range o.Articles {
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
	return slugs, err
}

// call POSTs body as JSON (none when nil) with the token, wants the
// status, and decodes the reply into out when out is not nil.
func call(url, token string, body any, want int, out any) error {
	var data []byte
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			return err
		}
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
