package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/storage/storagetest/mongotest"
)

// TestServeRefusesMongoDBWithoutTransactions opens Conduit on FerretDB,
// which has no transactions: without the risks accepted, serve refuses
// it and says how to go on; with them, it serves.
func TestServeRefusesMongoDBWithoutTransactions(t *testing.T) {
	name := mongotest.DBName(t)
	mongotest.MongoDBNamed(t, name, 1) // dropped when the test ends
	o := ServeOptions{Dir: "../specs", DB: DBOptions{MongoURI: mongotest.URI(t), MongoDB: name}}
	app, err := library(t).Open(t.Context(), o)
	if err == nil {
		app.Close()
		t.Fatal("Open served on a MongoDB without transactions, without the risks accepted")
	}
	for _, want := range []string{"no transactions", "replica set", "LEGIBLE_MONGODB_NO_TRANSACTIONS=accept"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	o.DB.MongoNoTransactions = true
	if app, err = library(t).Open(t.Context(), o); err != nil {
		t.Fatalf("Open with the risks accepted: %v", err)
	}
	app.Close()
}

func TestNoTransactionsSetting(t *testing.T) {
	for value, want := range map[string]bool{"": false, "accept": true} {
		if got, err := NoTransactions(value); err != nil || got != want {
			t.Errorf("NoTransactions(%q) = %v, %v; want %v", value, got, err, want)
		}
	}
	for _, value := range []string{"yes", "1", "Accept", "true"} {
		if _, err := NoTransactions(value); err == nil || !strings.Contains(err.Error(), `"accept"`) {
			t.Errorf("NoTransactions(%q): %v, want an error saying to write accept", value, err)
		}
	}
}

// TestTimeoutMustFitInATransaction checks the app's timeout against the
// lifetime of MongoDB's transactions (60 s by default), the grace of a
// commit included.
func TestTimeoutMustFitInATransaction(t *testing.T) {
	for _, tc := range []struct {
		timeout, max time.Duration
		fits         bool
	}{
		{10 * time.Second, 60 * time.Second, true},
		{58 * time.Second, 60 * time.Second, true},
		{59 * time.Second, 60 * time.Second, false},
		{90 * time.Second, 60 * time.Second, false},
		{time.Hour, 0, true},
	} {
		err := fitsTransactions(tc.timeout, tc.max)
		if (err == nil) != tc.fits {
			t.Errorf("timeout %s, transactions of %s: %v, want fits %v", tc.timeout, tc.max, err, tc.fits)
		}
		if err != nil && (!strings.Contains(err.Error(), "transactionLifetimeLimitSeconds") || !strings.Contains(err.Error(), "timeout: in app.yaml to 58s")) {
			t.Errorf("error %q does not say what to change", err)
		}
	}
}
