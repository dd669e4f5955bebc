package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// unsubscribeContext separates unsubscribe signatures from anything else a
// key might sign.
const unsubscribeContext = "marquee-unsubscribe-v1."

// Keys sign unsubscribe links (HMAC-SHA256). The first key signs; every key
// verifies, so links already sent keep working after a rotation.
type Keys struct {
	current string
	keys    map[string][]byte
}

// ParseKeys reads NOTIFY_KEYS: "id:base64secret,id2:base64secret2"
// (standard base64, secrets of at least 32 bytes, distinct ids made of
// letters, digits, - and _).
func ParseKeys(spec string) (*Keys, error) {
	k := &Keys{keys: map[string][]byte{}}
	for i, part := range strings.Split(spec, ",") {
		id, enc, ok := strings.Cut(strings.TrimSpace(part), ":")
		secret, err := base64.StdEncoding.DecodeString(enc)
		if !ok || !validKeyID(id) || err != nil || len(secret) < 32 {
			return nil, fmt.Errorf("key %d: want id:base64(at least 32 bytes)", i+1)
		}
		if _, dup := k.keys[id]; dup {
			return nil, fmt.Errorf("key %d: id %q is listed twice", i+1, id)
		}
		if i == 0 {
			k.current = id
		}
		k.keys[id] = secret
	}
	return k, nil
}

func validKeyID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// UnsubscribeToken signs "user u no longer wants category c":
// "<user>.<category>.<key id>.<signature>".
func (k *Keys) UnsubscribeToken(userID int64, c Category) string {
	body := strconv.FormatInt(userID, 10) + "." + string(c) + "." + k.current
	return body + "." + k.sign(k.keys[k.current], body)
}

// VerifyUnsubscribe checks a token and returns what it asks for.
// Errors: ErrBadUnsubscribe.
func (k *Keys) VerifyUnsubscribe(token string) (int64, Category, error) {
	parts := strings.Split(token, ".")
	if len(token) > 256 || len(parts) != 4 {
		return 0, "", ErrBadUnsubscribe
	}
	secret, ok := k.keys[parts[2]]
	if !ok {
		return 0, "", ErrBadUnsubscribe
	}
	body := strings.Join(parts[:3], ".")
	if !hmac.Equal([]byte(k.sign(secret, body)), []byte(parts[3])) {
		return 0, "", ErrBadUnsubscribe
	}
	id, err := strconv.ParseInt(parts[0], 10, 64)
	c := Category(parts[1])
	if err != nil || id <= 0 || !c.Marketing() {
		return 0, "", ErrBadUnsubscribe
	}
	return id, c, nil
}

func (k *Keys) sign(secret []byte, body string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(unsubscribeContext + body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
