package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// FetchFlow asks the server at addr (HOST:PORT) for a recent flow, as GET
// /_legible/flows/ID?format=FORMAT answers: the flow as JSON ("json"),
// its causal tree as text ("text"), or a request's flow as a scenario
// step ("test"). A non-empty adminToken is sent as a bearer token, which
// a server outside development mode needs. The error says whether the
// server could not be reached, and what to check, or what it answered.
func FetchFlow(ctx context.Context, addr, id, format, adminToken string) ([]byte, error) {
	u := url.URL{Scheme: "http", Host: addr, Path: "/_legible/flows/" + id, RawPath: "/_legible/flows/" + url.PathEscape(id)}
	u.RawQuery = url.Values{"format": {format}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: not a server's address (want HOST:PORT, such as 127.0.0.1:8080): %w", addr, err)
	}
	if adminToken != "" {
		req.Header.Set("Authorization", "Bearer "+adminToken)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return nil, fmt.Errorf("is `legible serve` running at %s? %w", addr, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", resp.Status, errorMessage(body))
	}
	return body, nil
}

// errorMessage extracts the message of a JSON error reply, or returns
// the reply as it is.
func errorMessage(body []byte) string {
	var e struct {
		Errors struct{ Body []string } `json:"errors"`
	}
	if json.Unmarshal(body, &e) == nil && len(e.Errors.Body) > 0 {
		return strings.Join(e.Errors.Body, "; ")
	}
	return strings.TrimSpace(string(body))
}
