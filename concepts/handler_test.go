package concepts

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/legible/legible/internal/goname"
)

type userIn struct {
	User string `json:"user"`
}

type userOut struct {
	User string `json:"user"`
}

func TestOutcomes(t *testing.T) {
	errDown := errors.New("database down")
	cases := []struct {
		name    string
		fn      func() (userOut, error)
		out     map[string]any
		errMsg  string // Result.Err
		failure string // the text of Call's error
		is      error  // Call's error wraps it
	}{
		{"success", func() (userOut, error) { return userOut{User: "u1"}, nil }, map[string]any{"user": "u1"}, "", "", nil},
		{"concept error", func() (userOut, error) { return userOut{}, Errorf("user %s exists", "ann") }, nil, "user ann exists", "", nil},
		{"wrapped concept error", func() (userOut, error) { return userOut{}, fmt.Errorf("register: %w", Errorf("taken")) }, nil, "register: taken", "", nil},
		{"empty concept error", func() (userOut, error) { return userOut{}, Errorf("") }, nil, "error", "", nil},
		{"failure", func() (userOut, error) { return userOut{}, errDown }, nil, "", "Users.create: database down", errDown},
		{"panic", func() (userOut, error) { panic("boom") }, nil, "", "Users.create: panic: boom", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := New("Users").Action("create", Action(func(context.Context, userIn) (userOut, error) { return c.fn() }))
			h, _ := k.Handler("create")
			res, err := h.Call(context.Background(), map[string]any{"user": "ann"})
			wantErr(t, err, c.failure)
			if c.failure != "" {
				var f *Failure
				if !errors.As(err, &f) || f.Concept != "Users" || f.Action != "create" {
					t.Fatalf("error %v is not a *Failure naming Users.create", err)
				}
				if strings.Contains(err.Error(), "goroutine") {
					t.Fatalf("the failure carries a stack: %v", err)
				}
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Fatalf("error %v does not wrap %v", err, c.is)
			}
			if res.Err != c.errMsg || res.IsError() != (c.errMsg != "") || !equalOut(res.Out, c.out) {
				t.Fatalf("got %+v, want Out %v Err %q", res, c.out, c.errMsg)
			}
		})
	}
}

func equalOut(a, b map[string]any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

func TestPanicValue(t *testing.T) {
	k := New("Users").Query("_all", Query(func(context.Context, struct{}) ([]userOut, error) { panic(fs.ErrNotExist) }))
	h, _ := k.Handler("_all")
	_, err := h.Call(context.Background(), nil)
	var p *PanicError
	if !errors.As(err, &p) || p.Value != fs.ErrNotExist {
		t.Fatalf("got %v, want a *PanicError holding fs.ErrNotExist", err)
	}
}

func TestErrorfWraps(t *testing.T) {
	err := Errorf("no such user: %w", fs.ErrNotExist)
	var ce *Error
	if !errors.As(err, &ce) || ce.Message != "no such user: file does not exist" || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Errorf = %#v", err)
	}
}

func TestZeroHandler(t *testing.T) {
	var h Handler
	if _, err := h.Call(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "zero Handler") {
		t.Fatalf("Call on a zero Handler: %v", err)
	}
	if h.IsQuery() || h.Signature().In != nil {
		t.Fatal("a zero Handler has no signature")
	}
}

func TestUnregisteredHandlerFailure(t *testing.T) {
	h := Query(func(context.Context, userIn) ([]userOut, error) { return nil, nil })
	_, err := h.Call(context.Background(), map[string]any{})
	wantErr(t, err, "unregistered handler: input `user`: missing")
}

type chanIn struct{ C chan int }

type funcOut struct{ F func() }

type badRestIn struct {
	Rest map[string]string `legible:"rest"`
}

type twoRestIn struct {
	A map[string]any `legible:"rest"`
	B map[string]any `legible:"rest"`
}

type restOut struct {
	Rest map[string]any `legible:"rest"`
}

type dupIn struct {
	A string `json:"x"`
	X string // also named x
}

type badTagIn struct {
	A string `legible:"secret"`
}

type ptrEmbedIn struct{ *base }

type ifaceIn struct{ E error }

type mapKeyIn struct{ M map[int]string }

func TestRegistrationPanics(t *testing.T) {
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"input not a struct", func() { act[string, struct{}]() }, "concepts.Action: the input type string is not a struct"},
		{"input pointer", func() { act[*userIn, struct{}]() }, "the input type *concepts.userIn is not a struct"},
		{"output not a struct", func() { act[userIn, int]() }, "concepts.Action: the output type int is not a struct"},
		{"row not a struct", func() { qry[userIn, string]() }, "concepts.Query: the row type string is not a struct"},
		{"chan field", func() { act[chanIn, struct{}]() }, "input type chanIn: field C: type chan int cannot hold a JSON value"},
		{"func field", func() { act[userIn, funcOut]() }, "output type funcOut: field F: type func()"},
		{"interface with methods", func() { act[ifaceIn, struct{}]() }, "field E: type error cannot hold"},
		{"int map keys", func() { act[mapKeyIn, struct{}]() }, "field M: type map[int]string cannot hold"},
		{"rest type", func() { act[badRestIn, struct{}]() }, "rest field Rest has type map[string]string; a rest field must be map[string]any"},
		{"two rest fields", func() { act[twoRestIn, struct{}]() }, "field B is a second rest field"},
		{"rest in output", func() { act[userIn, restOut]() }, "output type restOut: it has a rest field; only input structs take one"},
		{"duplicate names", func() { act[dupIn, struct{}]() }, "field X takes the parameter \"x\", as an earlier field does"},
		{"unknown legible tag", func() { act[badTagIn, struct{}]() }, "the only legible tag is `legible:\"rest\"`"},
		{"embedded pointer", func() { act[ptrEmbedIn, struct{}]() }, "field base embeds a pointer"},
		{"nil action", func() { Action[userIn, userOut](nil) }, "concepts.Action: the function is nil"},
		{"nil query", func() { Query[userIn, userOut](nil) }, "concepts.Query: the function is nil"},
		{"empty concept name", func() { New("") }, "concepts.New: the concept name is empty"},
		{"empty member name", func() { New("X").Action("", act[userIn, userOut]()) }, `X.Action(""): the name is empty`},
		{"zero handler", func() { New("X").Action("a", Handler{}) }, "the handler is empty"},
		{"query as action", func() { New("X").Action("_q", qry[userIn, userOut]()) }, `X.Action("_q"): the handler was made by the other adapter`},
		{"action as query", func() { New("X").Query("a", act[userIn, userOut]()) }, `X.Query("a"): the handler was made by the other adapter`},
		{"duplicate member", func() {
			New("X").Action("a", act[userIn, userOut]()).Action("a", act[userIn, userOut]())
		}, `X.Action("a"): registered twice`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if msg := mustPanic(t, c.f); !strings.Contains(msg, c.want) {
				t.Fatalf("panic %q does not contain %q", msg, c.want)
			}
		})
	}
}

// node refers to itself; building its codec must terminate.
type node struct {
	Name     string `json:"name"`
	Children []node `json:"children,omitempty"`
}

func TestRecursiveType(t *testing.T) {
	got, err := decodeAs[node](t, map[string]any{"name": "a", "children": []any{map[string]any{"name": "b"}}})
	if err != nil || len(got.Children) != 1 || got.Children[0].Name != "b" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestConceptMembers(t *testing.T) {
	c := New("Sessioning").
		Action("delete", act[userIn, userOut]()).
		Action("create", act[userIn, struct{}]()).
		Query("_getUser", qry[userIn, userOut]())
	if c.Name() != "Sessioning" || fmt.Sprint(c.Actions()) != "[create delete]" || fmt.Sprint(c.Queries()) != "[_getUser]" {
		t.Fatalf("members: %s %v %v", c.Name(), c.Actions(), c.Queries())
	}
	h, ok := c.Handler("_getUser")
	if !ok || !h.IsQuery() || h.Concept() != "Sessioning" || h.Name() != "_getUser" {
		t.Fatalf("handler _getUser: %+v", h)
	}
	if _, ok := c.Handler("nope"); ok {
		t.Fatal("found an unregistered handler")
	}
	sig := h.Signature()
	want := "In=userIn Inputs=[user string false false] Out=userOut Outputs=[user string false false]"
	if got := fmt.Sprintf("In=%s Inputs=%s Out=%s Outputs=%s", sig.In.Name(), fields(sig.Inputs), sig.Out.Name(), fields(sig.Outputs)); got != want {
		t.Fatalf("signature:\n got %s\nwant %s", got, want)
	}
	if h, _ := c.Handler("create"); len(h.Signature().Outputs) != 0 || h.Signature().Query {
		t.Fatalf("create has no outputs: %+v", h.Signature())
	}
}

func TestFieldDescriptors(t *testing.T) {
	sig := act[allIn, struct{}]().Signature()
	got := fields(sig.Inputs)
	if !strings.Contains(got, "slug string true false") || !strings.Contains(got, "ps *string true false") || strings.Contains(got, "skip") {
		t.Fatalf("allIn fields: %s", got)
	}
	rest := act[restIn, struct{}]().Signature().Inputs
	if fields(rest) != "[method string false false Rest map[string]any false true]" {
		t.Fatalf("restIn fields: %s", fields(rest))
	}
}

// fields writes field descriptors compactly; a rest field shows its Go name.
func fields(fs []Field) string {
	var parts []string
	for _, f := range fs {
		name := f.Name
		if f.Rest {
			name = f.GoName
		}
		parts = append(parts, fmt.Sprintf("%s %s %v %v", name, goname.Type(f.Type), f.Optional, f.Rest))
	}
	return "[" + strings.Join(parts, " ") + "]"
}
