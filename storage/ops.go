package storage

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"strings"

	"github.com/legible/legible/storage/backend"
)

// opKind is what a readOp or writeOp does.
type opKind int

// The operations.
const (
	opGet opKind = iota
	opFind
	opCount
	opDistinct
	opCountBy
	opInsert
	opPut
	opDelete
)

// readOp is one read, kept by a transaction so that it can run it again
// to see whether its result still holds.
type readOp struct {
	kind  opKind
	coll  string
	ids   []string       // opGet: sorted, distinct
	q     *backend.Query // opFind, opCount, opDistinct, opCountBy
	field string         // opDistinct, opCountBy
	res   result         // what it returned
}

// result is what a read returned.
type result struct {
	docs   []backend.Raw   // opGet, sorted by id; opFind, in order
	n      int64           // opCount
	values []any           // opDistinct
	groups []backend.Group // opCountBy
}

// run runs the read on r.
func (op *readOp) run(ctx context.Context, r backend.Reads) (result, error) {
	var res result
	var err error
	switch op.kind {
	case opGet:
		res.docs, err = r.Get(ctx, op.coll, op.ids)
		slices.SortFunc(res.docs, func(a, b backend.Raw) int { return strings.Compare(a.ID, b.ID) })
	case opFind:
		res.docs, err = r.Find(ctx, op.coll, op.q)
	case opCount:
		res.n, err = r.Count(ctx, op.coll, op.q)
	case opDistinct:
		res.values, err = r.Distinct(ctx, op.coll, op.field, op.q)
	case opCountBy:
		res.groups, err = r.CountBy(ctx, op.coll, op.field, op.q)
	}
	return res, err
}

// same reports whether two results of one read are the same. Values
// are compared deeply: a backend may return a list where a scalar was
// expected, and == on two lists panics.
func (a result) same(b result) bool {
	sameGroup := func(x, y backend.Group) bool { return x.N == y.N && sameValue(x.Value, y.Value) }
	return a.n == b.n && slices.EqualFunc(a.values, b.values, sameValue) && slices.EqualFunc(a.groups, b.groups, sameGroup) &&
		slices.EqualFunc(a.docs, b.docs, func(x, y backend.Raw) bool { return x.ID == y.ID && bytes.Equal(x.Data, y.Data) })
}

// sameValue reports whether two values a read returned are equal, lists
// and objects compared element by element.
func sameValue(x, y any) bool { return reflect.DeepEqual(x, y) }

// writeOp is one write.
type writeOp struct {
	kind opKind
	coll string
	doc  backend.Raw // opDelete: only the id
}

// run runs the write on w; for a delete, it reports whether there was a
// document.
func (op *writeOp) run(ctx context.Context, w backend.Writer) (bool, error) {
	switch op.kind {
	case opInsert:
		return true, w.Insert(ctx, op.coll, op.doc)
	case opPut:
		return true, w.Put(ctx, op.coll, op.doc)
	}
	return w.Delete(ctx, op.coll, op.doc.ID)
}

// String names the read for messages: "a read of Article.articles".
func (op *readOp) String() string {
	switch op.kind {
	case opGet:
		return "the documents " + strings.Join(op.ids, ", ") + " of " + op.coll
	case opCount:
		return "the count of " + op.coll + " where " + op.q.String()
	case opDistinct:
		return "the " + op.field + "s of " + op.coll
	case opCountBy:
		return "the counts by " + op.field + " of " + op.coll + " where " + op.q.String()
	}
	return "a query of " + op.coll + " where " + op.q.String()
}
