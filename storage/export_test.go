package storage

// EmbeddedURI returns the connection string of the embedded server s
// talks to, for the tests of package storage_test.
func EmbeddedURI(s *Store) string { return s.server.uri }
