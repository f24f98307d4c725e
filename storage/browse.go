package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/legible/legible/storage/backend"
)

// Page is a page of a collection's documents, as Browse returns it: the
// documents as their JSON, and how many the collection holds.
type Page struct {
	Docs  []Doc[json.RawMessage]
	Total int64
}

// Collections returns the names of the collections declared on db,
// sorted: "Article.articles", "Profile.profiles", ….
func (db *DB) Collections() []string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return slices.Sorted(maps.Keys(db.declared))
}

// Browse returns a page of the documents of a declared collection, the
// greatest id first (the newest first, where ids are UUIDv7s, as the
// built-in concepts make them), offset of them skipped, at most limit
// (no limit when 0). It reads outside any transaction, on one snapshot
// where the backend has them, and writes nothing: it is for tools that
// show an app's state, as the console does, not for concepts.
func (db *DB) Browse(ctx context.Context, coll string, offset, limit int) (Page, error) {
	if err := db.browsable(coll, offset, limit); err != nil {
		return Page{}, err
	}
	r, err := db.b.Read(ctx)
	if err != nil {
		return Page{}, err
	}
	defer r.Close()
	q := &backend.Query{Sort: []backend.Order{{Field: backend.ID, Desc: true}}, Limit: limit, Offset: offset}
	raws, err := r.Find(ctx, coll, q)
	if err != nil {
		return Page{}, err
	}
	total, err := r.Count(ctx, coll, &backend.Query{})
	if err != nil {
		return Page{}, err
	}
	return Page{Docs: rawDocs(raws), Total: total}, nil
}

// Lookup returns the JSON of the document of a declared collection with
// the id, and whether there is one; like Browse, it writes nothing.
func (db *DB) Lookup(ctx context.Context, coll, id string) (json.RawMessage, bool, error) {
	if err := db.browsable(coll, 0, 0); err != nil || id == "" {
		return nil, false, err
	}
	r, err := db.b.Read(ctx)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	raws, err := r.Get(ctx, coll, []string{id})
	if err != nil || len(raws) == 0 {
		return nil, false, err
	}
	return raws[0].Data, true, nil
}

// browsable checks a collection's name and a page's bounds.
func (db *DB) browsable(coll string, offset, limit int) error {
	db.mu.Lock()
	_, ok := db.declared[coll]
	db.mu.Unlock()
	if !ok {
		return fmt.Errorf("no collection %q is declared on this database; Collections lists those there are", coll)
	}
	if offset < 0 || limit < 0 {
		return fmt.Errorf("a page of %s has offset %d and limit %d; neither may be negative", coll, offset, limit)
	}
	return nil
}

// rawDocs returns stored documents as Docs of their JSON.
func rawDocs(raws []backend.Raw) []Doc[json.RawMessage] {
	docs := make([]Doc[json.RawMessage], len(raws))
	for i, r := range raws {
		docs[i] = Doc[json.RawMessage]{ID: r.ID, Value: r.Data}
	}
	return docs
}
