package likert

import (
	"strconv"

	"github.com/google/uuid"
)

// surveyDoc is a survey in LikertSurvey.surveys.
type surveyDoc struct {
	ID       string  `bson:"_id"`
	Author   string  `bson:"author"`
	Title    string  `bson:"title"`
	ScaleMin float64 `bson:"scaleMin"`
	ScaleMax float64 `bson:"scaleMax"`
}

// questionDoc is a question in LikertSurvey.questions.
type questionDoc struct {
	ID     string `bson:"_id"`
	Survey string `bson:"survey"`
	Text   string `bson:"text"`
}

// responseDoc is a response in LikertSurvey.responses; Survey is the
// question's survey, kept for _getSurveyResponses.
type responseDoc struct {
	ID         string  `bson:"_id"`
	Respondent string  `bson:"respondent"`
	Question   string  `bson:"question"`
	Survey     string  `bson:"survey"`
	Value      float64 `bson:"value"`
}

// responseSpace is the UUID namespace of response ids.
var responseSpace = uuid.MustParse("0b7f3f5e-6c1d-4d4e-9a57-2f1c6b8e4a21")

// responseID is the id of the response of respondent to question: the same
// pair always gives the same id, and different pairs different ids.
func responseID(respondent, question string) string {
	name := strconv.Itoa(len(respondent)) + ":" + respondent + question
	return uuid.NewSHA1(responseSpace, []byte(name)).String()
}

// newID returns a fresh time-ordered id.
func newID() (string, error) {
	id, err := uuid.NewV7()
	if err != nil {
		return "", err
	}
	return id.String(), nil
}
