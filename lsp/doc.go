// Package lsp is `legible lsp`, a language server for spec files over
// the Language Server Protocol: the checker inside the editor. It keeps
// the editor's unsaved text of each open document, checks the app each
// one belongs to through the pipeline, as `legible lint` does
// (pipeline.Env.CheckParsed: the same rules, settings and ignore
// comments), on every change, and answers from the last check:
// diagnostics, hover, definition, references, completion, quick fixes
// from lint's hints, document and workspace symbols, and a code lens
// that runs a scenario (package scenario).
//
// The JSON-RPC 2.0 framing and dispatch come from
// github.com/sourcegraph/jsonrpc2: small, with no dependencies of its
// own that a binary links, kept, and the library Regal's language
// server runs on. The protocol's messages are the few types of
// protocol.go, not a generated package: go.lsp.dev/protocol (v0.12.0, of
// 2022) brings its own jsonrpc2 and zap; github.com/tliron/glsp stops at
// LSP 3.16 and brings a logging framework and websockets; gopls's
// protocol package is internal to golang.org/x/tools.
//
// Messages are handled in the order they arrive, so a request sees every
// change sent before it; a request waits for the check of the changes
// before it (a check of Conduit takes about 20 ms), and only a command,
// which runs a scenario, runs beside the rest. Positions are legible's
// (1-based lines, columns in runes) inside, and the protocol's (0-based,
// columns in UTF-16 code units) on the wire (text.go).
package lsp
