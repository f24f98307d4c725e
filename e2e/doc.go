// Package e2e holds the end-to-end tests of the flagship Conduit app
// (specs/) over HTTP on loopback: the app is served in process through
// package serving, on a fresh embedded database, and the tests talk to it
// as clients do. They are the official RealWorld Postman suite, run with
// newman (TestPostmanSuite), and Go tests of what that suite leaves out:
// pagination, the feed, permissions, error replies, validation and
// concurrent requests.
package e2e
