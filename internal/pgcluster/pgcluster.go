// Package pgcluster starts a throwaway PostgreSQL cluster: initdb in a
// temporary folder, and a postgres process that serves it on a Unix socket
// in that folder only, as an unprivileged user when this process is root
// (initdb and postgres refuse to run as root), with durability turned off
// for speed. Stop removes it all. The tests (storagetest/pgtest) and the
// load tests (conduitbench) run on one when no DATABASE_URL is given.
package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/legible/legible/internal/syncbuf"
)

// Package is the Debian package that holds PostgreSQL's server, initdb
// and postgres.
const Package = "postgresql"

// Cluster is a throwaway PostgreSQL cluster: a data folder made by initdb
// in a temporary folder, served by a postgres process on a Unix socket in
// that folder only.
type Cluster struct {
	// URL is the connection string of the database postgres, as the
	// superuser postgres, whom the cluster trusts.
	URL string
	dir string // the temporary folder: the socket, and data/ below it
	cmd *exec.Cmd
	log *syncbuf.Buffer
}

// socketPort names the cluster's socket, .s.PGSQL.5432: it listens on no
// TCP port, so no other server's port is in the way.
const socketPort = "5432"

// BinDir returns the folder of initdb and postgres: the one of initdb on
// the PATH, or else the newest of Debian's /usr/lib/postgresql/*/bin. Its
// error says which package to install.
func BinDir() (string, error) {
	if path, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(path), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	return "", fmt.Errorf("initdb is neither on the PATH nor in /usr/lib/postgresql/*/bin: install the Debian package %s "+
		"(apt-get install -y %s), or set DATABASE_URL to a PostgreSQL server to use instead", Package, Package)
}

// Start makes a cluster in a new temporary folder and starts its server,
// as an unprivileged user when this process is root, and waits until it
// answers. Stop it when done.
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	cred, err := unprivileged()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "legible-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, log: &syncbuf.Buffer{}}
	if err := c.start(ctx, bin, cred); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// start runs initdb in c.dir and starts postgres on it, then waits until
// it answers.
func (c *Cluster) start(ctx context.Context, bin string, cred *syscall.Credential) error {
	if cred != nil {
		if err := os.Chown(c.dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return err
		}
	}
	data := filepath.Join(c.dir, "data")
	initdb := c.command(cred, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync",
		"--encoding=UTF8", "--locale=C")
	if err := initdb.Run(); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, c.log)
	}
	c.cmd = c.command(cred, filepath.Join(bin, "postgres"), "-D", data, "-k", c.dir, "-p", socketPort,
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=500")
	c.cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL // no server outlives a killed test binary
	if err := c.cmd.Start(); err != nil {
		return fmt.Errorf("starting postgres: %w", err)
	}
	c.URL = "postgres://postgres@/postgres?host=" + c.dir + "&port=" + socketPort
	return c.waitReady(ctx)
}

// command is the command of the program with args, run as cred (nil: as
// this process's user), its output going to c's log.
func (c *Cluster) command(cred *syscall.Credential, program string, args ...string) *exec.Cmd {
	cmd := exec.Command(program, args...)
	cmd.Dir = c.dir
	cmd.Stdout, cmd.Stderr = c.log, c.log
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	return cmd
}

// waitReady waits until the server takes a connection, for 30 s at most.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, c.URL)
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("postgres did not answer within 30s: %w\n%s", err, c.log)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop stops the server (a fast shutdown, or a kill after 10 s) and
// removes the cluster's folder.
func (c *Cluster) Stop() {
	if c.cmd != nil && c.cmd.Process != nil {
		done := make(chan struct{})
		go func() { _ = c.cmd.Wait(); close(done) }()
		_ = c.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = c.cmd.Process.Kill()
			<-done
		}
	}
	_ = os.RemoveAll(c.dir)
}

// unprivilegedUser is the user the cluster runs as when the tests run as
// root.
const unprivilegedUser = "nobody"

// unprivileged returns the credential of unprivilegedUser when this
// process is root, and nil otherwise.
func unprivileged() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(unprivilegedUser)
	if err != nil {
		return nil, fmt.Errorf("initdb and postgres refuse to run as root, and the user %s to run them as is missing: %w",
			unprivilegedUser, err)
	}
	uid, uerr := strconv.ParseUint(u.Uid, 10, 32)
	gid, gerr := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(uerr, gerr); err != nil {
		return nil, fmt.Errorf("the user %s: %w", unprivilegedUser, err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
}

// SearchPath returns the connection string dbURL (a postgres:// URL) with
// its search_path set to the schema, so that what legible makes on it
// goes in that schema.
func SearchPath(dbURL, schema string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", fmt.Errorf("%w; write the URL as postgres://USER:PASSWORD@HOST:PORT/DATABASE", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
