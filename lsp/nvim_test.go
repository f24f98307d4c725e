package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovim is the end-to-end test with a real editor: Neovim, headless,
// with the minimal configuration of testdata/nvim/init.lua, opens a sync
// file of a copy of Conduit (specs/) that misspells Tokens.issue, and
// testdata/nvim/test.lua receives the diagnostic, asks hover, definition
// and completion, applies the quick fix, and checks the buffer. Neovim
// comes from Debian's package (.ci/run installs it); without it the test
// is skipped, but not in CI.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim is not installed, and CI must run this test: apt-get install -y neovim (.ci/run does)")
		}
		t.Skip("nvim is not installed (apt-get install -y neovim, as .ci/run does): the end-to-end test with Neovim is skipped")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "legible")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/legible").CombinedOutput(); err != nil {
		t.Fatalf("building legible: %v\n%s", err, out)
	}
	app := copyApp(t, "../specs")
	file := filepath.Join(app, "syncs", "users.sync.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), "Tokens.issue: { user }", "Tokens.isue: { user }", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	transcript := filepath.Join(tmp, "transcript.txt")
	cmd := exec.Command(nvim, "--headless", "-n", "-i", "NONE", "-u", "testdata/nvim/init.lua", file, "-c", "luafile testdata/nvim/test.lua")
	cmd.Env = append(os.Environ(), "LEGIBLE_BIN="+bin, "LEGIBLE_CACHE="+filepath.Join(tmp, "cache"), "TRANSCRIPT="+transcript,
		"XDG_CONFIG_HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_STATE_HOME="+tmp)
	cmd.WaitDelay = 5 * time.Second
	out, err := runWithin(cmd, 2*time.Minute)
	got, _ := os.ReadFile(transcript)
	t.Logf("Neovim's transcript:\n%s", got)
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	for _, want := range []string{
		"started: true, attached: true",
		"[unknown-action] concept `Tokens` has no action or query `isue`",
		"hover: Authenticating.register: { email: String, password: String }",
		"definition: Profile.concept.yaml line",
		"read-only: true",
		"completion after Tokens.: _verify, issue, revoke",
		"applied: Change to `issue`",
		"Tokens.issue: { user }",
		"diagnostics after the fix: 0 (cleared: true)",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the transcript lacks %q", want)
		}
	}
}

// runWithin runs cmd, killing it after d.
func runWithin(cmd *exec.Cmd, d time.Duration) ([]byte, error) {
	timer := time.AfterFunc(d, func() {
		if cmd.Process != nil {
			_ = cmd.Process.Kill()
		}
	})
	defer timer.Stop()
	return cmd.CombinedOutput()
}
