//go:build race

package lsp

// edits is how many edits TestMemoryFlatOverEdits makes: fewer under the
// race detector, which makes a check ten times slower and keeps memory
// of its own. The 1,000 are measured without it (go test ./lsp).
const edits = 100
