package mongodb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/legible/legible/storage/backend"
)

// indexPrefix starts the name of every index legible makes, so that Setup
// tells its own indexes from those of others (an operator's, a TTL index)
// and never drops those.
const indexPrefix = "legible:"

// internalPrefix starts the names of the collections legible keeps for
// itself in an app's database.
const internalPrefix = "_legible."

// The server's error codes that Setup meets when replicas set up one
// database at once, and that it takes as done.
const (
	namespaceExists       = 48  // the collection exists
	indexNotFound         = 27  // the index to drop is gone
	indexOptionsConflict  = 85  // an index on those keys exists, under another name
	indexKeySpecsConflict = 86  // an index of that name exists, on other keys
	indexBuildInProgress  = 276 // another replica builds it now
)

// Setup creates the collections and their indexes, and learns the unique
// indexes and the indexed fields of each (collInfo). An index that
// legible made (its name starts with "legible:") and no longer declares
// is dropped, unless it is unique: a replica of an older version may rely
// on it to keep duplicates out, so it stays, and Setup says so in the
// log, for an operator to drop once no such replica runs. An index that
// legible did not make is never dropped, and one on the keys of a
// declared index stands for it. Replicas may set up one database at
// once: an index another made or dropped meanwhile is taken as done.
// Setup ends within Options.SetupTimeout.
func (b *Backend) Setup(ctx context.Context, colls []backend.Collection) error {
	ctx, cancel := context.WithTimeout(ctx, b.setup)
	defer cancel()
	internal := []backend.Collection{{Name: secretsCollection}}
	if b.server.transactions {
		internal = append(internal, backend.Collection{Name: keysCollection}, backend.Collection{Name: leaseCollection})
	}
	for _, s := range append(internal, colls...) {
		if err := b.setupCollection(ctx, s); err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("%w; setting up MongoDB did not finish within %s: an index build goes on in MongoDB, "+
					"start again once it is done (db.currentOp() shows it)", err, b.setup)
			}
			return err
		}
	}
	if b.server.transactions {
		return b.expireKeys(ctx)
	}
	return nil
}

// setupCollection creates a collection and its declared indexes, drops
// legible's that it no longer declares, where that is safe, and learns
// its indexes.
func (b *Backend) setupCollection(ctx context.Context, s backend.Collection) error {
	err := b.db.CreateCollection(ctx, s.Name)
	if err != nil && !isCode(err, namespaceExists) {
		return fmt.Errorf("creating the collection %s: %w", s.Name, err)
	}
	coll := b.db.Collection(s.Name)
	have, err := listIndexes(ctx, coll)
	if err != nil {
		return err
	}
	for _, ix := range s.Indexes {
		if slices.ContainsFunc(have, func(h index) bool { return h.serves(ix) }) {
			continue
		}
		if err := createIndex(ctx, coll, ix); err != nil {
			return err
		}
	}
	for _, h := range have {
		if err := b.undeclared(ctx, coll, s, h); err != nil {
			return err
		}
	}
	b.declare(s)
	return b.learn(ctx, s.Name)
}

// createIndex creates a declared index, named "legible:" and its name. An
// index that another replica made meanwhile is taken as made.
func createIndex(ctx context.Context, coll *mongo.Collection, ix backend.Index) error {
	_, err := coll.Indexes().CreateOne(ctx, indexModel(ix))
	if err == nil || isCode(err, indexOptionsConflict) || isCode(err, indexKeySpecsConflict) || isCode(err, indexBuildInProgress) {
		return nil
	}
	return fmt.Errorf("creating the index %s of %s: %w", indexPrefix+ix.Name(), coll.Name(), err)
}

// undeclared drops an index of legible's that s no longer declares,
// unless it is unique, which it keeps and logs; another's it leaves, and
// those of legible's own collections ("_legible."), which Setup makes
// itself (expireKeys).
func (b *Backend) undeclared(ctx context.Context, coll *mongo.Collection, s backend.Collection, h index) error {
	name, ours := strings.CutPrefix(h.name, indexPrefix)
	if !ours || strings.HasPrefix(s.Name, internalPrefix) ||
		slices.ContainsFunc(s.Indexes, func(ix backend.Index) bool { return ix.Name() == name }) {
		return nil
	}
	if h.unique {
		b.log.Warn("a unique index legible made is no longer declared, and stays: an older replica may rely on it; "+
			"drop it once none runs", "collection", s.Name, "index", h.name,
			"drop", fmt.Sprintf("db.getCollection(%q).dropIndex(%q)", s.Name, h.name))
		return nil
	}
	if err := coll.Indexes().DropOne(ctx, h.name); err != nil && !isCode(err, indexNotFound) {
		return fmt.Errorf("dropping the index %s that %s no longer declares: %w", h.name, s.Name, err)
	}
	return nil
}

// expireKeys makes the TTL index that drops the cells of conflict keys
// no transaction wrote for keysTTL.
func (b *Backend) expireKeys(ctx context.Context) error {
	m := mongo.IndexModel{Keys: bson.D{{Key: "at", Value: 1}},
		Options: options.Index().SetName(indexPrefix + "expire").SetExpireAfterSeconds(int32(keysTTL.Seconds()))}
	_, err := b.db.Collection(keysCollection).Indexes().CreateOne(ctx, m)
	if err != nil && !isCode(err, indexOptionsConflict) && !isCode(err, indexKeySpecsConflict) && !isCode(err, indexBuildInProgress) {
		return fmt.Errorf("creating the index that expires the conflict keys of %s: %w", keysCollection, err)
	}
	return nil
}

// indexModel is the MongoDB index of ix: on its fields, then, for one
// that is not unique, on _id, so that it also orders ties.
func indexModel(ix backend.Index) mongo.IndexModel {
	keys := bson.D{}
	for _, f := range ix.Fields {
		keys = append(keys, bson.E{Key: f, Value: 1})
	}
	if !ix.Unique {
		keys = append(keys, bson.E{Key: idField, Value: 1})
	}
	return mongo.IndexModel{Keys: keys, Options: options.Index().SetName(indexPrefix + ix.Name()).SetUnique(ix.Unique)}
}

// index is an index of a collection as the server lists it.
type index struct {
	name   string
	fields []string // its keys, each ascending or descending on a top-level field; nil for any other
	unique bool
	plain  bool // it holds every document, and compares values simply: not partial, sparse, nor with a collation
}

// serves reports whether h does what the declared ix asks: it is
// unique when ix is, and its keys are ix's, as legible would make them.
func (h index) serves(ix backend.Index) bool {
	want := slices.Clone(ix.Fields)
	if !ix.Unique {
		want = append(want, idField)
	}
	return h.plain && h.unique == ix.Unique && slices.Equal(h.fields, want)
}

// listIndexes returns a collection's indexes but _id's.
func listIndexes(ctx context.Context, coll *mongo.Collection) ([]index, error) {
	cur, err := coll.Indexes().List(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing the indexes of %s: %w", coll.Name(), err)
	}
	var specs []struct {
		Name      string        `bson:"name"`
		Key       bson.Raw      `bson:"key"`
		Unique    bson.RawValue `bson:"unique"` // true, or 1 from older shells
		Sparse    bson.RawValue `bson:"sparse"`
		Partial   bson.Raw      `bson:"partialFilterExpression"`
		Collation bson.Raw      `bson:"collation"`
	}
	if err := cur.All(ctx, &specs); err != nil {
		return nil, fmt.Errorf("listing the indexes of %s: %w", coll.Name(), err)
	}
	var out []index
	for _, s := range specs {
		if s.Name != "_id_" {
			out = append(out, index{name: s.Name, fields: plainKeys(s.Key), unique: truthy(s.Unique),
				plain: !truthy(s.Sparse) && s.Partial == nil && s.Collation == nil})
		}
	}
	return out, nil
}

// truthy reports whether an option of an index is set: true, or a
// number other than 0.
func truthy(v bson.RawValue) bool {
	if b, ok := v.BooleanOK(); ok {
		return b
	}
	n, ok := v.AsFloat64OK()
	return ok && n != 0
}

// plainKeys returns the fields of an index's keys, when each is a
// top-level field in ascending or descending order; else nil.
func plainKeys(keys bson.Raw) []string {
	elems, err := keys.Elements()
	if err != nil {
		return nil
	}
	fields := make([]string, 0, len(elems))
	for _, e := range elems {
		n, ok := e.Value().AsFloat64OK()
		if !ok || n != 1 && n != -1 || strings.Contains(e.Key(), ".") {
			return nil
		}
		fields = append(fields, e.Key())
	}
	return fields
}

// collInfo is what a transaction needs to know of a collection's
// indexes: the unique ones, which it checks before it writes, and the
// fields any index holds, whose values its writes write the conflict keys
// of.
type collInfo struct {
	declared []backend.Index
	unique   []uniqueIndex
	fields   []string
}

// uniqueIndex is a unique index of a collection.
type uniqueIndex struct {
	name      string
	fields    []string
	checkable bool // a count of its values tells whether a write would repeat them
}

// uniqueNamed returns the unique index of the name, and whether there is
// one.
func (c *collInfo) uniqueNamed(name string) (uniqueIndex, bool) {
	i := slices.IndexFunc(c.unique, func(u uniqueIndex) bool { return u.name == name })
	if i < 0 {
		return uniqueIndex{}, false
	}
	return c.unique[i], true
}

// info returns what Setup learned of a collection: nothing for one it
// did not set up.
func (b *Backend) info(coll string) *collInfo {
	b.mu.Lock()
	defer b.mu.Unlock()
	if c, ok := b.colls[coll]; ok {
		return c
	}
	return &collInfo{}
}

// declare records the indexes a collection declares.
func (b *Backend) declare(s backend.Collection) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.colls[s.Name] = &collInfo{declared: s.Indexes}
}

// learn reads a collection's indexes, and learns its unique ones and its
// indexed fields: the declared ones, and those of indexes others made.
func (b *Backend) learn(ctx context.Context, coll string) error {
	have, err := listIndexes(ctx, b.db.Collection(coll))
	if err != nil {
		return err
	}
	info := &collInfo{declared: b.info(coll).declared}
	for _, ix := range info.declared {
		info.fields = appendNew(info.fields, ix.Fields...)
	}
	for _, h := range have {
		if h.unique {
			info.unique = append(info.unique, uniqueIndex{name: h.name, fields: h.fields, checkable: h.plain && h.fields != nil})
		}
		info.fields = appendNew(info.fields, slices.DeleteFunc(slices.Clone(h.fields), func(f string) bool { return f == idField })...)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.colls[coll] = info
	return nil
}

// relearn reads a collection's indexes again, after a write met a unique
// index that Setup did not see; a failure is logged, and the next one
// tries again.
func (b *Backend) relearn(coll string) {
	ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
	defer cancel()
	if err := b.learn(ctx, coll); err != nil {
		b.log.Warn("reading the indexes of a collection again", "collection", coll, "error", err)
	}
}

// appendNew appends the values that list lacks.
func appendNew(list []string, values ...string) []string {
	for _, v := range values {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}
