package storage

import (
	"context"
	"net/url"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// connect opens a client on uri and pings it. A positive pool caps the
// client's connections; 0 keeps the driver's default.
func connect(ctx context.Context, uri string, pool uint64) (*mongo.Client, error) {
	opts := options.Client().ApplyURI(uri)
	if pool > 0 {
		opts.SetMaxPoolSize(pool)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, err
	}
	if err := client.Ping(ctx, nil); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	return client, nil
}

// redact hides the password in a connection string, for error messages.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(unparsable URI)"
	}
	return u.Redacted()
}
