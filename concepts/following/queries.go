package following

import (
	"context"

	"legible/storage"
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

// IsFollowing returns one row: whether the follower follows the followee,
// false for no follower.
func (f *Following) IsFollowing(ctx context.Context, in IsFollowingIn) ([]IsFollowingRow, error) {
	if in.Follower == nil {
		return []IsFollowingRow{{Following: false}}, nil
	}
	ok, err := storage.HasMember(ctx, f.users, *in.Follower, followeesField, in.Followee)
	if err != nil {
		return nil, err
	}
	return []IsFollowingRow{{Following: ok}}, nil
}

// Followees returns one row: the users the follower follows, in the order
// followed, [] for none.
func (f *Following) Followees(ctx context.Context, in FollowerIn) ([]FolloweesRow, error) {
	users, err := storage.Members(ctx, f.users, in.Follower, followeesField)
	if err != nil {
		return nil, err
	}
	return []FolloweesRow{{Followees: users}}, nil
}
