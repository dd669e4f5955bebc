package recommend

import (
	"context"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// reasonSep separates a stored reason's message id from its arguments.
const reasonSep = "\x1f"

// reason is a why-line as stored with a suggestion: its message id (the
// English text, marked with i18n.Msg by the caller) and its placeholders'
// name/value pairs, so each reader gets it in their own language.
func reason(id string, kv ...string) string {
	return strings.Join(append([]string{id}, kv...), reasonSep)
}

// reasonText is a stored reason in ctx's language. A reason stored before
// reasons carried their arguments is English text and stays as it is.
// Genres and languages are stored by their English names and named here
// in the reader's language.
func reasonText(ctx context.Context, stored string) string {
	if stored == "" {
		return ""
	}
	parts := strings.Split(stored, reasonSep)
	kv := make([]any, 0, len(parts)-1)
	for i, p := range parts[1:] {
		if i%2 == 1 {
			p = reasonArg(ctx, parts[i], p)
		}
		kv = append(kv, p)
	}
	return i18n.T(ctx, parts[0], kv...)
}

// reasonArg is the value of a reason's placeholder key as the reader
// reads it. English says "Matches your taste for thrillers"; other
// languages name the genre itself. Reasons stored with the English plural
// ("thrillers") name no known genre and stay as stored.
func reasonArg(ctx context.Context, key, value string) string {
	switch key {
	case "Genre":
		if i18n.Lang(ctx) == "en" {
			return tasteLabel(value)
		}
		return i18n.Genre(ctx, value)
	case "Language":
		return i18n.LanguageNameInText(ctx, value)
	}
	return value
}
