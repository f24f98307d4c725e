package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/legible/legible/concepts/authenticating"
)

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
