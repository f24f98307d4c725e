package mongodb

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/legible/legible/internal/ferret"
)

func TestConvertRoundTrip(t *testing.T) {
	docs := []string{
		`{}`,
		`{"name":"ann","n":3,"x":1.5,"ok":true,"no":false,"none":null}`,
		`{"nested":{"a":[1,"two",{"three":3}],"b":{}},"list":[]}`,
		`{"big":9007199254740993,"neg":-42,"tiny":1e-7,"huge":1e+300}`,
		`{"text":"quotes \" backslash \\ tab \t ünïcode 😀 <html> & \u2028"}`,
		`{"z":1,"a":2,"m":3}`,
	}
	for _, doc := range docs {
		d, err := toBSON("id1", []byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		raw, err := bson.Marshal(d)
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		id, back, err := fromBSON(raw)
		if err != nil || id != "id1" {
			t.Fatalf("%s: back %q, %v", doc, id, err)
		}
		if !sameJSON(t, []byte(doc), back) {
			t.Errorf("%s came back as %s", doc, back)
		}
		if _, again, _ := fromBSON(raw); !bytes.Equal(again, back) {
			t.Errorf("%s: two reads differ: %s and %s", doc, back, again)
		}
	}
	if got := keysOf(t, `{"z":1,"a":2,"m":3}`); !slices.Equal(got, []string{"_id", "z", "a", "m"}) {
		t.Errorf("fields in the order %v, want _id first, then the JSON's order", got)
	}
}

// sameJSON reports whether two JSON texts hold the same value, numbers
// compared as decimal text.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	for _, p := range []struct {
		data []byte
		into *any
	}{{a, &x}, {b, &y}} {
		dec := json.NewDecoder(bytes.NewReader(p.data))
		dec.UseNumber()
		if err := dec.Decode(p.into); err != nil {
			t.Fatalf("%s: %v", p.data, err)
		}
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return bytes.Equal(xs, ys)
}

// keysOf returns the field names, in order, of the BSON document that a
// JSON document becomes.
func keysOf(t *testing.T, doc string) []string {
	t.Helper()
	d, err := toBSON("id", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, e := range d {
		keys = append(keys, e.Key)
	}
	return keys
}

func TestConvertRefuses(t *testing.T) {
	for _, doc := range []string{`[1,2]`, `"text"`, `{"_id":"mine"}`, `{"a":`} {
		if _, err := toBSON("id", []byte(doc)); err == nil {
			t.Errorf("toBSON %s succeeded", doc)
		}
	}
	foreign := []bson.D{
		{{Key: "name", Value: "no id"}},
		{{Key: "_id", Value: int32(7)}},
		{{Key: "_id", Value: "a"}, {Key: "re", Value: bson.Regex{Pattern: "x"}}},
		{{Key: "_id", Value: "a"}, {Key: "deep", Value: bson.D{{Key: "js", Value: bson.JavaScript("f()")}}}},
	}
	for _, d := range foreign {
		raw, _ := bson.Marshal(d)
		if _, _, err := fromBSON(raw); err == nil {
			t.Errorf("fromBSON %v succeeded", d)
		}
	}
}

func TestCompareScalars(t *testing.T) {
	got := []any{"b", int64(3), true, 2.5, "a", false, int64(-1)}
	slices.SortFunc(got, compareScalars)
	want := []any{false, true, int64(-1), 2.5, int64(3), "a", "b"}
	if !slices.Equal(got, want) {
		t.Fatalf("sorted %v, want %v", got, want)
	}
}

// startFerret starts a FerretDB for one test.
func startFerret(t *testing.T) string {
	t.Helper()
	srv, err := ferret.Start(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	return srv.URI
}

// TestFerretDBHasNoTransactions opens FerretDB, which has neither
// transactions nor snapshot reads (it takes readConcern snapshot, and
// reads as ever): Open finds so by trying a transaction, and Describe
// says so, and what reads read.
func TestFerretDBHasNoTransactions(t *testing.T) {
	ctx := context.Background()
	uri := startFerret(t)
	for _, tc := range []struct{ query, reads string }{
		{"", "read the primary"},
		{"?readPreference=secondaryPreferred", "readPreference secondaryPreferred, so they may miss a write made just before"},
	} {
		b, err := OpenBackend(ctx, uri+tc.query, Options{DB: "legible_test", AcceptNoTransactions: true})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		d := b.Describe()
		for _, want := range []string{"legible_test", "no transactions", "refused", "do not read one snapshot", tc.reads} {
			if !strings.Contains(d, want) {
				t.Errorf("FerretDB described as %q, which does not say %q", d, want)
			}
		}
		if b.Atomic() || b.MaxTransaction() != 0 || b.server.snapshots {
			t.Errorf("FerretDB: atomic %v, transactions of up to %v, snapshots %v; want none", b.Atomic(), b.MaxTransaction(), b.server.snapshots)
		}
		if err := b.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenBadURI(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := Open(ctx, "mongodb://user:secret@127.0.0.1:1/?serverSelectionTimeoutMS=200", Options{})
	if err == nil {
		t.Fatal("Open on a port nobody listens on succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, "MONGODB_URI") || strings.Contains(msg, "secret") {
		t.Fatalf("error %q should name MONGODB_URI and hide the password", msg)
	}
}
