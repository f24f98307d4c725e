// Package catalog lists the concept implementations compiled into legible:
// `legible serve` builds them on its database, and `legible lint` checks
// them against their specs.
package catalog

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"legible/concepts"
	"legible/concepts/article"
	"legible/concepts/authenticating"
	"legible/concepts/commenting"
	"legible/concepts/favoriting"
	"legible/concepts/following"
	"legible/concepts/likert"
	"legible/concepts/profile"
	"legible/concepts/tagging"
	"legible/concepts/tokens"
)

// Implementation is a concept's Go implementation, built on a database.
type Implementation interface {
	// Concept registers its actions and queries under their spec names.
	Concept() *concepts.Concept
	// Setup prepares its state, e.g. creates its indexes; it must be
	// idempotent, since it runs at every start.
	Setup(ctx context.Context) error
}

// Entry is one implementation in the catalog. New must not touch the
// database: it also runs, with a nil database, for conformance checks.
type Entry struct {
	Name string
	New  func(db *mongo.Database) Implementation
}

// entries are the implementations in the binary, apart from Requesting,
// which the HTTP server builds itself.
var entries = []Entry{
	{Name: "Authenticating", New: func(db *mongo.Database) Implementation { return authenticating.New(db) }},
	{Name: "Tokens", New: func(db *mongo.Database) Implementation { return tokens.New(db) }},
	{Name: "Profile", New: func(db *mongo.Database) Implementation { return profile.New(db) }},
	{Name: "Following", New: func(db *mongo.Database) Implementation { return following.New(db) }},
	{Name: "Favoriting", New: func(db *mongo.Database) Implementation { return favoriting.New(db) }},
	{Name: "Tagging", New: func(db *mongo.Database) Implementation { return tagging.New(db) }},
	{Name: "Article", New: func(db *mongo.Database) Implementation { return article.New(db) }},
	{Name: "Commenting", New: func(db *mongo.Database) Implementation { return commenting.New(db) }},
	{Name: "LikertSurvey", New: func(db *mongo.Database) Implementation { return likert.New(db) }},
}

// Entries returns the implementations in the binary.
func Entries() []Entry { return entries }

// Build builds, sets up and registers the named concepts on db; a name
// with no implementation is an error.
func Build(ctx context.Context, db *mongo.Database, names []string, into *concepts.Registry) error {
	byName := map[string]Entry{}
	for _, e := range entries {
		byName[e.Name] = e
	}
	for _, name := range names {
		e, ok := byName[name]
		if !ok {
			return fmt.Errorf("concept %s has no Go implementation in this binary; add one to concepts/catalog", name)
		}
		impl := e.New(db)
		if err := impl.Setup(ctx); err != nil {
			return fmt.Errorf("setting up %s: %w", name, err)
		}
		if err := into.Register(impl.Concept()); err != nil {
			return err
		}
	}
	return nil
}
