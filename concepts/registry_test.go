package concepts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	r := NewRegistry()
	for _, name := range []string{"Sessioning", "Authenticating", "Profile"} {
		if err := r.Register(New(name).Action("create", act[userIn, userOut]())); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		c    *Concept
		want string
	}{
		{"duplicate", New("Profile"), "concept Profile is registered twice"},
		{"nil", nil, "Register(nil)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := r.Register(c.c)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Register: %v, want an error containing %q", err, c.want)
			}
		})
	}
	if got := fmt.Sprint(r.Names()); got != "[Authenticating Profile Sessioning]" {
		t.Fatalf("Names = %s", got)
	}
	if c, ok := r.Lookup("Profile"); !ok || c.Name() != "Profile" {
		t.Fatal("Lookup(Profile) failed")
	}
	if _, ok := r.Lookup("Nope"); ok {
		t.Fatal("Lookup found an unregistered concept")
	}
	if h, ok := r.Handler("Profile", "create"); !ok || h.Concept() != "Profile" {
		t.Fatal("Handler(Profile, create) failed")
	}
	if _, ok := r.Handler("Nope", "create"); ok {
		t.Fatal("Handler found a handler of an unregistered concept")
	}
}

func TestZeroRegistry(t *testing.T) {
	var r Registry
	if err := r.Register(New("X")); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Lookup("X"); !ok {
		t.Fatal("the zero Registry lost its concept")
	}
}

func TestRegistryStart(t *testing.T) {
	var started []string
	starter := func(name string, err error) StartFunc {
		return func(_ context.Context, log *slog.Logger) error {
			if log == nil {
				t.Errorf("%s started without a logger", name)
			}
			started = append(started, name)
			return err
		}
	}
	r := NewRegistry()
	for _, c := range []*Concept{
		New("Tokens").OnStart(starter("Tokens", errors.New("no secret"))),
		New("Profile"), // no start function
		New("Authenticating").OnStart(starter("Authenticating", nil)),
		New("Zeta").OnStart(starter("Zeta", nil)),
	} {
		if err := r.Register(c); err != nil {
			t.Fatal(err)
		}
	}
	err := r.Start(context.Background(), slog.New(slog.DiscardHandler))
	if err == nil || err.Error() != "starting the concept Tokens: no secret" {
		t.Fatalf("Start: %v, want the error of Tokens, naming it", err)
	}
	if got := fmt.Sprint(started); got != "[Authenticating Tokens]" {
		t.Fatalf("started %s, want Authenticating then Tokens, and nothing after the error", got)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a second OnStart did not panic")
		}
	}()
	New("Twice").OnStart(starter("a", nil)).OnStart(starter("b", nil))
}
