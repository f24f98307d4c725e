package favoriting

import (
	"context"
	"errors"
	"fmt"

	"github.com/legible/legible/storage"
)

// Pair is the input of favorite and unfavorite.
type Pair struct {
	User string `json:"user"`
	Item string `json:"item"`
}

// ItemIO names an item: the input of forget and _count, the output of the
// actions.
type ItemIO struct {
	Item string `json:"item"`
}

// Favorite records that the user likes the item; favoriting twice changes
// nothing. An empty user or item is a failure: the spec has no error
// outcome for it.
func (f *Favoriting) Favorite(ctx context.Context, in Pair) (ItemIO, error) {
	if in.Item == "" || in.User == "" {
		return ItemIO{}, fmt.Errorf("favoriting: the user or the item is empty; pass both ids")
	}
	doc := favoriteDoc{Item: in.Item, User: in.User}
	if err := f.favorites.Insert(ctx, storage.Key(in.Item, in.User), doc); err != nil && !errors.Is(err, storage.ErrTaken) {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, nil
}

// Unfavorite forgets that the user likes the item, if the user did.
func (f *Favoriting) Unfavorite(ctx context.Context, in Pair) (ItemIO, error) {
	if _, err := f.favorites.Delete(ctx, storage.Key(in.Item, in.User)); err != nil {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, nil
}

// Forget forgets the item: every user's favorite of it.
func (f *Favoriting) Forget(ctx context.Context, in ItemIO) (ItemIO, error) {
	docs, err := f.favorites.Find(ctx, storage.Where(storage.Eq("item", in.Item)))
	for _, d := range docs {
		if err == nil {
			_, err = f.favorites.Delete(ctx, d.ID)
		}
	}
	return ItemIO{Item: in.Item}, err
}
