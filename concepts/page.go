package concepts

import (
	"context"

	"github.com/legible/legible/storage"
)

// Page is the page of rows that the input of a paged query asks for; embed
// it in the input struct. Offset rows are skipped (none when nil or
// negative), then at most Limit rows come (all when nil, none when below
// 1). The spec declares its inputs as "limit?": Number and "offset?":
// Number.
type Page struct {
	Limit  *int `json:"limit"`
	Offset *int `json:"offset"`
}

// Of returns q with the page's limit and offset, and false when the page
// holds no rows (a limit below 1): then there is nothing to query.
func (p Page) Of(q storage.Query) (storage.Query, bool) {
	if p.Limit != nil {
		if *p.Limit < 1 {
			return q, false
		}
		q.Limit = *p.Limit
	}
	if p.Offset != nil {
		q.Offset = max(*p.Offset, 0)
	}
	return q, true
}

// Whole reports whether the page is all the rows: no limit, no offset.
func (p Page) Whole() bool { return p.Limit == nil && (p.Offset == nil || *p.Offset <= 0) }

// FindPage returns the page p of the documents of c that q selects, and
// how many q selects in all: one indexed query for the whole, and a count
// besides for a part, which a CountedOn index answers with a row.
func FindPage[T any](ctx context.Context, c *storage.Collection[T], q storage.Query, p Page) ([]storage.Doc[T], int64, error) {
	var docs []storage.Doc[T]
	if paged, ok := p.Of(q); ok {
		var err error
		if docs, err = c.Find(ctx, paged); err != nil {
			return nil, 0, err
		}
	}
	if p.Whole() {
		return docs, int64(len(docs)), nil
	}
	n, err := c.Count(ctx, q)
	return docs, n, err
}
