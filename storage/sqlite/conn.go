package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// conn is one connection to the file, with the statements prepared on it
// by their SQL.
type conn struct {
	c     *sql.Conn
	stmts map[string]*sql.Stmt
}

// newConn takes a connection of db for good.
func newConn(ctx context.Context, db *sql.DB) (*conn, error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &conn{c: c, stmts: map[string]*sql.Stmt{}}, nil
}

// stmt returns the statement of query, prepared on c once.
func (c *conn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := c.stmts[query]; ok {
		return s, nil
	}
	s, err := c.c.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = s
	return s, nil
}

// exec runs a statement that returns no rows.
func (c *conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// query runs a statement that returns rows.
func (c *conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// close closes the statements and the connection.
func (c *conn) close() error {
	errs := make([]error, 0, len(c.stmts)+1)
	for _, s := range c.stmts {
		errs = append(errs, s.Close())
	}
	return errors.Join(append(errs, c.c.Close())...)
}

// pool holds the read connections: up to size, opened as needed.
type pool struct {
	db   *sql.DB
	free chan *conn
	size int

	mu     sync.Mutex
	opened int
	all    []*conn
}

// get takes a free connection, opening one while fewer than size are
// open, or waits for one until ctx is done.
func (p *pool) get(ctx context.Context) (*conn, error) {
	select {
	case c := <-p.free:
		return c, nil
	default:
	}
	if c, err := p.open(ctx); c != nil || err != nil {
		return c, err
	}
	select {
	case c := <-p.free:
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// open opens a connection if fewer than size are; else it returns nil.
func (p *pool) open(ctx context.Context) (*conn, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.opened == p.size {
		return nil, nil
	}
	c, err := newConn(ctx, p.db)
	if err != nil {
		return nil, err
	}
	p.opened++
	p.all = append(p.all, c)
	return c, nil
}

// replace forgets a connection that was closed, so that another may be
// opened instead.
func (p *pool) replace(c *conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.opened--
	for i, x := range p.all {
		if x == c {
			p.all = append(p.all[:i], p.all[i+1:]...)
			break
		}
	}
}

// put gives a connection back.
func (p *pool) put(c *conn) { p.free <- c }

// close closes every connection; none may be in use.
func (p *pool) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var errs []error
	for _, c := range p.all {
		errs = append(errs, c.close())
	}
	p.all, p.opened = nil, 0
	return errors.Join(errs...)
}
