package legible_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// link matches a Markdown link's target.
var link = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestReadmeLinksStayInside checks that every link of the README to a file
// points inside the repository, at a file that exists: the README is read
// in a clone on its own.
func TestReadmeLinksStayInside(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, m := range link.FindAllStringSubmatch(string(data), -1) {
		target, _, _ := strings.Cut(m[1], "#")
		if target == "" || strings.Contains(target, "://") {
			continue
		}
		files++
		clean := filepath.Clean(target)
		if strings.HasPrefix(clean, "..") || filepath.IsAbs(clean) {
			t.Errorf("README links to %s, outside the repository", target)
			continue
		}
		if _, err := os.Stat(clean); err != nil {
			t.Errorf("README links to %s: %v", target, err)
		}
	}
	if files == 0 {
		t.Fatal("found no link to a file in the README")
	}
}
