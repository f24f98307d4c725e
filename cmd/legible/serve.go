package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/spf13/cobra"

	"legible/concepts"
	"legible/concepts/catalog"
	"legible/concepts/requesting"
	"legible/engine/diag"
	"legible/engine/flow"
	"legible/engine/lint"
	"legible/engine/program"
	"legible/engine/report"
	"legible/engine/spec"
	"legible/server"
	"legible/storage"
)

// serveOptions are the flags of `legible serve`.
type serveOptions struct {
	specs, addr, data, log string
	dev                    bool
}

var logLevels = map[string]flow.Level{"off": flow.Off, "trace": flow.Trace, "verbose": flow.Verbose}

func newServe() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Check the app's specs, then serve it over HTTP",
		Long: `serve loads and checks the app in --specs: errors stop it, warnings are printed.
Then it opens the database, builds the app's concepts, checks them against
their specs, and serves the app until SIGINT or SIGTERM, when it lets the
requests in flight finish.

The database is an embedded MongoDB-compatible server (FerretDB, data in
--data) unless MONGODB_URI is set; MONGODB_DB names the database (default
legible). LEGIBLE_ADMIN_TOKEN opens GET /_legible/flows/ID outside --dev.`,
		Example: `  legible serve
  legible serve --specs examples/likert --addr 127.0.0.1:9090 --dev --log trace`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, ok := logLevels[o.log]; !ok {
				return usageError(fmt.Errorf("unknown --log %q (the levels are off, trace, verbose)", o.log))
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serve(ctx, o, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.specs, "specs", "specs", "folder holding the app's app.yaml, concepts/ and syncs/")
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().StringVar(&o.data, "data", "./data", "folder of the embedded database, created if missing")
	cmd.Flags().StringVar(&o.log, "log", "off", "flow logging: off, trace (each action) or verbose (also frames and firings)")
	cmd.Flags().BoolVar(&o.dev, "dev", false, "development mode: open flow traces, and add them to timeout replies")
	return cmd
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, o serveOptions, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	sp, src, err := checkedSpec(o.specs, stderr)
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, storage.Options{DataDir: o.data, URI: os.Getenv("MONGODB_URI"), DB: os.Getenv("MONGODB_DB"), Logger: log})
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("opening the database: %w", err)}
	}
	defer func() {
		if err := store.Close(context.Background()); err != nil {
			log.Error("closing the database", "error", err)
		}
	}()
	req := requesting.New()
	reg, err := registry(ctx, sp, store, req, func(diags diag.List) { _ = report.Text(stderr, diags, src) })
	if err != nil {
		return err
	}
	prog, err := program.Compile(sp, program.FromRegistry(reg))
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	eng := flow.New(prog, program.FromRegistry(reg), flow.Options{Logger: log, Level: logLevels[o.log]})
	srv := server.New(sp, eng, req, reg, server.Options{
		Dev: o.dev, AdminToken: os.Getenv("LEGIBLE_ADMIN_TOKEN"), Logger: log, Ready: store.Ping,
	})
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	log.Info("serving", "app", sp.App.Name.Name, "url", "http://"+ln.Addr().String()+sp.App.Base.Name, "embedded_db", store.Embedded(), "dev", o.dev)
	if err := srv.Serve(ctx, ln); err != nil {
		return &exitError{code: 1, err: err}
	}
	log.Info("stopped")
	return nil
}

// checkedSpec loads and checks the app, printing every diagnostic to
// stderr; errors stop the command, warnings do not.
func checkedSpec(dir string, stderr io.Writer) (*spec.Spec, report.SourceMap, error) {
	sp, res, err := lint.Dir(dir)
	if err != nil {
		return nil, nil, usageError(err)
	}
	src := report.SourceMap(res.Sources)
	if err := report.Text(stderr, res.Diags, src); err != nil {
		return nil, nil, err
	}
	if res.Diags.Count(diag.Error) > 0 {
		return nil, nil, &exitError{code: 1, err: fmt.Errorf("%s has errors; fix them first", dir)}
	}
	if sp.App == nil {
		return nil, nil, &exitError{code: 1, err: fmt.Errorf("%s has no app.yaml; write one naming the app and its concepts", dir)}
	}
	return sp, src, nil
}

// registry builds the app's concepts on the database and checks them
// against their specs, reporting mismatches with show.
func registry(ctx context.Context, sp *spec.Spec, store *storage.Store, req *requesting.Requesting, show func(diag.List)) (*concepts.Registry, error) {
	reg := concepts.NewRegistry()
	if err := reg.Register(req.Concept()); err != nil {
		return nil, err
	}
	var names []string
	for _, id := range sp.App.Concepts {
		if id.Name != "Requesting" && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	if err := catalog.Build(ctx, store.Database(), names, reg); err != nil {
		return nil, &exitError{code: 1, err: err}
	}
	diags := reg.Conformance(sp, names).Sort()
	if len(diags) > 0 {
		show(diags)
		if diags.Count(diag.Error) > 0 {
			return nil, &exitError{code: 1, err: errors.New("the Go concepts differ from their specs")}
		}
	}
	return reg, nil
}
