// Package sealer encrypts small pieces of personal data at rest (phone
// numbers) with AES-256-GCM. Each sealed value names the key that sealed
// it, so keys can be rotated: new values use the current key, old ones stay
// readable while their key is still configured.
package sealer

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownKey: the value was sealed with a key that is not configured.
var ErrUnknownKey = errors.New("sealed with an unknown key")

// Sealer holds the keys. The zero value is not usable; use New.
type Sealer struct {
	current string
	aeads   map[string]cipher.AEAD
}

// New parses keys in the form "id:base64key,id2:base64key2"; the first key
// seals, all of them open. Keys are 32 bytes (AES-256).
func New(keys string) (*Sealer, error) {
	s := &Sealer{aeads: map[string]cipher.AEAD{}}
	for i, part := range strings.Split(keys, ",") {
		id, enc, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok || id == "" || strings.ContainsAny(id, ".:") {
			return nil, fmt.Errorf("key %d: want id:base64key", i+1)
		}
		key, err := base64.StdEncoding.DecodeString(enc)
		if err != nil || len(key) != 32 {
			return nil, fmt.Errorf("key %q: want 32 bytes, base64-encoded", id)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", id, err)
		}
		if _, dup := s.aeads[id]; dup {
			return nil, fmt.Errorf("key %q appears twice", id)
		}
		s.aeads[id] = aead
		if i == 0 {
			s.current = id
		}
	}
	return s, nil
}

// NewKey returns a fresh key in the form New accepts, named id.
func NewKey(id string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate key: %w", err)
	}
	return id + ":" + base64.StdEncoding.EncodeToString(b), nil
}

// Seal encrypts plaintext; context binds the value to where it is stored
// (e.g. "users.phone:42"), so a sealed value copied elsewhere fails to open.
// The empty string seals to the empty string.
func (s *Sealer) Seal(plaintext, context string) (string, error) {
	if plaintext == "" {
		return "", nil
	}
	aead := s.aeads[s.current]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	out := aead.Seal(nonce, nonce, []byte(plaintext), []byte(context))
	return s.current + "." + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a value from Seal with the same context.
// Errors: ErrUnknownKey, or a wrapped authentication failure.
func (s *Sealer) Open(sealed, context string) (string, error) {
	if sealed == "" {
		return "", nil
	}
	id, enc, ok := strings.Cut(sealed, ".")
	if !ok {
		return "", errors.New("open: malformed sealed value")
	}
	aead, ok := s.aeads[id]
	if !ok {
		return "", fmt.Errorf("open with key %q: %w", id, ErrUnknownKey)
	}
	raw, err := base64.RawStdEncoding.DecodeString(enc)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", errors.New("open: malformed sealed value")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(context))
	if err != nil {
		return "", fmt.Errorf("open with key %q: %w", id, err)
	}
	return string(plain), nil
}

// Current is the id of the key new values are sealed with.
func (s *Sealer) Current() string { return s.current }

// NeedsReseal reports whether sealed was made with a key other than the
// current one (rotation re-seals such values).
func (s *Sealer) NeedsReseal(sealed string) bool {
	id, _, _ := strings.Cut(sealed, ".")
	return sealed != "" && id != s.current
}
