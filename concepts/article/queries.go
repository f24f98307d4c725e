package article

import (
	"context"

	"github.com/legible/legible/storage"
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
	return Summary{Author: d.Author, Title: d.Title, Description: d.Description, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

// CountRow is the row of _count.
type CountRow struct {
	Count int64 `json:"count"`
}

// GetBySlug returns the article with the slug, if there is one.
func (a *Article) GetBySlug(ctx context.Context, in SlugIn) ([]SlugRow, error) {
	d, found, err := a.articles.FindOne(ctx, storage.Eq(fieldSlug, in.Slug))
	if !found || err != nil {
		return nil, err
	}
	return []SlugRow{{Article: d.ID, Summary: d.Value.summary(), Body: d.Value.Body}}, nil
}

// Get returns, for each article that exists, its slug, author, title,
// description, body and times; one read by ids answers all the articles.
func (a *Article) Get(ctx context.Context, ins []ArticleIO) ([][]Row, error) {
	ids := make([]string, len(ins))
	for i, in := range ins {
		ids[i] = in.Article
	}
	docs, err := a.articles.GetMany(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([][]Row, len(ins))
	for i, in := range ins {
		if d, ok := docs[in.Article]; ok {
			out[i] = []Row{{Slug: d.Slug, Summary: d.summary(), Body: d.Body}}
		}
	}
	return out, nil
}

// List returns a page of the articles that in.CountIn selects, most
// recently created first: one row each, without the body, from one
// indexed query.
func (a *Article) List(ctx context.Context, in ListIn) ([]ListRow, error) {
	q := in.query()
	q.Sort = []storage.Order{storage.Desc(fieldCreatedAt)}
	q.Limit, q.Offset = pageSize(in.Limit), max(in.Offset, 0)
	docs, err := a.articles.Find(ctx, q)
	if err != nil {
		return nil, err
	}
	rows := make([]ListRow, len(docs))
	for i, d := range docs {
		rows[i] = ListRow{Article: d.ID, Slug: d.Value.Slug, Summary: d.Value.summary()}
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
// returns for in without a limit and an offset.
func (a *Article) Count(ctx context.Context, in CountIn) ([]CountRow, error) {
	n, err := a.articles.Count(ctx, in.query())
	if err != nil {
		return nil, err
	}
	return []CountRow{{Count: n}}, nil
}

// query is the query of the articles in selects: a nil list selects any
// article, an empty one none.
func (in CountIn) query() storage.Query {
	var q storage.Query
	if in.Authors != nil {
		q.Where = append(q.Where, storage.In(fieldAuthor, *in.Authors))
	}
	if in.Articles != nil {
		q.Where = append(q.Where, storage.In(storage.ID, *in.Articles))
	}
	return q
}
