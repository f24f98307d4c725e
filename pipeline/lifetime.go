package pipeline

import (
	"fmt"
	"time"

	"github.com/legible/legible/storage"
)

// fitsTransactions checks that a flow of the app's timeout, and its
// commit after it (up to storage.CommitGrace), fit in the max that the
// database lets a transaction live (0 for no limit): MongoDB aborts an
// older transaction, and the flow would fail however often it ran.
func fitsTransactions(timeout, max time.Duration) error {
	if max == 0 || timeout+storage.CommitGrace <= max {
		return nil
	}
	return fmt.Errorf("the app's timeout, %s, and the %s a commit may take after it, do not fit in the %s that the database "+
		"lets a transaction live (MongoDB's transactionLifetimeLimitSeconds): set timeout: in app.yaml to %s or less, "+
		"or raise transactionLifetimeLimitSeconds on the server", timeout, storage.CommitGrace, max, max-storage.CommitGrace)
}
