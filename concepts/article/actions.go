package article

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/legible/legible/concepts"
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
// random suffix. Its id is a UUIDv7, and its createdAt the id's time, so
// that ids sort as the list does. An empty author, title, description or
// body is a concept error.
func (a *Article) Create(ctx context.Context, in CreateIn) (SlugOut, error) {
	if in.Author == "" {
		return SlugOut{}, concepts.Errorf("author is empty; pass the id of the user who writes the article")
	}
	d := articleDoc{Author: in.Author, Title: strings.TrimSpace(in.Title), Description: strings.TrimSpace(in.Description),
		Body: in.Body}
	if err := validate(d.Title, d.Description, d.Body); err != nil {
		return SlugOut{}, err
	}
	id, err := uuid.NewV7()
	if err != nil {
		return SlugOut{}, err
	}
	d.CreatedAt = concepts.Timestamp(time.Unix(id.Time().UnixTime()))
	d.UpdatedAt = d.CreatedAt
	d.Base = slugOf(d.Title)
	err = a.store(ctx, id.String(), &d, a.articles.Insert)
	return SlugOut{Article: id.String(), Slug: d.Slug}, err
}

// validate returns a concept error naming the first of the title, the
// description and the body that is empty or blank, or longer than the
// spec allows.
func validate(title, description, body string) error {
	switch {
	case title == "":
		return concepts.Errorf("title is empty; give the article a title")
	case description == "":
		return concepts.Errorf("description is empty; describe the article in a sentence")
	case strings.TrimSpace(body) == "":
		return concepts.Errorf("body is empty; write the article's text")
	}
	return tooLong(field{"title", title, MaxTitle}, field{"description", description, MaxDescription},
		field{"body", body, MaxBody})
}

// field is a text field of an article, with the most characters it may
// have.
type field struct {
	name, value string
	most        int
}

// tooLong returns a concept error naming the first of the fields that has
// more characters than it may; nil when none has.
func tooLong(fields ...field) error {
	for _, f := range fields {
		if err := concepts.TooLong(f.name, f.value, f.most); err != nil {
			return err
		}
	}
	return nil
}

// Update changes the fields of the article that are given, trimming the
// title and the description as create does, and sets updatedAt. A title
// that makes another slug gives the article a new slug. An unknown
// article and an empty field are concept errors.
func (a *Article) Update(ctx context.Context, in UpdateIn) (SlugOut, error) {
	d, err := a.find(ctx, in.Article)
	if err != nil {
		return SlugOut{}, err
	}
	if in.Title != nil {
		d.Title = strings.TrimSpace(*in.Title)
	}
	if in.Description != nil {
		d.Description = strings.TrimSpace(*in.Description)
	}
	if in.Body != nil {
		d.Body = *in.Body
	}
	if err := validate(d.Title, d.Description, d.Body); err != nil {
		return SlugOut{}, err
	}
	d.UpdatedAt = concepts.Timestamp(concepts.Now())
	if base := slugOf(d.Title); base != d.Base { // a new slug; else keep it, suffix and all
		d.Base = base
		err = a.store(ctx, in.Article, &d, a.articles.Put)
	} else {
		err = a.articles.Put(ctx, in.Article, d)
	}
	return SlugOut{Article: in.Article, Slug: d.Slug}, err
}

// Delete deletes the article. An unknown article is a concept error.
func (a *Article) Delete(ctx context.Context, in ArticleIO) (ArticleIO, error) {
	deleted, err := a.articles.Delete(ctx, in.Article)
	if err == nil && !deleted {
		_, err = a.find(ctx, in.Article) // the concept error for an unknown article
	}
	return ArticleIO{Article: in.Article}, err
}
