package sessioning

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"

	"legible/concepts"
	"legible/storage"
)

// tokenBytes is how many random bytes name a session.
const tokenBytes = 32

// sessionDoc is a session in Sessioning.sessions.
type sessionDoc struct {
	ID   string `bson:"_id"` // the token
	User string `bson:"user"`
}

// UserIn is the input of create: the user to open a session for.
type UserIn struct {
	User string `json:"user"`
}

// UserRow is the row of _getUser: the session's user.
type UserRow = UserIn

// SessionIO names a session: the input of delete and _getUser, and the
// output of create and delete.
type SessionIO struct {
	Session string `json:"session"`
}

// Create opens a session for the user and returns its token: 32 random
// bytes in unpadded base64url.
func (s *Sessioning) Create(ctx context.Context, in UserIn) (SessionIO, error) {
	if in.User == "" {
		return SessionIO{}, errors.New("user is empty; pass the id of the user to open a session for")
	}
	id := newToken()
	if err := storage.Insert(ctx, s.sessions, sessionDoc{ID: id, User: in.User}); err != nil {
		return SessionIO{}, err
	}
	return SessionIO{Session: id}, nil
}

// Delete ends a session; a session that does not exist is a concept error.
func (s *Sessioning) Delete(ctx context.Context, in SessionIO) (SessionIO, error) {
	res, err := s.sessions.DeleteOne(ctx, storage.ByID(in.Session))
	if err != nil {
		return SessionIO{}, fmt.Errorf("deleting from %s: %w; check that the database is reachable", SessionsCollection, err)
	}
	if res.DeletedCount == 0 {
		return SessionIO{}, concepts.Errorf("no such session: it ended already, or never began; log in again")
	}
	return in, nil
}

// GetUser returns the user of the session, if the session exists.
func (s *Sessioning) GetUser(ctx context.Context, in SessionIO) ([]UserRow, error) {
	var d sessionDoc
	if found, err := storage.FindByID(ctx, s.sessions, in.Session, &d); !found || err != nil {
		return nil, err
	}
	return []UserRow{{User: d.User}}, nil
}

// newToken returns a fresh session token.
func newToken() string {
	b := make([]byte, tokenBytes)
	_, _ = rand.Read(b) // never fails: crypto/rand.Read crashes the program instead
	return base64.RawURLEncoding.EncodeToString(b)
}
