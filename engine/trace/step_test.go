package trace

import (
	"strings"
	"testing"
)

// TestWriteStepWritesTheRequestAndItsReply writes the login flow, masked,
// as a step: the request with its body and the secret to put back, and
// the reply; the same flow without its respond says that nothing
// answered, and a flow that is not a request's is an error.
func TestWriteStepWritesTheRequestAndItsReply(t *testing.T) {
	f := NewMasker(secrets).Mask(loginFlow())
	var b strings.Builder
	if err := WriteStep(&b, f); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"# from flow " + f.ID + "\n",
		"- POST /users/login:\n",
		`    body: {"user": {"email": "a@b.c", "password": "•••"}}` + "\n",
		"    # masked in the trace, put them back: user.password\n",
		"  expect:\n    status: 200\n",
		`"token": "•••"`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the step lacks %q:\n%s", want, b.String())
		}
	}
	unanswered := *f
	unanswered.Records = f.Records[:4]
	b.Reset()
	if err := WriteStep(&b, &unanswered); err != nil || !strings.Contains(b.String(), "# no sync answered this request") || strings.Contains(b.String(), "expect:") {
		t.Errorf("an unanswered flow (%v):\n%s", err, b.String())
	}
	notRequest := &Flow{ID: "f2", Records: f.Records[1:2]}
	if err := WriteStep(&b, notRequest); err == nil || !strings.Contains(err.Error(), "flow f2 did not start with a request") {
		t.Errorf("a flow that is not a request's: %v", err)
	}
}
