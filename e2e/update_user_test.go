package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestUpdateUserTakenChangesNothing changes a user's email and username
// at once, where one of the two belongs to another user: the reply is 422
// naming it, and neither changes, so a taken username leaves no changed
// email behind.
func TestUpdateUserTakenChangesNothing(t *testing.T) {
	ann, bob := register(t, "ann"), register(t, "bob")
	free := unique("free")
	tests := []struct {
		name, email, username, says string
	}{
		{"taken username", free + "@example.com", ann.name, "username " + ann.name + " is taken"},
		{"taken email", ann.email, free, "email " + ann.email + " is taken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := map[string]any{"user": map[string]any{"email": tt.email, "username": tt.username, "bio": "changed"}}
			msgs := expect(t, http.StatusUnprocessableEntity, http.MethodPut, "/user", bob.token, body).errorMessages(t)
			if !strings.Contains(msgs[0], tt.says) {
				t.Errorf("PUT /user: %q, want it to say %q", msgs, tt.says)
			}
			var me struct {
				User struct{ Email, Username, Bio string }
			}
			expect(t, http.StatusOK, http.MethodGet, "/user", bob.token, nil).decode(t, &me)
			if me.User.Email != bob.email || me.User.Username != bob.name || me.User.Bio != "" {
				t.Errorf("after the refused change: %+v, want %s, %s and no bio", me.User, bob.email, bob.name)
			}
		})
	}
	// Giving back one's own email and username is no change, and no error.
	own := map[string]any{"user": map[string]any{"email": bob.email, "username": bob.name, "bio": "mine"}}
	expect(t, http.StatusOK, http.MethodPut, "/user", bob.token, own)
}
