package trace

import (
	"strings"
	"time"
)

// t0 is the fixed start of every test flow, so renderings are stable.
var t0 = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

// at returns the time d after t0.
func at(d time.Duration) time.Time { return t0.Add(d) }

// us is a microsecond, to keep fixtures short.
const us = time.Microsecond

// rec builds a record that starts at start and takes took.
func rec(id, concept, action string, in, out map[string]any, start, took time.Duration, cause *Cause) *Record {
	return &Record{ID: id, Concept: concept, Action: action, Input: in, Output: out,
		Start: at(start), End: at(start + took), Cause: cause}
}

// by builds the cause of a record invoked by sync after the when records;
// the last of them is the parent.
func by(sync string, when ...string) *Cause {
	return &Cause{Sync: sync, When: when, Parent: when[len(when)-1]}
}

// secrets are the secret parameters of the test app.
var secrets = map[string][]string{
	"Authenticating": {"password"},
	"Tokens":         {"token"},
}

// loginFlow is the flow of a successful login, as the runtime records it.
func loginFlow() *Flow {
	return &Flow{
		ID: "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b", Start: at(0), End: at(12300 * us),
		Records: []*Record{
			rec("1", "Requesting", "request", map[string]any{
				"method": "POST", "path": "/users/login",
				"user": map[string]any{"email": "a@b.c", "password": "hunter2"},
			}, map[string]any{"request": "r1"}, 0, 100*us, nil),
			rec("2", "Authenticating", "login", map[string]any{"email": "a@b.c", "password": "hunter2"},
				map[string]any{"user": "u1"}, 200*us, 2000*us, by("Login", "1")),
			rec("3", "Tokens", "issue", map[string]any{"user": "u1"},
				map[string]any{"token": "eyJhbGciOi.secret.token"}, 2300*us, 400*us, by("LoginToken", "2")),
			rec("4", "Sessioning", "create", map[string]any{"user": "u1"},
				map[string]any{"session": "s1"}, 2800*us, 500*us, by("LoginSession", "2")),
			rec("5", "Requesting", "respond", map[string]any{
				"request": "r1",
				"body": map[string]any{"user": map[string]any{
					"email": "a@b.c", "token": "eyJhbGciOi.secret.token", "username": "jake", "bio": nil, "image": nil,
				}},
			}, map[string]any{"request": "r1"}, 3400*us, 100*us, by("LoginRespond", "1", "2", "3", "4")),
			rec("6", "Auditing", "log", map[string]any{"event": "login", "at": 1741064767.5},
				map[string]any{}, 3600*us, 1500*time.Millisecond, by("Audit", "1")),
		},
	}
}

// failureFlow stops on a Go failure deep in the tree.
func failureFlow() *Flow {
	fail := rec("3", "Article", "create", map[string]any{"title": "Hi", "tags": []any{"go", "yaml"}},
		nil, 600*us, 42*time.Millisecond, by("CreateArticle", "1", "2"))
	fail.Failure = "mongo: connection refused\nafter 3 retries"
	return &Flow{
		ID: "flow-failure", Start: at(0), End: at(43 * time.Millisecond),
		Failure: "Article.create failed: mongo: connection refused\nafter 3 retries",
		Records: []*Record{
			rec("1", "Requesting", "request", map[string]any{"method": "POST", "path": "/articles", "token": "t0k3n"},
				map[string]any{"request": "r9"}, 0, 50*us, nil),
			rec("2", "Tokens", "verify", map[string]any{"token": "t0k3n"},
				map[string]any{"user": "u7"}, 100*us, 300*us, by("CreateArticleAuth", "1")),
			fail,
		},
	}
}

// errorFlow answers a concept error: wrong password.
func errorFlow() *Flow {
	return &Flow{
		ID: "flow-error", Start: at(0), End: at(900 * us),
		Records: []*Record{
			rec("1", "Requesting", "request", map[string]any{
				"method": "POST", "path": "/users/login",
				"user": map[string]any{"email": "a@b.c", "password": "wrong"},
			}, map[string]any{"request": "r2"}, 0, 80*us, nil),
			rec("2", "Authenticating", "login", map[string]any{"email": "a@b.c", "password": "wrong"},
				map[string]any{"error": "wrong email or password"}, 100*us, 600*us, by("Login", "1")),
			rec("3", "Requesting", "respond", map[string]any{
				"request": "r2", "status": 422, "body": map[string]any{"errors": map[string]any{"body": []any{"wrong email or password"}}},
			}, map[string]any{"request": "r2"}, 750*us, 60*us, by("LoginError", "1", "2")),
		},
	}
}

// truncationFlow has values too long for one line.
func truncationFlow() *Flow {
	nums := make([]any, 50)
	for i := range nums {
		nums[i] = i * 1000
	}
	big := map[string]any{}
	for _, k := range []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"} {
		big[k] = strings.Repeat(k, 3)
	}
	return &Flow{
		ID: "flow-truncation", Start: at(0), End: at(2 * time.Millisecond),
		Records: []*Record{
			rec("1", "Article", "create", map[string]any{
				"body":         strings.Repeat("lorem ipsum ", 20),
				"numbers":      nums,
				"nested":       map[string]any{"big": big, "small": 1},
				"odd key":      "quoted \"key\"\tand\nescapes",
				"unicode":      strings.Repeat("żółw🐢", 30),
				"typed":        map[string]int{"b": 2, "a": 1},
				"strings":      []string{"x", "y"},
				"empty":        map[string]any{},
				"emptyList":    []any{},
				"nothing":      nil,
				"flag":         true,
				"ratio":        0.25,
				"Content-Type": "text/plain",
			}, map[string]any{"article": "a1"}, 0, 1500*us, nil),
		},
	}
}

// orphanFlow has a record whose parent is missing, one whose parent comes
// later, and one naming itself.
func orphanFlow() *Flow {
	return &Flow{
		ID: "flow-orphans", Start: at(0), End: at(time.Millisecond),
		Records: []*Record{
			rec("1", "Requesting", "request", map[string]any{"path": "/a"}, map[string]any{"request": "r"}, 0, 10*us, nil),
			rec("2", "Lost", "child", nil, map[string]any{}, 20*us, 10*us, by("Orphan", "gone")),
			rec("3", "Early", "child", nil, map[string]any{}, 40*us, 10*us, by("Backwards", "4")),
			rec("4", "Self", "loop", nil, map[string]any{}, 60*us, 10*us, by("Loop", "4")),
			rec("5", "Late", "child", nil, map[string]any{}, 80*us, 10*us, by("Fine", "2")),
		},
	}
}
