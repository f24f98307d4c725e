// Package likert implements the LikertSurvey concept, the sample app of
// the reference concept engine: an author creates a survey with a numeric
// scale and adds questions to it; respondents answer each question once
// with a value on that scale, and may change their answer later.
//
// State is three collections, each document keyed by a string `_id`:
// LikertSurvey.surveys (author, title, scale), LikertSurvey.questions
// (survey, text) and LikertSurvey.responses (respondent, question, its
// survey, value). Survey and question ids are time-ordered UUIDs, so
// sorting by `_id` gives creation order. A response's id is derived from
// its respondent and question (a name-based UUID), so updateResponse finds
// it by `_id`, the one lookup FerretDB does without a scan; a unique index
// on (respondent, question) states the one-answer rule on its own too.
package likert

import (
	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/storage"
)

// The collections of the concept's state.
const (
	SurveysCollection   = "LikertSurvey.surveys"
	QuestionsCollection = "LikertSurvey.questions"
	ResponsesCollection = "LikertSurvey.responses"
)

// Likert keeps the surveys, their questions and the responses.
type Likert struct {
	surveys   *mongo.Collection
	questions *mongo.Collection
	responses *mongo.Collection
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *mongo.Database) *Likert {
	return &Likert{
		surveys:   storage.Collection(db, SurveysCollection),
		questions: storage.Collection(db, QuestionsCollection),
		responses: storage.Collection(db, ResponsesCollection),
	}
}

// Concept registers the actions and queries under their spec names.
func (l *Likert) Concept() *concepts.Concept {
	return concepts.New("LikertSurvey").
		Action("createSurvey", concepts.Action(l.CreateSurvey)).
		Action("addQuestion", concepts.Action(l.AddQuestion)).
		Action("submitResponse", concepts.Action(l.SubmitResponse)).
		Action("updateResponse", concepts.Action(l.UpdateResponse)).
		Query("_getSurveyQuestions", concepts.Query(l.GetSurveyQuestions)).
		Query("_getSurveyResponses", concepts.Query(l.GetSurveyResponses))
}
