package commenting

import (
	"context"

	"github.com/legible/legible/concepts"
)

// Row is the row of _get.
type Row struct {
	Item      string `json:"item"`
	Author    string `json:"author"`
	Body      string `json:"body"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// ItemIn is the input of _byItem: the item, and the page of its comments,
// newest first.
type ItemIn struct {
	Item string `json:"item"`
	concepts.Page
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
	q, ok := in.Page.Of(ofItem(in.Item))
	if !ok {
		return nil, nil
	}
	docs, err := m.comments.Find(ctx, q)
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
