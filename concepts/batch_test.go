package concepts

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// nameRow is a row of the test queries.
type nameRow struct {
	Name string `json:"name"`
}

// names answers a batch of users with their names, one row each, and
// counts its calls.
type names struct{ calls int }

func (n *names) batch(_ context.Context, ins []userIn) ([][]nameRow, error) {
	n.calls++
	out := make([][]nameRow, len(ins))
	for i, in := range ins {
		if in.User != "" {
			out[i] = []nameRow{{Name: strings.ToUpper(in.User)}}
		}
	}
	return out, nil
}

func (n *names) one(ctx context.Context, in userIn) ([]nameRow, error) {
	rows, err := n.batch(ctx, []userIn{in})
	return rows[0], err
}

// plan is the plan of the test queries: user in, name out.
func plan(t *testing.T, h Handler) *Plan {
	t.Helper()
	p, err := h.Plan([]string{"user"}, []string{"name"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBatchQuery(t *testing.T) {
	ins := [][]any{{"ann"}, {""}, {"bob"}}
	want := [][][]any{{{"ANN"}}, nil, {{"BOB"}}}
	for _, c := range []struct {
		form      string
		handler   func(*names) Handler
		calls     int
		batchForm bool
	}{
		{"batch", func(n *names) Handler { return BatchQuery(n.batch) }, 1, true},
		{"one at a time", func(n *names) Handler { return Query(n.one) }, 3, false},
	} {
		n := &names{}
		h, _ := New("Users").Query("_name", c.handler(n)).Handler("_name")
		res, err := plan(t, h).Call(context.Background(), ins)
		for i := range res {
			if len(res[i]) == 0 {
				res[i] = nil
			}
		}
		if err != nil || !reflect.DeepEqual(res, want) {
			t.Errorf("%s: Plan.Call = %v, %v; want %v", c.form, res, err, want)
		}
		if n.calls != c.calls || h.IsBatch() != c.batchForm {
			t.Errorf("%s: %d calls of the function (batch form %v), want %d (%v)", c.form, n.calls, h.IsBatch(), c.calls, c.batchForm)
		}
		one, err := h.Call(context.Background(), map[string]any{"user": "bob"})
		if err != nil || !reflect.DeepEqual(one, Result{Rows: []map[string]any{{"name": "BOB"}}}) {
			t.Errorf("%s: Call = %+v, %v; want BOB", c.form, one, err)
		}
		if sig := h.Signature(); !sig.Query || sig.In != reflect.TypeFor[userIn]() || sig.Out != reflect.TypeFor[nameRow]() {
			t.Errorf("%s: signature %+v, want a query of userIn giving nameRow", c.form, sig)
		}
	}
}

func TestBatchQueryOutcomes(t *testing.T) {
	errDown := errors.New("database down")
	ins := [][]any{{"ann"}, {"bob"}}
	cases := []struct {
		name    string
		fn      func(context.Context, []userIn) ([][]nameRow, error)
		in      [][]any
		failure string // Plan.Call's error; none: no rows for any input
	}{
		{"concept error", func(context.Context, []userIn) ([][]nameRow, error) { return nil, Errorf("no names today") }, ins, ""},
		{"failure", func(context.Context, []userIn) ([][]nameRow, error) { return nil, errDown }, ins, "Users._name: database down"},
		{"too few lists", func(context.Context, []userIn) ([][]nameRow, error) { return [][]nameRow{nil}, nil }, ins,
			"Users._name: it returned the rows of 1 inputs for 2 inputs"},
		{"panic", func(context.Context, []userIn) ([][]nameRow, error) { panic("boom") }, ins, "Users._name: panic: boom"},
		{"an input that does not fit", (&names{}).batch, [][]any{{3.0}}, "Users._name: input `user`"},
	}
	for _, c := range cases {
		h, _ := New("Users").Query("_name", BatchQuery(c.fn)).Handler("_name")
		res, err := plan(t, h).Call(context.Background(), c.in)
		var f *Failure
		switch {
		case c.failure != "" && (err == nil || !strings.Contains(err.Error(), c.failure) || !errors.As(err, &f)):
			t.Errorf("%s: error %v, want a *Failure saying %q", c.name, err, c.failure)
		case c.failure == "" && (err != nil || len(res) != len(c.in) || len(res[0])+len(res[1]) != 0):
			t.Errorf("%s: %v, %v; want no rows for every input", c.name, res, err)
		}
	}
}

func TestPlanRefuses(t *testing.T) {
	h, _ := New("Users").Query("_name", BatchQuery((&names{}).batch)).Handler("_name")
	act, _ := New("Users").Action("create", Action(func(context.Context, userIn) (userOut, error) { return userOut{}, nil })).Handler("create")
	cases := []struct {
		what      string
		h         Handler
		ins, outs []string
		want      string
	}{
		{"an action", act, []string{"user"}, nil, "plans are for queries"},
		{"a zero handler", Handler{}, nil, nil, "plans are for queries"},
		{"an unknown input", h, []string{"user", "age"}, []string{"name"}, "input `age`: unexpected"},
		{"a missing required input", h, nil, []string{"name"}, "input `user`: missing"},
		{"an unknown column", h, []string{"user"}, []string{"nickname"}, "no column nickname"},
	}
	for _, c := range cases {
		if _, err := c.h.Plan(c.ins, c.outs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Plan of %s: %v, want an error saying %q", c.what, err, c.want)
		}
	}
}
