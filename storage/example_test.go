package storage_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/sqlite"
)

// favoriteDoc is one user's favorite of one item.
type favoriteDoc struct {
	Item string `json:"item"`
	User string `json:"user"`
}

// exampleDB opens an embedded store in a temporary directory.
func exampleDB() (*storage.DB, func()) {
	dir, err := os.MkdirTemp("", "storage-example-")
	if err != nil {
		panic(err)
	}
	db, err := sqlite.Open(dir, sqlite.Options{})
	if err != nil {
		panic(err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }
}

// A concept keeps one document per fact, found through an index.
func Example() {
	db, done := exampleDB()
	defer done()
	favorites := storage.NewCollection[favoriteDoc](db, "Favoriting.favorites", storage.On("item"))
	ctx := context.Background()
	if err := db.Setup(ctx); err != nil {
		panic(err)
	}
	for _, user := range []string{"ann", "bob", "ann"} {
		err := favorites.Insert(ctx, storage.Key("post1", user), favoriteDoc{Item: "post1", User: user})
		if errors.Is(err, storage.ErrTaken) {
			fmt.Println(user, "likes post1 already")
		}
	}
	n, _ := favorites.Count(ctx, storage.Where(storage.Eq("item", "post1")))
	fmt.Println("post1 has", n, "fans")
	// Output:
	// ann likes post1 already
	// post1 has 2 fans
}

// A query names indexed fields only: filters, a sort, a page.
func ExampleCollection_Find() {
	db, done := exampleDB()
	defer done()
	type articleDoc struct {
		Author    string `json:"author"`
		Title     string `json:"title"`
		CreatedAt string `json:"createdAt"`
	}
	articles := storage.NewCollection[articleDoc](db, "Article.articles", storage.On("author", "createdAt"))
	ctx := context.Background()
	if err := db.Setup(ctx); err != nil {
		panic(err)
	}
	for i, title := range []string{"First", "Second", "Third"} {
		d := articleDoc{Author: "ann", Title: title, CreatedAt: fmt.Sprintf("2026-12-0%dT00:00:00.000Z", i+1)}
		if err := articles.Insert(ctx, fmt.Sprint("a", i), d); err != nil {
			panic(err)
		}
	}
	page, err := articles.Find(ctx, storage.Query{
		Where: []storage.Cond{storage.Eq("author", "ann")},
		Sort:  []storage.Order{storage.Desc("createdAt")},
		Limit: 2,
	})
	if err != nil {
		panic(err)
	}
	for _, d := range page {
		fmt.Println(d.ID, d.Value.Title)
	}
	_, err = articles.Find(ctx, storage.Where(storage.Eq("title", "First")))
	fmt.Println(err)
	// Output:
	// a2 Third
	// a1 Second
	// a query of Article.articles filters on title, which no index of it holds; declare an index on title in NewCollection
}

// A transaction's writes commit together, or, rolled back, not at all.
func ExampleDB_Begin() {
	db, done := exampleDB()
	defer done()
	type counterDoc struct {
		N int `json:"n"`
	}
	counters := storage.NewCollection[counterDoc](db, "Example.counters")
	if err := db.Setup(context.Background()); err != nil {
		panic(err)
	}
	add := func(by int, commit bool) error {
		ctx, tx := db.Begin(context.Background())
		defer tx.Rollback() // after Commit, it does nothing
		if err := storage.StartWriting(ctx); err != nil {
			return err
		}
		c, _, err := counters.Get(ctx, "visits")
		if err != nil {
			return err
		}
		c.N += by
		if err := counters.Put(ctx, "visits", c); err != nil || !commit {
			return err
		}
		return tx.Commit(ctx)
	}
	_ = add(1, true)
	_ = add(10, false)
	c, _, _ := counters.Get(context.Background(), "visits")
	fmt.Println(c.N)
	// Output: 1
}

// A counted index keeps how many documents have each value of its first
// field: how many items each tag has is a row per tag, however many
// items there are.
func ExampleCountedOn() {
	db, done := exampleDB()
	defer done()
	type tagDoc struct {
		Item string `json:"item"`
		Tag  string `json:"tag"`
	}
	tags := storage.NewCollection[tagDoc](db, "Tagging.tags", storage.CountedOn("tag", "item"))
	ctx := context.Background()
	if err := db.Setup(ctx); err != nil {
		panic(err)
	}
	for _, t := range []tagDoc{{"post1", "go"}, {"post2", "go"}, {"post2", "sql"}} {
		if err := tags.Insert(ctx, storage.Key(t.Item, t.Tag), t); err != nil {
			panic(err)
		}
	}
	byTag, _ := storage.CountBy[string](ctx, tags, "tag", storage.Query{})
	fmt.Println("go:", byTag["go"], "sql:", byTag["sql"])
	n, _ := tags.Count(ctx, storage.Where(storage.Eq("tag", "go")))
	fmt.Println("items tagged go:", n)
	// Output:
	// go: 2 sql: 1
	// items tagged go: 2
}
