// Package plainconduit is the limit that legible's engine is measured
// against: a plain net/http handler, written by hand, that answers
// Conduit's GET /api/articles (anonymous or with a token; limit and
// offset) from the same store that legible serve writes, through the same
// concept implementations and the same batched queries, with no syncs, no
// engine and no echo between the request and the concepts. Its command,
// cmd/plainconduit, serves it for conduitbench; the pipeline's benchmarks run
// it in process beside legible's handler.
package plainconduit

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/legible/legible/concepts/article"
	"github.com/legible/legible/concepts/favoriting"
	"github.com/legible/legible/concepts/following"
	"github.com/legible/legible/concepts/profile"
	"github.com/legible/legible/concepts/tagging"
	"github.com/legible/legible/concepts/tokens"
	"github.com/legible/legible/storage"
)

// New returns the handler of GET /api/articles (and GET /healthz) on db,
// whose concepts it declares: set db up before serving.
func New(db *storage.DB) http.Handler {
	a := newApp(db)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"ok": true}`)) })
	mux.HandleFunc("GET /api/articles", a.articles)
	return mux
}

// app holds the concepts the handler reads.
type app struct {
	db       *storage.DB
	posts    *article.Article
	tags     *tagging.Tagging
	favs     *favoriting.Favoriting
	profiles *profile.Profile
	follows  *following.Following
	tokens   *tokens.Tokens
}

// newApp builds the concepts on db.
func newApp(db *storage.DB) *app {
	return &app{db: db, posts: article.New(db), tags: tagging.New(db), favs: favoriting.New(db),
		profiles: profile.New(db), follows: following.New(db), tokens: tokens.New(db)}
}

// The reply's shapes.
type (
	listReply struct {
		Articles      []articleJSON `json:"articles"`
		ArticlesCount int64         `json:"articlesCount"`
	}
	articleJSON struct {
		Slug           string     `json:"slug"`
		Title          string     `json:"title"`
		Description    string     `json:"description"`
		TagList        []string   `json:"tagList"`
		CreatedAt      string     `json:"createdAt"`
		UpdatedAt      string     `json:"updatedAt"`
		Favorited      bool       `json:"favorited"`
		FavoritesCount int64      `json:"favoritesCount"`
		Author         authorJSON `json:"author"`
	}
	authorJSON struct {
		Username  string `json:"username"`
		Bio       string `json:"bio"`
		Image     string `json:"image"`
		Following bool   `json:"following"`
	}
)

// articles answers GET /api/articles: a page, most recent first, each
// article with its tags, favorites and author, read in one snapshot.
func (a *app) articles(w http.ResponseWriter, r *http.Request) {
	limit, lerr := strconv.Atoi(cmpOr(r.URL.Query().Get("limit"), "20"))
	offset, oerr := strconv.Atoi(cmpOr(r.URL.Query().Get("offset"), "0"))
	if lerr != nil || oerr != nil || limit < 0 || offset < 0 {
		http.Error(w, `{"errors": {"body": ["limit and offset must be whole numbers"]}}`, http.StatusUnprocessableEntity)
		return
	}
	ctx, tx := a.db.Begin(r.Context())
	defer tx.Rollback()
	me := a.reader(ctx, r)
	reply, err := a.page(ctx, me, limit, offset)
	if err != nil {
		http.Error(w, `{"errors": {"body": ["internal error"]}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(reply)
}

// cmpOr is s, or def when s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// reader returns the user the request's token names, or nil.
func (a *app) reader(ctx context.Context, r *http.Request) *string {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Token ")
	if !ok {
		return nil
	}
	rows, err := a.tokens.Verify(ctx, tokens.TokenIO{Token: token})
	if err != nil || len(rows) == 0 {
		return nil
	}
	return &rows[0].User
}

// page reads one page of articles for the reader me (nil: anonymous).
func (a *app) page(ctx context.Context, me *string, limit, offset int) (*listReply, error) {
	list, err := a.posts.List(ctx, article.ListIn{Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	count, err := a.posts.Count(ctx, article.CountIn{})
	if err != nil {
		return nil, err
	}
	items := make([]tagging.ItemIO, len(list))
	fitems := make([]favoriting.ItemIO, len(list))
	isFav := make([]favoriting.IsFavoriteIn, len(list))
	authors := make([]profile.UserIO, len(list))
	isFollowing := make([]following.IsFollowingIn, len(list))
	for i, row := range list {
		items[i], fitems[i] = tagging.ItemIO{Item: row.Article}, favoriting.ItemIO{Item: row.Article}
		isFav[i] = favoriting.IsFavoriteIn{User: me, Item: row.Article}
		authors[i] = profile.UserIO{User: row.Author}
		isFollowing[i] = following.IsFollowingIn{Follower: me, Followee: row.Author}
	}
	tags, err := a.tags.Tags(ctx, items)
	if err != nil {
		return nil, err
	}
	favs, err := a.favs.Count(ctx, fitems)
	if err != nil {
		return nil, err
	}
	profiles, err := a.profiles.Get(ctx, authors)
	if err != nil {
		return nil, err
	}
	favorited, followed, err := a.readerViews(ctx, me, isFav, isFollowing)
	if err != nil {
		return nil, err
	}
	reply := &listReply{Articles: make([]articleJSON, len(list)), ArticlesCount: count[0].Count}
	for i, row := range list {
		var author authorJSON
		if len(profiles[i]) == 1 {
			p := profiles[i][0]
			author = authorJSON{Username: p.Username, Bio: p.Bio, Image: p.Image}
		}
		author.Following = followed[i]
		reply.Articles[i] = articleJSON{Slug: row.Slug, Title: row.Title, Description: row.Description,
			TagList: tags[i][0].Tags, CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt, Favorited: favorited[i],
			FavoritesCount: favs[i][0].Count, Author: author}
	}
	return reply, nil
}

// readerViews reads, for a reader with a token, whether the reader likes
// each article and follows its author; without one, nothing.
func (a *app) readerViews(ctx context.Context, me *string, isFav []favoriting.IsFavoriteIn, isFollowing []following.IsFollowingIn) ([]bool, []bool, error) {
	favorited, followed := make([]bool, len(isFav)), make([]bool, len(isFav))
	if me == nil {
		return favorited, followed, nil
	}
	fav, err := a.favs.IsFavorite(ctx, isFav)
	if err != nil {
		return nil, nil, err
	}
	fol, err := a.follows.IsFollowing(ctx, isFollowing)
	if err != nil {
		return nil, nil, err
	}
	for i := range isFav {
		favorited[i], followed[i] = fav[i][0].Favorited, fol[i][0].Following
	}
	return favorited, followed, nil
}
