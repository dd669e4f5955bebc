package i18n

import (
	"net/http"

	"golang.org/x/text/language"
)

// CookieName is the cookie the language switcher sets.
const CookieName = "lang"

var matcher = language.NewMatcher([]language.Tag{language.English, language.Hindi, language.Spanish})

// FromRequest is the language r asks for: the switcher's cookie, else the
// best match of its Accept-Language header, else "" (no preference).
func FromRequest(r *http.Request) string {
	if c, err := r.Cookie(CookieName); err == nil && Supported(c.Value) {
		return c.Value
	}
	h := r.Header.Get("Accept-Language")
	if h == "" || len(h) > 512 {
		return ""
	}
	tags, _, err := language.ParseAcceptLanguage(h)
	if err != nil || len(tags) == 0 {
		return ""
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return ""
	}
	return Languages[i].Code
}
