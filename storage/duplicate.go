package storage

import (
	"errors"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// sqliteUnique is how SQLite words a unique index violation; FerretDB
// passes it on, as an InternalError, when an update causes one.
const sqliteUnique = "UNIQUE constraint failed"

// IsDuplicate reports whether err says that a write hit a unique index:
// MongoDB's E11000 duplicate key error, or the InternalError carrying
// SQLite's "UNIQUE constraint failed" that FerretDB returns instead for
// updates (DESIGN.md §5).
func IsDuplicate(err error) bool {
	if err == nil {
		return false
	}
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	var se mongo.ServerError
	return errors.As(err, &se) && se.HasErrorMessage(sqliteUnique)
}
