package catalog

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminShowCancelConfirm shows what cancelling a show would cancel and
// how many of its seats are already sold, and asks to confirm.
func (h *Handler) adminShowCancelConfirm(c echo.Context) error {
	id, err := showPathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	show, err := h.svc.ShowForAdmin(ctx, id)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, adminview.ShowCancel(adminview.ShowCancelProps{Show: showSummary(ctx, show, h.svc.now())}))
}

// adminShowCancel cancels a show and goes back to its day's list; a show
// already cancelled answers 409 and says so.
func (h *Handler) adminShowCancel(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := showPathID(c)
	if err != nil {
		return err
	}
	_, err = h.svc.CancelShow(ctx, id)
	if err != nil && !errors.Is(err, ErrShowCancelled) {
		return err
	}
	show, serr := h.svc.ShowForAdmin(ctx, id)
	if serr != nil {
		return serr
	}
	if err != nil {
		return web.Render(c, http.StatusConflict, adminview.ShowCancel(adminview.ShowCancelProps{
			Show: showSummary(ctx, show, h.svc.now()), Error: i18n.T(ctx, "This show was already cancelled; nothing changed."),
		}))
	}
	loc := show.Location()
	h.showFlash(c, i18n.T(ctx, "Cancelled show #{{.ID}}: {{.Movie}} on {{.Screen}} at {{.Theater}}, {{.When}}.", "ID", show.ID,
		"Movie", show.MovieTitle, "Screen", show.ScreenName, "Theater", show.TheaterName, "When", showWhen(ctx, show.StartsAt.In(loc))))
	return web.Redirect(c, showListURL(show.TheaterID, show.StartsAt.In(loc).Format(time.DateOnly), show.ID))
}
