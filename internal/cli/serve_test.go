package cli

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/legible/legible/internal/syncbuf"
)

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// running is `legible serve` running in the test, on the real embedded
// database.
type running struct {
	addr string
	stop context.CancelFunc
	done chan error
	log  *syncbuf.Buffer
}

func startServe(t *testing.T, data string) *running {
	t.Helper()
	t.Setenv("LEGIBLE_BCRYPT_COST", "min")
	t.Setenv("MONGODB_URI", "")
	t.Setenv("DATABASE_URL", "")
	r := &running{addr: freeAddr(t), done: make(chan error, 1), log: &syncbuf.Buffer{}}
	ctx, stop := context.WithCancel(context.Background())
	r.stop = stop
	o := serveOptions{specs: "../../specs", addr: r.addr, data: data, log: "off"}
	env := stock(t)
	go func() { r.done <- serve(ctx, env, o, r.log) }()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + r.addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		select {
		case err := <-r.done:
			t.Fatalf("serve stopped: %v\n%s", err, r.log)
		default:
		}
	}
	t.Fatalf("serve did not become ready:\n%s", r.log)
	return nil
}

// shutdown stops serve as SIGTERM would, and checks it stops cleanly.
func (r *running) shutdown(t *testing.T) {
	t.Helper()
	r.stop()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func (r *running) post(t *testing.T, path, body string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post("http://"+r.addr+"/api"+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func TestServeKeepsDataAcrossRestarts(t *testing.T) {
	data := t.TempDir()
	user := `{"user": {"email": "ann@example.com", "password": "pw", "username": "ann"}}`
	s := startServe(t, data)
	if code, body := s.post(t, "/users", user); code != 201 {
		t.Fatalf("register: %d %v", code, body)
	}
	s.shutdown(t)

	s = startServe(t, data)
	defer s.shutdown(t)
	code, body := s.post(t, "/users/login", user)
	u, _ := body["user"].(map[string]any)
	if code != 200 || u["username"] != "ann" {
		t.Fatalf("login after a restart: %d %v", code, body)
	}
	if code, _ := s.post(t, "/users", user); code != 422 {
		t.Fatalf("registering again after a restart: %d, want 422", code)
	}
}
