package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newman is the Postman runner that `go tool task newman` installs from
// package.json at the repository's root.
var newman = filepath.Join("..", "node_modules", ".bin", "newman")

// collection is the official RealWorld API test suite (MIT, see LICENSE
// beside it).
const collection = "testdata/realworld/Conduit.postman_collection.json"

// TestPostmanSuite runs the official RealWorld Postman suite against the
// app with newman, as a fresh user, and fails with each failed assertion.
func TestPostmanSuite(t *testing.T) {
	if _, err := os.Stat(newman); err != nil {
		t.Fatalf("newman is not installed (%v): run `npm ci --no-audit --no-fund` at the repository's root "+
			"(Node.js and npm are needed), as the README's test command does", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	name := unique("pm")
	report := filepath.Join(t.TempDir(), "newman.json")
	cmd := exec.CommandContext(ctx, newman, "run", collection,
		"--global-var", "APIURL="+api.servers[0].url,
		"--global-var", "USERNAME="+name,
		"--global-var", "EMAIL="+name+"@example.com",
		"--global-var", "PASSWORD=pw-"+name,
		"--reporters", "cli,json", "--reporter-json-export", report, "--color", "off")
	out, runErr := cmd.CombinedOutput()
	rep, err := readNewmanReport(report)
	if err != nil {
		t.Fatalf("newman: %v (exit: %v)\n%s", err, runErr, out)
	}
	failures := rep.failures()
	if len(failures) == 0 && runErr != nil {
		t.Fatalf("newman exited with %v, and its report lists no failure; its output:\n%s", runErr, out)
	}
	if len(failures) > 0 {
		t.Fatalf("the Postman suite: %d of %d assertions failed (newman exit: %v):\n  %s\n\nthe requests:\n  %s",
			rep.Run.Stats.Assertions.Failed, rep.Run.Stats.Assertions.Total, runErr,
			strings.Join(failures, "\n  "), strings.Join(rep.requests(), "\n  "))
	}
	t.Logf("the Postman suite: %d requests, all %d assertions passed", len(rep.Run.Executions), rep.Run.Stats.Assertions.Total)
}

// newmanReport is the part of newman's JSON report the test reads.
type newmanReport struct {
	Run struct {
		Stats struct {
			Assertions struct{ Total, Failed int }
		}
		Failures []struct {
			Error struct {
				Name, Message, Test string
			}
			Source struct{ Name string }
		}
		Executions []struct {
			Item    struct{ Name string }
			Request struct {
				Method string
				URL    struct{ Path []string }
			}
			Response *struct{ Code int }
		}
	}
}

// readNewmanReport reads newman's JSON report.
func readNewmanReport(path string) (*newmanReport, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("no JSON report: %w", err)
	}
	var rep newmanReport
	if err := json.Unmarshal(raw, &rep); err != nil {
		return nil, fmt.Errorf("reading the JSON report %s: %w", path, err)
	}
	if rep.Run.Stats.Assertions.Total == 0 {
		return nil, fmt.Errorf("the report %s counts no assertions", path)
	}
	return &rep, nil
}

// failures returns one line per failure: the request's name, then the
// failed assertion (or the error's name) and the message, unless it is
// the uninformative one of the suite's `tests[…] = false` checks.
func (rep *newmanReport) failures() []string {
	var out []string
	for _, f := range rep.Run.Failures {
		line := f.Source.Name + ": " + f.Error.Test
		if f.Error.Test == "" {
			line = f.Source.Name + ": " + f.Error.Name
		}
		if f.Error.Message != "expected false to be truthy" {
			line += ": " + f.Error.Message
		}
		out = append(out, line)
	}
	if len(out) == 0 && rep.Run.Stats.Assertions.Failed > 0 {
		out = append(out, fmt.Sprintf("%d assertions failed (the report lists none)", rep.Run.Stats.Assertions.Failed))
	}
	return out
}

// requests returns one line per request the suite sent: its name, method,
// path and the reply's status.
func (rep *newmanReport) requests() []string {
	var out []string
	for _, e := range rep.Run.Executions {
		status := "no reply"
		if e.Response != nil {
			status = fmt.Sprint(e.Response.Code)
		}
		out = append(out, fmt.Sprintf("%s: %s /%s → %s", e.Item.Name, e.Request.Method, strings.Join(e.Request.URL.Path, "/"), status))
	}
	return out
}
