package catalog

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMovieList is GET /admin/movies: every movie, archived ones too,
// filtered by status and title, newest release first, a page at a time.
func (h *Handler) adminMovieList(c echo.Context) error {
	ctx := c.Request().Context()
	f := MovieFilter{Query: strings.TrimSpace(c.QueryParam("q")), Status: MovieStatus(c.QueryParam("status"))}
	if f.Status != ComingSoon && f.Status != NowShowing && f.Status != Archived {
		f.Status = ""
	}
	f.Page, _ = strconv.Atoi(c.QueryParam("page"))
	f.Page = min(max(f.Page, 1), 100_000)
	movies, total, err := h.svc.Movies(ctx, f)
	if err != nil {
		return err
	}
	if len(movies) == 0 && total > 0 {
		// Past the last page (a stale link): go to the last one.
		return c.Redirect(http.StatusSeeOther, movieListURL(f, (total+MoviePageSize-1)/MoviePageSize))
	}
	p := views.MovieListProps{
		Query: f.Query, Status: string(f.Status), Total: total,
		Statuses: append([]views.CatalogChoice{{Value: "", Label: i18n.T(ctx, "All statuses")}}, adminStatusChoices(ctx)...),
		BackURL:  movieListURL(f, f.Page),
	}
	if len(movies) > 0 {
		p.First = (f.Page-1)*MoviePageSize + 1
		p.Last = p.First + len(movies) - 1
	}
	if f.Page > 1 {
		p.PrevURL = movieListURL(f, f.Page-1)
	}
	if f.Page*MoviePageSize < total {
		p.NextURL = movieListURL(f, f.Page+1)
	}
	for _, m := range movies {
		p.Movies = append(p.Movies, views.MovieListItem{
			ID: m.ID, Title: m.Title, PosterURL: m.PosterURL(), Status: string(m.Status), StatusLabel: movieStatusLabel(ctx, m.Status),
			Released: i18n.Date(ctx, m.ReleaseDate), Runtime: i18n.Runtime(ctx, m.RuntimeMinutes), Certification: m.Certification,
			Genres: strings.Join(m.Genres, ", "), Actions: h.movieStatusActions(ctx, m),
		})
	}
	return web.Render(c, http.StatusOK, views.MovieList(p))
}

// movieListURL is the list with f's filters on page.
func movieListURL(f MovieFilter, page int) string {
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if f.Status != "" {
		q.Set("status", string(f.Status))
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/admin/movies"
	}
	return "/admin/movies?" + q.Encode()
}
