package sqlite

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecretFileIsPrivateAndKept(t *testing.T) {
	dir := t.TempDir()
	b, db := openTest(t, dir)
	first, err := db.Secret(context.Background(), "tokens")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "tokens.secret")
	st, err := os.Stat(file)
	if err != nil || st.Mode().Perm() != 0o600 || first.Where != file || !first.Created {
		t.Fatalf("the secret file: %v, %v, kept at %q (created %v); want %s, mode 0600, created", st, err, first.Where, first.Created, file)
	}
	if raw, _ := os.ReadFile(file); !bytes.Equal(raw, first.Value) {
		t.Fatalf("%s does not hold the secret", file)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".tokens.secret*")); len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	_, again := openTest(t, dir)
	kept, err := again.Secret(context.Background(), "tokens")
	if err != nil || kept.Created || !bytes.Equal(kept.Value, first.Value) {
		t.Fatalf("after reopening: created %v, same %v, %v; want the secret kept before", kept.Created, bytes.Equal(kept.Value, first.Value), err)
	}
}

func TestSecretFileRefused(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, file string)
		want []string // in the error
	}{
		{"readable by others", func(t *testing.T, file string) {
			write(t, file, strings.Repeat("k", 32), 0o644)
		}, []string{"mode 0644", "chmod 600 " + "FILE", "remove it"}},
		{"too short", func(t *testing.T, file string) {
			write(t, file, "short", 0o600)
		}, []string{"holds 5 bytes, not the 32", "remove it"}},
		{"a folder", func(t *testing.T, file string) {
			if err := os.Mkdir(file, 0o700); err != nil {
				t.Fatal(err)
			}
		}, []string{"not a regular file", "remove it"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "tokens.secret")
			tc.make(t, file)
			_, db := openTest(t, dir)
			_, err := db.Secret(context.Background(), "tokens")
			if err == nil {
				t.Fatal("Secret succeeded")
			}
			for _, w := range tc.want {
				if w = strings.ReplaceAll(w, "FILE", file); !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// write writes the file with data and mode, whatever the umask.
func write(t *testing.T, file, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(file, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(file, mode); err != nil {
		t.Fatal(err)
	}
}
