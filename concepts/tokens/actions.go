package tokens

import (
	"context"
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// UserIO names a user: the input of issue and the row of _verify.
type UserIO struct {
	User string `json:"user"`
}

// TokenIO holds a token: the output of issue and the input of _verify.
type TokenIO struct {
	Token string `json:"token"`
}

// method is the only signing method issued and accepted.
var method = jwt.SigningMethodHS256

// Issue returns a token for the user, valid for Lifetime. The spec gives
// issue no error outcome, so an empty user, which a sync should never
// pass, is a failure.
func (k *Tokens) Issue(_ context.Context, in UserIO) (TokenIO, error) {
	if in.User == "" {
		return TokenIO{}, errors.New("issuing a token: the user is empty; issue tokens only for a user that " +
			"authenticated, e.g. the user output of Authenticating.login")
	}
	token, err := k.sign(in.User, time.Now())
	return TokenIO{Token: token}, err
}

// sign returns the token for user issued at now.
func (k *Tokens) sign(user string, now time.Time) (string, error) {
	claims := jwt.RegisteredClaims{
		Subject:   user,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(Lifetime)),
	}
	return jwt.NewWithClaims(method, claims).SignedString(k.key())
}

// Verify returns the user the token names, or no row when the token is
// empty, malformed, expired, not signed with HS256 or not signed with the
// concept's secret, or names no user.
func (k *Tokens) Verify(_ context.Context, in TokenIO) ([]UserIO, error) {
	if user, ok := k.user(in.Token); ok {
		return []UserIO{{User: user}}, nil
	}
	return nil, nil
}

// user returns the subject of a valid token.
func (k *Tokens) user(token string) (string, bool) {
	if token == "" {
		return "", false
	}
	var claims jwt.RegisteredClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return k.key(), nil },
		jwt.WithValidMethods([]string{method.Alg()}), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	if err != nil || claims.Subject == "" {
		return "", false
	}
	return claims.Subject, true
}
