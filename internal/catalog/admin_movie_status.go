package catalog

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// adminMovieStatus is POST /admin/movies/:id/status: archive, restore or
// release a movie, then go back where the button was (the list with its
// filters, or the edit page). Errors: ErrNotFound, ErrInvalid.
func (h *Handler) adminMovieStatus(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	status := MovieStatus(c.FormValue("status"))
	if err := h.svc.SetMovieStatus(ctx, id, status); err != nil {
		if _, ok := validate.Fields(err); ok {
			return echo.NewHTTPError(http.StatusUnprocessableEntity, i18n.T(ctx, "Choose coming soon, now showing or archived."))
		}
		return err
	}
	m, err := h.svc.Movie(ctx, id)
	if err != nil {
		return err
	}
	var msg string
	switch m.Status {
	case Archived:
		msg = i18n.T(ctx, "Archived “{{.Title}}”. It no longer appears on the site.", "Title", m.Title)
	case ComingSoon:
		msg = i18n.T(ctx, "“{{.Title}}” is now coming soon.", "Title", m.Title)
	default:
		msg = i18n.T(ctx, "“{{.Title}}” is now showing.", "Title", m.Title)
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	return web.Redirect(c, adminLocalURL(c.FormValue("back"), "/admin/movies", fmt.Sprintf("/admin/movies/%d/edit", id)))
}

// lowerFirst lower-cases the first letter of a label for use mid-sentence.
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
