package flow

import (
	"context"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/concepts/requesting"
)

// The seed scenario runs the repository's own specs/ (register, login,
// the current user) on in-memory implementations of its concepts.

type accounts struct {
	mu      sync.Mutex
	byEmail map[string]account
}

type account struct{ user, password string }

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type userRef struct {
	User string `json:"user"`
}

type emailIn struct {
	Email string `json:"email"`
}

func (a *accounts) register(_ context.Context, in credentials) (userRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, taken := a.byEmail[in.Email]; taken {
		return userRef{}, concepts.Errorf("email %s is taken", in.Email)
	}
	u := "u" + strconv.Itoa(len(a.byEmail)+1)
	a.byEmail[in.Email] = account{user: u, password: in.Password}
	return userRef{User: u}, nil
}

func (a *accounts) login(_ context.Context, in credentials) (userRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if acc, ok := a.byEmail[in.Email]; ok && acc.password == in.Password {
		return userRef{User: acc.user}, nil
	}
	return userRef{}, concepts.Errorf("wrong email or password")
}

func (a *accounts) getByEmail(_ context.Context, in emailIn) ([]userRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if acc, ok := a.byEmail[in.Email]; ok {
		return []userRef{{User: acc.user}}, nil
	}
	return nil, nil
}

type sessions struct {
	mu    sync.Mutex
	users map[string]string
}

type sessionRef struct {
	Session string `json:"session"`
}

func (s *sessions) create(_ context.Context, in userRef) (sessionRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := "s" + strconv.Itoa(len(s.users)+1)
	s.users[id] = in.User
	return sessionRef{Session: id}, nil
}

func (s *sessions) delete(_ context.Context, in sessionRef) (sessionRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[in.Session]; !ok {
		return sessionRef{}, concepts.Errorf("no session")
	}
	delete(s.users, in.Session)
	return in, nil
}

func (s *sessions) getUser(_ context.Context, in sessionRef) ([]userRef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.users[in.Session]; ok {
		return []userRef{{User: u}}, nil
	}
	return nil, nil
}

type profiles struct {
	mu   sync.Mutex
	rows map[string]profileRow
}

type profileRow struct {
	Username string `json:"username"`
	Bio      string `json:"bio"`
}

type profileIn struct {
	User     string `json:"user"`
	Username string `json:"username"`
}

type updateIn struct {
	User string  `json:"user"`
	Bio  *string `json:"bio"`
}

func (p *profiles) create(_ context.Context, in profileIn) (userRef, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rows[in.User] = profileRow{Username: in.Username}
	return userRef{User: in.User}, nil
}

func (p *profiles) update(_ context.Context, in updateIn) (userRef, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	row, ok := p.rows[in.User]
	if !ok {
		return userRef{}, concepts.Errorf("no profile")
	}
	if in.Bio != nil {
		row.Bio = *in.Bio
	}
	p.rows[in.User] = row
	return userRef{User: in.User}, nil
}

func (p *profiles) get(_ context.Context, in userRef) ([]profileRow, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if row, ok := p.rows[in.User]; ok {
		return []profileRow{row}, nil
	}
	return nil, nil
}

// seedApp runs specs/ on the in-memory concepts above.
type seedApp struct {
	engine *Engine
}

func newSeed(t testing.TB) *seedApp {
	t.Helper()
	acc := &accounts{byEmail: map[string]account{}}
	ses := &sessions{users: map[string]string{}}
	pro := &profiles{rows: map[string]profileRow{}}
	prog := compile(t, loadSpec(t, "testdata/login"),
		concepts.New("Authenticating").Action("register", concepts.Action(acc.register)).
			Action("login", concepts.Action(acc.login)).Query("_getByEmail", concepts.Query(acc.getByEmail)),
		concepts.New("Sessioning").Action("create", concepts.Action(ses.create)).
			Action("delete", concepts.Action(ses.delete)).Query("_getUser", concepts.Query(ses.getUser)),
		concepts.New("Profile").Action("create", concepts.Action(pro.create)).
			Action("update", concepts.Action(pro.update)).Query("_get", concepts.Query(pro.get)))
	return &seedApp{engine: New(prog, Options{})}
}

// call runs a request flow as the HTTP server does, and returns the reply
// its client gets; the flow must respond exactly once.
func (a *seedApp) call(t testing.TB, in map[string]any) requesting.Reply {
	t.Helper()
	req, id := a.engine.Program().Requesting(), NewID()
	ctx := req.Expect(context.Background(), id)
	defer req.Forget(id)
	res := a.engine.RunFlow(ctx, id, nil, "Requesting", "request", in)
	if res.Failure != nil {
		t.Fatalf("%v: failure %v", in, res.Failure)
	}
	reply, ok := req.Reply(id)
	if n := len(responses(a.engine, id)); !ok || n != 1 {
		t.Fatalf("%v: %d replies, want exactly 1", in, n)
	}
	return reply
}

func TestSeedScenario(t *testing.T) {
	a := newSeed(t)
	user := map[string]any{"email": "ann@example.com", "password": "s3cret", "username": "ann"}
	reg := a.call(t, map[string]any{"method": "POST", "path": "/users", "user": user})
	wantUser := map[string]any{"user": map[string]any{"username": "ann", "bio": "", "token": "s1"}}
	if reg.Status != 201 || !reflect.DeepEqual(reg.Body, wantUser) {
		t.Fatalf("register: %v", reg)
	}
	again := a.call(t, map[string]any{"method": "POST", "path": "/users", "user": user})
	if again.Status != 422 {
		t.Fatalf("second register: %v, want 422", again)
	}
	login := a.call(t, map[string]any{"method": "POST", "path": "/users/login", "user": user})
	wantLogin := map[string]any{"user": map[string]any{"username": "ann", "bio": "", "token": "s2"}}
	if !reflect.DeepEqual(login.Body, wantLogin) {
		t.Fatalf("login: %v", login)
	}
	bad := a.call(t, map[string]any{"method": "POST", "path": "/users/login",
		"user": map[string]any{"email": "ann@example.com", "password": "nope"}})
	if bad.Status != 401 {
		t.Fatalf("bad login: %v, want 401", bad)
	}
	me := a.call(t, map[string]any{"method": "GET", "path": "/user", "token": "s2"})
	if me.Status != 200 || !reflect.DeepEqual(me.Body, wantLogin) {
		t.Fatalf("current user: %v", me)
	}
	anon := a.call(t, map[string]any{"method": "GET", "path": "/user", "token": "nope"})
	if anon.Status != 401 {
		t.Fatalf("unknown token: %v, want 401", anon)
	}
}
