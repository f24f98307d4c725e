package console

import (
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/legible/legible/engine/analysis"
	"github.com/legible/legible/engine/spec"
)

// appMap is the answer of GET /api/map: the app as `legible graph` draws
// it, its routes, and where each sync is written.
type appMap struct {
	App      string     `json:"app"`
	Version  int        `json:"version"`
	Concepts *drawing   `json:"concepts"`
	Routes   []string   `json:"routes"`
	Syncs    []syncInfo `json:"syncs"`
}

// syncInfo is where a sync is written, and its text.
type syncInfo struct {
	Name   string `json:"name"`
	File   string `json:"file"` // in the app's folder
	Path   string `json:"path"` // the file's path on this machine, for an editor
	Line   int    `json:"line"`
	Col    int    `json:"col"`
	Source string `json:"source"` // its lines in the file
}

// appMap answers the app's map.
func (c *Console) appMap(ec echo.Context) error {
	v := c.current()
	if v == nil {
		return noApp(ec)
	}
	m := appMap{App: v.Spec.App.Name.Name, Version: v.version, Concepts: layout(analysis.Concepts(v.Spec)),
		Routes: analysis.Routes(v.Spec), Syncs: []syncInfo{}}
	for _, s := range v.Spec.Syncs {
		m.Syncs = append(m.Syncs, v.syncInfo(s))
	}
	return ec.JSON(http.StatusOK, m)
}

// syncInfo says where a sync is written.
func (v *view) syncInfo(s *spec.Sync) syncInfo {
	pos := s.Name.Span.Pos
	path, err := filepath.Abs(s.File) // the spec names it as it was read: from the working folder, or absolute
	if err != nil {
		path = s.File
	}
	return syncInfo{Name: s.Name.Name, File: v.rel(s.File), Path: path, Line: pos.Line, Col: pos.Col,
		Source: block(v.Sources[s.File], pos.Line)}
}

// rel names a file of the app as its folder holds it: syncs/users.sync.yaml.
func (v *view) rel(file string) string {
	if v.Dir == "" {
		return file
	}
	if r, err := filepath.Rel(v.Dir, file); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return file
}

// routeMap is the answer of GET /api/map/route.
type routeMap struct {
	Route   string   `json:"route"`
	Drawing *drawing `json:"drawing"`
	Cases   []string `json:"cases"` // as the flow analysis enumerates them, the happy path first
}

// routeMap answers the flow of one route, ?route=NAME ("POST /users"),
// and its cases.
func (c *Console) routeMap(ec echo.Context) error {
	v := c.current()
	if v == nil {
		return noApp(ec)
	}
	name := ec.QueryParam("route")
	g, err := analysis.Route(v.Spec, name)
	if err != nil {
		return fail(ec, http.StatusNotFound, err.Error())
	}
	out := routeMap{Route: name, Drawing: layout(g), Cases: []string{}}
	for _, k := range analysis.Cases(v.Spec) {
		if k.Route.String() == name {
			out.Cases = append(out.Cases, k.Label)
		}
	}
	return ec.JSON(http.StatusOK, out)
}
