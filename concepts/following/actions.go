package following

import (
	"context"

	"legible/concepts"
	"legible/storage"
)

// Pair is the input of follow and unfollow.
type Pair struct {
	Follower string `json:"follower"`
	Followee string `json:"followee"`
}

// FolloweeOut is the success output of follow and unfollow.
type FolloweeOut struct {
	Followee string `json:"followee"`
}

// Follow adds the followee to the follower's followees; following twice
// is following. An empty follower or followee, and following oneself, are
// concept errors.
func (f *Following) Follow(ctx context.Context, in Pair) (FolloweeOut, error) {
	switch {
	case in.Follower == "":
		return FolloweeOut{}, concepts.Errorf("follower is empty; pass the id of the user who follows")
	case in.Followee == "":
		return FolloweeOut{}, concepts.Errorf("followee is empty; pass the id of the user to follow")
	case in.Follower == in.Followee:
		return FolloweeOut{}, concepts.Errorf("you cannot follow yourself; choose another user to follow")
	}
	if err := storage.AddToSet(ctx, f.users, in.Follower, followeesField, in.Followee); err != nil {
		return FolloweeOut{}, err
	}
	return FolloweeOut{Followee: in.Followee}, nil
}

// Unfollow removes the followee from the follower's followees, if there.
func (f *Following) Unfollow(ctx context.Context, in Pair) (FolloweeOut, error) {
	if err := storage.Pull(ctx, f.users, in.Follower, followeesField, in.Followee); err != nil {
		return FolloweeOut{}, err
	}
	return FolloweeOut{Followee: in.Followee}, nil
}
