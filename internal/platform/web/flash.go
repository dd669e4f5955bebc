package web

import (
	"context"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/webctx"
)

const (
	flashKindKey = "flash_kind"
	flashTextKey = "flash_text"
)

// SetFlash stores a one-time message for the next page the user sees
// (typically after a redirect).
func SetFlash(c echo.Context, sm *scs.SessionManager, kind webctx.FlashKind, text string) {
	ctx := c.Request().Context()
	sm.Put(ctx, flashKindKey, string(kind))
	sm.Put(ctx, flashTextKey, text)
}

func popFlash(ctx context.Context, sm *scs.SessionManager) *webctx.Flash {
	if sm.Status(ctx) == scs.Unmodified && !sm.Exists(ctx, flashTextKey) {
		return nil
	}
	text := sm.PopString(ctx, flashTextKey)
	if text == "" {
		return nil
	}
	return &webctx.Flash{Kind: webctx.FlashKind(sm.PopString(ctx, flashKindKey)), Text: text}
}
