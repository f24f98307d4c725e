// Command lintbench times whole `legible lint` processes on generated apps
// of 100 concepts with 30 and with 1,200 syncs, and prints the medians and
// their ratio. It builds the legible binary first, so compile time is not
// counted.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/legible/legible/internal/genapp"
)

const runs = 21

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lintbench:", err)
		os.Exit(1)
	}
}

func run() error {
	dir, err := os.MkdirTemp("", "lintbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "legible")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/legible").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	var medians []time.Duration
	for _, syncs := range []int{30, 1200} {
		app := filepath.Join(dir, fmt.Sprint(syncs))
		if err := write(app, genapp.Generate(100, syncs)); err != nil {
			return err
		}
		m, err := median(bin, app)
		if err != nil {
			return err
		}
		medians = append(medians, m)
		fmt.Printf("legible lint, 100 concepts, %4d syncs: median %6.1f ms over %d runs\n", syncs, ms(m), runs)
	}
	fmt.Printf("ratio 1200/30: %.2f× (bar: < 5×); 1200 syncs under 100 ms: %v\n",
		float64(medians[1])/float64(medians[0]), medians[1] < 100*time.Millisecond)
	return nil
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

// median runs `legible lint app` repeatedly and returns the median time.
func median(bin, app string) (time.Duration, error) {
	times := make([]time.Duration, 0, runs)
	for range runs {
		start := time.Now()
		if out, err := exec.Command(bin, "lint", app).CombinedOutput(); err != nil {
			return 0, fmt.Errorf("legible lint %s: %v\n%s", app, err, out)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
