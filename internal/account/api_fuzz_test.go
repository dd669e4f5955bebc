package account

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
)

// fuzzKeys are two signing keys: "new" signs, "old" still verifies.
const fuzzKeys = "new:bmV3LW5ldy1uZXctbmV3LW5ldy1uZXctbmV3LW5ldy1uZXctbmV3,old:b2xkLW9sZC1vbGQtb2xkLW9sZC1vbGQtb2xkLW9sZC1vbGQtb2xk"

// FuzzAPITokenBody feeds bodies of POST /api/v1/auth/token (and the
// refresh and logout bodies, read the same way) through echo's binding as
// the handlers do: a body is refused with 400, or binds to exactly what
// encoding/json reads from it, so the credentials checked are the ones sent.
func FuzzAPITokenBody(f *testing.F) {
	for _, seed := range []string{`{"email":"ann@example.com","password":"correct horse"}`, `{"refresh_token":"abc"}`,
		`{"email":1}`, `{"email":"a","email":"b"}`, `{"Email":"case@example.com","PASSWORD":"x"}`, `[]`, `null`, ``,
		`{"email":"ann@example.com"} {"email":"eve@example.com"}`, `{"email":"\u0000\ud800"}`, `{"email":"a"`,
		`{"email":` + strings.Repeat("[", 5000) + `}`} {
		f.Add([]byte(seed), "application/json")
	}
	f.Add([]byte("email=ann%40example.com&password=x"), "application/x-www-form-urlencoded")
	f.Add([]byte(`<credentials><email>a</email></credentials>`), "application/xml")
	e := echo.New()
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/token", strings.NewReader(string(body)))
		req.Header.Set(echo.HeaderContentType, contentType)
		var in credentials
		err := e.NewContext(req, httptest.NewRecorder()).Bind(&in)
		if err != nil {
			var he *echo.HTTPError
			if !errors.As(err, &he) || he.Code >= 500 {
				t.Fatalf("body %q (%s) is refused with %v, not a 4xx", body, contentType, err)
			}
			return
		}
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(contentType)), echo.MIMEApplicationJSON) {
			return // forms and XML bind by their own rules
		}
		var want credentials
		if len(body) == 0 {
			if in != want {
				t.Fatalf("an empty body bound to %+v", in)
			}
			return // no credentials: IssueTokens answers 401
		}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("body %q bound to %+v, but encoding/json refuses it: %v", body, in, err)
		}
		if in != want {
			t.Fatalf("body %q bound to %+v, encoding/json reads %+v", body, in, want)
		}
	})
}

// FuzzVerifyAccessToken feeds bearer tokens to VerifyAccessToken: a token
// made from a genuine one by any change verifies, if at all, as the same
// user; tokens signed with another key, another algorithm or none, or
// missing the issuer or expiry, are refused with ErrTokenInvalid.
func FuzzVerifyAccessToken(f *testing.F) {
	keys, err := ParseSigningKeys(fuzzKeys)
	if err != nil {
		f.Fatal(err)
	}
	s := &Service{opts: Options{SigningKeys: keys}}
	sign := func(method jwt.SigningMethod, kid string, key any, claims jwt.RegisteredClaims) string {
		tok := jwt.NewWithClaims(method, claims)
		if kid != "" {
			tok.Header["kid"] = kid
		}
		out, err := tok.SignedString(key)
		if err != nil {
			f.Fatal(err)
		}
		return out
	}
	now := time.Now()
	claims := jwt.RegisteredClaims{Subject: "42", Issuer: "marquee", IssuedAt: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL))}
	genuine := sign(jwt.SigningMethodHS256, "new", keys.keys["new"], claims)
	f.Add(genuine, 0, "")
	f.Add(sign(jwt.SigningMethodHS256, "old", keys.keys["old"], claims), 0, "")
	f.Add(sign(jwt.SigningMethodHS256, "old", keys.keys["new"], claims), 0, "")
	f.Add(sign(jwt.SigningMethodHS256, "gone", []byte("some-other-key-some-other-key-32b"), claims), 0, "")
	f.Add(sign(jwt.SigningMethodHS512, "new", keys.keys["new"], claims), 0, "")
	f.Add(sign(jwt.SigningMethodNone, "new", jwt.UnsafeAllowNoneSignatureType, claims), 0, "")
	noExpiry, otherIssuer, otherUser := claims, claims, claims
	noExpiry.ExpiresAt = nil
	otherIssuer.Issuer = "evil"
	otherUser.Subject = "1"
	f.Add(sign(jwt.SigningMethodHS256, "new", keys.keys["new"], noExpiry), 0, "")
	f.Add(sign(jwt.SigningMethodHS256, "new", keys.keys["new"], otherIssuer), 0, "")
	f.Add(sign(jwt.SigningMethodHS256, "new", keys.keys["new"], otherUser), len(genuine), "x")
	f.Add("", 0, "")
	f.Add(genuine, len(genuine)-1, "A")
	f.Add(genuine, strings.IndexByte(genuine, '.')+1, "eyJzdWIiOiIxIn0")
	f.Fuzz(func(t *testing.T, token string, at int, insert string) {
		if at >= 0 && at <= len(token) {
			token = token[:at] + insert + token[at:]
		}
		id, err := s.VerifyAccessToken(token)
		if err != nil {
			if !errors.Is(err, ErrTokenInvalid) {
				t.Fatalf("token %q refused with %v, not ErrTokenInvalid (401)", token, err)
			}
			return
		}
		// Only the seeds signed here with a current key verify; base64
		// leaves a little slack in a signature's last character, so a
		// changed token may verify, but never as anybody else.
		if strconv.FormatInt(id, 10) != "42" && strconv.FormatInt(id, 10) != "1" {
			t.Fatalf("token %q verifies as user %d", token, id)
		}
		var parsed jwt.RegisteredClaims
		if _, _, err := jwt.NewParser().ParseUnverified(token, &parsed); err != nil || parsed.Subject != strconv.FormatInt(id, 10) {
			t.Fatalf("token %q verifies as user %d but says %q (%v)", token, id, parsed.Subject, err)
		}
		if parsed.Issuer != "marquee" || parsed.ExpiresAt == nil {
			t.Fatalf("token %q verifies without issuer or expiry: %+v", token, parsed)
		}
	})
}
