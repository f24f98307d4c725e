package commenting

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
)

// commentCounter is the id of the counter document of comment numbers.
const commentCounter = "comments"

// idAttempts bounds how often add tries another number after one that is
// taken, which only a MongoDB without transactions gives: each time one of
// the comments added at once gets its number, so this many can be added
// at once.
const idAttempts = 64

// commentDoc is a comment in Commenting.comments, under its number as a
// decimal string.
type commentDoc struct {
	N         int64  `json:"n"`
	Item      string `json:"item"`
	Author    string `json:"author"`
	Body      string `json:"body"`
	CreatedAt string `json:"createdAt"` // concepts.Timestamp
	UpdatedAt string `json:"updatedAt"`
}

// counterDoc is a counter in Commenting.counters: the last number handed
// out.
type counterDoc struct {
	Next int64 `json:"next"`
}

// insert stores the comment of in under the next number, and returns its
// id. It starts writing exclusively first, so that concurrent adds, which
// all read and write the counter, wait for each other rather than
// conflict, on a database shared by replicas too.
func (m *Commenting) insert(ctx context.Context, in AddIn) (string, error) {
	if err := storage.StartExclusive(ctx); err != nil {
		return "", err
	}
	now := concepts.Timestamp(concepts.Now())
	d := commentDoc{Item: in.Item, Author: in.Author, Body: in.Body, CreatedAt: now, UpdatedAt: now}
	for i := range idAttempts {
		n, err := m.next(ctx, i)
		if err != nil {
			return "", err
		}
		d.N = n
		id := strconv.FormatInt(n, 10)
		if err := m.comments.Insert(ctx, id, d); !errors.Is(err, storage.ErrTaken) {
			return id, err
		}
	}
	return "", fmt.Errorf("adding a comment: %d comment numbers in a row were taken; try again", idAttempts)
}

// next hands out the next comment number: one more than the counter's
// last, or than the highest comment's, whichever is higher. The counter
// keeps the numbers of removed comments from coming back; the highest
// comment catches up with a counter that a MongoDB without transactions
// let concurrent adds set back. After taken tries, which only such a
// MongoDB gives, it skips a random few numbers more, up to twice as many
// each time, so that the adds that found one number taken do not all try
// the same next.
func (m *Commenting) next(ctx context.Context, taken int) (int64, error) {
	c, _, err := m.counters.Get(ctx, commentCounter)
	if err != nil {
		return 0, err
	}
	top, err := m.comments.Find(ctx, storage.Query{Sort: []storage.Order{storage.Desc("n")}, Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(top) == 1 {
		c.Next = max(c.Next, top[0].Value.N)
	}
	c.Next++
	if taken > 0 {
		c.Next += rand.Int64N(1 << min(taken, 6))
	}
	return c.Next, m.counters.Put(ctx, commentCounter, c)
}

// ofItem is the query of the comments on item, newest (highest number)
// first, which the index on the item and the number answers.
func ofItem(item string) storage.Query {
	return storage.Query{Where: []storage.Cond{storage.Eq("item", item)}, Sort: []storage.Order{storage.Desc("n")}}
}
