// Package likert implements the LikertSurvey concept, the sample app of
// the reference concept engine: an author creates a survey with a numeric
// scale and adds questions to it; respondents answer each question once
// with a value on that scale, and may change their answer later.
//
// State is three collections: LikertSurvey.surveys (author, title,
// scale), LikertSurvey.questions (survey, text) and
// LikertSurvey.responses (respondent, question, its survey, value).
// Survey and question ids are time-ordered UUIDs, so sorting by id gives
// creation order. A response's id is storage.Key(respondent, question),
// so that each respondent answers a question once, and updateResponse
// finds the answer by id.
package likert

import (
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// The collections of the concept's state.
const (
	SurveysCollection   = "LikertSurvey.surveys"
	QuestionsCollection = "LikertSurvey.questions"
	ResponsesCollection = "LikertSurvey.responses"
)

// Likert keeps the surveys, their questions and the responses.
type Likert struct {
	surveys   *storage.Collection[surveyDoc]
	questions *storage.Collection[questionDoc]
	responses *storage.Collection[responseDoc]
}

// New returns the concept on db without touching the database; db may be
// nil for conformance checks.
func New(db *storage.DB) *Likert {
	return &Likert{
		surveys:   storage.NewCollection[surveyDoc](db, SurveysCollection),
		questions: storage.NewCollection[questionDoc](db, QuestionsCollection, storage.On("survey")),
		responses: storage.NewCollection[responseDoc](db, ResponsesCollection, storage.On("survey", "question", "respondent")),
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
