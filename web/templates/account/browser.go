package account

import (
	"context"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// browserName turns a User-Agent into something a person recognises, in
// ctx's language (browser and system names are names).
func browserName(ctx context.Context, ua string) string {
	browser := i18n.T(ctx, "A browser")
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	for _, o := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, o.token) {
			return i18n.T(ctx, "{{.Browser}} on {{.System}}", "Browser", browser, "System", o.name)
		}
	}
	return browser
}
