package waitroom

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Keys sign and verify place tokens with HMAC-SHA256. Each token names the
// key that signed it, so keys can be rotated.
type Keys struct {
	current string
	secrets map[string][]byte
}

// ParseKeys reads keys in the form "id:base64secret,id2:base64secret2"
// (secrets of at least 32 bytes); the first signs, all of them verify.
func ParseKeys(keys string) (*Keys, error) {
	k := &Keys{secrets: map[string][]byte{}}
	for i, part := range strings.Split(keys, ",") {
		id, enc, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok || id == "" || strings.ContainsAny(id, ".:") {
			return nil, fmt.Errorf("key %d: want id:base64secret", i+1)
		}
		secret, err := base64.StdEncoding.DecodeString(enc)
		if err != nil || len(secret) < 32 {
			return nil, fmt.Errorf("key %q: want 32 or more bytes, base64-encoded", id)
		}
		if _, dup := k.secrets[id]; dup {
			return nil, fmt.Errorf("key %q appears twice", id)
		}
		k.secrets[id] = secret
		if i == 0 {
			k.current = id
		}
	}
	return k, nil
}

// token is what a place token says: whose place, in which room, admitted
// from when.
type token struct {
	roomID, userID int64
	admitAt        time.Time
}

// sign returns "room.user.admitAtMicros.keyID.mac" (the mac base64url).
func (k *Keys) sign(t token) string {
	body := itoa(t.roomID) + "." + itoa(t.userID) + "." + itoa(t.admitAt.UnixMicro())
	return body + "." + k.current + "." + k.mac(k.secrets[k.current], body)
}

// verify checks a token's signature and reads it.
// Errors: ErrInvalid for a token not signed by one of the keys.
func (k *Keys) verify(s string) (token, error) {
	parts := strings.Split(s, ".")
	if len(parts) != 5 {
		return token{}, fmt.Errorf("place token: %w", ErrInvalid)
	}
	secret, ok := k.secrets[parts[3]]
	body := strings.Join(parts[:3], ".")
	if !ok || !hmac.Equal([]byte(parts[4]), []byte(k.mac(secret, body))) {
		return token{}, fmt.Errorf("place token: bad signature: %w", ErrInvalid)
	}
	var n [3]int64
	for i := range n {
		v, err := strconv.ParseInt(parts[i], 10, 64)
		if err != nil {
			return token{}, fmt.Errorf("place token: %w", ErrInvalid)
		}
		n[i] = v
	}
	return token{roomID: n[0], userID: n[1], admitAt: time.UnixMicro(n[2])}, nil
}

func (k *Keys) mac(secret []byte, body string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("waitroom." + body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
