package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/legible/legible/storage/backend"
)

// Index is an index a collection declares, on top-level fields of its
// documents, in order. A unique index holds each combination of values
// once: a write that would repeat one fails with ErrTaken. Unique fields
// should be present in every document (SQLite lets documents without
// them repeat; MongoDB does not). A counted index also keeps how many
// documents have each value of its first field (see CountedOn).
type Index struct {
	Fields  []string
	Unique  bool
	Counted bool
}

// On is the index on the fields.
func On(fields ...string) Index { return Index{Fields: fields} }

// UniqueOn is the unique index on the fields.
func UniqueOn(fields ...string) Index { return Index{Fields: fields, Unique: true} }

// CountedOn is the index on the fields that also keeps, for each value of
// the first field (a string, a number or a boolean), how many documents
// have it. The embedded store updates those counts in the transactions
// that insert, replace and delete documents, and Count and CountBy that
// select by that field alone read them, not the documents: how many items
// each tag has costs a row per tag. The counts are the store's own, kept
// under its one writer, so no concurrent write loses one; declare no
// counter document of your own for it. On MongoDB a counted index is a
// plain index, and counts count the index, as every Count does there.
func CountedOn(fields ...string) Index { return Index{Fields: fields, Counted: true} }

// Doc is a document and its id, as Find returns them.
type Doc[T any] struct {
	ID    string
	Value T
}

// Collection is a named set of documents of type T, each under a string
// id, stored as JSON (encoding/json: T's json tags name the fields). Make
// it with NewCollection. Its methods run in the transaction of their
// context when it has one (DB.Begin; a flow's actions and queries always
// do), and otherwise each on its own.
type Collection[T any] struct{ m *meta }

// meta is what a collection's methods share: its DB, its spec, and the
// fields its indexes hold.
type meta struct {
	db      *DB
	coll    backend.Collection
	indexed map[string]bool
}

// NewCollection declares the collection name of db, with the indexes. The
// name starts with the concept's name and a dot ("Article.articles"). It
// does not touch the database: DB.Setup creates what the collections of a
// DB declare. A nil db makes a collection whose every method fails, for
// building a concept only to check it against its spec. It panics when
// the name or an index is malformed, or when db has the name declared
// with other indexes.
func NewCollection[T any](db *DB, name string, indexes ...Index) *Collection[T] {
	m := &meta{db: db, coll: backend.Collection{Name: name, Indexes: make([]backend.Index, len(indexes))}, indexed: map[string]bool{ID: true}}
	for i, ix := range indexes {
		m.coll.Indexes[i] = backend.Index{Fields: slices.Clone(ix.Fields), Unique: ix.Unique, Counted: ix.Counted}
	}
	if err := m.check(); err != nil {
		panic("storage.NewCollection: " + err.Error())
	}
	for _, ix := range indexes {
		for _, f := range ix.Fields {
			m.indexed[f] = true
		}
	}
	if db != nil {
		db.declare(m)
	}
	return &Collection[T]{m: m}
}

// check checks the collection's name and indexes.
func (m *meta) check() error {
	if !validName(m.coll.Name) {
		return fmt.Errorf("collection name %q is not Concept.name: letters, digits, _ and - around one dot", m.coll.Name)
	}
	for _, ix := range m.coll.Indexes {
		if len(ix.Fields) == 0 {
			return fmt.Errorf("an index of %s has no fields; name the fields it holds", m.coll.Name)
		}
		for _, f := range ix.Fields {
			if !validField(f) {
				return fmt.Errorf("index %s of %s: %q is not a field name (a letter, then letters, digits and _)",
					ix.Name(), m.coll.Name, f)
			}
		}
	}
	return nil
}

// Name returns the collection's name.
func (c *Collection[T]) Name() string { return c.m.coll.Name }

// Get returns the document with the id, and whether there is one. An
// empty id finds nothing.
func (c *Collection[T]) Get(ctx context.Context, id string) (T, bool, error) {
	var zero T
	if id == "" {
		return zero, false, nil
	}
	res, err := c.m.read(ctx, &readOp{kind: opGet, coll: c.Name(), ids: []string{id}})
	if err != nil || len(res.docs) == 0 {
		return zero, false, err
	}
	v, err := c.decode(res.docs[0])
	return v, err == nil, err
}

// GetMany returns the documents with the ids, by id, in one read; ids
// with no document are not in the map.
func (c *Collection[T]) GetMany(ctx context.Context, ids []string) (map[string]T, error) {
	out := make(map[string]T, len(ids))
	ids = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(ids))), func(id string) bool { return id == "" })
	if len(ids) == 0 {
		return out, nil
	}
	res, err := c.m.read(ctx, &readOp{kind: opGet, coll: c.Name(), ids: ids})
	if err != nil {
		return nil, err
	}
	for _, d := range res.docs {
		v, err := c.decode(d)
		if err != nil {
			return nil, err
		}
		out[d.ID] = v
	}
	return out, nil
}

// Find returns the documents q selects, in its order.
func (c *Collection[T]) Find(ctx context.Context, q Query) ([]Doc[T], error) {
	cq, err := q.check(c.m)
	if err != nil || cq.Empty() {
		return nil, err
	}
	res, err := c.m.read(ctx, &readOp{kind: opFind, coll: c.Name(), q: cq})
	if err != nil {
		return nil, err
	}
	docs := make([]Doc[T], len(res.docs))
	for i, d := range res.docs {
		if docs[i].Value, err = c.decode(d); err != nil {
			return nil, err
		}
		docs[i].ID = d.ID
	}
	return docs, nil
}

// FindOne returns the first document, in id order, that meets the conds,
// and whether there is one: for a lookup on a unique index.
func (c *Collection[T]) FindOne(ctx context.Context, conds ...Cond) (Doc[T], bool, error) {
	docs, err := c.Find(ctx, Query{Where: conds, Limit: 1})
	if err != nil || len(docs) == 0 {
		return Doc[T]{}, false, err
	}
	return docs[0], true, nil
}

// Count returns how many documents q selects, ignoring its order, limit
// and offset. When its conditions are all on a field that a CountedOn
// index counts, the embedded store reads the counts it keeps, not the
// documents.
func (c *Collection[T]) Count(ctx context.Context, q Query) (int64, error) {
	cq, err := q.check(c.m)
	if err != nil || cq.Empty() {
		return 0, err
	}
	res, err := c.m.read(ctx, &readOp{kind: opCount, coll: c.Name(), q: cq})
	return res.n, err
}

// Distinct returns the distinct values of the indexed field among the
// documents of c that q selects, ascending: every tag in use, say. The
// values are strings, or whole numbers; a value that is not a V is an
// error.
func Distinct[V string | int64, T any](ctx context.Context, c *Collection[T], field string, q Query) ([]V, error) {
	cq, err := Query{Where: q.Where, Sort: []Order{{Field: field}}}.check(c.m)
	if err != nil || cq.Empty() {
		return nil, err
	}
	res, err := c.m.read(ctx, &readOp{kind: opDistinct, coll: c.Name(), q: cq, field: field})
	if err != nil {
		return nil, err
	}
	out := make([]V, 0, len(res.values))
	for _, x := range res.values {
		v, ok := x.(V)
		if !ok {
			var want V
			return nil, fmt.Errorf("a %s of %s is %v, a %T, not a %T", field, c.Name(), x, x, want)
		}
		out = append(out, v)
	}
	return out, nil
}

// CountBy counts the documents of c that q selects by their values of the
// indexed field: how many favorites each of a page of items has, say, in
// one query. A value no document has is not in the map. The values are as
// for Distinct. When a CountedOn index counts the field and q's
// conditions are on that field alone (or it has none), the embedded store
// reads the counts it keeps, one per value: how many items each tag has
// costs what the tags are, not what the items are.
func CountBy[V string | int64, T any](ctx context.Context, c *Collection[T], field string, q Query) (map[V]int64, error) {
	cq, err := Query{Where: q.Where, Sort: []Order{{Field: field}}}.check(c.m)
	if err != nil || cq.Empty() {
		return map[V]int64{}, err
	}
	res, err := c.m.read(ctx, &readOp{kind: opCountBy, coll: c.Name(), q: cq, field: field})
	if err != nil {
		return nil, err
	}
	out := make(map[V]int64, len(res.groups))
	for _, g := range res.groups {
		v, ok := g.Value.(V)
		if !ok {
			var want V
			return nil, fmt.Errorf("a %s of %s is %v, a %T, not a %T", field, c.Name(), g.Value, g.Value, want)
		}
		out[v] = g.N
	}
	return out, nil
}

// Insert stores doc under the new id. An id that exists, or values that a
// unique index of c holds already, give an error wrapping ErrTaken.
func (c *Collection[T]) Insert(ctx context.Context, id string, doc T) error {
	return c.store(ctx, opInsert, id, doc)
}

// Put stores doc under the id, replacing the document there if any.
// Values that a unique index of c holds for another document give an
// error wrapping ErrTaken.
func (c *Collection[T]) Put(ctx context.Context, id string, doc T) error {
	return c.store(ctx, opPut, id, doc)
}

// store runs an insert or a put.
func (c *Collection[T]) store(ctx context.Context, kind opKind, id string, doc T) error {
	if id == "" {
		return fmt.Errorf("storing a document in %s: the id is empty; give every document an id", c.Name())
	}
	data, err := json.Marshal(doc)
	if err == nil && (len(data) == 0 || data[0] != '{') {
		err = errors.New("it is not a JSON object; store a struct or a map")
	}
	if err != nil {
		return fmt.Errorf("encoding document %s of %s: %w", id, c.Name(), err)
	}
	_, err = c.m.write(ctx, &writeOp{kind: kind, coll: c.Name(), doc: backend.Raw{ID: id, Data: data}})
	return err
}

// Delete deletes the document with the id, and reports whether there was
// one.
func (c *Collection[T]) Delete(ctx context.Context, id string) (bool, error) {
	if id == "" {
		return false, nil
	}
	return c.m.write(ctx, &writeOp{kind: opDelete, coll: c.Name(), doc: backend.Raw{ID: id}})
}

// decode decodes a stored document.
func (c *Collection[T]) decode(d backend.Raw) (T, error) {
	var v T
	if err := json.Unmarshal(d.Data, &v); err != nil {
		return v, fmt.Errorf("decoding document %s of %s: %w; the stored document does not fit the concept's type",
			d.ID, c.Name(), err)
	}
	return v, nil
}

// validName reports whether name is a collection name: a concept name, a
// dot, and a name, each of letters, digits, _ and -.
func validName(name string) bool {
	concept, rest, ok := strings.Cut(name, ".")
	return ok && word(concept) && word(rest)
}

// word reports whether s is a non-empty run of letters, digits, _ and -.
func word(s string) bool {
	for _, r := range s {
		if !(r == '_' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}

// validField reports whether f is a field name an index can hold: a
// letter, then letters, digits and _.
func validField(f string) bool {
	return f != "" && ('a' <= f[0] && f[0] <= 'z' || 'A' <= f[0] && f[0] <= 'Z') && !strings.Contains(f, "-") && word(f)
}
