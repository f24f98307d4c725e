package mongodb

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/legible/legible/storage"
)

// foreignDoc is a document as legible reads one that another program
// wrote with BSON types of its own.
type foreignDoc struct {
	Group string         `json:"group"`
	When  string         `json:"when"`
	Ref   string         `json:"ref"`
	Deep  map[string]any `json:"deep"`
}

// TestReadsForeignTypes inserts, with the driver, documents holding a
// date, an ObjectId, and an ObjectId as the _id, as a program other than
// legible writes them: queries that return them give the values as JSON
// (RFC 3339 text, hex text), instead of failing. (FerretDB v1 cannot
// store a Decimal128: TestConvertForeignTypes shows those.)
func TestReadsForeignTypes(t *testing.T) {
	ctx := context.Background()
	b := openFerret(t, startFerret(t), "foreign")
	db := storage.New(b)
	c := storage.NewCollection[foreignDoc](db, "Test.foreign", storage.On("group"))
	if err := db.Setup(ctx); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 12, 6, 10, 30, 0, 123e6, time.UTC)
	ref, oid := bson.NewObjectID(), bson.NewObjectID()
	docs := []any{
		bson.D{{Key: "_id", Value: "a"}, {Key: "group", Value: "g"}, {Key: "when", Value: bson.NewDateTimeFromTime(when)},
			{Key: "ref", Value: ref},
			{Key: "deep", Value: bson.D{{Key: "at", Value: bson.A{bson.NewDateTimeFromTime(when), ref}}}}},
		bson.D{{Key: "_id", Value: oid}, {Key: "group", Value: "g"}},
	}
	if _, err := b.db.Collection("Test.foreign").InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	got, err := c.Find(ctx, storage.Where(storage.Eq("group", "g")))
	if err != nil {
		t.Fatalf("a query that returns documents of foreign types: %v", err)
	}
	byID := map[string]foreignDoc{}
	for _, d := range got {
		byID[d.ID] = d.Value
	}
	a, ok := byID["a"]
	if !ok || len(got) != 2 {
		t.Fatalf("found %v, want a and %s", got, oid.Hex())
	}
	if _, ok := byID[oid.Hex()]; !ok {
		t.Errorf("the document with an ObjectId _id reads as %v, want its hex %s", got, oid.Hex())
	}
	wantDeep := []any{"2026-12-06T10:30:00.123Z", ref.Hex()}
	if a.When != "2026-12-06T10:30:00.123Z" || a.Ref != ref.Hex() {
		t.Errorf("a = %+v, want when 2026-12-06T10:30:00.123Z and ref %s", a, ref.Hex())
	}
	if deep, _ := a.Deep["at"].([]any); len(deep) != 2 || deep[0] != wantDeep[0] || deep[1] != wantDeep[1] {
		t.Errorf("a.deep.at = %v, want %v", a.Deep["at"], wantDeep)
	}
}

// TestConvertForeignTypes converts documents of the BSON types legible
// does not write, as a MongoDB returns them, to JSON.
func TestConvertForeignTypes(t *testing.T) {
	when := time.Date(1969, 7, 20, 20, 17, 40, 0, time.UTC)
	oid := bson.NewObjectID()
	dec := func(s string) bson.Decimal128 {
		d, err := bson.ParseDecimal128(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := bson.D{{Key: "_id", Value: oid}, {Key: "when", Value: bson.NewDateTimeFromTime(when)}, {Key: "ref", Value: oid},
		{Key: "prices", Value: bson.A{dec("19.99"), dec("-1E+3"), dec("0"), dec("NaN"), dec("-Infinity")}}}
	raw, err := bson.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	id, data, err := fromBSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"when":"1969-07-20T20:17:40.000Z","ref":"` + oid.Hex() + `","prices":[19.99,-1E+3,0,"NaN","-Infinity"]}`
	if id != oid.Hex() || string(data) != want {
		t.Fatalf("read as %s %s, want %s %s", id, data, oid.Hex(), want)
	}
}
