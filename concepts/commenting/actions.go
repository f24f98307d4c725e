package commenting

import (
	"context"
	"strings"

	"github.com/legible/legible/concepts"
)

// AddIn is the input of add.
type AddIn struct {
	Item   string `json:"item"`
	Author string `json:"author"`
	Body   string `json:"body"`
}

// CommentIO names a comment: the input of remove and _get, the success
// output of add and remove.
type CommentIO struct {
	Comment string `json:"comment"`
}

// Add stores the author's comment on the item, with the body as given,
// under the next comment id. An empty item or author, and a body that is
// empty or only blanks or has more than MaxBody characters, are concept
// errors.
func (m *Commenting) Add(ctx context.Context, in AddIn) (CommentIO, error) {
	switch {
	case in.Item == "":
		return CommentIO{}, concepts.Errorf("item is empty; pass the id of the item to comment on")
	case in.Author == "":
		return CommentIO{}, concepts.Errorf("author is empty; pass the id of the user who writes the comment")
	case strings.TrimSpace(in.Body) == "":
		return CommentIO{}, concepts.Errorf("body is empty; write the comment")
	}
	if err := concepts.TooLong("body", in.Body, MaxBody); err != nil {
		return CommentIO{}, err
	}
	id, err := m.insert(ctx, in)
	if err != nil {
		return CommentIO{}, err
	}
	return CommentIO{Comment: id}, nil
}

// Remove deletes the comment. A comment that does not exist is a concept
// error.
func (m *Commenting) Remove(ctx context.Context, in CommentIO) (CommentIO, error) {
	deleted, err := m.comments.Delete(ctx, in.Comment)
	if err == nil && !deleted {
		err = concepts.Errorf("comment %s does not exist; it may have been removed already", in.Comment)
	}
	return CommentIO{Comment: in.Comment}, err
}
