package flow

import (
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentFlows runs many flows at once on one engine; under -race
// it checks that flows share nothing unsafely, and each flow's answer must
// be its own.
func TestConcurrentFlows(t *testing.T) {
	a := newBlog(t, Options{})
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				title := fmt.Sprintf("w%d-%d", w, i)
				res, replies := a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": title})
				if res.Failure != nil || len(replies) != 1 {
					errs <- fmt.Errorf("%s: failure %v, replies %v", title, res.Failure, replies)
					continue
				}
				body := replies[0]["body"].(map[string]any)["post"].(map[string]any)
				if body["title"] != title {
					errs <- fmt.Errorf("%s: got the answer for %v", title, body["title"])
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := a.engine.Traces().Len(); n != workers*each {
		t.Errorf("trace store holds %d flows, want %d", n, workers*each)
	}
}
