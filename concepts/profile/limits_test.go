package profile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/legible/legible/concepts"
	"github.com/legible/legible/storage/storagetest"
)

// TestLengthLimits checks that create and update refuse a username of
// more than 100 characters, once trimmed, a bio of more than 1,000 and an
// image of more than 2,000, and then change nothing; and that fields at
// the limits are kept.
func TestLengthLimits(t *testing.T) {
	each(t, func(t *testing.T, p *Profile, c *concepts.Concept) {
		mustCreate(t, c, "u1", "ann")
		long := strings.Repeat("é", 101)
		storagetest.Fails(t, c, "create", create("u2", long), "username has 101 characters; the most is 100")
		cases := []struct {
			field string
			value string
			want  string
		}{
			{"username", long, "username has 101 characters; the most is 100"},
			{"bio", strings.Repeat("b", 1001), "bio has 1001 characters; the most is 1000"},
			{"image", strings.Repeat("i", 2001), "image has 2001 characters; the most is 2000"},
		}
		for _, tc := range cases {
			storagetest.Fails(t, c, "update", map[string]any{"user": "u1", tc.field: tc.value}, tc.want)
		}
		wantProfiles(t, p, 1)
		if row := get(t, c, "u1"); fmt.Sprint(row) != fmt.Sprint(map[string]any{"username": "ann", "bio": "", "image": ""}) {
			t.Fatalf("_get after refused updates: %v, want ann's profile unchanged", row)
		}
		most := map[string]any{"user": "u1", "username": " " + strings.Repeat("é", 100) + " ",
			"bio": strings.Repeat("b", 1000), "image": strings.Repeat("i", 2000)}
		if got := call(t, c, "update", most); got.IsError() {
			t.Fatalf("update with fields at the limits: %+v, want it changed", got)
		}
		if row := get(t, c, "u1"); row["username"] != strings.Repeat("é", 100) || row["image"] != most["image"] {
			t.Fatalf("_get after the update at the limits: %.200v, want its fields", row)
		}
		mustCreate(t, c, "u2", strings.Repeat("x", 100))
	})
}

// TestSpecStatesLimits checks that the spec states the lengths create and
// update allow, so that its readers see them.
func TestSpecStatesLimits(t *testing.T) {
	for _, s := range []string{
		fmt.Sprintf("has at most %d characters once trimmed", MaxUsername),
		fmt.Sprintf("bio has at most %d characters", MaxBio),
		fmt.Sprintf("image at most %d", MaxImage),
	} {
		if !strings.Contains(strings.Join(strings.Fields(string(spec)), " "), s) {
			t.Errorf("Profile.concept.yaml does not say %q", s)
		}
	}
}
