package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"legible/internal/load"
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

// print writes the table in Markdown: each binary's figures, then each
// one's ratio to the first.
func (t *table) print(w io.Writer) {
	head := []string{"what", "c"}
	head = append(head, t.labels...)
	for _, l := range t.labels[1:] {
		head = append(head, l+" / "+t.labels[0])
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
		for b := 1; b < len(t.labels); b++ {
			cells = append(cells, r.ratio(b))
		}
		fmt.Fprintln(w, "| "+strings.Join(cells, " | ")+" |")
	}
}

// cell writes binary b's figures: requests per second and the median
// latency, errors if any; or its memory.
func (r *row) cell(b int) string {
	if r.clients == 0 {
		return fmt.Sprintf("%.0f MiB", float64(r.bytes[b])/(1<<20))
	}
	res := r.results[b]
	s := fmt.Sprintf("%.0f/s, p50 %s", res.Rate(), res.Percentile(0.5).Round(10*time.Microsecond))
	if res.Errs > 0 {
		s += fmt.Sprintf(", %d errors", res.Errs)
	}
	return s
}

// ratio writes binary b's figure over the first binary's.
func (r *row) ratio(b int) string {
	if r.clients == 0 {
		return fmt.Sprintf("%.2f×", float64(r.bytes[b])/float64(max(r.bytes[0], 1)))
	}
	return fmt.Sprintf("%.2f×", r.results[b].Rate()/max(r.results[0].Rate(), 1e-9))
}
