package cli

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
)

// TestTraceAsTestMakesAStepThatPasses serves Conduit, sends a request,
// prints its flow with `trace --as-test`, pastes the step into a test
// file of a copy of the app, and runs `legible test` on it: the step
// passes as printed, and fails once its expected body is changed.
func TestTraceAsTestMakesAStepThatPasses(t *testing.T) {
	t.Setenv("LEGIBLE_ADMIN_TOKEN", "admin-token-of-the-test")
	r := startServe(t, t.TempDir())
	resp, err := http.Get("http://" + r.addr + "/api/profiles/nobody")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	id := resp.Header.Get("X-Flow-Id")
	code, step, stderr := capture(t, "trace", "--addr", r.addr, "--as-test", id)
	r.shutdown(t)
	if code != 0 || !strings.Contains(step, "- GET /profiles/nobody:") || !strings.Contains(step, "status: 404") {
		t.Fatalf("trace --as-test exited %d:\n%s%s", code, step, stderr)
	}
	dir := appWith(t, "")
	write := func(step string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
			t.Fatal(err)
		}
		test := "a profile nobody has:\n" + indent(step, "  ")
		if err := os.WriteFile(filepath.Join(dir, "tests", "pasted.test.yaml"), []byte(test), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(step)
	if code, out, errOut := capture(t, "test", dir, "--format", "json"); code != 0 {
		t.Fatalf("the pasted step fails (%d):\n%s%s\n%s", code, out, errOut, step)
	}
	write(strings.Replace(step, "status: 404", "status: 200", 1))
	code, out, _ := capture(t, "test", dir, "--format", "json")
	var rep struct{ Failed int }
	if err := json.Unmarshal([]byte(out), &rep); code != 1 || err != nil || rep.Failed != 1 {
		t.Fatalf("a changed status: exit %d, %v, want 1 and one failure:\n%s", code, err, out)
	}
}

// indent indents every line of s.
func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return prefix + strings.Join(lines, "\n"+prefix) + "\n"
}

// TestTestExitCodesAndFormats runs `legible test` on a copy of Conduit
// with one test file: a passing run exits 0, a failing one 1 in every
// format (JUnit and GitHub naming the failing expectation), an app whose
// test file has an error 1, a coverage below the floor 1, and bad usage 2.
func TestTestExitCodesAndFormats(t *testing.T) {
	dir := appWith(t, "")
	_ = os.RemoveAll(filepath.Join(dir, "tests"))
	write := func(status string) {
		t.Helper()
		test := "the tags:\n  - GET /tags:\n    expect: { status: " + status + ", body: { tags: [] } }\n"
		if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "tests", "tags.test.yaml"), []byte(test), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("200")
	if code, out, errOut := capture(t, "test", dir); code != 0 || !strings.Contains(out, "ok   the tags") {
		t.Fatalf("a passing run: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := capture(t, "test", dir, "--min-coverage", "50"); code != 1 || !strings.Contains(errOut, "below --min-coverage 50") {
		t.Fatalf("below the floor: exit %d, want 1\n%s", code, errOut)
	}
	write("201")
	for format, want := range map[string]string{
		"text":   "tests/tags.test.yaml:3:23: error: the reply is not what the step expects",
		"junit":  `<failure message="` + dir + `/tests/tags.test.yaml:3:23: the reply is not what the step expects"`,
		"github": "::error file=" + dir + "/tests/tags.test.yaml,line=3,col=23",
		"json":   `"failed": 1`,
	} {
		if code, out, _ := capture(t, "test", dir, "--format", format); code != 1 || !strings.Contains(out, want) {
			t.Errorf("%s: exit %d, want 1 and %q:\n%s", format, code, want, out)
		}
	}
	write("twohundred")
	if code, _, errOut := capture(t, "test", dir); code != 1 || !strings.Contains(errOut, "the app has errors") {
		t.Fatalf("an unbound name in a test file: exit %d, want 1\n%s", code, errOut)
	}
	for _, args := range [][]string{{"test", dir, "--format", "xml"}, {"test", filepath.Join(dir, "missing")}, {"test", dir, "--run", "("}} {
		if code, _, _ := capture(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestTestHashesCheaply runs one of Conduit's scenarios: `legible test`
// hashes passwords at bcrypt's lowest cost unless the environment
// chooses a cost, which it keeps.
func TestTestHashesCheaply(t *testing.T) {
	for _, tt := range []struct {
		env  string // "" for unset
		want string
	}{{"", "min"}, {"default", "default"}} {
		t.Setenv(authenticating.CostEnv, tt.env)
		if tt.env == "" {
			if err := os.Unsetenv(authenticating.CostEnv); err != nil {
				t.Fatal(err)
			}
		}
		code, out, errOut := capture(t, "test", "../../specs", "--run", "^a new user registers")
		if code != 0 || !strings.Contains(out, "1 scenarios, 0 failed") {
			t.Fatalf("legible test: exit %d, %s%s", code, out, errOut)
		}
		if got := os.Getenv(authenticating.CostEnv); got != tt.want {
			t.Errorf("with %s=%q, legible test ran with %q, want %q", authenticating.CostEnv, tt.env, got, tt.want)
		}
	}
}
