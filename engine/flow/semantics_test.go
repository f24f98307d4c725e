package flow

import (
	"errors"
	"reflect"
	"testing"

	"github.com/legible/legible/concepts"
)

func TestCreateRespondsWithWhereSteps(t *testing.T) {
	a := newBlog(t, Options{})
	res, replies := a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": "Hello"})
	if res.Failure != nil || len(replies) != 1 {
		t.Fatalf("failure %v, replies %v", res.Failure, replies)
	}
	want := map[string]any{"status": float64(201), "body": map[string]any{
		"post": map[string]any{"id": "p1", "title": "Hello", "comments": []any{}},
	}}
	if !reflect.DeepEqual(replies[0], want) {
		t.Fatalf("reply %#v, want %#v (collect over no rows must give an empty list)", replies[0], want)
	}
}

func TestErrorOutcomeMatchedOnlyByErrorPattern(t *testing.T) {
	a := newBlog(t, Options{})
	res, replies := a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": ""})
	if res.Failure != nil {
		t.Fatalf("a concept error is an outcome, not a failure: %v", res.Failure)
	}
	want := []map[string]any{{"status": float64(422), "error": "a post needs a title", "body": nil}}
	if !reflect.DeepEqual(replies, want) {
		t.Fatalf("replies %v, want %v (CreatePostRespond must not match the error)", replies, want)
	}
}

func TestFanOutDeletesEveryComment(t *testing.T) {
	a := newBlog(t, Options{})
	a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": "Hello"})
	a.request(t, "POST", "/posts", map[string]any{"author": "bob", "title": "Other"})
	for _, text := range []string{"one", "two", "three"} {
		a.request(t, "POST", "/posts/:post/comments", map[string]any{"post": "p1", "text": text})
	}
	a.request(t, "POST", "/posts/:post/comments", map[string]any{"post": "p2", "text": "stays"})
	res, replies := a.request(t, "DELETE", "/posts/:post", map[string]any{"post": "p1"})
	if res.Failure != nil || len(replies) != 1 || replies[0]["status"] != float64(204) {
		t.Fatalf("failure %v, replies %v", res.Failure, replies)
	}
	if len(a.comments.comments) != 1 || a.comments.comments[0].Text != "stays" {
		t.Fatalf("comments left: %v", a.comments.comments)
	}
}

func TestWhereDropsFrameAndFilter(t *testing.T) {
	a := newBlog(t, Options{})
	a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": "Hello"})
	for _, tt := range []struct {
		post, text string
		replies    int
	}{
		{"p1", "hi", 1},
		{"p9", "hi", 0}, // no such post: the query drops the frame
		{"p1", "", 0},   // the filter drops it
	} {
		_, replies := a.request(t, "POST", "/posts/:post/comments", map[string]any{"post": tt.post, "text": tt.text})
		if len(replies) != tt.replies {
			t.Errorf("post %s text %q: %d replies, want %d", tt.post, tt.text, len(replies), tt.replies)
		}
	}
}

func TestOptionalQueryBindsNil(t *testing.T) {
	a := newBlog(t, Options{})
	a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": "Hello"})
	for post, who := range map[string]string{"p1": "ann", "p9": "nobody"} {
		_, replies := a.request(t, "GET", "/who", map[string]any{"post": post})
		if len(replies) != 1 || replies[0]["who"] != who {
			t.Errorf("post %s: replies %v, want who=%s", post, replies, who)
		}
	}
}

func TestWhereCallsAQueryOncePerInput(t *testing.T) {
	a := newBlog(t, Options{})
	a.request(t, "POST", "/posts", map[string]any{"author": "ann", "title": "Hello"})
	for _, text := range []string{"one", "two", "three"} {
		a.request(t, "POST", "/posts/:post/comments", map[string]any{"post": "p1", "text": text})
	}
	for round := 1; round <= 2; round++ { // each firing calls afresh
		before := a.posts.gets
		_, replies := a.request(t, "GET", "/posts/:post/comments", map[string]any{"post": "p1"})
		if len(replies) != 1 {
			t.Fatalf("round %d: replies %v, want one", round, replies)
		}
		if comments, _ := replies[0]["comments"].([]any); len(comments) != 3 {
			t.Fatalf("round %d: reply %v, want 3 comments", round, replies[0])
		}
		for _, c := range replies[0]["comments"].([]any) {
			if c.(map[string]any)["title"] != "Hello" {
				t.Fatalf("round %d: comment %v, want the title Hello", round, c)
			}
		}
		if n := a.posts.gets - before; n != 1 {
			t.Errorf("round %d: Posting._get called %d times for 3 comments on one post, want 1", round, n)
		}
	}
}

func TestThenRunsDepthFirst(t *testing.T) {
	a := newBlog(t, Options{})
	a.request(t, "POST", "/order", nil)
	want := []string{"first", "nested", "second"}
	if !reflect.DeepEqual(a.notes.notes, want) {
		t.Fatalf("notes %v, want %v", a.notes.notes, want)
	}
}

func TestResponseSyncFiresOncePerRequest(t *testing.T) {
	a := newBlog(t, Options{})
	_, replies := a.request(t, "POST", "/twice", nil)
	if len(replies) != 1 || replies[0]["text"] != "one" {
		t.Fatalf("replies %v, want exactly one, for the first note", replies)
	}
}

func TestFailureStopsTheFlowAndIsRecorded(t *testing.T) {
	a := newBlog(t, Options{})
	res, replies := a.request(t, "POST", "/boom", nil)
	var f *concepts.Failure
	if !errors.As(res.Failure, &f) || f.Concept != "Failing" || f.Action != "boom" {
		t.Fatalf("failure %#v, want one from Failing.boom", res.Failure)
	}
	if len(a.notes.notes) != 0 || len(replies) != 0 {
		t.Fatalf("the flow went on after the failure: notes %v, replies %v", a.notes.notes, replies)
	}
	tf, ok := a.engine.Traces().Get(res.FlowID)
	if !ok || tf.Failure == "" {
		t.Fatalf("flow %s not in the trace store with its failure", res.FlowID)
	}
	last := tf.Records[len(tf.Records)-1]
	if last.Concept != "Failing" || last.Failure != "kaboom" && last.Failure == "" {
		t.Fatalf("last record %+v, want the failed Failing.boom", last)
	}
}
