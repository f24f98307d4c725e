// Package library is legible's library of built-in concepts: each with its
// spec, shipped in the binary, and its Go implementation. An app lists
// them in app.yaml without writing their specs; `legible concepts` lists
// and shows them. Requesting, the HTTP front, is not among them: the
// server builds it, and every app has it.
package library

import (
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
)

// Modules returns the built-in concepts.
func Modules() []concepts.Module {
	return []concepts.Module{
		authenticating.Module(), tokens.Module(), profile.Module(), following.Module(), favoriting.Module(),
		tagging.Module(), article.Module(), commenting.Module(), likert.Module(),
	}
}
