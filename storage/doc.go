// Package storage is where concepts keep their state: named collections
// of JSON documents with string ids, on the embedded SQLite store
// (package storage/sqlite, the default) or on MongoDB (storage/mongodb).
// It is the only storage API a concept needs, and the same code runs on
// both.
//
// # Collections
//
// A concept declares its collections when it is built, each named after
// the concept ("Article.articles"), with the indexes its queries need:
//
//	type articleDoc struct {
//		Author    string `json:"author"`
//		Slug      string `json:"slug"`
//		CreatedAt string `json:"createdAt"`
//	}
//
//	articles := storage.NewCollection[articleDoc](db, "Article.articles",
//		storage.UniqueOn("slug"), storage.On("author", "createdAt"))
//
// NewCollection does not touch the database; DB.Setup, which `legible
// serve` runs at start, creates what the collections declare and drops
// the indexes it made that they no longer declare (on MongoDB, not a
// unique one, which a replica of an older version may rely on). Documents are T encoded with encoding/json:
// its json tags name the fields, and fields starting with "_" are
// reserved. Store times as concepts.Timestamp strings (they sort as the
// times do) or numbers.
//
// # Reads and writes
//
// Get, GetMany, Insert, Put and Delete work by id. Insert fails with
// ErrTaken when the id exists or a unique index holds the document's
// values already; Put replaces, and fails with ErrTaken only on a unique
// index. Find, FindOne, Count and Distinct answer a Query: conditions of
// equality (Eq) or membership (In) on fields, a sort, a limit and an
// offset. Every field a query names must be held by an index of the
// collection, or be ID, so that every query is answered from an index;
// a query on another field is an error that says which index to declare.
//
// Keep one document per fact: a favorite is a document keyed by
// Key(item, user), not a user in a list of fans, and a count is Count of
// an index, not a number that every favorite rewrites. Such writes never
// lose each other, on any backend, and no document grows with the app.
//
// # Counts
//
// Count and CountBy count what an index holds. When a concept counts a
// collection by one field often, by all of its values (how many items
// each tag has, to list the most used tags first), declare the index with
// CountedOn: the embedded store then keeps the number of documents of
// each value, in the transactions that write them, and Count and CountBy
// that select by that field alone read those numbers, one per value, not
// the documents. The counts are the store's own, kept under its one
// writer; a counter document of the concept's would be one that
// concurrent flows rewrite, so do not keep one. DB.Setup counts the
// documents there are when an index becomes counted. On MongoDB a counted
// index is a plain one, and counts count the index.
//
// # Transactions
//
// Each flow runs in a transaction (DB.Begin; the engine begins it and
// passes it down in the context of every action and query), so all the
// writes of a flow commit together or not at all, and concurrent flows
// are serializable: a flow that read something another flow changed
// before it wrote conflicts (ErrConflict), and the engine runs it again
// from its start. Concept code does nothing for it, but two things help:
//
//   - Do slow work, such as hashing a password, before the flow's first
//     write: until then a transaction holds no lock.
//   - Before reading a document that will be written back, a counter
//     say, call StartWriting, so that concurrent flows wait their turn
//     instead of conflicting and running again.
//
// Outside a transaction (a test calling a concept directly), each read
// and write runs on its own.
//
// A commit whose outcome the database does not say (a MongoDB commit
// whose answer was lost) fails with ErrUnknownOutcome: its writes may be
// there or not, and the flow does not run again; the client gets a 502
// that says to check.
//
// On a MongoDB without transactions (a standalone server, or FerretDB),
// which serve uses only when told to accept it, each write is atomic on
// its own and applied at once, and a rolled-back transaction undoes its
// writes where no other transaction wrote the documents since; the
// others stay, and the rollback's error (ErrUnknownOutcome) names them.
// Unique indexes and ids still hold under any concurrency.
//
// # Secrets
//
// DB.Secret returns a random secret that the database keeps for the app,
// such as a key that signs tokens, made from crypto/rand at the first
// call: the embedded store keeps it in a file of mode 0600 in its data
// directory, MongoDB in the collection _legible.secrets, so that the
// servers of one database share it. Call it when the concept starts
// (concepts.Concept.OnStart), not in its constructor.
package storage
