package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/legible/legible/internal/load"
)

// table gathers the figures, a row per scenario and level, a cell per
// binary.
type table struct {
	labels []string
	rows   []*row
}

// row is one scenario at one level: the binaries' results, or their
// memory.
type row struct {
	what    string
	clients int // 0 for a memory row
	results []load.Result
	bytes   []int64
}

// find returns the row of what at clients, adding it when missing.
func (t *table) find(what string, clients int) *row {
	for _, r := range t.rows {
		if r.what == what && r.clients == clients {
			return r
		}
	}
	r := &row{what: what, clients: clients, results: make([]load.Result, len(t.labels)), bytes: make([]int64, len(t.labels))}
	t.rows = append(t.rows, r)
	return r
}

// add records binary b's result of a load.
func (t *table) add(what string, clients, b int, res load.Result) {
	t.find(what, clients).results[b] = res
}

// memory records binary b's resident memory.
func (t *table) memory(what string, b int, rss int64) { t.find(what, 0).bytes[b] = rss }

// print writes the table in Markdown: each column's figures, then each
// binary's ratio to the first, and, with a plain column, each binary's
// ratio to it.
func (t *table) print(w io.Writer) {
	pairs := t.ratios()
	head := []string{"what", "c"}
	head = append(head, t.labels...)
	for _, p := range pairs {
		head = append(head, t.labels[p[0]]+" / "+t.labels[p[1]])
	}
	fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
	fmt.Fprintln(w, strings.Repeat("|---", len(head))+"|")
	for _, r := range t.rows {
		cells := []string{r.what, ""}
		if r.clients > 0 {
			cells[1] = fmt.Sprint(r.clients)
		}
		for b := range t.labels {
			cells = append(cells, r.cell(b))
		}
		for _, p := range pairs {
			cells = append(cells, r.ratio(p[0], p[1]))
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
}

// ratios returns the pairs of columns whose ratio the table shows: each
// binary over the first, and each binary over plain, when there is one.
func (t *table) ratios() [][2]int {
	var pairs [][2]int
	binaries := len(t.labels)
	if t.labels[binaries-1] == plainLabel {
		binaries--
	}
	for b := 1; b < binaries; b++ {
		pairs = append(pairs, [2]int{b, 0})
	}
	for b := 0; b < binaries && binaries < len(t.labels); b++ {
		pairs = append(pairs, [2]int{b, binaries})
	}
	return pairs
}

// ran reports whether column b has a figure in the row.
func (r *row) ran(b int) bool {
	if r.clients == 0 {
		return r.bytes[b] > 0
	}
	return r.results[b].Requests > 0
}

// cell writes column b's figures: requests per second, the median and
// 99th percentile latencies, errors if any; or its memory; nothing where it did not run.
func (r *row) cell(b int) string {
	switch {
	case !r.ran(b):
		return ""
	case r.clients == 0:
		return fmt.Sprintf("%.0f MiB", float64(r.bytes[b])/(1<<20))
	}
	res := r.results[b]
	s := fmt.Sprintf("%.0f/s, p50 %s, p99 %s", res.Rate(), res.Percentile(0.5).Round(10*time.Microsecond),
		res.Percentile(0.99).Round(10*time.Microsecond))
	if res.Errs > 0 {
		s += fmt.Sprintf(", %d errors", res.Errs)
	}
	return s
}

// ratio writes column a's figure over column b's.
func (r *row) ratio(a, b int) string {
	switch {
	case !r.ran(a) || !r.ran(b):
		return ""
	case r.clients == 0:
		return fmt.Sprintf("%.2f×", float64(r.bytes[a])/float64(r.bytes[b]))
	}
	return fmt.Sprintf("%.2f×", r.results[a].Rate()/r.results[b].Rate())
}
