package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/legible/legible/engine/flow"
	"github.com/legible/legible/pipeline"
	"github.com/legible/legible/server"
	"github.com/legible/legible/storage/mongodb"
)

// serveOptions are the flags of `legible serve`.
type serveOptions struct {
	specs, addr, data, log string
	dev                    bool
	limits                 server.Limits
}

var logLevels = map[string]flow.Level{"off": flow.Off, "trace": flow.Trace, "verbose": flow.Verbose}

func newServe(env *pipeline.Env) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Check the app's specs, then serve it over HTTP",
		Long: `serve loads and checks the app in --specs: errors stop it, warnings are printed.
Then it opens the database, builds the app's concepts, checks them against
their specs, and serves the app until SIGINT or SIGTERM, when it lets the
requests in flight finish.

The database is the embedded store, one SQLite file in --data, unless
DATABASE_URL or MONGODB_URI is set (not both). DATABASE_URL is a
PostgreSQL database, postgres://USER:PASSWORD@HOST:PORT/DATABASE: each
flow's writes are a SERIALIZABLE transaction there, run again when it
conflicts with a concurrent one, and several servers may share it.
MONGODB_DB names the MongoDB database of MONGODB_URI (default legible).
Each flow is a transaction: its reply goes out once its writes are
committed, and a flow that fails or times out changes nothing. A MongoDB
without transactions (a standalone server) cannot promise that: serve
refuses it unless LEGIBLE_MONGODB_NO_TRANSACTIONS=accept accepts the
risks the README lists. The start-up log names the database, without its
password. --dev serves the console at /_legible/: the flows live, their
trees, why syncs did not fire, the app's map and its state;
LEGIBLE_ADMIN_TOKEN opens it, and GET /_legible/flows/ID, outside --dev.
The Tokens concept signs with LEGIBLE_TOKEN_SECRET. Without it, serve
generates a random secret at the first start and keeps it: in --data as
tokens.secret (mode 0600), or in the database (the table _legible_secrets
of PostgreSQL, the collection _legible.secrets of MongoDB), which replicas
share. The start-up log says which; a secret file that others may read
stops the start.`,
		Example: `  legible serve
  legible serve --specs examples/likert --addr 127.0.0.1:9090 --dev --log trace`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, ok := logLevels[o.log]; !ok {
				return usageError(fmt.Errorf("unknown --log %q (the levels are off, trace, verbose)", o.log))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serve(ctx, env, o, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.specs, "specs", "specs", "folder holding the app's app.yaml, concepts/ and syncs/")
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&o.data, "data", "./data", "folder of the embedded store, created if missing")
	cmd.Flags().StringVar(&o.log, "log", "off", "flow logging: off, trace (each action) or verbose (also frames and firings)")
	cmd.Flags().BoolVar(&o.dev, "dev", false, "development mode: reload the specs when they change, open flow traces and the console (/_legible/), and add traces to timeout replies")
	cmd.Flags().IntVar(&o.limits.MaxConns, "max-conns", server.DefaultMaxConns, "open connections at most; at the cap a new client replaces the keep-alive connection idle the longest")
	cmd.Flags().DurationVar(&o.limits.IdleTimeout, "idle-timeout", server.DefaultIdleTimeout, "close a keep-alive connection idle this long")
	cmd.Flags().IntVar(&o.limits.MaxHeaderBytes, "max-header-bytes", server.DefaultMaxHeaderBytes, "largest request header; a larger one gets 431")
	return cmd
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, env *pipeline.Env, o serveOptions, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	loose, err := pipeline.NoTransactions(os.Getenv(mongodb.NoTransactionsEnv))
	if err != nil {
		return usageError(err)
	}
	app, err := env.Open(ctx, pipeline.ServeOptions{
		Dir: o.specs, DB: pipeline.DBOptions{Data: o.data, MongoURI: os.Getenv("MONGODB_URI"), MongoDB: os.Getenv("MONGODB_DB"),
			MongoNoTransactions: loose, PostgresURL: os.Getenv("DATABASE_URL")},
		AdminToken: os.Getenv("LEGIBLE_ADMIN_TOKEN"), Dev: o.dev, Level: logLevels[o.log], Logger: log, Stderr: stderr, Limits: o.limits,
	})
	if err != nil {
		return exitCode(err)
	}
	defer func() {
		if err := app.Close(); err != nil {
			log.Error("closing the database", "error", err)
		}
	}()
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("%w; choose another --addr, or stop what listens there", err)}
	}
	if err := app.Serve(ctx, ln); err != nil {
		return &exitError{code: 1, err: err}
	}
	return nil
}

// exitCode gives an error of the pipeline its exit code: 2 for specs
// that cannot be read, as for bad usage, and 1 for the rest.
func exitCode(err error) error {
	if _, ok := errors.AsType[*pipeline.UnreadableError](err); ok {
		return usageError(err)
	}
	return &exitError{code: 1, err: err}
}
