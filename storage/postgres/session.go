package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// session is a transaction on a connection of a pool. Its BEGIN goes out
// with its first statement, in one round trip, and it ends with a
// ROLLBACK or a COMMIT, after which the connection goes back.
type session struct {
	conn  *pgxpool.Conn
	begin string // the BEGIN to send with the first statement; "" once sent
	open  bool   // the BEGIN went out: the transaction is to be ended
}

// newSession takes a connection of the pool, waiting for one until ctx is
// done, for a transaction that begin begins.
func newSession(ctx context.Context, pool *pgxpool.Pool, begin string) (*session, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	return &session{conn: conn, begin: begin}, nil
}

// query runs a statement that returns rows, after the BEGIN if it has
// not gone out.
func (s *session) query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if s.begin == "" {
		return s.conn.Query(ctx, sql, args...)
	}
	br := s.first(ctx, sql, args)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return nil, err
	}
	return batchRows{Rows: rows, br: br}, nil
}

// exec runs a statement that returns no rows, after the BEGIN if it has
// not gone out.
func (s *session) exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if s.begin == "" {
		return s.conn.Exec(ctx, sql, args...)
	}
	br := s.first(ctx, sql, args)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return pgconn.CommandTag{}, err
	}
	return br.Exec()
}

// scan runs a statement that returns one row, after the BEGIN if it has
// not gone out, and scans the row into dest: pgx.ErrNoRows when there is
// none.
func (s *session) scan(ctx context.Context, sql string, args []any, dest ...any) error {
	rows, err := s.query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

// batch sends the statements of b, after the BEGIN if it has not gone
// out, and returns the first error.
func (s *session) batch(ctx context.Context, b *pgx.Batch) error {
	if s.begin != "" {
		b.QueuedQueries = append([]*pgx.QueuedQuery{{SQL: s.begin}}, b.QueuedQueries...)
		s.begin, s.open = "", true
	}
	return s.conn.SendBatch(ctx, b).Close()
}

// first sends the BEGIN and the first statement in one batch.
func (s *session) first(ctx context.Context, sql string, args []any) pgx.BatchResults {
	b := &pgx.Batch{}
	b.Queue(s.begin)
	b.Queue(sql, args...)
	s.begin, s.open = "", true
	return s.conn.SendBatch(ctx, b)
}

// batchRows are the rows of a batch's statement: closing them closes the
// batch.
type batchRows struct {
	pgx.Rows
	br pgx.BatchResults
}

// Close closes the rows and the batch.
func (r batchRows) Close() {
	r.Rows.Close()
	_ = r.br.Close()
}

// commit commits the transaction and gives the connection back.
func (s *session) commit(ctx context.Context) error {
	defer s.conn.Release() // a connection left in a transaction is closed, not reused
	if !s.open {
		return nil
	}
	tag, err := s.conn.Exec(ctx, "COMMIT")
	if err == nil && tag.String() == "ROLLBACK" {
		err = fmt.Errorf("%w: the server rolled the transaction back, as one of its statements had failed", pgx.ErrTxCommitRollback)
	}
	return err
}

// end rolls the transaction back, if it began, and gives the connection
// back; a connection that fails to roll back is closed instead.
func (s *session) end() {
	if s.open {
		ctx, cancel := context.WithTimeout(context.Background(), endTimeout)
		defer cancel()
		_, _ = s.conn.Exec(ctx, "ROLLBACK")
	}
	s.conn.Release()
}
