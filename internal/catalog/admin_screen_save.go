package catalog

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
	"github.com/marqueehq/marquee/web/templates/layout"
)

// adminScreenSave is POST /admin/screens/:id/layout: publishes the draft
// with UpdateScreen. It is refused with 409 when someone saved the layout
// since the draft began (unless overwrite=1, which the editor offers once
// it has said so) or when the change would remove seats already booked;
// with 422 when the draft is not a valid layout (no seats at all, say).
// Errors: ErrNotFound.
func (h *Handler) adminScreenSave(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	editURL := fmt.Sprintf("/admin/screens/%d/edit", e.screen.ID)
	if !e.dirty() {
		h.auth.Flash(c, webctx.FlashInfo, i18n.T(ctx, "There were no changes to save."))
		return web.Redirect(c, editURL)
	}
	staleMsg := i18n.T(ctx, "Someone else saved this layout while you were editing. Review your draft, then save again to replace their version, or discard it.")
	overwrite := c.FormValue("overwrite") == "1"
	if e.stale() && !overwrite {
		return h.layoutRefused(c, e, http.StatusConflict, staleMsg)
	}
	in := ScreenInput{Name: e.screen.Name, Formats: e.screen.Formats, Layout: e.draft.Layout}
	if !overwrite {
		// Checked again under the row lock: two saves at once cannot both win.
		in.BaseFingerprint = e.draft.Base
	}
	sc, err := h.svc.UpdateScreen(ctx, e.screen.ID, in)
	if errors.Is(err, ErrLayoutChanged) {
		return h.layoutRefused(c, e, http.StatusConflict, staleMsg)
	}
	if errors.Is(err, ErrSeatsBooked) {
		return h.layoutRefused(c, e, http.StatusConflict, seatsBookedMessage(ctx, err))
	}
	if errs, ok := validate.Fields(err); ok {
		return h.layoutRefused(c, e, http.StatusUnprocessableEntity, i18n.T(ctx, "This layout can't be saved: {{.Problems}}", "Problems", fieldMessages(localizedErrors(ctx, errs))))
	}
	if err != nil {
		return err
	}
	h.dropDraft(c, sc.ID)
	h.auth.Flash(c, webctx.FlashSuccess,
		i18n.T(ctx, "Saved the layout of {{.Screen}}: {{.Seats}} seats. Shows scheduled from now on use it.",
			"Screen", sc.Name, "Seats", i18n.Number(ctx, int64(sc.SeatCount))))
	return web.Redirect(c, editURL)
}

// layoutRefused shows why a save was refused: in the page's alert region
// for htmx, or on the editor page (draft intact) without JavaScript.
func (h *Handler) layoutRefused(c echo.Context, e layoutEditor, status int, msg string) error {
	if web.IsHTMX(c) {
		c.Response().Header().Set("HX-Retarget", "#alerts")
		c.Response().Header().Set("HX-Reswap", "innerHTML")
		return web.Render(c, status, layout.Flash(webctx.FlashError, msg))
	}
	p, err := h.screenEditorProps(c, e)
	if err != nil {
		return err
	}
	// The page's alert region shows the request's flash message.
	webctx.From(c.Request().Context()).Flash = &webctx.Flash{Kind: webctx.FlashError, Text: msg}
	return web.Render(c, status, views.ScreenEditor(p))
}

// seatsBookedMessage names the booked seats an ErrSeatsBooked refused.
func seatsBookedMessage(ctx context.Context, err error) string {
	var booked *SeatsBookedError
	if errors.As(err, &booked) {
		return i18n.T(ctx, "That change would remove seats that are already booked for future shows: {{.Seats}}. Keep them as seats (they may be recategorised), or move those bookings first.",
			"Seats", strings.Join(booked.Seats, ", "))
	}
	return i18n.T(ctx, "That change would remove seats that are already booked for future shows. Keep them as seats (they may be recategorised), or move those bookings first.")
}

// fieldMessages joins validation messages in a stable order.
func fieldMessages(errs validate.Errors) string {
	msgs := make([]string, 0, len(errs))
	for _, m := range errs {
		msgs = append(msgs, m)
	}
	sort.Strings(msgs)
	return strings.Join(msgs, " ")
}
