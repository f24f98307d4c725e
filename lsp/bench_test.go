package lsp

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkEditVersusColdLint measures, in one run, how long the
// diagnostics of an edit of a Conduit sync file take to arrive from a
// `legible lsp` process, over its standard input and output, and how
// long a cold `legible lint` process takes on the same app. Each iteration makes one edit and one lint run; it
// reports both in milliseconds and their ratio (the bar: at most 0.5).
//
//	go test ./lsp -run '^$' -bench EditVersusColdLint -benchtime 50x
func BenchmarkEditVersusColdLint(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "legible")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/legible").CombinedOutput(); err != nil {
		b.Fatalf("building legible: %v\n%s", err, out)
	}
	app := copyApp(b, "../specs")
	file := filepath.Join(app, "syncs", "users.sync.yaml")
	c := connectTo(b, startLSP(b, bin), app)
	text := c.open(file)
	c.waitDiags(file, 1)
	variants := editVariants(text)
	var edit, lint time.Duration
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		c.change(file, i+2, variants[i%2])
		c.waitDiags(file, i+2)
		edit += time.Since(start)
		start = time.Now()
		cmd := exec.Command(bin, "lint", app)
		if out, err := cmd.CombinedOutput(); err != nil && i%2 == 1 {
			b.Fatalf("lint: %v\n%s", err, out)
		}
		lint += time.Since(start)
	}
	b.ReportMetric(float64(edit.Microseconds())/1000/float64(b.N), "edit-ms")
	b.ReportMetric(float64(lint.Microseconds())/1000/float64(b.N), "lint-ms")
	b.ReportMetric(float64(edit)/float64(lint), "edit/lint")
}

// startLSP starts `legible lsp` and returns its standard input and
// output, as one stream; closing it ends the process.
func startLSP(b *testing.B, bin string) io.ReadWriteCloser {
	cmd := exec.Command(bin, "lsp", "--cache", b.TempDir())
	in, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = in.Close(); _ = cmd.Wait() })
	return pipes{out, in}
}

// pipes is a process's output and input as one stream.
type pipes struct {
	io.ReadCloser
	in io.WriteCloser
}

func (p pipes) Write(b []byte) (int, error) { return p.in.Write(b) }

// Close closes both pipes.
func (p pipes) Close() error { _ = p.in.Close(); return p.ReadCloser.Close() }

// editVariants returns the text with a misspelled action, and as it is:
// an edit that adds a diagnostic, and one that takes it away.
func editVariants(text string) [2]string {
	return [2]string{strings.Replace(text, "Tokens.issue: { user }", "Tokens.isue: { user }", 1), text}
}

// TestMemoryFlatOverEdits makes 1,000 edits of a Conduit sync file over
// a JSON-RPC connection, each waited for until its diagnostics arrive,
// and wants the heap after a collection no larger after the last than
// after the 100th, but for a margin: the server keeps the last check of
// each app and nothing of the ones before.
func TestMemoryFlatOverEdits(t *testing.T) {
	app := copyApp(t, "../specs")
	file := filepath.Join(app, "syncs", "users.sync.yaml")
	c := connect(t, app, Options{Debounce: time.Nanosecond})
	variants := editVariants(c.open(file))
	c.waitDiags(file, 1)
	var early uint64
	for i := range edits {
		c.change(file, i+2, variants[i%2])
		c.waitDiags(file, i+2)
		if i == edits/10 {
			early = heap()
		}
	}
	late := heap()
	t.Logf("heap after GC: %.1f MiB after %d edits, %.1f MiB after %d", mib(early), edits/10, mib(late), edits)
	if late > early+early/5+1<<20 {
		t.Errorf("the heap grew from %.1f MiB to %.1f MiB over %d edits", mib(early), mib(late), edits-edits/10)
	}
}

// heap returns the bytes of live heap objects after a collection.
func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
