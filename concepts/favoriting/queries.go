package favoriting

import (
	"context"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
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

// FavoritesIn is the input of _favorites: a user, and the page of the
// items the user likes, greatest first.
type FavoritesIn struct {
	User string `json:"user"`
	concepts.Page
}

// FavoritesRow is the row of _favorites: the items of the page, and how
// many items the user likes in all.
type FavoritesRow struct {
	Items []string `json:"items"`
	Count int64    `json:"count"`
}

// IsFavorite returns one row for each input: whether the user likes the
// item, false for no user; one read by ids answers all the inputs.
func (f *Favoriting) IsFavorite(ctx context.Context, ins []IsFavoriteIn) ([][]IsFavoriteRow, error) {
	var keys []string
	for _, in := range ins {
		if in.User != nil {
			keys = append(keys, storage.Key(in.Item, *in.User))
		}
	}
	fans, err := f.favorites.GetMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([][]IsFavoriteRow, len(ins))
	for i, in := range ins {
		fan := false
		if in.User != nil {
			_, fan = fans[storage.Key(in.Item, *in.User)]
		}
		out[i] = []IsFavoriteRow{{Favorited: fan}}
	}
	return out, nil
}

// Count returns one row for each item: how many users like it; one query
// counts them all.
func (f *Favoriting) Count(ctx context.Context, ins []ItemIO) ([][]CountRow, error) {
	items := make([]string, len(ins))
	for i, in := range ins {
		items[i] = in.Item
	}
	counts, err := storage.CountBy[string](ctx, f.favorites, "item", storage.Where(storage.In("item", items)))
	if err != nil {
		return nil, err
	}
	out := make([][]CountRow, len(ins))
	for i, in := range ins {
		out[i] = []CountRow{{Count: counts[in.Item]}}
	}
	return out, nil
}

// Favorites returns one row: a page of the items the user likes,
// greatest first, from one indexed query however many the user likes,
// and how many the user likes; [] and 0 for none.
func (f *Favoriting) Favorites(ctx context.Context, in FavoritesIn) ([]FavoritesRow, error) {
	q := storage.Query{Where: []storage.Cond{storage.Eq("user", in.User)}, Sort: []storage.Order{storage.Desc("item")}}
	docs, n, err := concepts.FindPage(ctx, f.favorites, q, in.Page)
	if err != nil {
		return nil, err
	}
	row := FavoritesRow{Items: make([]string, len(docs)), Count: n}
	for i, d := range docs {
		row.Items[i] = d.Value.Item
	}
	return []FavoritesRow{row}, nil
}
