package likert

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Index names, fixed so that Setup is idempotent.
const (
	questionsBySurvey = "survey"
	responsesUnique   = "respondent_question_unique"
	responsesBySurvey = "survey"
)

// Setup creates the indexes: one response per respondent and question
// (unique), and questions and responses by survey, for the queries. It is
// idempotent.
func (l *Likert) Setup(ctx context.Context) error {
	if err := index(ctx, l.questions, questionsBySurvey, false, "survey"); err != nil {
		return err
	}
	if err := index(ctx, l.responses, responsesUnique, true, "respondent", "question"); err != nil {
		return err
	}
	return index(ctx, l.responses, responsesBySurvey, false, "survey")
}

// index creates the ascending index name on the keys of coll, unless it
// exists already.
func index(ctx context.Context, coll *mongo.Collection, name string, unique bool, keys ...string) error {
	var spec bson.D
	for _, k := range keys {
		spec = append(spec, bson.E{Key: k, Value: 1})
	}
	opts := options.Index().SetName(name)
	if unique {
		opts.SetUnique(true)
	}
	_, err := coll.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: spec, Options: opts})
	if err != nil {
		return fmt.Errorf("creating index %s on %s: %w; check that the database is reachable, and for a unique "+
			"index that no two documents already share its keys", name, coll.Name(), err)
	}
	return nil
}
