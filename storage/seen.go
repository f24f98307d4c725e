package storage

import (
	"fmt"
	"slices"
)

// seen is what a transaction's reads returned, by read, so that a read
// that the flow makes again (each sync that verifies a token reads its
// user; a response reads again the article its action read) is answered
// without the database. Within a transaction the database answers a read
// the same way until the transaction writes what it reads (its snapshot
// on every backend with transactions; on the embedded store, the Writer
// too, which no one else writes beside): a write drops what was seen of
// its collection. A backend without transactions has no snapshot, so a
// transaction there remembers nothing.
type seen map[string]seenRead

// seenRead is one read's result, and its collection, for dropping.
type seenRead struct {
	coll string
	res  result
}

// key names a read: the same key, the same answer.
func (op *readOp) key() string {
	q := "-"
	if op.q != nil {
		q = fmt.Sprintf("%#v", *op.q)
	}
	return fmt.Sprintf("%d\x00%s\x00%q\x00%s\x00%s", op.kind, op.coll, op.ids, op.field, q)
}

// answer returns what the read returned before, if it was made, as a
// copy whose lists the caller may change.
func (s seen) answer(key string) (result, bool) {
	r, ok := s[key]
	if !ok {
		return result{}, false
	}
	res := r.res
	res.docs = slices.Clone(res.docs)
	res.values = slices.Clone(res.values)
	res.groups = slices.Clone(res.groups)
	return res, true
}

// wrote drops what was seen of coll.
func (s seen) wrote(coll string) {
	for k, r := range s {
		if r.coll == coll {
			delete(s, k)
		}
	}
}
