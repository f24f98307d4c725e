package trace

import (
	"strings"
	"testing"
)

// shape renders a tree as id(children…) with syncs, e.g. "1(2[S](3[T]))".
func shape(nodes []*Node) string {
	var b strings.Builder
	for i, n := range nodes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n.Record.ID)
		if n.Sync != "" {
			b.WriteString("[" + n.Sync + "]")
		}
		if len(n.Children) > 0 {
			b.WriteString("(" + shape(n.Children) + ")")
		}
	}
	return b.String()
}

func TestTree(t *testing.T) {
	r := func(id string, c *Cause) *Record { return &Record{ID: id, Cause: c} }
	cases := []struct {
		name string
		flow *Flow
		want string
	}{
		{"nil flow", nil, ""},
		{"no records", &Flow{}, ""},
		{"root only", &Flow{Records: []*Record{r("1", nil)}}, "1"},
		{"chain", &Flow{Records: []*Record{r("1", nil), r("2", by("A", "1")), r("3", by("B", "2"))}}, "1(2[A](3[B]))"},
		{"children in completion order", &Flow{Records: []*Record{
			r("1", nil), r("2", by("A", "1")), r("3", by("B", "2")), r("4", by("C", "1")), r("5", by("D", "1")),
		}}, "1(2[A](3[B]) 4[C] 5[D])"},
		{"parent is the last of when", &Flow{Records: []*Record{
			r("1", nil), r("2", by("A", "1")), r("3", by("R", "2", "1")),
		}}, "1(2[A] 3[R])"},
		{"missing parent", &Flow{Records: []*Record{r("1", nil), r("2", by("A", "gone")), r("3", by("B", "2"))}},
			"1 2[A](3[B])"},
		{"later and self parents", orphanFlow(), "1 2[Orphan](5[Fine]) 3[Backwards] 4[Loop]"},
		{"two roots", &Flow{Records: []*Record{r("1", nil), r("2", nil), r("3", by("A", "2"))}}, "1 2(3[A])"},
		{"nil record skipped", &Flow{Records: []*Record{r("1", nil), nil, r("2", by("A", "1"))}}, "1(2[A])"},
		{"login", loginFlow(), "1(2[Login](3[LoginToken] 4[LoginSession](5[LoginRespond])) 6[Audit])"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := shape(Tree(tc.flow)); got != tc.want {
				t.Errorf("Tree = %s, want %s", got, tc.want)
			}
		})
	}
}
