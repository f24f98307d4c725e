package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestNewAppWorksOnTheFirstTry scaffolds an app with `legible new`, run
// inside this checkout with no --legible, into a folder outside the
// repository: new points the app at the checkout by itself, and its README
// says so. Then, there, it runs what the README says: go test ./...
// passes, go run . lint is clean, and the app it builds serves its routes
// over HTTP, its own concept among them, its errors in legible's shape.
func TestNewAppWorksOnTheFirstTry(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module of its own")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "shoplist")
	legible := buildLegible(t)
	start := time.Now()
	run(t, "", legible, "new", dir)
	if readme, err := os.ReadFile(filepath.Join(dir, "README.md")); err != nil || !strings.Contains(string(readme), "legible from the checkout at "+filepath.ToSlash(repo)) {
		t.Fatalf("the app's README does not say it uses the checkout at %s (%v)", repo, err)
	}
	run(t, dir, "go", "build", "-o", "shoplist", ".")
	p := startServe(t, filepath.Join(dir, "shoplist"), dir, nil, "--data", filepath.Join(dir, "data"))
	defer p.stop(t)
	t.Logf("from legible new to a served app: %v", time.Since(start).Round(time.Millisecond))
	if out := run(t, dir, "go", "run", ".", "lint"); out != "" {
		t.Errorf("go run . lint printed:\n%s", out)
	}
	run(t, dir, "go", "test", "./...")
	useShoplist(t, &site{servers: p.site.servers, scheme: "Bearer"})
}

// useShoplist goes through the scaffolded app's routes as its README does.
func useShoplist(t *testing.T, st *site) {
	token, _ := st.expect(t, 201, "POST", "/users", "", map[string]any{"user": map[string]any{"email": "ann@example.com", "password": "secret"}}).body["token"].(string)
	list := st.expect(t, 201, "POST", "/lists", token, map[string]any{"list": map[string]any{"title": "Groceries"}}).body["list"].(map[string]any)
	id, _ := list["id"].(string)
	for _, text := range []string{"milk", "eggs"} {
		st.expect(t, 201, "POST", "/lists/"+id+"/items", token, map[string]any{"item": map[string]any{"text": text}})
	}
	got := st.expect(t, 200, "GET", "/lists/"+id, token, nil).body["list"]
	want := map[string]any{"id": id, "title": "Groceries", "items": []any{"milk", "eggs"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GET /lists/%s = %v, want %v", id, got, want)
	}
	other, _ := st.expect(t, 201, "POST", "/users", "", map[string]any{"user": map[string]any{"email": "bob@example.com", "password": "secret"}}).body["token"].(string)
	st.expect(t, 404, "GET", "/lists/"+id, other, nil)
	st.expect(t, 401, "GET", "/lists/"+id, "", nil)
	if msgs := st.expect(t, 422, "POST", "/lists", token, map[string]any{"list": map[string]any{"title": " "}}).errorMessages(t); len(msgs) != 1 {
		t.Errorf("a refused list: %q, want one message in legible's shape {errors: {body: [...]}}", msgs)
	}
	st.expect(t, 401, "POST", "/users/login", "", map[string]any{"user": map[string]any{"email": "ann@example.com", "password": "wrong"}})
}

// run runs a command in dir ("" for this folder), failing the test when it
// fails, and returns its standard output.
func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}
