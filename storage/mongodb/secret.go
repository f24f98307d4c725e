package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readconcern"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"

	"github.com/legible/legible/storage/backend"
)

// secretsCollection holds the secrets a database keeps for its app, one
// document per secret: its name as the _id, and the secret as binary
// data in the field value.
const secretsCollection = "_legible.secrets"

// secretDoc is a document of secretsCollection.
type secretDoc struct {
	Name  string `bson:"_id"`
	Value []byte `bson:"value"`
}

// KeepSecret returns the secret of the name kept in the collection
// _legible.secrets, first inserting fresh when there is none. The insert
// is by _id, so of the servers that race on one database the first one
// stores its secret and the others read it: replicas share one secret.
// It writes and reads with majority concern, on the primary: a secret
// that a failover could roll back, or that a replica read from a
// secondary that lags, would sign tokens that others do not verify.
func (b *Backend) KeepSecret(ctx context.Context, name string, fresh []byte) (backend.Secret, error) {
	coll := b.db.Collection(secretsCollection, options.Collection().SetWriteConcern(writeconcern.Majority()).
		SetReadConcern(readconcern.Majority()).SetReadPreference(readpref.Primary()))
	where := fmt.Sprintf("the collection %s of MongoDB database %s", secretsCollection, b.db.Name())
	_, err := coll.InsertOne(ctx, secretDoc{Name: name, Value: fresh})
	created := err == nil
	if err != nil && !isDuplicate(err) {
		return backend.Secret{}, fmt.Errorf("keeping the secret %s in %s: %w; check that the user of MONGODB_URI may write there", name, where, err)
	}
	var doc secretDoc
	if err := coll.FindOne(ctx, bson.D{{Key: idField, Value: name}}).Decode(&doc); err != nil {
		return backend.Secret{}, fmt.Errorf("reading the secret %s from %s: %w", name, where, err)
	}
	if len(doc.Value) != len(fresh) {
		return backend.Secret{}, fmt.Errorf("the secret %s in %s holds %d bytes, not the %d of a secret legible made: "+
			"delete that document ({_id: %q}) to have a new secret made (what the old one signed stops verifying)",
			name, where, len(doc.Value), len(fresh), name)
	}
	return backend.Secret{Value: doc.Value, Where: where, Created: created}, nil
}
