package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
)

// pathOf returns the file path of a file:// URI.
func pathOf(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", err
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("%s: only file:// documents are checked; save the document in the app's folder", uri)
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), nil
}

// uriOf returns the file:// URI of an absolute path.
func uriOf(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
