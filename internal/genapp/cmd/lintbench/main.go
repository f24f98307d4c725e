// Command lintbench times whole `legible lint` processes on generated apps
// of 100 concepts with 30 and with 1,200 syncs, and prints the medians and
// their ratio. It builds the legible binary first, so compile time is not
// counted. Given other binaries first (-bin before=/tmp/old/legible, an
// older commit built in a git worktree), it times each of them and the
// new build in turn, run by run, and adds each one's ratio to the first.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/legible/legible/internal/genapp"
)

const runs = 21

// binary is one legible binary to time.
type binary struct{ label, path string }

// binaries is the -bin flag: label=path, repeated.
type binaries []binary

// String writes the binaries, as the flag package shows a default.
func (b *binaries) String() string { return fmt.Sprint(*b) }

// Set adds one -bin label=path.
func (b *binaries) Set(v string) error {
	label, path, ok := strings.Cut(v, "=")
	if !ok || label == "" || path == "" {
		return fmt.Errorf("want label=path, got %q", v)
	}
	*b = append(*b, binary{label, path})
	return nil
}

func main() {
	var bins binaries
	flag.Var(&bins, "bin", "another legible binary to time, as label=path; repeat it: the first is the baseline of the ratios")
	flag.Parse()
	if err := run(bins); err != nil {
		fmt.Fprintln(os.Stderr, "lintbench:", err)
		os.Exit(1)
	}
}

func run(bins binaries) error {
	dir, err := os.MkdirTemp("", "lintbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "legible")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/legible").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	bins = append(bins, binary{"now", bin})
	medians := map[string][]time.Duration{}
	for _, syncs := range []int{30, 1200} {
		app := filepath.Join(dir, fmt.Sprint(syncs))
		if err := write(app, genapp.Generate(100, syncs)); err != nil {
			return err
		}
		ms, err := timeAll(bins, app)
		if err != nil {
			return err
		}
		for i, b := range bins {
			medians[b.label] = append(medians[b.label], ms[i])
			fmt.Printf("%s: legible lint, 100 concepts, %4d syncs: median %6.1f ms over %d runs%s\n",
				b.label, syncs, millis(ms[i]), runs, ratio(ms[i], ms[0], i))
		}
	}
	for _, b := range bins {
		m := medians[b.label]
		fmt.Printf("%s: ratio 1200/30: %.2f× (bar: < 5×); 1200 syncs under 100 ms: %v\n",
			b.label, float64(m[1])/float64(m[0]), m[1] < 100*time.Millisecond)
	}
	return nil
}

// ratio says how a median compares with the first binary's.
func ratio(m, first time.Duration, i int) string {
	if i == 0 {
		return ""
	}
	return fmt.Sprintf(" (%.2f× the first's time)", float64(m)/float64(first))
}

func write(dir string, files []genapp.File) error {
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// timeAll runs `legible lint app` with each binary in turn, runs times,
// and returns each binary's median time: taking turns, they see the same
// noise.
func timeAll(bins binaries, app string) ([]time.Duration, error) {
	times := make([][]time.Duration, len(bins))
	for range runs {
		for i, b := range bins {
			start := time.Now()
			if out, err := exec.Command(b.path, "lint", app).CombinedOutput(); err != nil {
				return nil, fmt.Errorf("%s lint %s: %v\n%s", b.path, app, err, out)
			}
			times[i] = append(times[i], time.Since(start))
		}
	}
	out := make([]time.Duration, len(bins))
	for i, ts := range times {
		slices.Sort(ts)
		out[i] = ts[len(ts)/2]
	}
	return out, nil
}

func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
