package load

import (
	"reflect"
	"testing"
)

// TestParsesLoadAsLoad loads an app through a Parses three times, the
// second with one file changed and the third with it removed, and wants
// each load to give what Load gives.
func TestParsesLoadAsLoad(t *testing.T) {
	app := File{Name: "app.yaml", Data: []byte("app: a\nconcepts: [Requesting]\n")}
	good := File{Name: "syncs/a.sync.yaml", Data: []byte("A:\n  when:\n    - Requesting.request: { path: \"/a\" }\n      out: { request }\n  then:\n    - Requesting.respond: { request }\n")}
	bad := File{Name: good.Name, Data: []byte("A:\n  when: [\n")}
	c := NewParses()
	for i, files := range [][]File{{app, good}, {app, bad}, {app}} {
		want, wantDiags := Load(files, nil)
		got, gotDiags := c.Load(files, nil)
		if !reflect.DeepEqual(gotDiags, wantDiags) || len(got.Syncs) != len(want.Syncs) {
			t.Errorf("load %d: got %d syncs and %v, want %d syncs and %v", i+1, len(got.Syncs), gotDiags, len(want.Syncs), wantDiags)
		}
		if len(c.files) != len(files) {
			t.Errorf("load %d: it keeps %d files, want the %d of the last load", i+1, len(c.files), len(files))
		}
	}
}
