package storage

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The functions below keep sets of strings in set documents: documents of
// the form {_id: id, <field>: [members…]}, such as a user's followees.
// Each change is one update by `_id` with $addToSet or $pullAll, so that
// concurrent changes never lose members and a member is held once.

// AddToSet adds members to the set field of coll's document id in one
// upsert, creating the document when there is none; a member held already
// stays held once. An empty id is an error, since FindByID could not find
// the document it would make.
func AddToSet(ctx context.Context, coll *mongo.Collection, id, field string, members ...string) error {
	if id == "" {
		return fmt.Errorf("adding to the %s of a document of %s: the id is empty; pass the id of the document "+
			"that holds the set", field, coll.Name())
	}
	if len(members) == 0 {
		return nil
	}
	update := bson.D{{Key: "$addToSet", Value: bson.D{{Key: field, Value: bson.D{{Key: "$each", Value: members}}}}}}
	upsert := options.UpdateOne().SetUpsert(true)
	_, err := coll.UpdateOne(ctx, ByID(id), update, upsert)
	if IsDuplicate(err) { // a concurrent upsert made the document first; now the update finds it
		_, err = coll.UpdateOne(ctx, ByID(id), update, upsert)
	}
	return setError("adding to", field, coll, err)
}

// Pull removes members from the set field of coll's document id, in one
// update; members it does not hold, and a missing document, are no error.
// The document stays, if with an empty set: see DropIfEmpty.
func Pull(ctx context.Context, coll *mongo.Collection, id, field string, members ...string) error {
	if id == "" || len(members) == 0 {
		return nil
	}
	update := bson.D{{Key: "$pullAll", Value: bson.D{{Key: field, Value: members}}}}
	_, err := coll.UpdateOne(ctx, ByID(id), update)
	return setError("removing from", field, coll, err)
}

// DropIfEmpty deletes coll's document id when its set field is empty, in
// one conditional delete, so that a member added meanwhile keeps it.
func DropIfEmpty(ctx context.Context, coll *mongo.Collection, id, field string) error {
	if id == "" {
		return nil
	}
	filter := bson.D{{Key: "_id", Value: id}, {Key: field, Value: bson.D{{Key: "$size", Value: 0}}}}
	_, err := coll.DeleteOne(ctx, filter)
	return setError("deleting an empty", field, coll, err)
}

// HasMember reports whether the set field of coll's document id holds
// member; an empty id holds nothing, without asking the database.
func HasMember(ctx context.Context, coll *mongo.Collection, id, field, member string) (bool, error) {
	if id == "" {
		return false, nil
	}
	filter := bson.D{{Key: "_id", Value: id}, {Key: field, Value: member}}
	err := coll.FindOne(ctx, filter, options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return false, nil
	}
	return false, setError("reading", field, coll, err)
}

// Members returns the set field of coll's document id, in the order the
// members were added: an empty, non-nil slice when there is no such
// document or field. A member that is not a string is an error.
func Members(ctx context.Context, coll *mongo.Collection, id, field string) ([]string, error) {
	var doc bson.Raw
	found, err := FindByID(ctx, coll, id, &doc)
	if !found || err != nil {
		return []string{}, err
	}
	return stringsOf(doc, field, coll)
}

// stringsOf returns the strings of the array field of doc, a document of
// coll: none when the field is missing.
func stringsOf(doc bson.Raw, field string, coll *mongo.Collection) ([]string, error) {
	members := []string{}
	v, err := doc.LookupErr(field)
	if err != nil {
		return members, nil
	}
	arr, ok := v.ArrayOK()
	values, err := arr.Values()
	if !ok || err != nil {
		return nil, fmt.Errorf("reading the %s of %s in %s: it is not an array; store it with AddToSet", field,
			doc.Lookup("_id"), coll.Name())
	}
	for _, m := range values {
		s, ok := m.StringValueOK()
		if !ok {
			return nil, fmt.Errorf("reading the %s of %s in %s: a member is a %s, not a string; store members with "+
				"AddToSet", field, doc.Lookup("_id"), coll.Name(), m.Type)
		}
		members = append(members, s)
	}
	return members, nil
}

// setError wraps err, an error of doing what to the set field of a
// document of coll, or returns nil.
func setError(what, field string, coll *mongo.Collection, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s the %s of a document of %s: %w; check that the database is reachable", what, field,
		coll.Name(), err)
}
