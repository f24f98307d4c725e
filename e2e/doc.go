// Package e2e holds the end-to-end tests of the flagship Conduit app
// (specs/) over HTTP on loopback: the app is served in process through
// the pipeline (pipeline.Env.Open), on a fresh embedded store, and the tests talk to it as
// clients do. They are the official RealWorld Postman suite, run with
// newman (TestPostmanSuite), and Go tests of what that suite leaves out:
// pagination, the feed, permissions, error replies, validation; races on
// the embedded store, on MongoDB (the tests' FerretDB, with a pool of
// several connections) and on two replicas sharing one MongoDB database
// (TestRace…); and the real binary killed with SIGKILL under write load
// and restarted on its data (TestCrashLeavesNoHalfDoneFlow).
package e2e
