package favoriting

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"legible/storage"
)

// The fields of the documents.
const (
	fansField  = "fans"  // the set of an item's document
	countField = "count" // the size of fansField, in an item's document
	itemsField = "items" // the set of a user's document
)

// addAttempts bounds how often addFan retries after a duplicate key that
// a concurrent first favorite of the item caused.
const addAttempts = 3

// itemDoc is an item in Favoriting.items.
type itemDoc struct {
	Item  string   `bson:"_id"`
	Fans  []string `bson:"fans"`
	Count int      `bson:"count"`
}

// addFan adds user to the fans of item and counts them, in one upsert
// that only matches while user is no fan. A duplicate key from it means
// that the item's document exists and user is a fan already, so nothing
// changes; or, on MongoDB, that a concurrent upsert created the document
// first, when trying again adds the fan.
func (f *Favoriting) addFan(ctx context.Context, item, user string) error {
	if item == "" || user == "" {
		return fmt.Errorf("favoriting: the user or the item is empty; pass both ids")
	}
	filter := bson.D{{Key: "_id", Value: item}, {Key: fansField, Value: bson.D{{Key: "$ne", Value: user}}}}
	update := bson.D{
		{Key: "$addToSet", Value: bson.D{{Key: fansField, Value: user}}},
		{Key: "$inc", Value: bson.D{{Key: countField, Value: 1}}},
	}
	for range addAttempts {
		_, err := f.items.UpdateOne(ctx, filter, update, options.UpdateOne().SetUpsert(true))
		if !storage.IsDuplicate(err) {
			return itemsError("adding a fan to", err)
		}
		if fan, err := storage.HasMember(ctx, f.items, item, fansField, user); fan || err != nil {
			return err
		}
	}
	return fmt.Errorf("adding a fan to %s: %d attempts hit a duplicate key; try again", ItemsCollection, addAttempts)
}

// removeFan removes user from the fans of item and counts them, in one
// update that only matches while user is a fan.
func (f *Favoriting) removeFan(ctx context.Context, item, user string) error {
	filter := bson.D{{Key: "_id", Value: item}, {Key: fansField, Value: user}}
	update := bson.D{
		{Key: "$pull", Value: bson.D{{Key: fansField, Value: user}}},
		{Key: "$inc", Value: bson.D{{Key: countField, Value: -1}}},
	}
	_, err := f.items.UpdateOne(ctx, filter, update)
	return itemsError("removing a fan from", err)
}

// forgetItem deletes the document of item, then removes item from the
// favorites of every user, looking them up by the favorite (a scan on
// FerretDB; forgetting is rare).
func (f *Favoriting) forgetItem(ctx context.Context, item string) error {
	if _, err := f.items.DeleteOne(ctx, storage.ByID(item)); err != nil {
		return itemsError("deleting", err)
	}
	filter := bson.D{{Key: itemsField, Value: item}}
	_, err := f.users.UpdateMany(ctx, filter, bson.D{{Key: "$pull", Value: filter}})
	if err != nil {
		return fmt.Errorf("removing the favorite %s from the users of %s: %w; check that the database is reachable, "+
			"then forget the item again", item, UsersCollection, err)
	}
	return nil
}

// item returns the document of item, or a zero one when there is none.
func (f *Favoriting) item(ctx context.Context, item string) (itemDoc, error) {
	var d itemDoc
	_, err := storage.FindByID(ctx, f.items, item, &d)
	return d, err
}

// itemsError wraps err, an error of doing what to an item's document, or
// returns nil.
func itemsError(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s an item of %s: %w; check that the database is reachable", what, ItemsCollection, err)
}
