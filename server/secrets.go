package server

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/legible/legible/engine/spec"
	"github.com/legible/legible/engine/trace"
)

// secretNames are the input names an app keeps secret: every concept's
// `secrets`, and the input its auth header becomes. Traces mask them; the
// access log masks them in query strings; a request that sends one in its
// query string is refused, since URLs end up in logs, proxies and
// browser histories.
func secretNames(sp *spec.Spec) map[string]bool {
	names := map[string]bool{}
	for _, c := range sp.Concepts {
		for _, s := range c.Secrets {
			names[s.Name] = true
		}
	}
	if sp.App != nil && sp.App.Auth != nil {
		names[sp.App.Auth.As.Name] = true
	}
	return names
}

// secretInQuery returns the first parameter of a query string that is a
// secret, or "".
func (s *Server) secretInQuery(q url.Values) string {
	for k := range q {
		if s.secrets[k] {
			return k
		}
	}
	return ""
}

// secretHome says where a request sends the secret input name: the auth
// header it comes from ("in the header Authorization: Token …"), or the
// body.
func (s *Server) secretHome(name string) string {
	if a := s.app.Auth; a != nil && a.As.Name == name {
		value := "…"
		if a.Scheme != "" {
			value = a.Scheme + " …"
		}
		return fmt.Sprintf("in the header %s: %s", a.Header, value)
	}
	return "in the JSON body"
}

// maskURI returns a request URI with the values of its secret query
// parameters masked, for the access log.
func (s *Server) maskURI(uri string) string {
	path, query, ok := strings.Cut(uri, "?")
	if !ok || len(s.secrets) == 0 {
		return uri
	}
	parts := strings.Split(query, "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		if name, err := url.QueryUnescape(k); err != nil || s.secrets[name] {
			parts[i] = k + "=" + trace.Masked
		}
	}
	return path + "?" + strings.Join(parts, "&")
}
