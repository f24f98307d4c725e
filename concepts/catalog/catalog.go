// Package catalog lists the concept implementations compiled into legible:
// `legible serve` builds them on its database, and `legible lint` checks
// them against their specs.
package catalog

import (
	"fmt"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/article"
	"github.com/legible/legible/concepts/authenticating"
	"github.com/legible/legible/concepts/commenting"
	"github.com/legible/legible/concepts/favoriting"
	"github.com/legible/legible/concepts/following"
	"github.com/legible/legible/concepts/likert"
	"github.com/legible/legible/concepts/profile"
	"github.com/legible/legible/concepts/tagging"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/storage"
)

// Implementation is a concept's Go implementation, built on a database.
type Implementation interface {
	// Concept registers its actions and queries under their spec names.
	Concept() *concepts.Concept
}

// Entry is one implementation in the catalog. New declares the concept's
// collections on the database but must not touch it: it also runs, with a
// nil database, for conformance checks.
type Entry struct {
	Name string
	New  func(db *storage.DB) Implementation
}

// entries are the implementations in the binary, apart from Requesting,
// which the HTTP server builds itself.
var entries = []Entry{
	{Name: "Authenticating", New: func(db *storage.DB) Implementation { return authenticating.New(db) }},
	{Name: "Tokens", New: func(db *storage.DB) Implementation { return tokens.New(db) }},
	{Name: "Profile", New: func(db *storage.DB) Implementation { return profile.New(db) }},
	{Name: "Following", New: func(db *storage.DB) Implementation { return following.New(db) }},
	{Name: "Favoriting", New: func(db *storage.DB) Implementation { return favoriting.New(db) }},
	{Name: "Tagging", New: func(db *storage.DB) Implementation { return tagging.New(db) }},
	{Name: "Article", New: func(db *storage.DB) Implementation { return article.New(db) }},
	{Name: "Commenting", New: func(db *storage.DB) Implementation { return commenting.New(db) }},
	{Name: "LikertSurvey", New: func(db *storage.DB) Implementation { return likert.New(db) }},
}

// Entries returns the implementations in the binary.
func Entries() []Entry { return entries }

// Build builds the named concepts on db and registers them; a name with
// no implementation is an error. Set db up (storage.DB.Setup) afterwards,
// for the collections they declared.
func Build(db *storage.DB, names []string, into *concepts.Registry) error {
	byName := map[string]Entry{}
	for _, e := range entries {
		byName[e.Name] = e
	}
	for _, name := range names {
		e, ok := byName[name]
		if !ok {
			return fmt.Errorf("concept %s has no Go implementation in this binary; add one to concepts/catalog", name)
		}
		if err := into.Register(e.New(db).Concept()); err != nil {
			return err
		}
	}
	return nil
}
