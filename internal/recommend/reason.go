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
func reasonText(ctx context.Context, stored string) string {
	if stored == "" {
		return ""
	}
	parts := strings.Split(stored, reasonSep)
	kv := make([]any, 0, len(parts)-1)
	for _, p := range parts[1:] {
		kv = append(kv, p)
	}
	return i18n.T(ctx, parts[0], kv...)
}
