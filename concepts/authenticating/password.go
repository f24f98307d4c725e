package authenticating

import (
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/legible/legible/concepts"
)

// CostEnv is the environment variable that, set to "min", makes new hashes
// use bcrypt.MinCost: for tests and benchmarks, never for real users.
const CostEnv = "LEGIBLE_BCRYPT_COST"

// maxPassword is the longest password bcrypt hashes, in bytes.
const maxPassword = 72

// hashCost returns the bcrypt cost that CostEnv selects.
func hashCost() int {
	if os.Getenv(CostEnv) == "min" {
		return bcrypt.MinCost
	}
	return bcrypt.DefaultCost
}

// normalize returns the canonical form of an email: trimmed, lower-cased.
func normalize(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// validate checks a normalised email and a password for registering.
func validate(email, password string) error {
	if email == "" {
		return concepts.Errorf("email is empty; give the email to register with")
	}
	return checkPassword(password)
}

// checkPassword checks a new password.
func checkPassword(password string) error {
	switch {
	case password == "":
		return concepts.Errorf("password is empty; choose a password")
	case len(password) > maxPassword:
		return concepts.Errorf("password is longer than %d bytes; choose a shorter one", maxPassword)
	}
	return nil
}

// hash returns the bcrypt hash of a validated password.
func (a *Authenticating) hash(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), a.cost)
	return string(h), err
}

// matches reports whether password is the one hashed in hash. With no
// hash (an unknown email) it still spends the time of one comparison, so
// that timing does not tell which emails are registered.
func (a *Authenticating) matches(hash, password string) bool {
	if hash == "" {
		_ = bcrypt.CompareHashAndPassword(a.dummy(), []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// dummyHash hashes a fixed password at the concept's cost.
func (a *Authenticating) dummyHash() []byte {
	h, err := bcrypt.GenerateFromPassword([]byte("legible: no such user"), a.cost)
	if err != nil {
		panic(err) // only for a cost out of range, which hashCost never returns
	}
	return h
}
