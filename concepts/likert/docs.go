package likert

import (
	"context"

	"github.com/google/uuid"

	"github.com/legible/legible/storage"
)

// surveyDoc is a survey in LikertSurvey.surveys.
type surveyDoc struct {
	Author   string  `json:"author"`
	Title    string  `json:"title"`
	ScaleMin float64 `json:"scaleMin"`
	ScaleMax float64 `json:"scaleMax"`
}

// questionDoc is a question in LikertSurvey.questions.
type questionDoc struct {
	Survey string `json:"survey"`
	Text   string `json:"text"`
}

// responseDoc is a response in LikertSurvey.responses; Survey is the
// question's survey, kept for _getSurveyResponses.
type responseDoc struct {
	Respondent string  `json:"respondent"`
	Question   string  `json:"question"`
	Survey     string  `json:"survey"`
	Value      float64 `json:"value"`
}

// newID returns a fresh time-ordered id.
func newID() (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", err
	}
	return id.String(), nil
}

// mustGet returns the document id of coll; the error is missing when
// there is none.
func mustGet[T any](ctx context.Context, coll *storage.Collection[T], id string, missing error) (T, error) {
	d, found, err := coll.Get(ctx, id)
	if err == nil && !found {
		err = missing
	}
	return d, err
}
