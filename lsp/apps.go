package lsp

import (
	"context"
	"path/filepath"
	"time"

	"github.com/legible/legible/engine/lint"
	"github.com/legible/legible/engine/load"
)

// appState is one app the server checks: the folder with an app.yaml that
// a document is in, or a spec file outside any app, checked alone as
// `legible lint FILE` checks it. Edits ask for a check (ask); one
// goroutine at a time checks it (run), so that edits made during a
// check are checked together after it.
type appState struct {
	root   string // the app's folder, or the file checked alone
	alone  bool
	parses *load.Parses // what parsing its files gave, used by one check at a time

	// These are guarded by the server's mutex.
	want, have int       // the generations of the app asked for and checked
	running    bool      // a goroutine is checking it
	last       time.Time // when the last check started
	snap       *snapshot
	fresh      chan struct{} // closed when a newer snapshot is stored
}

// appOf returns the app the spec file at path belongs to.
func (s *Server) appOf(path string) *appState {
	root, alone := lint.AppRoot(path), false
	if root == "" {
		root, alone = path, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.apps[root]
	if !ok {
		a = &appState{root: root, alone: alone, parses: load.NewParses(), fresh: make(chan struct{})}
		s.apps[root] = a
	}
	return a
}

// ask asks for a check of the app with the files as they are now.
func (a *appState) ask(s *Server) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a.want++
	if !a.running {
		a.running = true
		go a.run(s)
	}
}

// run checks the app until its last check saw every change asked for,
// starting checks no closer together than the server's Debounce.
func (a *appState) run(s *Server) {
	for {
		s.mu.Lock()
		if a.have == a.want && a.snap != nil {
			a.running = false
			s.mu.Unlock()
			return
		}
		wait := s.opts.Debounce - time.Since(a.last)
		s.mu.Unlock()
		if wait > 0 {
			time.Sleep(wait)
		}
		s.mu.Lock()
		gen := a.want
		a.last = time.Now()
		s.mu.Unlock()
		snap := s.check(a)
		s.mu.Lock()
		a.snap, a.have = snap, gen
		close(a.fresh)
		a.fresh = make(chan struct{})
		s.mu.Unlock()
		s.publish(snap)
	}
}

// current returns the app's snapshot once it saw every change asked for
// so far, checking it first if it was never checked.
func (a *appState) current(ctx context.Context, s *Server) (*snapshot, error) {
	s.mu.Lock()
	if a.snap == nil && !a.running {
		s.mu.Unlock()
		a.ask(s)
		s.mu.Lock()
	}
	for a.have < a.want || a.snap == nil {
		ch := a.fresh
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		s.mu.Lock()
	}
	defer s.mu.Unlock()
	return a.snap, nil
}

// snapshots returns the current snapshot of every app the server knows:
// those of the documents opened, and those at the workspace's folders.
func (s *Server) snapshots(ctx context.Context) []*snapshot {
	s.mu.Lock()
	roots := s.roots
	s.mu.Unlock()
	for _, r := range roots {
		if lint.AppOf(r) == r {
			s.appOf(filepath.Join(r, "app.yaml"))
		}
	}
	s.mu.Lock()
	apps := make([]*appState, 0, len(s.apps))
	for _, a := range s.apps {
		apps = append(apps, a)
	}
	s.mu.Unlock()
	var out []*snapshot
	for _, a := range apps {
		if snap, err := a.current(ctx, s); err == nil {
			out = append(out, snap)
		}
	}
	return out
}
