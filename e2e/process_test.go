package e2e

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/internal/syncbuf"
)

// built is the legible binary that the package's tests build once, in
// a folder that runTests removes after them.
var built struct {
	once     sync.Once
	dir, bin string
	err      error
	out      []byte
}

// buildLegible builds the legible binary, once for the package's tests,
// and returns its path.
func buildLegible(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "legible-e2e-bin-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "legible")
		built.out, built.err = exec.Command("go", "build", "-o", built.bin, "../cmd/legible").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("building legible: %v\n%s", built.err, built.out)
	}
	return built.bin
}

// removeBuilt removes the binary that buildLegible built, if any.
func removeBuilt() {
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
}

// process is a running legible binary.
type process struct {
	site *site
	cmd  *exec.Cmd
	log  *syncbuf.Buffer
	done chan struct{}
}

// startServe runs `bin serve args…` in the folder dir ("" for this one)
// on a free port, with the environment of the tests and env (NAME=value)
// on top, and waits until it is ready. The database is the embedded store
// unless env names another: DATABASE_URL and MONGODB_URI of the tests'
// own environment do not reach it.
func startServe(t *testing.T, bin, dir string, env []string, args ...string) *process {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &process{log: &syncbuf.Buffer{}, done: make(chan struct{}),
		site: &site{servers: []*server{{url: "http://" + addr + "/api", root: "http://" + addr}}}}
	p.cmd = exec.Command(bin, append(append([]string{"serve"}, args...), "--addr", addr)...)
	p.cmd.Dir = dir
	p.cmd.Env = append(append(withoutDatabases(os.Environ()), authenticating.CostEnv+"=min", tokens.SecretEnv+"="+tokenSecret), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(p.site.servers[0].root + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.done:
			t.Fatalf("legible serve exited at start:\n%s", p.log)
		default:
		}
	}
	p.kill()
	t.Fatalf("legible serve was not ready within 30s:\n%s", p.log)
	return nil
}

// withoutDatabases returns env without the variables that choose a
// database.
func withoutDatabases(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "MONGODB_URI=") {
			out = append(out, kv)
		}
	}
	return out
}

// kill sends SIGKILL and waits for the process to end.
func (p *process) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

// stop sends SIGTERM and waits for the process to end.
func (p *process) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.kill()
		t.Fatalf("legible serve did not stop on SIGTERM within 20s:\n%s", p.log)
	}
}
