package lsp

import (
	"context"
	"encoding/json"

	"github.com/legible/legible/engine/diag"
)

// codeAction offers the quick fixes of the diagnostics on the lines of
// the range asked for.
func (s *Server) codeAction(ctx context.Context, raw json.RawMessage) (any, error) {
	p, err := decode[CodeActionParams](raw)
	if err != nil {
		return nil, err
	}
	pl, err := s.placeOf(ctx, TextDocumentPositionParams{TextDocument: p.TextDocument, Position: p.Range.Start})
	if err != nil || pl.text == nil {
		return nil, err
	}
	out := []CodeAction{}
	for _, d := range pl.snap.diags[pl.file] {
		r := pl.text.span(d.Span)
		if r.End.Line < p.Range.Start.Line || r.Start.Line > p.Range.End.Line {
			continue
		}
		shown := pl.snap.protocol(pl.file, []diag.Diagnostic{d})
		for _, fx := range pl.snap.fixes(d) {
			changes := map[string][]TextEdit{}
			for file, edits := range fx.edits {
				changes[uriOf(file)] = edits
			}
			out = append(out, CodeAction{Title: fx.title, Kind: "quickfix", Diagnostics: shown, IsPreferred: fx.preferred,
				Edit: &WorkspaceEdit{Changes: changes}})
		}
	}
	return out, nil
}
