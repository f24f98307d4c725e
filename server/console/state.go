package console

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// The bounds of a page of documents.
const (
	pageSize    = 20
	maxPageSize = 100
)

// conceptState is a concept and its collections, as GET /api/state
// lists them.
type conceptState struct {
	Concept     string       `json:"concept"`
	Collections []collection `json:"collections"`
}

// collection is a collection's name and how many documents it holds.
type collection struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// state lists the app's concepts with their collections and counts.
func (c *Console) state(ec echo.Context) error {
	v := c.current()
	if v == nil {
		return noApp(ec)
	}
	if c.db == nil {
		return fail(ec, http.StatusNotFound, "this console was started without the app's database: it shows no state")
	}
	out := []conceptState{}
	byConcept := map[string]*conceptState{}
	for _, k := range v.Spec.Concepts {
		out = append(out, conceptState{Concept: k.Name.Name, Collections: []collection{}})
	}
	for i := range out {
		byConcept[out[i].Concept] = &out[i]
	}
	for _, name := range c.db.Collections() {
		cs := byConcept[strings.SplitN(name, ".", 2)[0]]
		if cs == nil {
			continue // a concept the app no longer has
		}
		page, err := c.db.Browse(ec.Request().Context(), name, 0, 1)
		if err != nil {
			return err
		}
		cs.Collections = append(cs.Collections, collection{Name: name, Count: page.Total})
	}
	return ec.JSON(http.StatusOK, out)
}

// document is a document as the state view shows it: secrets masked.
type document struct {
	ID  string `json:"id"`
	Doc any    `json:"doc"`
}

// documentPage is the answer of GET /api/state/:coll.
type documentPage struct {
	Collection string     `json:"collection"`
	Total      int64      `json:"total"`
	Offset     int        `json:"offset"`
	Limit      int        `json:"limit"`
	Docs       []document `json:"docs"`
}

// documents answers a page of a collection, the greatest id first:
// ?offset= and ?limit= (20 by default, at most 100).
func (c *Console) documents(ec echo.Context) error {
	v, coll, ok := c.collection(ec)
	if !ok {
		return fail(ec, http.StatusNotFound, "no collection "+coll+" of the app's concepts; GET /_legible/api/state lists them")
	}
	offset, okOff := intParam(ec, "offset", 0, 1<<30)
	limit, okLim := intParam(ec, "limit", pageSize, maxPageSize)
	if !okOff || !okLim || limit == 0 {
		return fail(ec, http.StatusBadRequest, "offset must be a number from 0, and limit one from 1 to 100")
	}
	page, err := c.db.Browse(ec.Request().Context(), coll, offset, limit)
	if err != nil {
		return err
	}
	out := documentPage{Collection: coll, Total: page.Total, Offset: offset, Limit: limit, Docs: []document{}}
	for _, d := range page.Docs {
		out.Docs = append(out.Docs, document{ID: d.ID, Doc: v.masked(d.Value)})
	}
	return ec.JSON(http.StatusOK, out)
}

// document answers one document of a collection by its id.
func (c *Console) document(ec echo.Context) error {
	v, coll, ok := c.collection(ec)
	if !ok {
		return fail(ec, http.StatusNotFound, "no collection "+coll+" of the app's concepts; GET /_legible/api/state lists them")
	}
	id := ec.Param("id")
	raw, found, err := c.db.Lookup(ec.Request().Context(), coll, id)
	if err != nil {
		return err
	}
	if !found {
		return fail(ec, http.StatusNotFound, "no document "+id+" in "+coll)
	}
	return ec.JSON(http.StatusOK, document{ID: id, Doc: v.masked(raw)})
}

// collection returns the app shown now and the collection a request
// names, and whether it is one of the app's concepts'.
func (c *Console) collection(ec echo.Context) (*view, string, bool) {
	v, coll := c.current(), ec.Param("coll")
	if v == nil || c.db == nil {
		return nil, coll, false
	}
	concept := strings.SplitN(coll, ".", 2)[0]
	for _, k := range v.Spec.Concepts {
		if k.Name.Name == concept {
			for _, name := range c.db.Collections() {
				if name == coll {
					return v, coll, true
				}
			}
		}
	}
	return nil, coll, false
}

// masked decodes a document and masks its secrets, as traces mask those
// of Requesting: every secret name of any concept, at every depth.
func (v *view) masked(raw json.RawMessage) any {
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return string(raw)
	}
	return v.masker.MaskVars(doc)
}
