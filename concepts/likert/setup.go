package likert

import (
	"context"

	"legible/storage"
)

// Index names, fixed so that Setup is idempotent.
const (
	questionsBySurvey = "survey"
	responsesUnique   = "respondent_question_unique"
	responsesBySurvey = "survey"
)

// Setup creates the collections, so that the embedded server can index
// their `_id`s (storage.Create), and the indexes: one response per
// respondent and question (unique), and questions and responses by
// survey, for the queries. It is idempotent.
func (l *Likert) Setup(ctx context.Context) error {
	if err := storage.Create(ctx, l.surveys, l.questions, l.responses); err != nil {
		return err
	}
	if err := storage.Index(ctx, l.questions, questionsBySurvey, false, "survey"); err != nil {
		return err
	}
	if err := storage.Index(ctx, l.responses, responsesUnique, true, "respondent", "question"); err != nil {
		return err
	}
	return storage.Index(ctx, l.responses, responsesBySurvey, false, "survey")
}
