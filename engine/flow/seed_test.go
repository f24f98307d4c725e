package flow

import (
	"context"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/engine/program"
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
	req    *recorder
}

func newSeed(t testing.TB) *seedApp {
	t.Helper()
	acc := &accounts{byEmail: map[string]account{}}
	ses := &sessions{users: map[string]string{}}
	pro := &profiles{rows: map[string]profileRow{}}
	a := &seedApp{req: &recorder{responses: map[string][]map[string]any{}}}
	reg := concepts.NewRegistry()
	for _, c := range []*concepts.Concept{
		a.req.concept(),
		concepts.New("Authenticating").Action("register", concepts.Action(acc.register)).
			Action("login", concepts.Action(acc.login)).Query("_getByEmail", concepts.Query(acc.getByEmail)),
		concepts.New("Sessioning").Action("create", concepts.Action(ses.create)).
			Action("delete", concepts.Action(ses.delete)).Query("_getUser", concepts.Query(ses.getUser)),
		concepts.New("Profile").Action("create", concepts.Action(pro.create)).
			Action("update", concepts.Action(pro.update)).Query("_get", concepts.Query(pro.get)),
	} {
		if err := reg.Register(c); err != nil {
			t.Fatal(err)
		}
	}
	a.engine = New(compile(t, loadSpec(t, "testdata/login"), reg), program.FromRegistry(reg), Options{})
	return a
}

func (a *seedApp) call(t testing.TB, in map[string]any) map[string]any {
	t.Helper()
	res := a.engine.Run(context.Background(), "Requesting", "request", in)
	if res.Failure != nil {
		t.Fatalf("%v: failure %v", in, res.Failure)
	}
	id, _ := res.Output["request"].(string)
	replies := a.req.responses[id]
	if len(replies) != 1 {
		t.Fatalf("%v: %d replies, want exactly 1: %v", in, len(replies), replies)
	}
	return replies[0]
}

func TestSeedScenario(t *testing.T) {
	a := newSeed(t)
	user := map[string]any{"email": "ann@example.com", "password": "s3cret", "username": "ann"}
	reg := a.call(t, map[string]any{"method": "POST", "path": "/users", "user": user})
	wantUser := map[string]any{"user": map[string]any{"username": "ann", "bio": "", "token": "s1"}}
	if reg["status"] != float64(201) || !reflect.DeepEqual(reg["body"], wantUser) {
		t.Fatalf("register: %v", reg)
	}
	again := a.call(t, map[string]any{"method": "POST", "path": "/users", "user": user})
	if again["status"] != float64(422) {
		t.Fatalf("second register: %v, want 422", again)
	}
	login := a.call(t, map[string]any{"method": "POST", "path": "/users/login", "user": user})
	wantLogin := map[string]any{"user": map[string]any{"username": "ann", "bio": "", "token": "s2"}}
	if !reflect.DeepEqual(login["body"], wantLogin) {
		t.Fatalf("login: %v", login)
	}
	bad := a.call(t, map[string]any{"method": "POST", "path": "/users/login",
		"user": map[string]any{"email": "ann@example.com", "password": "nope"}})
	if bad["status"] != float64(401) {
		t.Fatalf("bad login: %v, want 401", bad)
	}
	me := a.call(t, map[string]any{"method": "GET", "path": "/user", "token": "s2"})
	if me["status"] != float64(200) || !reflect.DeepEqual(me["body"], wantLogin) {
		t.Fatalf("current user: %v", me)
	}
	anon := a.call(t, map[string]any{"method": "GET", "path": "/user", "token": "nope"})
	if anon["status"] != float64(401) {
		t.Fatalf("unknown token: %v, want 401", anon)
	}
}
