package tokens

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// UserIO names a user: the input of issue and revoke, the output of
// revoke, and the row of _verify.
type UserIO struct {
	User string `json:"user"`
}

// TokenIO holds a token: the output of issue and the input of _verify.
type TokenIO struct {
	Token string `json:"token"`
}

// claims are the claims of a token: sub, iat and exp, and gen, the
// generation of the user's tokens.
type claims struct {
	jwt.RegisteredClaims
	Gen string `json:"gen"`
}

// method is the only signing method issued and accepted.
var method = jwt.SigningMethodHS256

// Issue returns a token for the user, valid for Lifetime, and records the
// user, with a new generation, when it has none. The spec gives issue no
// error outcome, so an empty user, which a sync should never pass, is a
// failure.
func (k *Tokens) Issue(ctx context.Context, in UserIO) (TokenIO, error) {
	if in.User == "" {
		return TokenIO{}, errors.New("issuing a token: the user is empty; issue tokens only for a user that " +
			"authenticated, e.g. the user output of Authenticating.login")
	}
	key, err := k.key(ctx)
	if err != nil {
		return TokenIO{}, err
	}
	gen, err := k.generation(ctx, in.User)
	if err != nil {
		return TokenIO{}, err
	}
	token, err := sign(key, in.User, gen, time.Now())
	return TokenIO{Token: token}, err
}

// generation returns the generation of the user's tokens, making one when
// the user has none.
func (k *Tokens) generation(ctx context.Context, user string) (string, error) {
	doc, found, err := k.users.Get(ctx, user)
	if err != nil || found {
		return doc.Gen, err
	}
	doc = userDoc{Gen: rand.Text(), At: concepts.Instant()}
	err = k.users.Insert(ctx, user, doc)
	if !errors.Is(err, storage.ErrTaken) {
		return doc.Gen, err
	}
	// Another flow recorded the user first (on a backend without
	// transactions): its generation is the user's.
	if doc, found, err = k.users.Get(ctx, user); err == nil && !found {
		err = fmt.Errorf("%w: the user's tokens were revoked while this token was issued", storage.ErrConflict)
	}
	return doc.Gen, err
}

// sign returns the token of generation gen for user issued at now.
func sign(key []byte, user, gen string, now time.Time) (string, error) {
	c := claims{Gen: gen, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   user,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(Lifetime)),
	}}
	return jwt.NewWithClaims(method, c).SignedString(key)
}

// Revoke ends every token issued to the user: none of them verifies
// again, and the user's next token starts a new generation. Revoking a
// user with no tokens does nothing.
func (k *Tokens) Revoke(ctx context.Context, in UserIO) (UserIO, error) {
	if _, err := k.users.Delete(ctx, in.User); err != nil {
		return UserIO{}, err
	}
	return in, nil
}

// Verify returns the user the token names, or no row when the token is
// empty, malformed, expired, not signed with HS256 or not signed with the
// concept's secret, names no user, or is not of the user's generation:
// the user's tokens were revoked, or none were ever issued to it.
func (k *Tokens) Verify(ctx context.Context, in TokenIO) ([]UserIO, error) {
	key, err := k.key(ctx)
	if err != nil {
		return nil, err
	}
	c, ok := parse(key, in.Token)
	if !ok {
		return nil, nil
	}
	doc, found, err := k.users.Get(ctx, c.Subject)
	if err != nil || !found || doc.Gen != c.Gen {
		return nil, err
	}
	return []UserIO{{User: c.Subject}}, nil
}

// parse returns the claims of a token signed with key that has not
// expired, names a user and carries a generation.
func parse(key []byte, token string) (claims, bool) {
	var c claims
	if token == "" {
		return c, false
	}
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return key, nil },
		jwt.WithValidMethods([]string{method.Alg()}), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	return c, err == nil && c.Subject != "" && c.Gen != ""
}
