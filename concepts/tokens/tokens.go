// Package tokens implements the Tokens concept: a client proves, request
// after request, which user it acts for with a token that issue gave it.
//
// A token is a JWT signed with HS256: its subject (sub) is the user, gen
// the generation of the user's tokens, iat when it was issued, and exp 30
// days later. State is one collection, Tokens.users: one document per
// user that tokens were issued to, keyed by the user, holding the
// generation its tokens carry (random, made at the user's first issue).
// _verify returns the user only when the signature and the expiry are
// good and the user's document holds the token's generation; revoke
// deletes the document, so that no token issued before verifies again,
// and the next issue starts a new generation.
//
// The signing secret is the environment variable LEGIBLE_TOKEN_SECRET.
// Without it, it is a random secret that the database keeps
// (storage.DB.Secret: a file of mode 0600 in the embedded store's data
// directory, or a document of MongoDB, which replicas share), made at the
// first start. The concept reads it when the app starts (Concept.OnStart)
// and logs where it comes from.
package tokens

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// SecretEnv is the environment variable that holds the signing secret.
const SecretEnv = "LEGIBLE_TOKEN_SECRET"

// SecretName is the name of the secret the database keeps for the concept
// when SecretEnv is unset (storage.DB.Secret): the embedded store keeps it
// in the file tokens.secret of its data directory.
const SecretName = "tokens"

// UsersCollection is the collection of the concept's state.
const UsersCollection = "Tokens.users"

// Lifetime is how long a token verifies after it is issued.
const Lifetime = 30 * 24 * time.Hour

// Tokens issues and verifies the users' tokens.
type Tokens struct {
	db    *storage.DB
	users *storage.Collection[userDoc]

	mu     sync.Mutex
	secret []byte // nil until read from the database, when it is not set
}

// userDoc is a user in Tokens.users, keyed by the user.
type userDoc struct {
	Gen string `json:"gen"` // the generation that the user's tokens carry
	At  int64  `json:"at"`  // when it began: concepts.Instant
}

// New returns the concept on db, signing with the secret of SecretEnv, or
// without it with the secret db keeps, without touching the database; db
// may be nil for conformance checks.
func New(db *storage.DB) *Tokens { return WithSecret(db, os.Getenv(SecretEnv)) }

// WithSecret returns the concept on db signing with secret; an empty
// secret selects the one db keeps, as New does without SecretEnv.
func WithSecret(db *storage.DB, secret string) *Tokens {
	k := &Tokens{db: db, users: storage.NewCollection[userDoc](db, UsersCollection)}
	if secret != "" {
		k.secret = []byte(secret)
	}
	return k
}

// Concept registers the actions and queries under their spec names, and
// start, which reads the secret when the app starts.
func (k *Tokens) Concept() *concepts.Concept {
	return concepts.New("Tokens").
		Action("issue", concepts.Action(k.Issue)).
		Action("revoke", concepts.Action(k.Revoke)).
		Query("_verify", concepts.Query(k.Verify)).
		OnStart(k.start)
}

// start reads the secret, making it when the database keeps none, and
// logs where it comes from: so an unusable secret stops the start, and
// the log says at once whether tokens survive a restart.
func (k *Tokens) start(ctx context.Context, log *slog.Logger) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.secret != nil {
		log.Info("tokens are signed with the secret of " + SecretEnv)
		return nil
	}
	s, err := k.load(ctx)
	if err != nil {
		return err
	}
	if s.Created {
		log.Info("tokens are signed with a random secret, generated now; set "+SecretEnv+" to choose it", "kept", s.Where)
	} else {
		log.Info("tokens are signed with the random secret generated at the first start", "kept", s.Where)
	}
	return nil
}

// key returns the signing secret, reading it from the database when the
// app did not start the concept (a test, a program of its own).
func (k *Tokens) key(ctx context.Context) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.secret != nil {
		return k.secret, nil
	}
	_, err := k.load(ctx)
	return k.secret, err
}

// load reads the secret the database keeps, making it when there is none,
// into k.secret; k.mu is held.
func (k *Tokens) load(ctx context.Context) (storage.Secret, error) {
	if k.db == nil {
		return storage.Secret{}, errors.New("tokens: no signing secret: " + SecretEnv + " is unset and the concept " +
			"has no database to keep one in; set " + SecretEnv + ", or build the concept on a storage.DB")
	}
	s, err := k.db.Secret(ctx, SecretName)
	if err != nil {
		return storage.Secret{}, fmt.Errorf("the secret that signs the tokens: %w; or set %s to a long random string "+
			"(e.g. the output of `openssl rand -hex 32`), the same for every server of the app", err, SecretEnv)
	}
	k.secret = s.Value
	return s, nil
}
