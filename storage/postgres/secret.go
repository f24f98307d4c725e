package postgres

import (
	"context"
	"fmt"

	"github.com/legible/legible/storage/backend"
)

// secretsTable holds the secrets a database keeps for its app, a row per
// secret: its name and its value.
const secretsTable = "_legible_secrets"

// secretsTableSQL creates secretsTable.
const secretsTableSQL = "CREATE TABLE IF NOT EXISTS " + secretsTable + " (name TEXT PRIMARY KEY, value BYTEA NOT NULL)"

// KeepSecret returns the secret of the name kept in the table
// _legible_secrets, first inserting fresh when there is none. The insert
// skips a name that is there (ON CONFLICT DO NOTHING, which waits for a
// racing insert to commit), and the read after it sees whichever came
// first: servers that race on one database share one secret.
func (b *Backend) KeepSecret(ctx context.Context, name string, fresh []byte) (backend.Secret, error) {
	where := "the table " + secretsTable + " of " + b.where
	if err := b.ddl(ctx, secretsTableSQL); err != nil {
		return backend.Secret{}, fmt.Errorf("creating %s: %w; check that the user of DATABASE_URL may create tables", where, err)
	}
	tag, err := b.writes.Exec(ctx, "INSERT INTO "+secretsTable+" (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", name, fresh)
	if err != nil {
		return backend.Secret{}, fmt.Errorf("keeping the secret %s in %s: %w; check that the user of DATABASE_URL may write there", name, where, err)
	}
	var value []byte
	if err := b.writes.QueryRow(ctx, "SELECT value FROM "+secretsTable+" WHERE name = $1", name).Scan(&value); err != nil {
		return backend.Secret{}, fmt.Errorf("reading the secret %s from %s: %w", name, where, err)
	}
	if len(value) != len(fresh) {
		return backend.Secret{}, fmt.Errorf("the secret %s in %s holds %d bytes, not the %d of a secret legible made: "+
			"delete that row (name = '%s') to have a new secret made (what the old one signed stops verifying)",
			name, where, len(value), len(fresh), name)
	}
	return backend.Secret{Value: value, Where: where, Created: tag.RowsAffected() == 1}, nil
}
