package commenting

import "context"

// Row is the row of _get.
type Row struct {
	Item      string `json:"item"`
	Author    string `json:"author"`
	Body      string `json:"body"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// ItemIn is the input of _byItem: the item, and the page of its comments,
// newest first: Offset of them skipped (none when nil or negative), at
// most Limit of them (all when nil, none when below 1).
type ItemIn struct {
	Item   string `json:"item"`
	Limit  *int   `json:"limit"`
	Offset *int   `json:"offset"`
}

// ItemRow is a row of _byItem.
type ItemRow struct {
	Comment   string `json:"comment"`
	Author    string `json:"author"`
	Body      string `json:"body"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// Get returns the item, author, body and times of the comment, if it
// exists.
func (m *Commenting) Get(ctx context.Context, in CommentIO) ([]Row, error) {
	d, found, err := m.comments.Get(ctx, in.Comment)
	if !found || err != nil {
		return nil, err
	}
	return []Row{{Item: d.Item, Author: d.Author, Body: d.Body, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}}, nil
}

// ByItem returns a page of the comments on the item, newest first: one
// row each, from one indexed query.
func (m *Commenting) ByItem(ctx context.Context, in ItemIn) ([]ItemRow, error) {
	if in.Limit != nil && *in.Limit < 1 {
		return nil, nil
	}
	limit, offset := in.page()
	docs, err := m.ofItem(ctx, in.Item, limit, offset)
	if err != nil {
		return nil, err
	}
	rows := make([]ItemRow, len(docs))
	for i, d := range docs {
		rows[i] = ItemRow{Comment: d.ID, Author: d.Value.Author, Body: d.Value.Body,
			CreatedAt: d.Value.CreatedAt, UpdatedAt: d.Value.UpdatedAt}
	}
	return rows, nil
}

// page returns the limit and the offset of in's page for ofItem: 0 for no
// limit when in has none, and no offset when in's is nil or negative.
func (in ItemIn) page() (limit, offset int) {
	if in.Limit != nil {
		limit = *in.Limit
	}
	if in.Offset != nil {
		offset = max(*in.Offset, 0)
	}
	return limit, offset
}
