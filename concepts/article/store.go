package article

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
)

// The fields of an article document that filters, sorts and updates name.
const (
	fieldAuthor      = "author"
	fieldSlug        = "slug"
	fieldBase        = "base"
	fieldTitle       = "title"
	fieldDescription = "description"
	fieldBody        = "body"
	fieldCreatedAt   = "createdAt"
	fieldUpdatedAt   = "updatedAt"
)

// articleDoc is an article in Article.articles.
type articleDoc struct {
	ID          string    `bson:"_id"`
	Author      string    `bson:"author"`
	Slug        string    `bson:"slug"`
	Base        string    `bson:"base"` // slugOf(Title): Slug, or Slug without its suffix
	Title       string    `bson:"title"`
	Description string    `bson:"description"`
	Body        string    `bson:"body"`
	CreatedAt   time.Time `bson:"createdAt"`
	UpdatedAt   time.Time `bson:"updatedAt"`
}

// find returns the article id, or nil when there is none.
func (a *Article) find(ctx context.Context, id string) (*articleDoc, error) {
	var d articleDoc
	if found, err := storage.FindByID(ctx, a.articles, id, &d); !found || err != nil {
		return nil, err
	}
	return &d, nil
}

// bySlug returns the article with the slug, or nil. A claim whose article
// has another slug is stale, left by a change of title under way or
// interrupted: it names no article.
func (a *Article) bySlug(ctx context.Context, slug string) (*articleDoc, error) {
	id, err := storage.Owner(ctx, a.slugs, slug)
	if id == "" || err != nil {
		return nil, err
	}
	d, err := a.find(ctx, id)
	if d == nil || err != nil || d.Slug != slug {
		return nil, err // a create under way, or a stale claim
	}
	return d, nil
}

// freeSlug calls try with the slugs of base that candidate gives, until
// one does not fail with storage.ErrTaken, and returns that slug. After
// slugAttempts taken slugs it gives up with a concept error.
func freeSlug(base string, try func(slug string) error) (string, error) {
	for i := range slugAttempts {
		slug := candidate(base, i)
		if err := try(slug); !errors.Is(err, storage.ErrTaken) {
			return slug, err
		}
	}
	return "", concepts.Errorf("found no free slug for the title after %d tries of %s and suffixes of it; "+
		"try again, or change the title", slugAttempts, base)
}

// insert stores d under the slug, which it claims first; a slug that is
// taken is an error wrapping storage.ErrTaken.
func (a *Article) insert(ctx context.Context, d articleDoc) error {
	if err := storage.Claim(ctx, a.slugs, d.Slug, d.ID); err != nil {
		return err
	}
	if err := storage.Insert(ctx, a.articles, d); err != nil {
		return errors.Join(err, storage.Release(ctx, a.slugs, d.Slug, d.ID))
	}
	return nil
}

// set sets fields of the article d, giving it the slug with the base. When
// the slug changes, it does so only while the article still has d's slug,
// so that of two concurrent changes of one article's title only one
// succeeds.
func (a *Article) set(ctx context.Context, d *articleDoc, slug, base string, fields bson.D) error {
	filter := storage.ByID(d.ID)
	if slug != d.Slug {
		filter = append(filter, bson.E{Key: fieldSlug, Value: d.Slug})
		fields = append(fields, bson.E{Key: fieldSlug, Value: slug}, bson.E{Key: fieldBase, Value: base})
	}
	matched, err := storage.SetFields(ctx, a.articles, filter, fields)
	if err == nil && !matched {
		err = concepts.Errorf("article %s changed or was deleted while updating it; check it with _get and try again",
			d.ID)
	}
	return err
}

// remove deletes the article d, and then removes it from the timeline and
// releases its slug. It reports whether it deleted the article: false
// when a concurrent delete did first, which leaves the rest to that one.
func (a *Article) remove(ctx context.Context, d *articleDoc) (bool, error) {
	res, err := a.articles.DeleteOne(ctx, storage.ByID(d.ID))
	if err != nil {
		return false, fmt.Errorf("deleting article %s from %s: %w; check that the database is reachable", d.ID,
			ArticlesCollection, err)
	}
	if res.DeletedCount == 0 {
		return false, nil
	}
	return true, errors.Join(a.pull(ctx, entry{ID: d.ID, Author: d.Author}), storage.Release(ctx, a.slugs, d.Slug, d.ID))
}
