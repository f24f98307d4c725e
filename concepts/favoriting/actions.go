package favoriting

import (
	"context"

	"legible/storage"
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

// Favorite adds the user to the item's fans, counting them, and the item
// to the user's favorites; favoriting twice changes nothing, except that
// it repairs a favorite whose second write failed. An empty user or item
// is a failure: the spec has no error outcome for it.
func (f *Favoriting) Favorite(ctx context.Context, in Pair) (ItemIO, error) {
	if err := f.addFan(ctx, in.Item, in.User); err != nil {
		return ItemIO{}, err
	}
	if err := storage.AddToSet(ctx, f.users, in.User, itemsField, in.Item); err != nil {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, nil
}

// Unfavorite removes the user from the item's fans, counting them, and
// the item from the user's favorites, if there; unfavoriting again
// repairs an unfavorite whose second write failed.
func (f *Favoriting) Unfavorite(ctx context.Context, in Pair) (ItemIO, error) {
	if err := f.removeFan(ctx, in.Item, in.User); err != nil {
		return ItemIO{}, err
	}
	if err := storage.Pull(ctx, f.users, in.User, itemsField, in.Item); err != nil {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, nil
}

// Forget forgets the item: its fans and count, and every user's favorite
// of it.
func (f *Favoriting) Forget(ctx context.Context, in ItemIO) (ItemIO, error) {
	if err := f.forgetItem(ctx, in.Item); err != nil {
		return ItemIO{}, err
	}
	return ItemIO{Item: in.Item}, nil
}
