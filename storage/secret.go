package storage

import (
	"context"
	"crypto/rand"
	"fmt"
	"regexp"
)

// SecretSize is the length in bytes of the secrets a DB makes.
const SecretSize = 32

// Secret is a random secret that a database keeps for its app, such as
// the key that signs the app's tokens.
type Secret struct {
	// Value is the secret, SecretSize random bytes.
	Value []byte
	// Where says where it is kept, for logs: a file's path, or a
	// collection of a database.
	Where string
	// Created reports whether this call made it, rather than reading the
	// one kept before.
	Created bool
}

// secretName is the form of a secret's name: it names a file too.
var secretName = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,63}$`)

// Secret returns the secret of the name that the database keeps, making
// one from crypto/rand and keeping it when there is none: on the embedded
// store, the file NAME.secret of the data directory (mode 0600); on
// MongoDB, a document of the collection _legible.secrets, so that the
// servers of one database share it. It runs outside any transaction. A
// name is lower-case letters, digits, '_' and '-', starting with a letter.
func (db *DB) Secret(ctx context.Context, name string) (Secret, error) {
	if !secretName.MatchString(name) {
		return Secret{}, fmt.Errorf("storage: the secret name %q is not lower-case letters, digits, _ and -, "+
			"starting with a letter (at most 64); choose such a name", name)
	}
	fresh := make([]byte, SecretSize)
	_, _ = rand.Read(fresh) // never fails (crypto/rand)
	s, err := db.b.KeepSecret(ctx, name, fresh)
	return Secret(s), err
}
