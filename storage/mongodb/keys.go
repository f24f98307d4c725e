package mongodb

import (
	"crypto/sha256"
	"encoding/base64"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/legible/legible/storage/backend"
)

// The conflict keys of transactions, as the package documentation
// ("Conflict keys") argues them, and keys_test.go checks them on a model.

// grid is the shape of a key: rows by columns of cells.
type grid struct{ rows, cols int }

// The grids of the three kinds of keys.
var (
	idGrid    = grid{rows: idRows, cols: 1}
	fieldGrid = grid{rows: fieldRows, cols: fieldCols}
	scanGrid  = grid{rows: 1, cols: scanCols}
)

// idRows is the number of cells of an id key: what a writer of the
// document writes, where each reader writes one.
const idRows = 4

// fieldRows and fieldCols shape a field key: a reader writes fieldCols
// cells of it, a writer fieldRows; two readers meet in one of fieldRows
// cases, the writers of two documents in one of fieldCols.
const fieldRows, fieldCols = 4, 8

// scanCols is the number of cells of a scan key: what a query with no
// condition writes, where each writer of the collection writes one.
const scanCols = 64

// key is a conflict key: its text and its grid.
type key struct {
	text string
	g    grid
}

// idKey is the key of the document of coll with the id, given as
// valueText gives it.
func idKey(coll, id string) key { return key{text: coll + "\x00id\x00" + id, g: idGrid} }

// fieldKey is the key of the value (as valueText gives it) of an indexed
// field of coll.
func fieldKey(coll, field, value string) key {
	return key{text: coll + "\x00f\x00" + field + "\x00" + value, g: fieldGrid}
}

// scanKey is the key of the whole of coll.
func scanKey(coll string) key { return key{text: coll + "\x00scan", g: scanGrid} }

// cell is the _id of the cell of k at a row and a column: a digest of the
// key's text, so that every cell has a short _id whatever the values.
func (k key) cell(row, col int) string {
	sum := sha256.Sum256([]byte(k.text))
	return base64.RawURLEncoding.EncodeToString(sum[:12]) + "." + strconv.Itoa(row) + "." + strconv.Itoa(col)
}

// keySet is what a transaction read and wrote: the keys it read, and the
// columns it wrote of keys.
type keySet struct {
	row     int // the row it takes in each key it reads, modulo the key's rows
	read    map[key]bool
	written map[column]bool
}

// column is a column of a key.
type column struct {
	k   key
	col int
}

// newKeySet returns an empty set with a row picked at random.
func newKeySet() *keySet {
	return &keySet{row: rand.IntN(1 << 20), read: map[key]bool{}, written: map[column]bool{}}
}

// cells returns the cells the transaction writes at its commit, sorted:
// for each key it read, its row; for each column it wrote, the column.
func (s *keySet) cells() []string {
	set := map[string]bool{}
	for k := range s.read {
		for c := range k.g.cols {
			set[k.cell(s.row%k.g.rows, c)] = true
		}
	}
	for w := range s.written {
		for r := range w.k.g.rows {
			set[w.k.cell(r, w.col)] = true
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// columnOf is the column of a key that a write of the document id
// writes: a hash of the id, the same in every process.
func columnOf(k key, id string) column {
	h := fnv.New64a()
	h.Write([]byte(id))
	return column{k: k, col: int(h.Sum64() % uint64(k.g.cols))}
}

// readIDs notes a read of the documents of coll with the ids.
func (s *keySet) readIDs(coll string, ids []string) {
	for _, id := range ids {
		s.read[idKey(coll, valueText(id))] = true
	}
}

// readQuery notes a read of what q selects in coll.
func (s *keySet) readQuery(coll string, q *backend.Query) {
	for _, k := range queryKeys(coll, q) {
		s.read[k] = true
	}
}

// wrote notes a write of the document id of coll that was old and is
// now doc (nil for none), whose indexed fields are fields.
func (s *keySet) wrote(coll, id string, fields []string, old, doc bson.Raw) {
	for _, k := range writeKeys(coll, id, fields, old, doc) {
		s.written[columnOf(k, id)] = true
	}
}

// queryKeys returns the keys a query reads: those of its condition on
// ID when it has one, else those of its condition with the fewest
// values, else the scan key.
func queryKeys(coll string, q *backend.Query) []key {
	best := -1
	for i, c := range q.Where {
		switch {
		case c.Field == backend.ID:
			best = i
		case best >= 0 && q.Where[best].Field == backend.ID:
		case best < 0 || len(c.Values) < len(q.Where[best].Values):
			best = i
		}
	}
	if best < 0 {
		return []key{scanKey(coll)}
	}
	c := q.Where[best]
	keys := make([]key, len(c.Values))
	for i, v := range c.Values {
		if c.Field == backend.ID {
			keys[i] = idKey(coll, valueText(v))
		} else {
			keys[i] = fieldKey(coll, c.Field, valueText(v))
		}
	}
	return keys
}

// writeKeys returns the keys a write of the document id of coll writes,
// from old to doc (either nil for none): its id key, the scan key, and
// the field key of each value of old and of doc in each indexed field.
func writeKeys(coll, id string, fields []string, old, doc bson.Raw) []key {
	keys := []key{idKey(coll, valueText(id)), scanKey(coll)}
	for _, f := range fields {
		for _, d := range []bson.Raw{old, doc} {
			if d == nil {
				continue
			}
			for _, v := range fieldTexts(d, f) {
				if k := fieldKey(coll, f, v); !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
	}
	return keys
}

// fieldTexts returns the values of a field of a document that a query
// can select it by, as valueText writes them: the value, or each element
// of a list (MongoDB matches a value against a list's elements); null
// for a missing or null field (a unique index holds null once).
func fieldTexts(d bson.Raw, field string) []string {
	v, err := d.LookupErr(field)
	if err != nil || v.Type == bson.TypeNull {
		return []string{valueText(nil)}
	}
	if v.Type != bson.TypeArray {
		if t, ok := rawText(v); ok {
			return []string{t}
		}
		return nil
	}
	elems, _ := v.Array().Values()
	var out []string
	for _, e := range elems {
		if t, ok := rawText(e); ok {
			out = append(out, t)
		}
	}
	return out
}

// rawText is valueText of a BSON value that a query's value can equal:
// a string, a number or a boolean.
func rawText(v bson.RawValue) (string, bool) {
	switch v.Type {
	case bson.TypeString:
		return valueText(v.StringValue()), true
	case bson.TypeBoolean:
		return valueText(v.Boolean()), true
	case bson.TypeInt32:
		return valueText(int64(v.Int32())), true
	case bson.TypeInt64:
		return valueText(v.Int64()), true
	case bson.TypeDouble:
		return valueText(v.Double()), true
	case bson.TypeDecimal128:
		f, err := strconv.ParseFloat(v.Decimal128().String(), 64)
		return valueText(f), err == nil
	}
	return "", false
}

// valueText writes a value of a condition or a document so that values a
// MongoDB query finds equal are written alike: numbers of any type by
// their value, and each kind apart from the others.
func valueText(v any) string {
	switch v := v.(type) {
	case string:
		return "s:" + v
	case bool:
		return "b:" + strconv.FormatBool(v)
	case int64:
		return "n:" + strconv.FormatInt(v, 10)
	case int:
		return "n:" + strconv.Itoa(v)
	case int32:
		return "n:" + strconv.FormatInt(int64(v), 10)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<63 {
			return "n:" + strconv.FormatInt(int64(v), 10)
		}
		return "n:" + strconv.FormatFloat(v, 'g', -1, 64)
	case nil:
		return "null"
	}
	return "?"
}
