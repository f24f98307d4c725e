package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// benchDocs is how many documents the benchmarks' collection holds.
const benchDocs = 5000

// benchDoc is a document about the size of an article without its body.
type benchDoc struct {
	Author      string `json:"author"`
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Description string `json:"description"`
	CreatedAt   string `json:"createdAt"`
}

// benchStore fills a fresh store with benchDocs documents and returns it,
// its collection, and the file, which raw SQL can open too.
func benchStore(b *testing.B) (*storage.DB, *storage.Collection[benchDoc], string) {
	b.Helper()
	dir := b.TempDir()
	db, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	c := storage.NewCollection[benchDoc](db, "Bench.docs", storage.UniqueOn("slug"), storage.On("author", "createdAt"))
	ctx := context.Background()
	if err := db.Setup(ctx); err != nil {
		b.Fatal(err)
	}
	wctx, tx := db.Begin(ctx)
	for i := range benchDocs {
		if err := c.Insert(wctx, id(i), doc(i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(wctx); err != nil {
		b.Fatal(err)
	}
	return db, c, filepath.Join(dir, File)
}

// id is the id of the i-th document.
func id(i int) string { return fmt.Sprintf("doc-%06d", i) }

// doc is the i-th document: by one of 10 authors.
func doc(i int) benchDoc {
	return benchDoc{Author: fmt.Sprint("author", i%10), Slug: fmt.Sprint("slug-", i), Title: fmt.Sprint("Title ", i),
		Description: "a document of the benchmarks", CreatedAt: fmt.Sprintf("2026-12-01T00:%02d:%02d.%03dZ", i/3600%60, i/60%60, i%1000)}
}

// BenchmarkStore measures the operations of the store through
// storage.Collection, each on its own (sub-benchmark "alone") and in a
// read transaction ("tx"), after the same statements in raw SQL on the
// same file ("raw": database/sql and the driver, no decoding), the floor
// of what the store can cost.
func BenchmarkStore(b *testing.B) {
	db, c, file := benchStore(b)
	raw, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	ids := make([]string, 20)
	for i := range ids {
		ids[i] = id(i * 97)
	}
	idList, _ := json.Marshal(ids)
	page := storage.Query{Where: []storage.Cond{storage.Eq("author", "author3")}, Sort: []storage.Order{storage.Desc("createdAt")}, Limit: 20}
	pageSQL, pageArgs := findSQL("Bench.docs", &backend.Query{Where: []backend.Cond{{Field: "author", Values: []any{"author3"}}},
		Sort: []backend.Order{{Field: "createdAt", Desc: true}}, Limit: 20})
	ops := []struct {
		name string
		run  func(ctx context.Context, i int) error
		raw  func(i int) error
	}{
		{"get", func(ctx context.Context, i int) error { _, _, err := c.Get(ctx, id(i%benchDocs)); return err },
			func(i int) error {
				return rawRows(raw, `SELECT id, doc FROM "Bench.docs" WHERE id = ?`, id(i%benchDocs))
			}},
		{"get20", func(ctx context.Context, _ int) error { _, err := c.GetMany(ctx, ids); return err },
			func(int) error {
				return rawRows(raw, `SELECT id, doc FROM "Bench.docs" WHERE id IN (SELECT value FROM json_each(?))`, string(idList))
			}},
		{"query20", func(ctx context.Context, _ int) error { _, err := c.Find(ctx, page); return err },
			func(int) error { return rawRows(raw, pageSQL, pageArgs...) }},
		{"count", func(ctx context.Context, _ int) error {
			_, err := c.Count(ctx, storage.Where(storage.Eq("author", "author3")))
			return err
		},
			func(int) error {
				return rawRows(raw, `SELECT count(*) FROM "Bench.docs" WHERE json_extract(doc, '$.author') = ?`, "author3")
			}},
	}
	for _, op := range ops {
		b.Run(op.name+"/raw", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if err := op.raw(i); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(op.name+"/alone", func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if err := op.run(context.Background(), i); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(op.name+"/tx", func(b *testing.B) {
			ctx, tx := db.Begin(context.Background())
			defer tx.Rollback()
			for i := 0; b.Loop(); i++ {
				if err := op.run(ctx, i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("insert/raw", func(b *testing.B) {
		rw, err := sql.Open("sqlite", "file:"+file)
		if err != nil {
			b.Fatal(err)
		}
		defer rw.Close()
		rw.SetMaxOpenConns(1)
		stmts := []string{`CREATE TABLE IF NOT EXISTS "Bench.raw" (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`,
			`DROP INDEX IF EXISTS "Bench.raw/unique:slug"`, `DROP INDEX IF EXISTS "Bench.raw/author+createdAt"`,
			sqlgen.CreateIndex("INDEX", table("Bench.raw/unique:slug"), table("Bench.raw"), backend.Index{Fields: []string{"slug"}, Unique: true}, column),
			sqlgen.CreateIndex("INDEX", table("Bench.raw/author+createdAt"), table("Bench.raw"), backend.Index{Fields: []string{"author", "createdAt"}}, column)}
		for _, stmt := range stmts {
			if _, err := rw.Exec(stmt); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			n := inserted.Add(1)
			d := doc(int(n))
			d.Slug = fmt.Sprint("raw-", n)
			data, _ := json.Marshal(d)
			if _, err := rw.Exec(`INSERT INTO "Bench.raw" (id, doc) VALUES (?, ?)`, fmt.Sprint("r", n), string(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("insert/alone", func(b *testing.B) {
		for b.Loop() {
			n := inserted.Add(1)
			d := doc(int(n))
			d.Slug = fmt.Sprint("new-", n)
			if err := c.Insert(context.Background(), fmt.Sprint("new", n), d); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// inserted numbers the documents the insert benchmarks make, so that runs
// of them on one store never repeat an id.
var inserted atomic.Int64

// rawRows runs a query and reads its rows' columns as bytes.
func rawRows(db *sql.DB, query string, args ...any) error {
	rows, err := db.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	dest := make([]any, len(cols))
	for i := range dest {
		dest[i] = new(sql.RawBytes)
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}
