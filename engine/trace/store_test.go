package trace

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
)

// flowN is a flow named by a number.
func flowN(i int) *Flow { return &Flow{ID: "f" + strconv.Itoa(i)} }

// ids returns the ids of flows.
func ids(fs []*Flow) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

func TestStoreSize(t *testing.T) {
	for _, tc := range []struct{ n, want int }{{0, DefaultStoreSize}, {-5, DefaultStoreSize}, {1, 1}, {7, 7}} {
		if got := NewStore(tc.n).Cap(); got != tc.want {
			t.Errorf("NewStore(%d).Cap() = %d, want %d", tc.n, got, tc.want)
		}
	}
}

func TestStoreRecent(t *testing.T) {
	cases := []struct {
		name string
		cap  int
		adds int
		k    int
		want string
	}{
		{"empty", 3, 0, 5, "[]"},
		{"partly full", 3, 2, 5, "[f1 f0]"},
		{"full, k smaller", 3, 3, 2, "[f2 f1]"},
		{"wrapped", 3, 7, 10, "[f6 f5 f4]"},
		{"k zero", 3, 7, 0, "[]"},
		{"k negative", 3, 7, -1, "[]"},
		{"one slot", 1, 4, 3, "[f3]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewStore(tc.cap)
			for i := range tc.adds {
				s.Add(flowN(i))
			}
			if got := fmt.Sprint(ids(s.Recent(tc.k))); got != tc.want {
				t.Errorf("Recent(%d) = %s, want %s", tc.k, got, tc.want)
			}
			if want := min(tc.adds, tc.cap); s.Len() != want {
				t.Errorf("Len() = %d, want %d", s.Len(), want)
			}
		})
	}
}

func TestStoreBounded(t *testing.T) {
	const n, adds = 100, 100_000
	s := NewStore(n)
	for i := range adds {
		s.Add(flowN(i))
	}
	if s.Len() != n || len(s.slot) != n {
		t.Fatalf("Len() = %d, ids indexed = %d, want %d", s.Len(), len(s.slot), n)
	}
	for i := range adds {
		f, ok := s.Get(flowN(i).ID)
		if kept := i >= adds-n; ok != kept || ok && f.ID != flowN(i).ID {
			t.Fatalf("Get(f%d) = %v, %v; want kept = %v", i, f, ok, kept)
		}
	}
	if got := ids(s.Recent(n + 1)); len(got) != n || got[0] != flowN(adds-1).ID || got[n-1] != flowN(adds-n).ID {
		t.Errorf("Recent spans %s..%s (%d flows)", got[0], got[len(got)-1], len(got))
	}
}

func TestStoreDuplicateID(t *testing.T) {
	s := NewStore(3)
	a, b := &Flow{ID: "x", Failure: "first"}, &Flow{ID: "x", Failure: "second"}
	s.Add(a)
	s.Add(b)
	if f, _ := s.Get("x"); f != b {
		t.Error("Get should return the newest flow with the id")
	}
	s.Add(flowN(1))
	s.Add(flowN(2)) // evicts a, which must not unindex b
	if f, ok := s.Get("x"); !ok || f != b {
		t.Error("evicting an older flow with the same id lost the newer one")
	}
	s.Add(flowN(3)) // evicts b
	if _, ok := s.Get("x"); ok || len(s.slot) != 3 {
		t.Errorf("x should be gone; %d ids indexed", len(s.slot))
	}
	s.Add(nil)
	if s.Len() != 3 {
		t.Error("adding nil should do nothing")
	}
}

func TestStoreConcurrent(t *testing.T) {
	const n, writers, readers, each = 50, 8, 8, 2000
	s := NewStore(n)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				s.Add(flowN(w*each + i))
			}
		})
	}
	for r := range readers {
		wg.Go(func() {
			for i := range each {
				if f, ok := s.Get(flowN((r*7919 + i) % (writers * each)).ID); ok && f == nil {
					t.Error("Get returned ok with no flow")
				}
				for _, f := range s.Recent(10) {
					if f == nil {
						t.Error("Recent returned a nil flow")
					}
				}
				if l := s.Len(); l > n {
					t.Errorf("Len() = %d > %d", l, n)
				}
			}
		})
	}
	wg.Wait()
	if s.Len() != n || len(s.slot) != n {
		t.Fatalf("Len() = %d, ids indexed = %d, want %d", s.Len(), len(s.slot), n)
	}
	for _, f := range s.Recent(n) {
		if g, ok := s.Get(f.ID); !ok || g != f {
			t.Errorf("%s is in Recent but not in Get", f.ID)
		}
	}
}

func BenchmarkStoreAdd(b *testing.B) {
	flows := make([]*Flow, 4096)
	for i := range flows {
		flows[i] = flowN(i)
	}
	s := NewStore(DefaultStoreSize)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Add(flows[i%len(flows)])
		i++
	}
}
