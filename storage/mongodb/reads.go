package mongodb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage/backend"
)

// reads answers backend.Reads, on their own, in a snapshot session, or
// in a session's transaction, whose conflict keys it notes.
type reads struct {
	b    *Backend
	sess *mongo.Session // nil for reads on their own
	keys *keySet        // what the transaction read and wrote; nil outside one
}

// coll returns the collection name, and the context to use it with.
func (r reads) coll(ctx context.Context, name string) (context.Context, *mongo.Collection) {
	if r.sess == nil {
		return ctx, r.b.db.Collection(name)
	}
	return mongo.NewSessionContext(ctx, r.sess), r.b.db.Collection(name)
}

// readQuery notes, in a transaction, a read of what q selects.
func (r reads) readQuery(coll string, q *backend.Query) {
	if r.keys != nil {
		r.keys.readQuery(coll, q)
	}
}

// Get reads documents by id.
func (r reads) Get(ctx context.Context, coll string, ids []string) ([]backend.Raw, error) {
	if r.keys != nil {
		r.keys.readIDs(coll, ids)
	}
	filter := bson.D{{Key: idField, Value: ids[0]}}
	if len(ids) > 1 {
		filter = bson.D{{Key: idField, Value: bson.D{{Key: "$in", Value: ids}}}}
	}
	return r.find(ctx, coll, filter, options.Find())
}

// Find runs a query.
func (r reads) Find(ctx context.Context, coll string, q *backend.Query) ([]backend.Raw, error) {
	opts := options.Find().SetSort(sortOf(q))
	if q.Limit > 0 {
		opts.SetLimit(int64(q.Limit))
	}
	if q.Offset > 0 {
		opts.SetSkip(int64(q.Offset))
	}
	r.readQuery(coll, q)
	return r.find(ctx, coll, filterOf(q), opts)
}

// find runs a find and converts the documents.
func (r reads) find(ctx context.Context, name string, filter bson.D, opts *options.FindOptionsBuilder) ([]backend.Raw, error) {
	ctx, coll := r.coll(ctx, name)
	cur, err := coll.Find(ctx, filter, opts)
	if err != nil {
		return nil, readError(name, err)
	}
	defer cur.Close(ctx)
	var out []backend.Raw
	for cur.Next(ctx) {
		id, data, err := fromBSON(cur.Current)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		out = append(out, backend.Raw{ID: id, Data: data})
	}
	return out, readError(name, cur.Err())
}

// Count counts what a query selects.
func (r reads) Count(ctx context.Context, name string, q *backend.Query) (int64, error) {
	r.readQuery(name, q)
	ctx, coll := r.coll(ctx, name)
	n, err := coll.CountDocuments(ctx, filterOf(q))
	return n, readError(name, err)
}

// Distinct reads the distinct values of a field, sorted.
func (r reads) Distinct(ctx context.Context, name, field string, q *backend.Query) ([]any, error) {
	r.readQuery(name, q)
	ctx, coll := r.coll(ctx, name)
	res := coll.Distinct(ctx, field, filterOf(q))
	var values []any
	if err := res.Decode(&values); err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return nil, readError(name, err)
	}
	out := make([]any, 0, len(values))
	for _, v := range values {
		if v := scalarOf(v); v != nil {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, compareScalars)
	return out, nil
}

// CountBy counts the documents by the values of a field, in an
// aggregation: a $match, then a $group.
func (r reads) CountBy(ctx context.Context, name, field string, q *backend.Query) ([]backend.Group, error) {
	r.readQuery(name, q)
	ctx, coll := r.coll(ctx, name)
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: filterOf(q)}},
		{{Key: "$group", Value: bson.D{{Key: idField, Value: "$" + field}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	}
	cur, err := coll.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, readError(name, err)
	}
	var groups []struct {
		Value any   `bson:"_id"`
		N     int64 `bson:"n"`
	}
	if err := cur.All(ctx, &groups); err != nil {
		return nil, readError(name, err)
	}
	out := make([]backend.Group, 0, len(groups))
	for _, g := range groups {
		if v := scalarOf(g.Value); v != nil {
			out = append(out, backend.Group{Value: v, N: g.N})
		}
	}
	slices.SortFunc(out, func(a, b backend.Group) int { return compareScalars(a.Value, b.Value) })
	return out, nil
}

// scalarOf is a value of a document as Distinct and CountBy return it: a
// string, an int64 (for an int32 too), a float64 or a boolean, with the
// types other programs write as JSON has them (dateText, hex, decimal);
// nil for none, or for a list or an object, which are not scalars.
func scalarOf(v any) any {
	switch v := v.(type) {
	case string, int64, float64, bool:
		return v
	case int32:
		return int64(v)
	case bson.DateTime:
		return dateText(v)
	case bson.ObjectID:
		return v.Hex()
	case bson.Decimal128:
		return decimalValue(v)
	}
	return nil
}

// compareScalars orders the values Distinct returns: by kind (booleans,
// numbers, strings), then by value.
func compareScalars(a, b any) int {
	if c := cmp.Compare(kind(a), kind(b)); c != 0 {
		return c
	}
	switch a := a.(type) {
	case bool:
		return cmp.Compare(boolInt(a), boolInt(b.(bool)))
	case string:
		return cmp.Compare(a, b.(string))
	}
	return cmp.Compare(number(a), number(b))
}

// kind ranks the kinds of scalars for compareScalars.
func kind(v any) int {
	switch v.(type) {
	case bool:
		return 0
	case int64, float64:
		return 1
	}
	return 2
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// number is a numeric scalar as a float64.
func number(v any) float64 {
	if n, ok := v.(int64); ok {
		return float64(n)
	}
	f, _ := v.(float64)
	return f
}

// filterOf is the filter of a query.
func filterOf(q *backend.Query) bson.D {
	filter := bson.D{}
	for _, c := range q.Where {
		if c.Set {
			filter = append(filter, bson.E{Key: c.Field, Value: bson.D{{Key: "$in", Value: c.Values}}})
		} else {
			filter = append(filter, bson.E{Key: c.Field, Value: c.Values[0]})
		}
	}
	return filter
}

// sortOf is the sort of a query: its orders, then _id.
func sortOf(q *backend.Query) bson.D {
	sort := bson.D{}
	for _, o := range q.Sort {
		sort = append(sort, bson.E{Key: o.Field, Value: direction(o.Desc)})
	}
	if !q.TieBreak() {
		return sort
	}
	return append(sort, bson.E{Key: idField, Value: direction(q.Descending())})
}

// direction is 1 or, descending, -1.
func direction(desc bool) int {
	if desc {
		return -1
	}
	return 1
}

// readError names the collection in an error of reading it; nil stays
// nil.
func readError(coll string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return conflictOr(fmt.Errorf("reading %s: %w", coll, err))
}

// Read starts a read. Where the server has transactions, its reads are
// snapshot reads of one session, so that they all see one state of the
// data; elsewhere each read is on its own.
func (b *Backend) Read(context.Context) (backend.Reader, error) {
	if !b.server.snapshots {
		return reader{reads{b: b}}, nil
	}
	sess, err := b.client.StartSession(options.Session().SetSnapshot(true))
	if err != nil {
		return nil, fmt.Errorf("starting a MongoDB session for snapshot reads: %w", err)
	}
	return reader{reads{b: b, sess: sess}}, nil
}

// reader is a read: on its own, or snapshot reads of a session.
type reader struct{ reads }

// Close ends the session, if any.
func (r reader) Close() {
	if r.sess != nil {
		r.sess.EndSession(context.Background())
	}
}
