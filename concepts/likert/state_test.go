package likert

import (
	"context"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/storage"
	"legible/storage/storagetest"
)

func TestUniqueIndexRejectsSecondResponse(t *testing.T) {
	l, c := setup(t)
	_, q := survey(t, c)
	succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
	// A document with another _id but the same respondent and question,
	// as an older version or another writer might store it.
	_, err := l.responses.InsertOne(context.Background(),
		responseDoc{ID: "other", Respondent: "r1", Question: q, Value: 4})
	if !storage.IsDuplicate(err) {
		t.Fatalf("storing a second response of r1 to the question: %v, want a duplicate key error", err)
	}
}

func TestConcurrentSubmitsStoreOne(t *testing.T) {
	_, c := setup(t)
	_, q := survey(t, c)
	in := func(i int) map[string]any { return answer("r1", q, float64(1+i%5)) }
	if won := storagetest.Race(t, c, "submitResponse", 8, in, "has answered question"); won != 1 {
		t.Fatalf("%d of 8 concurrent submits of one answer succeeded, want 1", won)
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	l, c := setup(t)
	_, q := survey(t, c)
	succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
	for range 2 {
		if err := l.Setup(context.Background()); err != nil {
			t.Fatalf("Setup again: %v", err)
		}
	}
	specs, err := l.responses.Indexes().ListSpecifications(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != 3 { // _id, the unique pair, survey
		t.Fatalf("responses have %d indexes after repeated Setup, want 3: %v", len(specs), specs)
	}
}

func TestResponseIDs(t *testing.T) {
	if a, b := responseID("r1", "q1"), responseID("r1", "q1"); a != b {
		t.Fatal("one respondent and question gave two response ids")
	}
	pairs := [][2]string{{"r1", "q1"}, {"r1", "q2"}, {"r2", "q1"}, {"ab", "c"}, {"a", "bc"}}
	seen := map[string][2]string{}
	for _, p := range pairs {
		id := responseID(p[0], p[1])
		if other, ok := seen[id]; ok {
			t.Fatalf("%v and %v share the response id %s", p, other, id)
		}
		seen[id] = p
	}
}

func TestStateIsKeyedByID(t *testing.T) {
	l, c := setup(t)
	s, q := survey(t, c)
	r := succeed(t, c, "submitResponse", answer("r1", q, 3), "response")
	ctx := context.Background()
	for coll, id := range map[string]string{SurveysCollection: s, QuestionsCollection: q, ResponsesCollection: r} {
		n, err := l.surveys.Database().Collection(coll).CountDocuments(ctx, bson.D{{Key: "_id", Value: id}})
		if err != nil || n != 1 {
			t.Errorf("%s holds %d documents with _id %s (%v), want 1", coll, n, id, err)
		}
	}
}
