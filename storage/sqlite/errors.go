package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// code returns the extended result code of an SQLite error, or 0.
func code(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// isTaken reports whether err is a violated primary key or unique index.
func isTaken(err error) bool {
	c := code(err)
	return c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || c == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}

// isNoTable reports whether err says that a table does not exist.
func isNoTable(err error) bool {
	return code(err)&0xff == sqlite3.SQLITE_ERROR && strings.Contains(err.Error(), "no such table")
}

// noTransaction reports whether err says that no transaction is active,
// as after SQLite rolled one back by itself.
func noTransaction(err error) bool {
	return strings.Contains(err.Error(), "no transaction is active")
}

// ctxErr reports whether err is the end of a context: a cancelled or
// timed-out request, which interrupts its statements.
func ctxErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		code(err) == sqlite3.SQLITE_INTERRUPT
}

// noTable is the error of doing something to a collection whose table
// does not exist.
func noTable(doing, coll string) error {
	return fmt.Errorf("%s %s: the collection does not exist; DB.Setup makes the collections the concepts declare, "+
		"and serve runs it at start", doing, coll)
}
