package likert

// CreateSurveyIn is the input of createSurvey.
type CreateSurveyIn struct {
	Author   string  `json:"author"`
	Title    string  `json:"title"`
	ScaleMin float64 `json:"scaleMin"`
	ScaleMax float64 `json:"scaleMax"`
}

// SurveyIO names a survey: the success output of createSurvey, the input
// of the queries.
type SurveyIO struct {
	Survey string `json:"survey"`
}

// AddQuestionIn is the input of addQuestion.
type AddQuestionIn struct {
	Survey string `json:"survey"`
	Text   string `json:"text"`
}

// QuestionOut is the success output of addQuestion.
type QuestionOut struct {
	Question string `json:"question"`
}

// ResponseIn is the input of submitResponse and updateResponse.
type ResponseIn struct {
	Respondent string  `json:"respondent"`
	Question   string  `json:"question"`
	Value      float64 `json:"value"`
}

// ResponseOut is the success output of submitResponse and updateResponse.
type ResponseOut struct {
	Response string `json:"response"`
}

// QuestionRow is a row of _getSurveyQuestions.
type QuestionRow struct {
	Question string `json:"question"`
	Text     string `json:"text"`
}

// ResponseRow is a row of _getSurveyResponses.
type ResponseRow struct {
	Response   string  `json:"response"`
	Respondent string  `json:"respondent"`
	Question   string  `json:"question"`
	Value      float64 `json:"value"`
}
