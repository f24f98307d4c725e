package legible_test

import (
	"os"

	"github.com/legible/legible"
	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// Shelving is an app's own concept: users shelve books.
type Shelving struct{ shelves *storage.Collection[shelf] }

type shelf struct {
	Owner string `json:"owner"`
}

// NewShelving declares the concept's collection on db.
func NewShelving(db *storage.DB) *Shelving {
	return &Shelving{shelves: storage.NewCollection[shelf](db, "Shelving.shelves")}
}

// Concept registers the actions and queries under their spec names.
func (s *Shelving) Concept() *concepts.Concept { return concepts.New("Shelving") }

// An app's main.go registers its own concepts and hands over to legible's
// command line; here, `concepts` lists what the binary serves. In a real
// main.go, legible.Main(…) runs the process's arguments and exits.
func Example() {
	code := legible.Run([]string{"concepts"}, os.Stdout, os.Stderr, concepts.NewModule("Shelving", nil, NewShelving))
	if code != 0 {
		os.Exit(code)
	}
	// Output:
	// CONCEPT         SPEC                    PURPOSE
	// Requesting      built-in, in every app  turn each HTTP request into an action that syncs can match, and answer it exactly once
	// Article         built-in                publish writing under a title, findable by a readable slug
	// Authenticating  built-in                let a user prove who they are with an email and a password
	// Commenting      built-in                let users discuss an item under it
	// Favoriting      built-in                let users mark the items they like, and show how liked an item is
	// Following       built-in                let a user see what the users they choose do
	// LikertSurvey    built-in                measure how strongly respondents agree with statements, on a numeric scale the author chooses
	// Profile         built-in                show who a user is to other users
	// Shelving        the app's own           as its concepts/Shelving.concept.yaml says
	// Tagging         built-in                group items under short labels that readers can browse by
	// Tokens          built-in                let a client prove, request after request, which user it acts for
}
