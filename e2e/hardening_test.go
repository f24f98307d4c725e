package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestNamesWithReservedCharacters: a username with @ + $ : , ; is reached
// with its path segment encoded, as clients that encode usernames send it,
// and as it is.
func TestNamesWithReservedCharacters(t *testing.T) {
	reader := register(t, "reader")
	u := newUser("jo")
	u.name = u.name + "+doe@x$:,;"
	expect(t, http.StatusCreated, "POST", "/users", "", u.registration())
	encoded := strings.NewReplacer("+", "%2B", "@", "%40", "$", "%24", ":", "%3A", ",", "%2C", ";", "%3B").Replace(u.name)
	for _, path := range []string{"/profiles/" + encoded, "/profiles/" + u.name} {
		if p := expect(t, http.StatusOK, "GET", path, "", nil).profile(t); p.Username != u.name {
			t.Fatalf("GET %s: profile of %q, want %q", path, p.Username, u.name)
		}
	}
	if p := expect(t, http.StatusOK, "POST", "/profiles/"+encoded+"/follow", reader.token, nil).profile(t); !p.Following {
		t.Fatalf("following %s through its encoded name: %+v", u.name, p)
	}
	expect(t, http.StatusNotFound, "GET", "/profiles/"+strings.ReplaceAll(u.name, "@", "%2F"), "", nil)
}

// TestTokenInTheURLIsRefused: a token sent as a query parameter, where
// logs keep it, is refused with a reason; in its header it is taken.
func TestTokenInTheURLIsRefused(t *testing.T) {
	u := register(t, "urltoken")
	r := expect(t, http.StatusBadRequest, "GET", "/user?token="+u.token, "", nil)
	if msgs := r.errorMessages(t); len(msgs) != 1 || !strings.Contains(msgs[0], "`token` is secret: send it in the header Authorization: Token …") {
		t.Fatalf("the 400 says %q", msgs)
	}
	expect(t, http.StatusOK, "GET", "/user", u.token, nil)
}

// TestOversizedBodyIsAnsweredToClientsThatSendItAll: a 12 MiB
// registration, sent whole before the reply is read, as Python's urllib
// and many SDKs do, gets its 413 rather than a reset connection.
func TestOversizedBodyIsAnsweredToClientsThatSendItAll(t *testing.T) {
	c, err := net.Dial("tcp", strings.TrimPrefix(api.servers[0].root, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	body := append([]byte(`{"user": {"username": "`), bytes.Repeat([]byte("a"), 12<<20)...)
	body = append(body, `"}}`...)
	w := bufio.NewWriter(c)
	fmt.Fprintf(w, "POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(body))
	if _, err := w.Write(body); err != nil {
		t.Fatalf("sending the body: %v", err)
	}
	if err := w.Flush(); err != nil {
		t.Fatalf("sending the body: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("the reply after the whole body: %v %v, want 413", resp, err)
	}
}
