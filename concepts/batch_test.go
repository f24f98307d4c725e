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

func TestBatchQuery(t *testing.T) {
	ins := []map[string]any{{"user": "ann"}, {"user": ""}, {"user": "bob"}}
	want := []Result{{Rows: []map[string]any{{"name": "ANN"}}}, {Rows: []map[string]any{}}, {Rows: []map[string]any{{"name": "BOB"}}}}
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
		res, err := h.CallBatch(context.Background(), ins)
		if err != nil || !reflect.DeepEqual(res, want) {
			t.Errorf("%s: CallBatch = %+v, %v; want %+v", c.form, res, err, want)
		}
		if n.calls != c.calls || h.IsBatch() != c.batchForm {
			t.Errorf("%s: %d calls of the function (batch form %v), want %d (%v)", c.form, n.calls, h.IsBatch(), c.calls, c.batchForm)
		}
		one, err := h.Call(context.Background(), ins[2])
		if err != nil || !reflect.DeepEqual(one, want[2]) {
			t.Errorf("%s: Call = %+v, %v; want %+v", c.form, one, err, want[2])
		}
		if sig := h.Signature(); !sig.Query || sig.In != reflect.TypeFor[userIn]() || sig.Out != reflect.TypeFor[nameRow]() {
			t.Errorf("%s: signature %+v, want a query of userIn giving nameRow", c.form, sig)
		}
	}
}

func TestBatchQueryOutcomes(t *testing.T) {
	errDown := errors.New("database down")
	ins := []map[string]any{{"user": "ann"}, {"user": "bob"}}
	cases := []struct {
		name    string
		fn      func(context.Context, []userIn) ([][]nameRow, error)
		in      []map[string]any
		errMsg  string // every Result's Err
		failure string // CallBatch's error
	}{
		{"concept error", func(context.Context, []userIn) ([][]nameRow, error) { return nil, Errorf("no names today") }, ins,
			"no names today", ""},
		{"failure", func(context.Context, []userIn) ([][]nameRow, error) { return nil, errDown }, ins, "", "Users._name: database down"},
		{"too few lists", func(context.Context, []userIn) ([][]nameRow, error) { return [][]nameRow{nil}, nil }, ins, "",
			"Users._name: it returned the rows of 1 inputs for 2 inputs"},
		{"panic", func(context.Context, []userIn) ([][]nameRow, error) { panic("boom") }, ins, "", "Users._name: panic: boom"},
		{"an input that does not fit", (&names{}).batch, []map[string]any{{"user": 3.0}}, "", "Users._name: input `user`"},
	}
	for _, c := range cases {
		h, _ := New("Users").Query("_name", BatchQuery(c.fn)).Handler("_name")
		res, err := h.CallBatch(context.Background(), c.in)
		var f *Failure
		switch {
		case c.failure != "" && (err == nil || !strings.Contains(err.Error(), c.failure) || !errors.As(err, &f)):
			t.Errorf("%s: error %v, want a *Failure saying %q", c.name, err, c.failure)
		case c.failure == "" && err != nil:
			t.Errorf("%s: error %v", c.name, err)
		case c.errMsg != "" && (len(res) != len(c.in) || res[0].Err != c.errMsg || res[1].Err != c.errMsg):
			t.Errorf("%s: %+v, want the concept error for every input", c.name, res)
		}
	}
	act, _ := New("Users").Action("create", Action(func(context.Context, userIn) (userOut, error) { return userOut{}, nil })).Handler("create")
	if _, err := act.CallBatch(context.Background(), ins); err == nil {
		t.Error("CallBatch on an action succeeded")
	}
	if _, err := (Handler{}).CallBatch(context.Background(), ins); err == nil {
		t.Error("CallBatch on a zero handler succeeded")
	}
}
