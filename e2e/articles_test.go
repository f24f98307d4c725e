package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"
)

// listArticles GETs path (/articles or /articles/feed with a query) and
// checks the list: createdAt most recent first, each a valid timestamp.
func listArticles(t *testing.T, path, token string) articleList {
	t.Helper()
	l := expect(t, http.StatusOK, http.MethodGet, path, token, nil).articles(t)
	var last time.Time
	for i, a := range l.Articles {
		at, err := time.Parse(time.RFC3339Nano, a.CreatedAt)
		if err != nil {
			t.Fatalf("GET %s: article %s has createdAt %q: %v", path, a.Slug, a.CreatedAt, err)
		}
		if i > 0 && at.After(last) {
			t.Fatalf("GET %s: not most recent first: %s (%s) after one of %s", path, a.Slug, a.CreatedAt, last)
		}
		last = at
	}
	return l
}

// wantArticles checks a list's slugs, in order, and its articlesCount;
// what names the list (its path, or a few words) in failure messages.
func wantArticles(t *testing.T, what string, got articleList, want []string, count int) {
	t.Helper()
	if !slices.Equal(slugs(got.Articles), want) {
		t.Errorf("%s: articles %q, want %q", what, slugs(got.Articles), want)
	}
	if *got.ArticlesCount != count {
		t.Errorf("%s: articlesCount %d, want %d (all matches, not the page's size)", what, *got.ArticlesCount, count)
	}
}

// reversed returns the slugs of articles, most recent (last posted) first.
func reversed(as ...article) []string {
	out := slugs(as)
	slices.Reverse(out)
	return out
}

func TestArticlesPagination(t *testing.T) {
	author := register(t, "pager")
	var posted []article
	for i := range 21 {
		posted = append(posted, post(t, author, fmt.Sprintf("Page %s %d", author.name, i)))
	}
	all := reversed(posted...) // most recent first
	by := "/articles?author=" + author.name
	tests := []struct {
		name, query string
		want        []string
	}{
		{"default limit is 20", "", all[:20]},
		{"limit", "&limit=5", all[:5]},
		{"limit and offset", "&limit=5&offset=5", all[5:10]},
		{"offset alone", "&offset=18", all[18:]},
		{"last page is short", "&limit=5&offset=20", all[20:]},
		{"offset past the end", "&offset=21", []string{}},
		{"limit over the total", "&limit=100", all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := by + tt.query
			wantArticles(t, path, listArticles(t, path, ""), tt.want, 21)
		})
	}
}

func TestArticlesUnfilteredAreAllMostRecentFirst(t *testing.T) {
	u := register(t, "latest")
	mine := post(t, u, "Latest "+u.name)
	first := listArticles(t, "/articles?limit=1", "")
	wantArticles(t, "/articles?limit=1", first, []string{mine.Slug}, *first.ArticlesCount)
	total := *first.ArticlesCount
	if total < 1 {
		t.Fatalf("articlesCount %d after posting one", total)
	}
	all := listArticles(t, fmt.Sprintf("/articles?limit=%d", total+10), "")
	if len(all.Articles) != total || *all.ArticlesCount != total {
		t.Fatalf("GET /articles?limit=%d: %d articles, articlesCount %d; want %d of each", total+10, len(all.Articles), *all.ArticlesCount, total)
	}
	last := listArticles(t, fmt.Sprintf("/articles?limit=1&offset=%d", total-1), "")
	wantArticles(t, "the last page", last, slugs(all.Articles[total-1:]), total)
	past := listArticles(t, fmt.Sprintf("/articles?offset=%d", total), "")
	wantArticles(t, "past the end", past, []string{}, total)
}

func TestArticlesFilters(t *testing.T) {
	a, b, fan, idle := register(t, "fa"), register(t, "fb"), register(t, "fan"), register(t, "idle")
	red, blue := unique("red"), unique("blue")
	a1 := post(t, a, "A one "+a.name, red)
	a2 := post(t, a, "A two "+a.name, blue)
	b1 := post(t, b, "B one "+b.name, red, blue)
	b2 := post(t, b, "B two "+b.name)
	for _, s := range []string{a1.Slug, b1.Slug} {
		expect(t, http.StatusOK, http.MethodPost, "/articles/"+s+"/favorite", fan.token, nil)
	}
	tests := []struct {
		name, query string
		want        []string
		count       int
	}{
		{"author", "author=" + a.name, reversed(a1, a2), 2},
		{"other author", "author=" + b.name, reversed(b1, b2), 2},
		{"tag", "tag=" + red, reversed(a1, b1), 2},
		{"other tag", "tag=" + blue, reversed(a2, b1), 2},
		{"favorited", "favorited=" + fan.name, reversed(a1, b1), 2},
		{"favorited, one page", "favorited=" + fan.name + "&limit=1", reversed(b1), 2},
		{"author and tag", "author=" + a.name + "&tag=" + red, reversed(a1), 1},
		{"tag and favorited", "tag=" + blue + "&favorited=" + fan.name, reversed(b1), 1},
		{"author without articles", "author=" + idle.name, []string{}, 0},
		{"unknown author", "author=" + unique("nobody"), []string{}, 0},
		{"unknown tag", "tag=" + unique("nothing"), []string{}, 0},
		{"user without favorites", "favorited=" + idle.name, []string{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/articles?" + tt.query
			wantArticles(t, path, listArticles(t, path, ""), tt.want, tt.count)
		})
	}
	t.Run("favorited as seen by the fan", func(t *testing.T) {
		l := listArticles(t, "/articles?author="+a.name, fan.token)
		got := map[string]bool{}
		for _, x := range l.Articles {
			got[x.Slug] = x.Favorited
		}
		if !got[a1.Slug] || got[a2.Slug] {
			t.Errorf("favorited flags %v, want %s only", got, a1.Slug)
		}
	})
	t.Run("tagList", func(t *testing.T) {
		got := expect(t, http.StatusOK, http.MethodGet, "/articles/"+b1.Slug, "", nil).article(t)
		want := []string{red, blue}
		slices.Sort(want)
		if !slices.Equal(got.TagList, want) {
			t.Errorf("tagList %q, want %q (sorted)", got.TagList, want)
		}
	})
}

func TestFeed(t *testing.T) {
	reader, a, b, c := register(t, "reader"), register(t, "fda"), register(t, "fdb"), register(t, "fdc")
	for _, u := range []user{a, b} {
		p := expect(t, http.StatusOK, http.MethodPost, "/profiles/"+u.name+"/follow", reader.token, nil).profile(t)
		if !p.Following || p.Username != u.name {
			t.Fatalf("following %s gave %+v", u.name, p)
		}
	}
	a1 := post(t, a, "Feed A1 "+a.name)
	post(t, c, "Feed C1 "+c.name)
	b1 := post(t, b, "Feed B1 "+b.name)
	post(t, reader, "Feed own "+reader.name)
	a2 := post(t, a, "Feed A2 "+a.name)

	t.Run("only followed authors, most recent first", func(t *testing.T) {
		l := listArticles(t, "/articles/feed", reader.token)
		wantArticles(t, "/articles/feed", l, reversed(a1, b1, a2), 3)
		for _, x := range l.Articles {
			if !x.Author.Following {
				t.Errorf("feed article %s: author.following is false", x.Slug)
			}
		}
	})
	t.Run("limit and offset", func(t *testing.T) {
		path := "/articles/feed?limit=2&offset=1"
		wantArticles(t, path, listArticles(t, path, reader.token), reversed(a1, b1), 3)
	})
	t.Run("following nobody", func(t *testing.T) {
		wantArticles(t, "/articles/feed", listArticles(t, "/articles/feed", c.token), []string{}, 0)
	})
	t.Run("without a token", func(t *testing.T) {
		expect(t, http.StatusUnauthorized, http.MethodGet, "/articles/feed", "", nil)
	})
	t.Run("after unfollowing", func(t *testing.T) {
		p := expect(t, http.StatusOK, http.MethodDelete, "/profiles/"+b.name+"/follow", reader.token, nil).profile(t)
		if p.Following {
			t.Fatalf("unfollowing %s gave %+v", b.name, p)
		}
		wantArticles(t, "/articles/feed", listArticles(t, "/articles/feed", reader.token), reversed(a1, a2), 2)
	})
}

func TestRetitlingChangesTheSlug(t *testing.T) {
	author, fan := register(t, "retitle"), register(t, "refan")
	old := post(t, author, "Original "+author.name)
	expect(t, http.StatusOK, http.MethodPost, "/articles/"+old.Slug+"/favorite", fan.token, nil)
	c := expect(t, http.StatusOK, http.MethodPost, "/articles/"+old.Slug+"/comments", fan.token,
		map[string]any{"comment": map[string]any{"body": "first!"}}).comment(t)

	title := "Renamed " + author.name
	got := expect(t, http.StatusOK, http.MethodPut, "/articles/"+old.Slug, author.token,
		map[string]any{"article": map[string]any{"title": title}}).article(t)
	if got.Title != title || got.Slug == old.Slug || got.Slug == "" {
		t.Fatalf("retitled article: %+v; want title %q and a slug other than %q", got, title, old.Slug)
	}
	if got.Body != old.Body || got.Description != old.Description {
		t.Errorf("retitling changed the body or description: %+v", got)
	}
	expect(t, http.StatusNotFound, http.MethodGet, "/articles/"+old.Slug, "", nil)
	now := expect(t, http.StatusOK, http.MethodGet, "/articles/"+got.Slug, fan.token, nil).article(t)
	if now.Title != title || now.FavoritesCount != 1 || !now.Favorited {
		t.Errorf("GET the new slug: %+v; want the title %q, favorited once, by the fan", now, title)
	}
	cs := expect(t, http.StatusOK, http.MethodGet, "/articles/"+got.Slug+"/comments", "", nil).comments(t)
	if len(cs) != 1 || cs[0].ID != c.ID {
		t.Errorf("comments under the new slug: %+v, want comment %d", cs, c.ID)
	}
	byAuthor := listArticles(t, "/articles?author="+url.QueryEscape(author.name), "")
	wantArticles(t, "the author's articles", byAuthor, []string{got.Slug}, 1)

	body := expect(t, http.StatusOK, http.MethodPut, "/articles/"+got.Slug, author.token,
		map[string]any{"article": map[string]any{"body": "a new body"}}).article(t)
	if body.Slug != got.Slug || body.Body != "a new body" {
		t.Errorf("changing only the body: %+v; want the slug %q kept", body, got.Slug)
	}
}
