package article

import (
	"context"
	"errors"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// The fields of an article document that indexes hold.
const (
	fieldAuthor    = "author"
	fieldSlug      = "slug"
	fieldCreatedAt = "createdAt"
)

// articleDoc is an article in Article.articles.
type articleDoc struct {
	Author      string `json:"author"`
	Slug        string `json:"slug"`
	Base        string `json:"base"` // slugOf(Title): Slug, or Slug without its suffix
	Title       string `json:"title"`
	Description string `json:"description"`
	Body        string `json:"body"`
	CreatedAt   string `json:"createdAt"` // concepts.Timestamp
	UpdatedAt   string `json:"updatedAt"`
}

// find returns the article id, or a concept error when there is none.
func (a *Article) find(ctx context.Context, id string) (articleDoc, error) {
	d, found, err := a.articles.Get(ctx, id)
	if err == nil && !found {
		err = concepts.Errorf("no article has the id %q; check the id, or find the article by its slug", id)
	}
	return d, err
}

// store stores the article d under id with a slug of its base: the base
// itself, or, while storing fails on a slug another article has, the base
// with a random suffix (candidate). write is Insert or Put. After
// slugAttempts taken slugs it gives up with a concept error.
func (a *Article) store(ctx context.Context, id string, d *articleDoc, write func(context.Context, string, articleDoc) error) error {
	for i := range slugAttempts {
		d.Slug = candidate(d.Base, i)
		if err := write(ctx, id, *d); !errors.Is(err, storage.ErrTaken) {
			return err
		}
	}
	return concepts.Errorf("found no free slug for the title after %d tries of %s and suffixes of it; "+
		"try again, or change the title", slugAttempts, d.Base)
}
