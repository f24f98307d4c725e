package flow

import (
	"context"
	"sync"
)

// Transactions begin the transaction that each attempt of a flow runs in,
// so that the writes of the flow's actions commit together or not at all
// (storage.DB, through InStorage, is one).
type Transactions interface {
	// Begin starts a transaction and returns the context that the
	// attempt's actions and queries run with, which carries it. An
	// exclusive transaction takes the database's write lock at once (on
	// a database several servers share, a lease that holds back the
	// writers of all of them), so that it cannot conflict, or hardly: the
	// engine asks for one for the attempts of a flow that conflicted
	// ExclusiveAfter times.
	Begin(ctx context.Context, exclusive bool) (context.Context, Transaction)
	// Retry reports whether err, a failure of an attempt or the error of
	// its Commit, says that it conflicted with a concurrent flow, so that
	// running it again may succeed: never when the attempt's writes may
	// have been kept.
	Retry(err error) bool
}

// Transaction is the transaction of one attempt of a flow.
type Transaction interface {
	// Commit ends the transaction when the attempt ran to its end. It
	// returns what became of its writes ("committed", "read only", or
	// "rolled back: …" when the flow asked so), or an error, which leaves
	// nothing written unless it says that the outcome is unknown
	// (storage.ErrUnknownOutcome).
	Commit(ctx context.Context) (outcome string, err error)
	// Rollback ends the transaction without writing anything. Its error,
	// on a database without transactions, says which writes made already
	// it could not undo.
	Rollback() error
}

// MaxAttempts bounds how often a flow whose context has no deadline runs
// when it keeps conflicting with concurrent flows. A flow with a
// deadline, as a request's, runs again as long as the deadline allows.
// Options.Attempts, when set, bounds both.
const MaxAttempts = 10

// ExclusiveAfter is how many times a flow conflicts before its next
// attempts run in exclusive transactions: a flow that reads, works a
// while, then writes, among many alike, would otherwise conflict again
// and again.
const ExclusiveAfter = 2

// Gate decides whether a finished flow commits, between the flow and
// whoever waits for it. The waiter may Close it, as a request that timed
// out does, so that the flow rolls back; and Accept, when set, is asked
// whether the flow may commit once it has run, as the server asks whether
// the flow answered its request. A gate passes one flow, once.
type Gate struct {
	// Accept, when set, is asked, under the gate's lock, whether the flow
	// may commit.
	Accept func() bool

	mu     sync.Mutex
	closed bool
}

// Close stops the flow from committing, and reports whether it did:
// false when the flow has committed already, in which case Close returns
// once the commit is done.
func (g *Gate) Close() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return false
	}
	g.closed = true
	return true
}

// commit commits tx unless the gate is closed or Accept refuses; it closes
// the gate either way. A nil gate always lets the flow commit.
func (g *Gate) commit(ctx context.Context, tx Transaction) (string, error) {
	if g == nil {
		return tx.Commit(ctx)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.closed:
		return "rolled back: its request timed out", tx.Rollback()
	case g.Accept != nil && !g.Accept():
		g.closed = true
		return "rolled back: it did not answer its request", tx.Rollback()
	}
	g.closed = true
	out, err := tx.Commit(ctx)
	if err != nil {
		g.closed = false // nothing committed: the flow may run again, or still be stopped
	}
	return out, err
}

// noTransactions is the Transactions of an engine without a database:
// every attempt commits, and nothing conflicts.
type noTransactions struct{}

// Begin returns ctx and a transaction that does nothing.
func (noTransactions) Begin(ctx context.Context, _ bool) (context.Context, Transaction) {
	return ctx, noTx{}
}

// Retry reports false: without a database nothing conflicts.
func (noTransactions) Retry(error) bool { return false }

// noTx is a transaction that does nothing.
type noTx struct{}

// Commit reports no outcome.
func (noTx) Commit(context.Context) (string, error) { return "", nil }

// Rollback does nothing.
func (noTx) Rollback() error { return nil }
