// Package tokens implements the Tokens concept: a client proves, request
// after request, which user it acts for with a token that issue gave it.
//
// It keeps no state in the database. A token is a JWT signed with HS256:
// its subject (sub) is the user, iat when it was issued, and exp 30 days
// later. The secret comes from the environment variable
// LEGIBLE_TOKEN_SECRET; without it a fixed development secret signs the
// tokens, which anyone who reads this source can forge, and the first use
// of it logs a warning.
package tokens

import (
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// SecretEnv is the environment variable that holds the signing secret.
const SecretEnv = "LEGIBLE_TOKEN_SECRET"

// Lifetime is how long a token verifies after it is issued.
const Lifetime = 30 * 24 * time.Hour

// devSecret signs tokens when SecretEnv is unset. It is public, so such
// tokens can be forged: it is for development only.
const devSecret = "legible development secret: tokens signed with it are forgeable"

// Tokens issues and verifies the users' tokens.
type Tokens struct {
	secret []byte
	warn   func() // logs, once, that the secret is the development one; nil for a real secret
}

// New returns the concept with the secret from SecretEnv; it keeps no
// state in the database, since tokens are kept by the clients.
func New(*storage.DB) *Tokens { return WithSecret(os.Getenv(SecretEnv), nil) }

// WithSecret returns the concept signing with secret. An empty secret
// selects the development secret, and then the first token issued or
// verified logs a warning to logger, or to slog.Default() when logger is
// nil.
func WithSecret(secret string, logger *slog.Logger) *Tokens {
	if secret != "" {
		return &Tokens{secret: []byte(secret)}
	}
	return &Tokens{secret: []byte(devSecret), warn: sync.OnceFunc(func() { warnDevSecret(logger) })}
}

// warnDevSecret logs that the development secret is in use.
func warnDevSecret(logger *slog.Logger) {
	if logger == nil {
		logger = slog.Default()
	}
	logger.Warn("INSECURE: " + SecretEnv + " is not set, so tokens are signed with a public development secret " +
		"and are forgeable: anyone can act as any user; set " + SecretEnv + " to a long random string " +
		"(e.g. the output of `openssl rand -hex 32`) before serving real users")
}

// key returns the signing secret, warning first when it is the
// development one.
func (k *Tokens) key() []byte {
	if k.warn != nil {
		k.warn()
	}
	return k.secret
}

// Concept registers the actions and queries under their spec names.
func (k *Tokens) Concept() *concepts.Concept {
	return concepts.New("Tokens").
		Action("issue", concepts.Action(k.Issue)).
		Query("_verify", concepts.Query(k.Verify))
}
