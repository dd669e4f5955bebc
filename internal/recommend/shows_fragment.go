package recommend

import (
	"context"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/recommend"
)

const (
	// showsOnPage is how many shows "Showtimes for you" lists.
	showsOnPage = 6
	// theatersOnPage is how many theaters "Theaters you may like" lists.
	theatersOnPage = 3
)

// showsProps lays out "Showtimes for you" (or, for someone without
// visits, the coming shows of the movies picked for them) with clicks recorded from
// surface.
func showsProps(ctx context.Context, id string, picks []ShowPick, surface string) views.ShowsProps {
	p := views.ShowsProps{ID: id, Title: i18n.Msg("Showtimes for you"),
		Subtitle: i18n.Msg("Picked from when, where and how you usually go")}
	if len(picks) > 0 && !picks[0].Personal {
		p.Title, p.Subtitle = i18n.Msg("Coming up near you"),
			i18n.Msg("Book a few shows and this list learns when, where and how you like to go")
	}
	for _, pk := range picks {
		p.Items = append(p.Items, views.ShowItemProps{
			Href:  fmt.Sprintf("/recommendations/click/show/%d?from=%s", pk.Show.ID, surface),
			Movie: pk.Movie.Title, When: i18n.DayTime(ctx, pk.Show.StartsAt.In(pk.Theater.Location())),
			Theater: pk.Theater.Name, Format: showFormat(ctx, pk), Reason: pk.Reason,
		})
	}
	return p
}

// showFormat is "IMAX · English · Spanish subtitles".
func showFormat(ctx context.Context, pk ShowPick) string {
	s := pk.Show.Format + " · " + i18n.LanguageName(ctx, pk.Show.Language)
	if pk.Show.Subtitles != "" {
		s += " · " + i18n.T(ctx, "{{.Language}} subtitles", "Language", i18n.LanguageNameInText(ctx, pk.Show.Subtitles))
	}
	return s
}

// theatersProps lays out "Theaters you may like" with clicks recorded
// from surface.
func theatersProps(id string, picks []TheaterPick, surface string) views.TheatersProps {
	p := views.TheatersProps{ID: id, Title: i18n.Msg("Theaters you may like"),
		Subtitle: i18n.Msg("Near the ones you go to, with what you choose there")}
	for _, pk := range picks {
		p.Items = append(p.Items, views.TheaterItemProps{
			Href: fmt.Sprintf("/recommendations/click/theater/%d?from=%s", pk.Theater.ID, surface),
			Name: pk.Theater.Name, Address: pk.Theater.Address, Reason: pk.Reason,
		})
	}
	return p
}

// clickShow is GET /recommendations/click/show/:show_id?from=<surface>:
// records a signed-in user's click on a suggested show (a booking of its
// movie in the next week is attributed to "Showtimes for you") and goes on
// to the show's page. Errors: ErrNotFound.
func (h *Handler) clickShow(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "show_id")
	if err != nil {
		return err
	}
	sh, err := h.svc.catalog.Show(ctx, id)
	if err != nil {
		return err
	}
	if uid := userID(c); uid != 0 {
		if err := h.svc.ShowClicked(ctx, uid, sh, c.QueryParam("from")); err != nil {
			h.svc.opts.Log.Error("record show recommendation click", "show", sh.ID, "err", err)
		}
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/shows/%d", sh.ID))
}

// clickTheater is GET /recommendations/click/theater/:theater_id?from=<surface>:
// records a signed-in user's click on a suggested theater and goes on to
// the theater's page. Errors: ErrNotFound.
func (h *Handler) clickTheater(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "theater_id")
	if err != nil {
		return err
	}
	t, err := h.svc.catalog.Theater(ctx, id)
	if err != nil {
		return err
	}
	if uid := userID(c); uid != 0 {
		if err := h.svc.TheaterClicked(ctx, uid, t.ID, c.QueryParam("from")); err != nil {
			h.svc.opts.Log.Error("record theater recommendation click", "theater", t.ID, "err", err)
		}
	}
	return c.Redirect(http.StatusSeeOther, "/theaters/"+t.Slug)
}
