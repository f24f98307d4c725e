package cli

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
