package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/backend"
	"github.com/legible/legible/storage/backend/sqlgen"
)

// maxIdent is the longest name PostgreSQL keeps whole (NAMEDATALEN - 1):
// it cuts longer ones.
const maxIdent = 63

// indexPrefix begins the name of every index Setup makes: it drops only
// indexes so named.
const indexPrefix = "legible:"

// Setup creates the tables and indexes of the collections, and drops the
// indexes that Setup made and that they no longer declare, but for unique
// ones, which stay (see undeclared). Each statement
// commits on its own, and a statement that loses a race with a replica
// doing the same runs again, so replicas may set up together.
func (b *Backend) Setup(ctx context.Context, colls []backend.Collection) error {
	for _, stmt := range []string{secretsTableSQL, locksTableSQL, lockRowSQL} {
		if err := b.ddl(ctx, stmt); err != nil {
			return fmt.Errorf("setting up %s: %w", b.where, err)
		}
	}
	unique := map[string][]backend.Index{}
	for _, s := range colls {
		if err := b.setupTable(ctx, s); err != nil {
			return err
		}
		unique[s.Name] = []backend.Index{}
		for _, ix := range s.Indexes {
			if ix.Unique {
				unique[s.Name] = append(unique[s.Name], ix)
			}
		}
	}
	b.mu.Lock()
	b.unique = unique
	b.mu.Unlock()
	return nil
}

// setupTable creates the table of a collection and its indexes, and drops
// the indexes of legible's it no longer declares.
func (b *Backend) setupTable(ctx context.Context, s backend.Collection) error {
	if len(s.Name) > maxIdent {
		return fmt.Errorf("the collection name %s has %d bytes, and PostgreSQL names have %d at most: shorten it",
			s.Name, len(s.Name), maxIdent)
	}
	if err := b.ddl(ctx, "CREATE TABLE IF NOT EXISTS "+ident(s.Name)+` (id TEXT COLLATE "C" PRIMARY KEY, doc JSONB NOT NULL)`); err != nil {
		return fmt.Errorf("creating the collection %s: %w", s.Name, err)
	}
	have, err := b.indexes(ctx, s.Name)
	if err != nil {
		return err
	}
	for _, ix := range s.Indexes {
		name := indexName(s.Name, ix)
		if _, ok := have[name]; ok {
			delete(have, name)
			continue
		}
		if err := b.ddl(ctx, sqlgen.CreateIndex("INDEX IF NOT EXISTS", ident(name), ident(s.Name), ix, column)); err != nil {
			return sqlgen.IndexError(s.Name, ix, err, state(err) == uniqueViolation)
		}
	}
	for name, unique := range have { // made by Setup, declared no more
		if err := b.undeclared(ctx, s.Name, name, unique); err != nil {
			return err
		}
	}
	return nil
}

// undeclared drops an index that Setup made and that the collection no
// longer declares, unless it is unique: that one stays, since a replica
// of the version before may still rely on it to keep duplicates out
// during a rolling deploy, and the log says how to drop it once none
// runs.
func (b *Backend) undeclared(ctx context.Context, coll, name string, unique bool) error {
	if unique {
		b.log.Warn("a unique index legible made is no longer declared, and stays: an older replica may rely on it; "+
			"drop it once none runs", "collection", coll, "index", name, "drop", "DROP INDEX "+ident(name))
		return nil
	}
	if err := b.ddl(ctx, "DROP INDEX IF EXISTS "+ident(name)); err != nil {
		return fmt.Errorf("dropping the index %s that %s no longer declares: %w", name, coll, err)
	}
	return nil
}

// indexName names the SQL index of a collection's index:
// "legible:COLLECTION/NAME", or, when that is too long for PostgreSQL,
// its beginning and a hash of the whole.
func indexName(coll string, ix backend.Index) string {
	name := indexPrefix + coll + "/" + ix.Name()
	if len(name) <= maxIdent {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return name[:maxIdent-17] + "~" + hex.EncodeToString(sum[:8])
}

// indexes returns the indexes on a collection's table that Setup made,
// those named with indexPrefix: whether each is unique, by its name.
func (b *Backend) indexes(ctx context.Context, coll string) (map[string]bool, error) {
	rows, err := b.writes.Query(ctx, "SELECT indexname, starts_with(indexdef, 'CREATE UNIQUE ') FROM pg_indexes "+
		"WHERE schemaname = current_schema() AND tablename = $1 AND starts_with(indexname, $2)", coll, indexPrefix)
	if err != nil {
		return nil, fmt.Errorf("listing the indexes of %s: %w", coll, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		var unique bool
		if err := rows.Scan(&name, &unique); err != nil {
			return nil, err
		}
		have[name] = unique
	}
	return have, rows.Err()
}

// ddlAttempts bounds the runs of a statement of Setup that loses races.
const ddlAttempts = 10

// ddl runs a statement of Setup on its own, again while it loses a race
// with another server running it.
func (b *Backend) ddl(ctx context.Context, stmt string) error {
	var err error
	for attempt := range ddlAttempts {
		if _, err = b.writes.Exec(ctx, stmt); err == nil || !lostRace(err) {
			return err
		}
		if !storage.Backoff(ctx, attempt+1) {
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}

// lostRace reports whether err is what a CREATE … IF NOT EXISTS, or a
// DROP, gives when another session makes or drops the same object at
// once: a duplicate row in the system catalogs, an object that exists, a
// deadlock or a serialization failure.
// A statement that runs again then sees the other's work.
func lostRace(err error) bool {
	switch state(err) {
	case duplicateTable, duplicateObject, deadlockDetected, serializationFailure:
		return true
	}
	return catalogDuplicate(err)
}
