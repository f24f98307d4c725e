// Command legible checks and serves backends written as concepts and
// synchronizations in YAML, with legible's built-in concepts. An app with
// Go concepts of its own builds its own binary instead: see package
// github.com/legible/legible and `legible new`.
package main

import "github.com/legible/legible"

func main() { legible.Main() }
