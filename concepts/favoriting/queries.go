package favoriting

import (
	"context"

	"legible/storage"
)

// IsFavoriteIn is the input of _isFavorite; a nil User is an anonymous
// reader.
type IsFavoriteIn struct {
	User *string `json:"user"`
	Item string  `json:"item"`
}

// IsFavoriteRow is the row of _isFavorite.
type IsFavoriteRow struct {
	Favorited bool `json:"favorited"`
}

// CountRow is the row of _count.
type CountRow struct {
	Count int `json:"count"`
}

// UserIn is the input of _favorites.
type UserIn struct {
	User string `json:"user"`
}

// FavoritesRow is the row of _favorites.
type FavoritesRow struct {
	Items []string `json:"items"`
}

// IsFavorite returns one row: whether the user is a fan of the item,
// false for no user.
func (f *Favoriting) IsFavorite(ctx context.Context, in IsFavoriteIn) ([]IsFavoriteRow, error) {
	if in.User == nil {
		return []IsFavoriteRow{{Favorited: false}}, nil
	}
	fan, err := storage.HasMember(ctx, f.items, in.Item, fansField, *in.User)
	if err != nil {
		return nil, err
	}
	return []IsFavoriteRow{{Favorited: fan}}, nil
}

// Count returns one row: how many users are fans of the item.
func (f *Favoriting) Count(ctx context.Context, in ItemIO) ([]CountRow, error) {
	d, err := f.item(ctx, in.Item)
	if err != nil {
		return nil, err
	}
	return []CountRow{{Count: d.Count}}, nil
}

// Favorites returns one row: the items the user favorited, in the order
// favorited, [] for none.
func (f *Favoriting) Favorites(ctx context.Context, in UserIn) ([]FavoritesRow, error) {
	items, err := storage.Members(ctx, f.users, in.User, itemsField)
	if err != nil {
		return nil, err
	}
	return []FavoritesRow{{Items: items}}, nil
}
