package analysis

import (
	"github.com/legible/legible/engine/spec"
)

// fits reports whether a when condition can match the request of route r.
func (c cond) fits(r *spec.Route) bool {
	if c.key != requestKey {
		return true
	}
	return (c.path == "" || c.path == r.Path) && (c.method == "" || r.Method == "" || c.method == r.Method)
}
