package following

import (
	"context"
	"errors"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
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
// is following, since when it first began. An empty follower or followee,
// and following oneself, are concept errors.
func (f *Following) Follow(ctx context.Context, in Pair) (FolloweeOut, error) {
	switch {
	case in.Follower == "":
		return FolloweeOut{}, concepts.Errorf("follower is empty; pass the id of the user who follows")
	case in.Followee == "":
		return FolloweeOut{}, concepts.Errorf("followee is empty; pass the id of the user to follow")
	case in.Follower == in.Followee:
		return FolloweeOut{}, concepts.Errorf("you cannot follow yourself; choose another user to follow")
	}
	doc := followDoc{Follower: in.Follower, Followee: in.Followee, At: concepts.Instant()}
	if err := f.follows.Insert(ctx, storage.Key(in.Follower, in.Followee), doc); err != nil && !errors.Is(err, storage.ErrTaken) {
		return FolloweeOut{}, err
	}
	return FolloweeOut{Followee: in.Followee}, nil
}

// Unfollow removes the followee from the follower's followees, if there.
func (f *Following) Unfollow(ctx context.Context, in Pair) (FolloweeOut, error) {
	if _, err := f.follows.Delete(ctx, storage.Key(in.Follower, in.Followee)); err != nil {
		return FolloweeOut{}, err
	}
	return FolloweeOut{Followee: in.Followee}, nil
}
