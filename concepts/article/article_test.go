package article

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage"
	"github.com/legible/legible/storage/storagetest"
)

// timestamp matches the times concepts output.
var timestamp = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

func TestCreateAndGet(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		in := map[string]any{"author": "u1", "title": "  How to Train Your Dragon ", "description": " Ever wonder how? ",
			"body": "It takes a Jacobian\n"}
		id, slug := create(t, c, in)
		if slug != "how-to-train-your-dragon" {
			t.Fatalf("slug %q, want how-to-train-your-dragon", slug)
		}
		if u, err := uuid.Parse(id); err != nil || u.Version() != 7 || u.String() != id {
			t.Fatalf("article id %q: %v; want a UUIDv7 in its canonical form", id, err)
		}
		row := get(t, c, id)
		want := map[string]any{"slug": slug, "author": "u1", "title": "How to Train Your Dragon",
			"description": "Ever wonder how?", "body": "It takes a Jacobian\n"}
		checkRow(t, "_get", row, want)
		byS := bySlug(t, c, slug)
		want = map[string]any{"article": id, "author": "u1", "title": "How to Train Your Dragon",
			"description": "Ever wonder how?", "body": "It takes a Jacobian\n"}
		checkRow(t, "_getBySlug", byS, want)
		if byS["createdAt"] != row["createdAt"] || row["createdAt"] != row["updatedAt"] {
			t.Fatalf("times differ: _get %v, _getBySlug %v; want one createdAt, equal to updatedAt", row, byS)
		}
		storagetest.NoRows(t, c, "_getBySlug", map[string]any{"slug": "how-to-train-your"})
		storagetest.NoRows(t, c, "_getBySlug", map[string]any{"slug": ""})
		storagetest.NoRows(t, c, "_get", map[string]any{"article": "nope"})
		storagetest.NoRows(t, c, "_get", map[string]any{"article": ""})
	})
}

// checkRow checks that row has the values of want, and times for
// createdAt and updatedAt.
func checkRow(t *testing.T, name string, row, want map[string]any) {
	t.Helper()
	for k, v := range want {
		if row[k] != v {
			t.Errorf("%s: %s is %q, want %q", name, k, row[k], v)
		}
	}
	for _, k := range []string{"createdAt", "updatedAt"} {
		if s, _ := row[k].(string); !timestamp.MatchString(s) {
			t.Errorf("%s: %s is %q, want a timestamp", name, k, row[k])
		}
	}
	if len(row) != len(want)+2 {
		t.Errorf("%s: %v has %d columns, want %d", name, row, len(row), len(want)+2)
	}
}

func TestDuplicateTitles(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		suffixed := regexp.MustCompile(`^hello-world-[0-9a-z]{6}$`)
		seen := map[string]string{}
		for i, title := range []string{"Hello World", "hello, world!", "HELLO WORLD", "Hello World"} {
			id, slug := create(t, c, article(fmt.Sprint("u", i), title))
			if (i == 0) != (slug == "hello-world") || (i > 0 && !suffixed.MatchString(slug)) {
				t.Fatalf("create %d: slug %q, want hello-world first and hello-world-<6 digits> after", i, slug)
			}
			if seen[slug] != "" {
				t.Fatalf("slug %q given twice", slug)
			}
			seen[slug] = id
		}
		for slug, id := range seen {
			if row := bySlug(t, c, slug); row["article"] != id {
				t.Fatalf("_getBySlug %s: %v, want article %s", slug, row, id)
			}
		}
		if _, slug := create(t, c, article("u1", "?!")); slug != "article" {
			t.Fatalf("a title of symbols: slug %q, want article", slug)
		}
	})
}

func TestConcurrentCreates(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		const n = 10
		won := storagetest.Race(t, c, "create", n, func(i int) map[string]any {
			return article(fmt.Sprint("u", i), "Same Title")
		}, "no error expected")
		if won != n {
			t.Fatalf("%d of %d creates succeeded, want all", won, n)
		}
		suffixed := regexp.MustCompile(`^same-title-[0-9a-z]{6}$`)
		rows := call(t, c, "_list", map[string]any{"limit": 100, "offset": 0}).Rows
		slugs := map[string]bool{}
		bare := 0
		for _, r := range rows {
			slug, _ := r["slug"].(string)
			if slug == "same-title" {
				bare++
			} else if !suffixed.MatchString(slug) {
				t.Fatalf("slug %q: want same-title or same-title-<6 digits>", slug)
			}
			if slugs[slug] {
				t.Fatalf("slug %q given twice; have %v", slug, slugs)
			}
			slugs[slug] = true
			if got := bySlug(t, c, slug); got["article"] != r["article"] {
				t.Fatalf("_getBySlug %s: %v, want %v", slug, got, r["article"])
			}
		}
		if len(slugs) != n || bare != 1 {
			t.Fatalf("%d distinct slugs listed, %d of them same-title; want %d, and the bare slug once", len(slugs), bare, n)
		}
		if got, cnt := stored(t, a), counted(t, c, map[string]any{}); got != n || cnt != n {
			t.Fatalf("%d articles stored, _count %v; want %d: a create that lost the slug must not leave a document",
				got, cnt, n)
		}
	})
}

func TestUpdateTitle(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		id, old := create(t, c, article("u1", "First Title"))
		before := get(t, c, id)
		time.Sleep(2 * time.Millisecond)
		slug := update(t, c, map[string]any{"article": id, "title": "Second Title"})
		if slug != "second-title" {
			t.Fatalf("update: slug %q, want second-title", slug)
		}
		storagetest.NoRows(t, c, "_getBySlug", map[string]any{"slug": old})
		row := bySlug(t, c, slug)
		if row["article"] != id || row["title"] != "Second Title" || row["body"] != "text of First Title" ||
			row["createdAt"] != before["createdAt"] || row["updatedAt"] == before["updatedAt"] {
			t.Fatalf("_getBySlug %s after update: %v; before %v", slug, row, before)
		}
		if n := stored(t, a); n != 1 {
			t.Fatalf("%d articles stored after a change of title, want 1", n)
		}
		other, got := create(t, c, article("u2", "First Title"))
		if got != old {
			t.Fatalf("create with the given-up title: slug %q, want %q", got, old)
		}
		// A title taken by another article gets a suffix.
		taken := update(t, c, map[string]any{"article": id, "title": "First title"})
		if !regexp.MustCompile(`^first-title-[0-9a-z]{6}$`).MatchString(taken) {
			t.Fatalf("update to a taken slug: %q, want first-title-<6 digits>", taken)
		}
		// A title that makes the same slug keeps it, suffix and all.
		if got := update(t, c, map[string]any{"article": id, "title": "FIRST title!"}); got != taken {
			t.Fatalf("update to a title with the same slug: %q, want %q kept", got, taken)
		}
		if row := bySlug(t, c, taken); row["title"] != "FIRST title!" {
			t.Fatalf("_getBySlug %s: %v, want the new title", taken, row)
		}
		// A title that makes the article's own suffixed slug is not taken:
		// only the article itself has it.
		own := "First title " + taken[len("first-title-"):]
		if got := update(t, c, map[string]any{"article": id, "title": own}); got != taken {
			t.Fatalf("update to the title %q: slug %q, want %q, the article's own", own, got, taken)
		}
		if row := bySlug(t, c, taken); row["article"] != id || row["title"] != own {
			t.Fatalf("_getBySlug %s: %v, want article %s titled %q", taken, row, id, own)
		}
		if row := bySlug(t, c, old); row["article"] != other {
			t.Fatalf("_getBySlug %s: %v, want the other article %s", old, row, other)
		}
		if n := stored(t, a); n != 2 {
			t.Fatalf("%d articles stored, want 2", n)
		}
	})
}

func TestUpdateFields(t *testing.T) {
	each(t, func(t *testing.T, _ *Article, c *concepts.Concept) {
		id, slug := create(t, c, article("u1", "Title"))
		steps := []struct {
			in                       map[string]any
			title, description, body string
		}{
			{map[string]any{"body": "new body"}, "Title", "about Title", "new body"},
			{map[string]any{"description": " new description ", "title": nil}, "Title", "new description", "new body"},
			{map[string]any{"title": " Title ", "body": "b"}, "Title", "new description", "b"},
			{map[string]any{}, "Title", "new description", "b"},
		}
		prev := get(t, c, id)
		for _, s := range steps {
			time.Sleep(2 * time.Millisecond)
			s.in["article"] = id
			if got := update(t, c, s.in); got != slug {
				t.Fatalf("update %v: slug %q, want %q kept", s.in, got, slug)
			}
			row := get(t, c, id)
			want := map[string]any{"slug": slug, "author": "u1", "title": s.title, "description": s.description,
				"body": s.body}
			checkRow(t, "_get", row, want)
			if row["createdAt"] != prev["createdAt"] || row["updatedAt"].(string) <= prev["updatedAt"].(string) {
				t.Fatalf("update %v: times %v, %v; before %v, %v: want createdAt kept, updatedAt later", s.in,
					row["createdAt"], row["updatedAt"], prev["createdAt"], prev["updatedAt"])
			}
			prev = row
		}
	})
}

func TestDelete(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		id, slug := create(t, c, article("u1", "Doomed"))
		other, _ := create(t, c, article("u1", "Kept"))
		if got := call(t, c, "delete", map[string]any{"article": id}); got.IsError() || got.Out["article"] != id {
			t.Fatalf("delete: %+v, want article %s", got, id)
		}
		storagetest.NoRows(t, c, "_getBySlug", map[string]any{"slug": slug})
		storagetest.NoRows(t, c, "_get", map[string]any{"article": id})
		storagetest.Fails(t, c, "delete", map[string]any{"article": id}, "no article has the id")
		storagetest.Fails(t, c, "delete", map[string]any{"article": ""}, "no article has the id")
		if n, cnt := stored(t, a), counted(t, c, map[string]any{}); n != 1 || cnt != 1 {
			t.Fatalf("%d articles stored, _count %v; want 1 of each", n, cnt)
		}
		if got := listed(t, c, map[string]any{"limit": 20, "offset": 0}); len(got) != 1 || got[0] != "Kept" {
			t.Fatalf("_list after a delete: %v, want [Kept]", got)
		}
		get(t, c, other)
		if _, got := create(t, c, article("u2", "Doomed")); got != slug {
			t.Fatalf("create with a deleted article's title: slug %q, want %q free again", got, slug)
		}
	})
}

func TestConcurrentDeletes(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		id, _ := create(t, c, article("u1", "Once"))
		if won := storagetest.Race(t, c, "delete", 5, func(int) map[string]any {
			return map[string]any{"article": id}
		}, "no article has the id"); won != 1 {
			t.Fatalf("%d deletes won, want 1", won)
		}
		storagetest.NoRows(t, c, "_get", map[string]any{"article": id})
		if n := stored(t, a); n != 0 {
			t.Fatalf("%d articles stored after the deletes, want 0", n)
		}
	})
}

func TestValidation(t *testing.T) {
	each(t, func(t *testing.T, a *Article, c *concepts.Concept) {
		id, _ := create(t, c, article("u1", "Valid"))
		with := func(in map[string]any, k string, v any) map[string]any {
			in[k] = v
			return in
		}
		cases := []struct {
			name, action string
			in           map[string]any
			want         string
		}{
			{"create no author", "create", with(article("u1", "T"), "author", ""), "author is empty"},
			{"create empty title", "create", with(article("u1", "T"), "title", ""), "title is empty; give the article a title"},
			{"create blank title", "create", with(article("u1", "T"), "title", " \t"), "title is empty"},
			{"create blank description", "create", with(article("u1", "T"), "description", "  "), "description is empty"},
			{"create blank body", "create", with(article("u1", "T"), "body", "\n"), "body is empty"},
			{"create missing title", "create", map[string]any{"author": "u1", "description": "d", "body": "b"}, "title"},
			{"update blank title", "update", map[string]any{"article": id, "title": " "}, "title is empty"},
			{"update blank description", "update", map[string]any{"article": id, "description": ""}, "description is empty"},
			{"update blank body", "update", map[string]any{"article": id, "body": " ", "title": "New"}, "body is empty"},
			{"update unknown", "update", map[string]any{"article": "nope", "title": "New"}, `no article has the id "nope"`},
			{"update no id", "update", map[string]any{"article": ""}, "no article has the id"},
			{"delete unknown", "delete", map[string]any{"article": "nope"}, `no article has the id "nope"`},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) { storagetest.Fails(t, c, tc.action, tc.in, tc.want) })
		}
		checkRow(t, "_get", get(t, c, id), map[string]any{"slug": "valid", "author": "u1", "title": "Valid",
			"description": "about Valid", "body": "text of Valid"})
		if n := stored(t, a); n != 1 {
			t.Fatalf("%d articles stored after failed calls, want 1", n)
		}
	})
}

func TestCreateInTransaction(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		a, c := storagetest.Build(t, db, New)
		ctx := context.Background()
		create(t, c, article("u1", "Taken Title"))
		suffixed := regexp.MustCompile(`^taken-title-[0-9a-z]{6}$`)
		// As a flow does: the create of a taken title in a transaction gets a
		// suffix; rolled back, it leaves nothing, and committed, it stays.
		for _, commit := range []bool{false, true} {
			tctx, tx := db.Begin(ctx)
			out, err := a.Create(tctx, CreateIn{Author: "u2", Title: "Taken title", Description: "d", Body: "b"})
			if err != nil || !suffixed.MatchString(out.Slug) {
				tx.Rollback()
				t.Fatalf("create in a transaction: %+v, %v; want taken-title-<6 digits>", out, err)
			}
			if rows, err := a.GetBySlug(tctx, SlugIn{Slug: out.Slug}); err != nil || len(rows) != 1 || rows[0].Article != out.Article {
				tx.Rollback()
				t.Fatalf("_getBySlug %s in the transaction: %v, %v; want article %s", out.Slug, rows, err, out.Article)
			}
			if commit {
				if err := tx.Commit(tctx); err != nil {
					t.Fatal(err)
				}
				if row := bySlug(t, c, out.Slug); row["article"] != out.Article {
					t.Fatalf("_getBySlug %s after commit: %v, want article %s", out.Slug, row, out.Article)
				}
			} else {
				tx.Rollback()
				storagetest.NoRows(t, c, "_getBySlug", map[string]any{"slug": out.Slug})
				storagetest.NoRows(t, c, "_get", map[string]any{"article": out.Article})
			}
			want := int64(1) // the article made before
			if commit {
				want++
			}
			if n := stored(t, a); n != want {
				t.Fatalf("%d articles stored after the transaction (commit %v), want %d", n, commit, want)
			}
		}
	})
}

func TestRebuild(t *testing.T) {
	// A server that starts again builds the concept again on the same
	// database and sets it up again: the articles stay, and so does the
	// uniqueness of slugs.
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		_, c := storagetest.Build(t, db, New)
		id, slug := create(t, c, article("u1", "Title"))
		a, c := storagetest.Build(t, db, New)
		if row := bySlug(t, c, slug); row["article"] != id {
			t.Fatalf("_getBySlug %s after building again: %v, want article %s", slug, row, id)
		}
		if _, got := create(t, c, article("u2", "Title")); got == slug {
			t.Fatalf("create of a taken title after building again: slug %q given twice", got)
		}
		if n := stored(t, a); n != 2 {
			t.Fatalf("%d articles stored, want 2", n)
		}
	})
}
