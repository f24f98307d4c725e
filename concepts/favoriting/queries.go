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
	Count int64 `json:"count"`
}

// UserIn is the input of _favorites.
type UserIn struct {
	User string `json:"user"`
}

// FavoritesRow is the row of _favorites.
type FavoritesRow struct {
	Items []string `json:"items"`
}

// IsFavorite returns one row: whether the user likes the item, false for
// no user.
func (f *Favoriting) IsFavorite(ctx context.Context, in IsFavoriteIn) ([]IsFavoriteRow, error) {
	if in.User == nil {
		return []IsFavoriteRow{{Favorited: false}}, nil
	}
	_, fan, err := f.favorites.Get(ctx, storage.Key(in.Item, *in.User))
	if err != nil {
		return nil, err
	}
	return []IsFavoriteRow{{Favorited: fan}}, nil
}

// Count returns one row: how many users like the item.
func (f *Favoriting) Count(ctx context.Context, in ItemIO) ([]CountRow, error) {
	n, err := f.favorites.Count(ctx, storage.Where(storage.Eq("item", in.Item)))
	if err != nil {
		return nil, err
	}
	return []CountRow{{Count: n}}, nil
}

// Favorites returns one row: the items the user likes, in the order
// favorited, [] for none.
func (f *Favoriting) Favorites(ctx context.Context, in UserIn) ([]FavoritesRow, error) {
	docs, err := f.favorites.Find(ctx, storage.Query{Where: []storage.Cond{storage.Eq("user", in.User)},
		Sort: []storage.Order{storage.Asc("at")}})
	if err != nil {
		return nil, err
	}
	items := make([]string, len(docs))
	for i, d := range docs {
		items[i] = d.Value.Item
	}
	return []FavoritesRow{{Items: items}}, nil
}
