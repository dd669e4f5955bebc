package account

import (
	"fmt"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
)

// passwordParams follow OWASP's argon2id recommendation (19 MiB, 2
// iterations, 1 lane).
func passwordParams() *argon2id.Params {
	return &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// Password length limits, in characters.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// checkPassword returns what is wrong with a new password, or "".
func checkPassword(p string) string {
	n := utf8.RuneCountInString(p)
	if n < MinPasswordLen || n > MaxPasswordLen {
		return fmt.Sprintf("Use %d to %d characters.", MinPasswordLen, MaxPasswordLen)
	}
	return ""
}

func hashPassword(p string) (string, error) {
	h, err := argon2id.CreateHash(p, passwordParams())
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}

func checkHash(p, hash string) (bool, error) {
	ok, err := argon2id.ComparePasswordAndHash(p, hash)
	if err != nil {
		return false, fmt.Errorf("check password: %w", err)
	}
	return ok, nil
}

// burnPasswordCheck spends the time of one password check, so a login for an
// unknown email is as slow as one with a wrong password.
func burnPasswordCheck(p string) {
	_, _ = argon2id.CreateHash(p, passwordParams())
}
