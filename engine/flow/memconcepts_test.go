package flow

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/legible/legible/concepts"
)

// The in-memory concepts of the test apps. They are real implementations,
// registered through the same API as production concepts.

// responses returns what the flow id asked Requesting.respond, in order,
// from its trace: each respond's input but the request, with a body
// (nil when none was given). The real Requesting delivers the first and
// refuses the rest; a test counts them all.
func responses(e *Engine, id string) []map[string]any {
	f, ok := e.Traces().Get(id)
	if !ok {
		return nil
	}
	var out []map[string]any
	for _, r := range f.Records {
		if r.Concept != "Requesting" || r.Action != "respond" {
			continue
		}
		reply := map[string]any{"body": nil}
		for k, v := range r.Input {
			if k != "request" {
				reply[k] = v
			}
		}
		out = append(out, reply)
	}
	return out
}

// posting keeps posts in a map.
type posting struct {
	mu    sync.Mutex
	next  int
	posts map[string]postRow
	gets  int // calls of _get
}

type postRow struct {
	Title  string `json:"title"`
	Author string `json:"author"`
}

type createPostIn struct {
	Author string `json:"author"`
	Title  string `json:"title"`
}

type postRef struct {
	Post string `json:"post"`
}

func (p *posting) create(_ context.Context, in createPostIn) (postRef, error) {
	if in.Title == "" {
		return postRef{}, concepts.Errorf("a post needs a title")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next++
	id := "p" + strconv.Itoa(p.next)
	p.posts[id] = postRow{Title: in.Title, Author: in.Author}
	return postRef{Post: id}, nil
}

func (p *posting) delete(_ context.Context, in postRef) (postRef, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.posts[in.Post]; !ok {
		return postRef{}, concepts.Errorf("no post %s", in.Post)
	}
	delete(p.posts, in.Post)
	return in, nil
}

func (p *posting) get(_ context.Context, in postRef) ([]postRow, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gets++
	if row, ok := p.posts[in.Post]; ok {
		return []postRow{row}, nil
	}
	return nil, nil
}

func (p *posting) concept() *concepts.Concept {
	return concepts.New("Posting").
		Action("create", concepts.Action(p.create)).
		Action("delete", concepts.Action(p.delete)).
		Query("_get", concepts.Query(p.get))
}

// commenting keeps comments in insertion order.
type commenting struct {
	mu       sync.Mutex
	next     int
	comments []commentRow
}

type commentRow struct {
	Comment string `json:"comment"`
	Target  string `json:"-"`
	Text    string `json:"text"`
}

type addIn struct {
	Target string `json:"target"`
	Text   string `json:"text"`
}

type commentRef struct {
	Comment string `json:"comment"`
}

type targetIn struct {
	Target string `json:"target"`
}

type commentOut struct {
	Comment string `json:"comment"`
	Text    string `json:"text"`
}

func (c *commenting) add(_ context.Context, in addIn) (commentRef, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	id := "c" + strconv.Itoa(c.next)
	c.comments = append(c.comments, commentRow{Comment: id, Target: in.Target, Text: in.Text})
	return commentRef{Comment: id}, nil
}

func (c *commenting) delete(_ context.Context, in commentRef) (commentRef, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, row := range c.comments {
		if row.Comment == in.Comment {
			c.comments = append(c.comments[:i], c.comments[i+1:]...)
			return in, nil
		}
	}
	return commentRef{}, fmt.Errorf("comment %s vanished", in.Comment)
}

func (c *commenting) byTarget(_ context.Context, in targetIn) ([]commentOut, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []commentOut
	for _, row := range c.comments {
		if row.Target == in.Target {
			out = append(out, commentOut{Comment: row.Comment, Text: row.Text})
		}
	}
	return out, nil
}

func (c *commenting) concept() *concepts.Concept {
	return concepts.New("Commenting").
		Action("add", concepts.Action(c.add)).
		Action("delete", concepts.Action(c.delete)).
		Query("_byTarget", concepts.Query(c.byTarget))
}

// noting writes notes down in order.
type noting struct {
	mu    sync.Mutex
	notes []string
}

type noteIO struct {
	Text string `json:"text"`
}

func (n *noting) note(_ context.Context, in noteIO) (noteIO, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.notes = append(n.notes, in.Text)
	return in, nil
}

func (n *noting) all(_ context.Context, _ struct{}) ([]noteIO, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make([]noteIO, len(n.notes))
	for i, t := range n.notes {
		out[i] = noteIO{Text: t}
	}
	return out, nil
}

func (n *noting) concept() *concepts.Concept {
	return concepts.New("Noting").
		Action("note", concepts.Action(n.note)).
		Query("_all", concepts.Query(n.all))
}

type reasonIO struct {
	Reason string `json:"reason"`
}

// failing always fails with a Go error: a failure, not an outcome.
func boom(_ context.Context, in reasonIO) (reasonIO, error) {
	return reasonIO{}, errors.New(in.Reason)
}
