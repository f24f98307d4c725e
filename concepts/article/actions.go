package article

import (
	"context"
	"errors"
	"strings"

	"github.com/google/uuid"
	"go.mongodb.org/mongo-driver/v2/bson"

	"legible/concepts"
	"legible/storage"
)

// CreateIn is the input of create.
type CreateIn struct {
	Author      string `json:"author"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Body        string `json:"body"`
}

// UpdateIn is the input of update; a nil Title, Description or Body is
// left as it is.
type UpdateIn struct {
	Article     string  `json:"article"`
	Title       *string `json:"title"`
	Description *string `json:"description"`
	Body        *string `json:"body"`
}

// SlugOut is the success output of create and update.
type SlugOut struct {
	Article string `json:"article"`
	Slug    string `json:"slug"`
}

// ArticleIO names an article: the input of delete and _get, the success
// output of delete.
type ArticleIO struct {
	Article string `json:"article"`
}

// Create publishes an article by the author with the title and the
// description, both trimmed, and the body, under the slug the title makes
// (slugOf), or, when another article has that slug, the slug with a
// random suffix, and appends it to the timeline. An empty author, title,
// description or body is a concept error.
func (a *Article) Create(ctx context.Context, in CreateIn) (SlugOut, error) {
	if in.Author == "" {
		return SlugOut{}, concepts.Errorf("author is empty; pass the id of the user who writes the article")
	}
	t := concepts.Now()
	d := articleDoc{ID: uuid.NewString(), Author: in.Author, Title: strings.TrimSpace(in.Title),
		Description: strings.TrimSpace(in.Description), Body: in.Body, CreatedAt: t, UpdatedAt: t}
	if err := validate(d.Title, d.Description, d.Body); err != nil {
		return SlugOut{}, err
	}
	d.Base = slugOf(d.Title)
	slug, err := freeSlug(d.Base, func(slug string) error {
		d.Slug = slug
		return a.insert(ctx, d)
	})
	if err == nil {
		err = a.addToTimeline(ctx, &d)
	}
	return SlugOut{Article: d.ID, Slug: slug}, err
}

// addToTimeline appends the article d, just inserted, to the timeline;
// when that fails, it deletes d again, so that a failed create leaves no
// article that _list would not show. The undoing runs even when ctx is
// cancelled already (storage.Undoing).
func (a *Article) addToTimeline(ctx context.Context, d *articleDoc) error {
	err := a.push(ctx, entry{ID: d.ID, Author: d.Author})
	if err == nil {
		return nil
	}
	ctx, cancel := storage.Undoing(ctx)
	defer cancel()
	_, undo := a.remove(ctx, d)
	return errors.Join(err, undo)
}

// validate returns a concept error naming the first of the title, the
// description and the body that is empty or blank.
func validate(title, description, body string) error {
	switch {
	case title == "":
		return concepts.Errorf("title is empty; give the article a title")
	case description == "":
		return concepts.Errorf("description is empty; describe the article in a sentence")
	case strings.TrimSpace(body) == "":
		return concepts.Errorf("body is empty; write the article's text")
	}
	return nil
}

// Update changes the fields of the article that are given, trimming the
// title and the description as create does, and sets updatedAt. A title
// that makes another slug gives the article a new slug, claimed before the
// article changes; the old one is released after. An unknown article and
// an empty field are concept errors.
func (a *Article) Update(ctx context.Context, in UpdateIn) (SlugOut, error) {
	fields, err := changes(in)
	if err != nil {
		return SlugOut{}, err
	}
	d, err := a.find(ctx, in.Article)
	switch {
	case err != nil:
		return SlugOut{}, err
	case d == nil:
		return SlugOut{}, unknown(in.Article)
	}
	base := d.Base
	if in.Title != nil {
		base = slugOf(strings.TrimSpace(*in.Title))
	}
	if base == d.Base { // the same slug: keep it, suffix and all
		return SlugOut{Article: d.ID, Slug: d.Slug}, a.set(ctx, d, d.Slug, base, fields)
	}
	slug, err := freeSlug(base, func(slug string) error {
		write := func() error { return a.set(ctx, d, slug, base, fields) }
		return storage.Reclaim(ctx, a.slugs, d.Slug, slug, d.ID, write)
	})
	return SlugOut{Article: d.ID, Slug: slug}, err
}

// changes checks update's inputs; it returns the fields to set, updatedAt
// among them.
func changes(in UpdateIn) (bson.D, error) {
	title, description, body := "-", "-", "-" // what is not given passes validate
	fields := bson.D{{Key: fieldUpdatedAt, Value: concepts.Now()}}
	if in.Title != nil {
		title = strings.TrimSpace(*in.Title)
		fields = append(fields, bson.E{Key: fieldTitle, Value: title})
	}
	if in.Description != nil {
		description = strings.TrimSpace(*in.Description)
		fields = append(fields, bson.E{Key: fieldDescription, Value: description})
	}
	if in.Body != nil {
		body = *in.Body
		fields = append(fields, bson.E{Key: fieldBody, Value: body})
	}
	return fields, validate(title, description, body)
}

// unknown is the concept error for an article id that names no article.
func unknown(id string) error {
	return concepts.Errorf("no article has the id %q; check the id, or find the article by its slug", id)
}

// Delete deletes the article and releases its slug. An unknown article is
// a concept error.
func (a *Article) Delete(ctx context.Context, in ArticleIO) (ArticleIO, error) {
	d, err := a.find(ctx, in.Article)
	if err != nil {
		return ArticleIO{}, err
	}
	deleted := false
	if d != nil {
		deleted, err = a.remove(ctx, d)
	}
	if !deleted && err == nil {
		err = unknown(in.Article)
	}
	return ArticleIO{Article: in.Article}, err
}
