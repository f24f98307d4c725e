package pipeline

import (
	"net/url"
	"strings"
	"testing"

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
