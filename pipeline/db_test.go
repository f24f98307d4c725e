package pipeline

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/storage/storagetest/mongotest"
	"github.com/legible/legible/storage/storagetest/pgtest"
)

// TestOpenDBRefusesWhatItCannotUse gives OpenDB two databases at once,
// and a DATABASE_URL of another database than PostgreSQL: each is an
// error that says what to do, and names no password.
func TestOpenDBRefusesWhatItCannotUse(t *testing.T) {
	cases := []struct {
		what string
		o    DBOptions
		want []string
	}{
		{"both URLs", DBOptions{MongoURI: "mongodb://127.0.0.1:1", PostgresURL: "postgres://u:pw-secret@127.0.0.1:1/db"},
			[]string{"MONGODB_URI and DATABASE_URL", "unset"}},
		{"a MySQL URL", DBOptions{PostgresURL: "mysql://u:pw-secret@127.0.0.1:1/db"},
			[]string{"a mysql:// URL", "only in PostgreSQL", "postgres://USER:PASSWORD@HOST:PORT/DATABASE"}},
		{"no URL at all", DBOptions{PostgresURL: "host=db user=u password=pw-secret"},
			[]string{"DATABASE_URL", "postgres://USER:PASSWORD@HOST:PORT/DATABASE"}},
	}
	for _, tc := range cases {
		db, err := OpenDB(t.Context(), tc.o, nil)
		if err == nil {
			db.Close()
			t.Errorf("%s: OpenDB succeeded", tc.what)
			continue
		}
		for _, want := range tc.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q does not say %q", tc.what, err, want)
			}
		}
		if strings.Contains(err.Error(), "pw-secret") {
			t.Errorf("%s: %q shows the password", tc.what, err)
		}
	}
}

// TestServingNamesThePostgresDatabase serves Conduit on PostgreSQL with a
// password in DATABASE_URL (the tests' cluster trusts any): the start-up
// log names the database, and not the password.
func TestServingNamesThePostgresDatabase(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "pw-secret")
	c := serveConduitWith(t, ServeOptions{DB: DBOptions{PostgresURL: u.String()}})
	c.stop() // Serve has logged what it serves
	log := c.log.String()
	want := `database="PostgreSQL database ` + u.Path[1:] + ` at `
	if !strings.Contains(log, want) || !strings.Contains(log, "search_path "+u.Query().Get("search_path")) || strings.Contains(log, "pw-secret") {
		t.Fatalf("the start-up log does not name the PostgreSQL database (%s…) and its search_path without the password:\n%s", want, log)
	}
}

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
