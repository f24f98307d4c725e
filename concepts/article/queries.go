package article

import (
	"context"

	"legible/concepts"
)

// The pages of _list.
const (
	defaultLimit = 20  // the limit of a page when the given one is below 1
	maxLimit     = 100 // the largest page
)

// SlugIn is the input of _getBySlug.
type SlugIn struct {
	Slug string `json:"slug"`
}

// Summary is what every row of the article queries holds: the author,
// title, description and times of an article.
type Summary struct {
	Author      string `json:"author"`
	Title       string `json:"title"`
	Description string `json:"description"`
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
}

// SlugRow is the row of _getBySlug.
type SlugRow struct {
	Article string `json:"article"`
	Summary
	Body string `json:"body"`
}

// Row is the row of _get.
type Row struct {
	Slug string `json:"slug"`
	Summary
	Body string `json:"body"`
}

// CountIn is the input of _count, and selects the articles of _list: those
// by one of Authors, when given, that are among Articles, when given. A
// nil list selects any article; an empty one selects none.
type CountIn struct {
	Authors  *[]string `json:"authors"`
	Articles *[]string `json:"articles"`
}

// ListIn is the input of _list: the articles CountIn selects, Offset
// skipped, at most Limit of them. A Limit below 1 is 20, above 100 is 100;
// a negative Offset is 0.
type ListIn struct {
	CountIn
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// ListRow is a row of _list.
type ListRow struct {
	Article string `json:"article"`
	Slug    string `json:"slug"`
	Summary
}

// summary returns the Summary of the article d.
func (d *articleDoc) summary() Summary {
	return Summary{Author: d.Author, Title: d.Title, Description: d.Description,
		CreatedAt: concepts.Timestamp(d.CreatedAt), UpdatedAt: concepts.Timestamp(d.UpdatedAt)}
}

// CountRow is the row of _count.
type CountRow struct {
	Count int64 `json:"count"`
}

// GetBySlug returns the article with the slug, if there is one: an `_id`
// lookup in Article.slugs, then one in Article.articles.
func (a *Article) GetBySlug(ctx context.Context, in SlugIn) ([]SlugRow, error) {
	d, err := a.bySlug(ctx, in.Slug)
	if d == nil || err != nil {
		return nil, err
	}
	return []SlugRow{{Article: d.ID, Summary: d.summary(), Body: d.Body}}, nil
}

// Get returns the slug, author, title, description, body and times of the
// article, if it exists.
func (a *Article) Get(ctx context.Context, in ArticleIO) ([]Row, error) {
	d, err := a.find(ctx, in.Article)
	if d == nil || err != nil {
		return nil, err
	}
	return []Row{{Slug: d.Slug, Summary: d.summary(), Body: d.Body}}, nil
}

// List returns a page of the articles that in.CountIn selects, most
// recently created first, by the order in which their creates completed
// (the timeline): one row each, without the body. It reads the timeline
// by `_id`, picks the page's entries, and reads each of their articles by
// `_id`; an article deleted meanwhile has no row, which leaves the page
// short.
func (a *Article) List(ctx context.Context, in ListIn) ([]ListRow, error) {
	if in.none() {
		return nil, nil
	}
	timeline, err := a.entries(ctx)
	if err != nil {
		return nil, err
	}
	skip, take := max(in.Offset, 0), pageSize(in.Limit)
	rows := make([]ListRow, 0, take)
	for e := range in.selected(timeline) {
		if skip > 0 {
			skip--
			continue
		}
		d, err := a.find(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		if d != nil {
			rows = append(rows, ListRow{Article: d.ID, Slug: d.Slug, Summary: d.summary()})
		}
		if take--; take == 0 {
			break
		}
	}
	return rows, nil
}

// pageSize is the number of rows of a page for the limit asked for.
func pageSize(limit int) int {
	switch {
	case limit < 1:
		return defaultLimit
	case limit > maxLimit:
		return maxLimit
	}
	return limit
}

// Count returns one row: how many articles in selects, as many as List
// returns for in without a limit and an offset. It reads the timeline
// only, by `_id`.
func (a *Article) Count(ctx context.Context, in CountIn) ([]CountRow, error) {
	if in.none() {
		return []CountRow{{Count: 0}}, nil
	}
	timeline, err := a.entries(ctx)
	if err != nil {
		return nil, err
	}
	var n int64
	for range in.selected(timeline) {
		n++
	}
	return []CountRow{{Count: n}}, nil
}
