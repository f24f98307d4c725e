package storagetest

import (
	"context"
	"sync"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/sqlite"
)

// FailPoints wraps a backend, the embedded store say, and makes some of
// its writes and commits fail, as MongoDB's failCommand fail points do:
// so that a test can show what the layers above make of the failures a
// remote database gives (a write conflict, a commit whose outcome is
// unknown) on a backend that never gives them by itself.
type FailPoints struct {
	backend.Backend

	mu      sync.Mutex
	writes  failPoint // Insert, Put and Delete
	commits failPoint
	kept    bool // a failing commit commits first
}

// failPoint fails the next n calls with err.
type failPoint struct {
	n   int
	err error
}

// next reports the error of the next call: err while n lasts, else nil.
func (p *failPoint) next() error {
	if p.n == 0 {
		return nil
	}
	p.n--
	return p.err
}

// FailWrites makes the next n writes (Insert, Put, Delete) fail with err,
// before they reach the backend.
func (f *FailPoints) FailWrites(n int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.writes = failPoint{n, err}
}

// FailCommits makes the next n commits fail with err: after committing
// when kept is true (as a commit whose answer was lost), else instead of
// committing.
func (f *FailPoints) FailCommits(n int, err error, kept bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commits, f.kept = failPoint{n, err}, kept
}

// next returns the error of the next write or commit, and whether a
// failing commit commits first.
func (f *FailPoints) next(p *failPoint) (error, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return p.next(), f.kept
}

// Write starts a Writer whose writes and commit go through the fail
// points.
func (f *FailPoints) Write(ctx context.Context) (backend.Writer, error) {
	w, err := f.Backend.Write(ctx)
	if err != nil {
		return nil, err
	}
	return &failingWriter{Writer: w, f: f}, nil
}

// failingWriter is a Writer of FailPoints.
type failingWriter struct {
	backend.Writer
	f *FailPoints
}

// Insert fails at the write fail point, or inserts.
func (w *failingWriter) Insert(ctx context.Context, coll string, doc backend.Raw) error {
	if err, _ := w.f.next(&w.f.writes); err != nil {
		return err
	}
	return w.Writer.Insert(ctx, coll, doc)
}

// Put fails at the write fail point, or stores.
func (w *failingWriter) Put(ctx context.Context, coll string, doc backend.Raw) error {
	if err, _ := w.f.next(&w.f.writes); err != nil {
		return err
	}
	return w.Writer.Put(ctx, coll, doc)
}

// Delete fails at the write fail point, or deletes.
func (w *failingWriter) Delete(ctx context.Context, coll, id string) (bool, error) {
	if err, _ := w.f.next(&w.f.writes); err != nil {
		return false, err
	}
	return w.Writer.Delete(ctx, coll, id)
}

// Commit fails at the commit fail point, having committed or rolled back
// as it says, or commits.
func (w *failingWriter) Commit(ctx context.Context) error {
	err, kept := w.f.next(&w.f.commits)
	switch {
	case err == nil:
		return w.Writer.Commit(ctx)
	case kept:
		if cerr := w.Writer.Commit(ctx); cerr != nil {
			return cerr
		}
	default:
		w.Writer.Rollback()
	}
	return err
}

// Failing opens a fresh embedded store behind fail points, closed when
// the test ends.
func Failing(t testing.TB) (*storage.DB, *FailPoints) {
	t.Helper()
	var f *FailPoints
	db := sqliteUnder(t, func(b backend.Backend) backend.Backend { f = &FailPoints{Backend: b}; return f })
	return db, f
}

// sqliteUnder opens a fresh embedded store behind what wrap makes of it,
// closed when the test ends.
func sqliteUnder(t testing.TB, wrap func(backend.Backend) backend.Backend) *storage.DB {
	t.Helper()
	b, err := sqlite.OpenBackend(t.TempDir(), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db := storage.New(wrap(b))
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}
