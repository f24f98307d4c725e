//go:build !race

package lsp

// edits is how many edits TestMemoryFlatOverEdits makes.
const edits = 1000
