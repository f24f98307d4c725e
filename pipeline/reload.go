package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/server"
)

// settle is how long the specs must stay unchanged after a change before
// they are reloaded: an editor's save is often several writes and renames.
const settle = 40 * time.Millisecond

// watch watches the specs folder and the folders below it, and reloads
// the app once a change to a spec file settles. It returns a function that
// stops watching.
func (s *Service) watch(ctx context.Context) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := addTree(w, s.o.Dir); err != nil {
		_ = w.Close()
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.watchLoop(ctx, w)
	}()
	s.log.Info("watching the specs: a change that checks clean replaces the program", "specs", s.o.Dir)
	return func() { cancel(); _ = w.Close(); <-done }, nil
}

// watchLoop reloads the app after each burst of changes, until ctx is
// done.
func (s *Service) watchLoop(ctx context.Context, w *fsnotify.Watcher) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time // of the burst being waited out
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				_ = addTree(w, ev.Name) // a new folder: watch it too
			}
			if !relevant(ev.Name) {
				continue
			}
			if first.IsZero() {
				first = time.Now()
			}
			timer.Reset(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			s.log.Warn("watching the specs", "error", err)
		case <-timer.C:
			s.reload(ctx, first)
			first = time.Time{}
		}
	}
}

// relevant reports whether a change to the path can change the app: a
// spec file, or a folder that may hold some.
func relevant(path string) bool {
	return load.KindOf(path) != load.NotSpec || filepath.Ext(path) == ""
}

// addTree watches dir and every folder below it; a path that is not a
// folder is left alone.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone meanwhile
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		return w.Add(p)
	})
}

// reload checks the app again and, when it checks clean and its concepts
// build, has the next requests served by the new program, while the
// requests in flight finish on the old one. Otherwise the old program
// keeps serving; the diagnostics went to Stderr. since is when the change
// began, for the log.
func (s *Service) reload(ctx context.Context, since time.Time) {
	app, err := s.check()
	if err == nil {
		var srv *server.Server
		if srv, err = s.build(ctx, app, true); err == nil {
			s.front.Replace(srv)
			s.app.Store(app)
			s.log.Info("reloaded the specs", "after", time.Since(since).Round(time.Millisecond))
			return
		}
	}
	s.log.Warn("the changed specs do not serve: the previous program keeps serving until they do", "error", err)
}
