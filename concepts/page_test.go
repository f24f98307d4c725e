package concepts_test

import (
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

func TestPage(t *testing.T) {
	n := func(i int) *int { return &i }
	cases := []struct {
		page          concepts.Page
		limit, offset int
		rows, whole   bool
	}{
		{concepts.Page{}, 0, 0, true, true},
		{concepts.Page{Limit: n(20)}, 20, 0, true, false},
		{concepts.Page{Limit: n(5), Offset: n(10)}, 5, 10, true, false},
		{concepts.Page{Offset: n(-3)}, 0, 0, true, true},
		{concepts.Page{Offset: n(3)}, 0, 3, true, false},
		{concepts.Page{Limit: n(0), Offset: n(3)}, 0, 0, false, false},
		{concepts.Page{Limit: n(-1)}, 0, 0, false, false},
	}
	for _, tc := range cases {
		q, rows := tc.page.Of(storage.Where(storage.Eq("item", "a")))
		if rows != tc.rows || rows && (q.Limit != tc.limit || q.Offset != tc.offset || len(q.Where) != 1) {
			t.Errorf("%+v: %+v, %v; want limit %d, offset %d, rows %v", tc.page, q, rows, tc.limit, tc.offset, tc.rows)
		}
		if got := tc.page.Whole(); got != tc.whole {
			t.Errorf("%+v: Whole %v, want %v", tc.page, got, tc.whole)
		}
	}
}
