package account

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"

	"github.com/marqueehq/marquee/internal/platform/i18n"
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
		return i18n.Msg("Use 8 to 128 characters.") // MinPasswordLen to MaxPasswordLen
	}
	if isCommonPassword(p) {
		return i18n.Msg("That password is one of the most common ones, so it is easy to guess. Choose another.")
	}
	return ""
}

// hasher runs argon2id with bounded concurrency: each hash takes 19 MiB
// and tens of milliseconds of a core, so a burst of sign-ins must queue
// rather than starve the booking path of CPU and memory.
type hasher struct{ slots chan struct{} }

func newHasher(n int) *hasher {
	return &hasher{slots: make(chan struct{}, max(n, 1))}
}

func (h *hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for a password hashing slot: %w", ctx.Err())
	}
}

func (h *hasher) release() { <-h.slots }

func (h *hasher) hash(ctx context.Context, p string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	out, err := argon2id.CreateHash(p, passwordParams())
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return out, nil
}

func (h *hasher) check(ctx context.Context, p, hash string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	ok, err := argon2id.ComparePasswordAndHash(p, hash)
	if err != nil {
		return false, fmt.Errorf("check password: %w", err)
	}
	return ok, nil
}

// burn spends the time of one password check, so a sign-in for an unknown
// email is as slow as one with a wrong password.
func (h *hasher) burn(ctx context.Context, p string) error {
	_, err := h.hash(ctx, p)
	return err
}
