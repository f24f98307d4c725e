package following

import (
	"context"

	"github.com/legible/legible/storage"
)

// IsFollowingIn is the input of _isFollowing; a nil Follower is an
// anonymous reader.
type IsFollowingIn struct {
	Follower *string `json:"follower"`
	Followee string  `json:"followee"`
}

// IsFollowingRow is the row of _isFollowing.
type IsFollowingRow struct {
	Following bool `json:"following"`
}

// FollowerIn is the input of _followees.
type FollowerIn struct {
	Follower string `json:"follower"`
}

// FolloweesRow is the row of _followees.
type FolloweesRow struct {
	Followees []string `json:"followees"`
}

// IsFollowing returns one row for each input: whether the follower follows
// the followee, false for no follower; one read by ids answers all the
// inputs.
func (f *Following) IsFollowing(ctx context.Context, ins []IsFollowingIn) ([][]IsFollowingRow, error) {
	var keys []string
	for _, in := range ins {
		if in.Follower != nil {
			keys = append(keys, storage.Key(*in.Follower, in.Followee))
		}
	}
	follows, err := f.follows.GetMany(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([][]IsFollowingRow, len(ins))
	for i, in := range ins {
		ok := false
		if in.Follower != nil {
			_, ok = follows[storage.Key(*in.Follower, in.Followee)]
		}
		out[i] = []IsFollowingRow{{Following: ok}}
	}
	return out, nil
}

// Followees returns one row: the users the follower follows, in the order
// followed, [] for none.
func (f *Following) Followees(ctx context.Context, in FollowerIn) ([]FolloweesRow, error) {
	docs, err := f.follows.Find(ctx, storage.Query{Where: []storage.Cond{storage.Eq("follower", in.Follower)},
		Sort: []storage.Order{storage.Asc("at")}})
	if err != nil {
		return nil, err
	}
	users := make([]string, len(docs))
	for i, d := range docs {
		users[i] = d.Value.Followee
	}
	return []FolloweesRow{{Followees: users}}, nil
}
