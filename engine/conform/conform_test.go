package conform_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/catalog"
	"github.com/legible/legible/engine/conform"
	"github.com/legible/legible/engine/diag"
	"github.com/legible/legible/engine/load"
	"github.com/legible/legible/engine/report"
	"github.com/legible/legible/engine/rules"
	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/internal/golden"
	"github.com/legible/legible/storage"
)

// conformanceCase is one golden case: the concept specs under
// testdata/<name>/, the implementations to compare with them, and the
// expected report in testdata/<name>.out.
type conformanceCase struct {
	name  string
	impls []*concepts.Concept
	bind  bool // check every concept of the specs with catalog.Bind, not only the first impl's
}

// Implementation types of the golden cases.
type (
	userIn  struct{ User string }
	userOut struct{ User string }
	author  struct {
		Name string  `json:"name"`
		Bio  *string `json:"bio"`
	}
	profileCreateIn struct {
		User     string
		Username string
		Bio      *string
		Age      int
		Tags     []string
		Links    map[string]any
		Admin    bool
		Born     time.Time
	}
	profileUpdateIn struct {
		User string
		Name *string        // an optional input the spec takes through "*"
		Rest map[string]any `legible:"rest"`
	}
	profileUpdateOut struct {
		User      string
		Changed   bool
		Unchanged bool
	}
	profileRow struct {
		Username string
		Bio      string
		Age      float64
		Author   author
		Anything []string
	}
	sessionIn  struct{ Session string }
	sessionOut struct{ Session string }
	registerIn struct {
		Email    string
		Pasword  string
		Remember bool
	}
	receiveIn struct{ Method string }
	replyIn   struct {
		Message string
		Rest    map[string]any `legible:"rest"`
	}
	notifyIn struct {
		Message string
		Channel string
		Count   *int
		Rest    map[string]any `legible:"rest"`
	}
	messageOut        struct{ Message string }
	profileOptionalIn struct {
		User  string
		Bio   string
		Image *string
		Email string `json:"email,omitempty"`
		Name  string `json:",omitempty"`
	}
	loginIn  struct{ Email string }
	loginOut struct {
		User  string
		Tokn  string
		Error string
	}
	logoutOut  struct{ Done bool }
	profileGet struct {
		Username string
		Image    string
	}
	settingsIn struct {
		User     int
		Age      string
		Admin    string
		Profile  string
		Tags     string
		Name     int
		When     time.Time
		Score    uint32
		Anything []string
	}
	settingsOut struct {
		Count string
		Owner *string
	}
)

func sessioning() *concepts.Concept {
	return concepts.New("Sessioning").
		Action("create", act[userIn, sessionOut]()).
		Action("delete", act[sessionIn, sessionOut]()).
		Query("_getUser", qry[sessionIn, userOut]())
}

var conformanceCases = []conformanceCase{
	{name: "clean", impls: []*concepts.Concept{concepts.New("Profile").
		Action("create", act[profileCreateIn, userOut]()).
		Action("update", act[profileUpdateIn, profileUpdateOut]()).
		Action("delete", act[userIn, struct{}]()).
		Query("_get", qry[userIn, profileRow]())}},
	{name: "unimplemented", impls: []*concepts.Concept{concepts.New("Sessioning").Action("create", act[userIn, sessionOut]())}},
	{name: "extra_member", impls: []*concepts.Concept{concepts.New("Sessioning").
		Action("create", act[userIn, sessionOut]()).
		Action("delet", act[sessionIn, sessionOut]()).
		Query("_getUser", qry[sessionIn, userOut]()).
		Query("_list", qry[struct{}, sessionOut]())}},
	{name: "kind", impls: []*concepts.Concept{concepts.New("Sessioning").
		Query("create", qry[userIn, sessionOut]()).
		Action("delete", act[sessionIn, sessionOut]()).
		Action("_getUser", act[sessionIn, userOut]())}},
	{name: "inputs", impls: []*concepts.Concept{concepts.New("Authenticating").Action("register", act[registerIn, userOut]())}},
	{name: "rest", impls: []*concepts.Concept{concepts.New("Inbox").
		Action("receive", act[receiveIn, messageOut]()).
		Action("reply", act[replyIn, messageOut]()).
		Action("notify", act[notifyIn, messageOut]())}},
	{name: "optional", impls: []*concepts.Concept{concepts.New("Profile").Action("update", act[profileOptionalIn, userOut]())}},
	{name: "outputs", impls: []*concepts.Concept{concepts.New("Authenticating").
		Action("login", act[loginIn, loginOut]()).
		Action("logout", act[userIn, logoutOut]())}},
	{name: "query_rows", impls: []*concepts.Concept{concepts.New("Profile").Query("_get", qry[userIn, profileGet]())}},
	{name: "types", impls: []*concepts.Concept{concepts.New("Settings").Action("set", act[settingsIn, settingsOut]())}},
	{name: "unregistered", impls: []*concepts.Concept{sessioning()}, bind: true},
}

// TestConformanceGolden compares the text report of each case with its
// .out file; run `go test ./engine/conform -update` to rewrite them.
func TestConformanceGolden(t *testing.T) {
	entries, _ := os.ReadDir("testdata")
	dirs := 0
	for _, e := range entries {
		if e.IsDir() {
			dirs++
		}
	}
	if dirs != len(conformanceCases) {
		t.Fatalf("%d case folders under testdata but %d cases", dirs, len(conformanceCases))
	}
	for _, c := range conformanceCases {
		t.Run(c.name, func(t *testing.T) {
			sp, src := loadCase(t, c.name)
			got := c.check(t, sp)
			if c.name == "clean" && len(got) > 0 {
				t.Errorf("the clean case reports %d mismatches", len(got))
			}
			for _, d := range got {
				if d.Rule != rules.Conformance.ID || d.Severity != diag.Error {
					t.Errorf("diagnostic %+v is not a conformance error", d)
				}
			}
			var buf bytes.Buffer
			if err := report.Text(&buf, got, src); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", c.name+".out"), buf.Bytes())
		})
	}
}

// check runs the case's conformance check.
func (c conformanceCase) check(t *testing.T, sp *spec.Spec) diag.List {
	t.Helper()
	if !c.bind {
		impl := c.impls[0]
		k := sp.Concept(impl.Name())
		if k == nil {
			t.Fatalf("no spec for %s", impl.Name())
		}
		return conform.Check(impl, k)
	}
	var modules []concepts.Module
	for _, impl := range c.impls {
		modules = append(modules, concepts.Module{Name: impl.Name(), New: func(*storage.DB) *concepts.Concept { return impl }})
	}
	cat, err := catalog.New(modules...)
	if err != nil {
		t.Fatal(err)
	}
	_, diags := cat.Bind(sp, diag.Error)
	return diags
}

// loadCase loads the concept specs of a case as concepts/<file>, and its
// app.yaml, if any.
func loadCase(t *testing.T, name string) (*spec.Spec, report.SourceMap) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", name, "*.yaml")) // concepts, and an app.yaml
	src := report.SourceMap{}
	var files []load.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		file := "concepts/" + filepath.Base(p)
		if filepath.Base(p) == "app.yaml" {
			file = "app.yaml"
		}
		src[file] = data
		files = append(files, load.File{Name: file, Data: data})
	}
	sp, diags := load.Load(files, nil)
	if len(diags) > 0 {
		t.Fatalf("the specs of case %s do not load: %v", name, diags)
	}
	return sp, src
}

// act and qry make handlers whose functions do nothing, for cases that
// look only at types.
func act[I, O any]() concepts.Handler {
	return concepts.Action(func(context.Context, I) (O, error) { var o O; return o, nil })
}

func qry[I, O any]() concepts.Handler {
	return concepts.Query(func(context.Context, I) ([]O, error) { return nil, nil })
}
