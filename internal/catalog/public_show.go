package catalog

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog"
)

// showPage is GET /shows/:id: what, where and when, the price of each seat
// category and the screen's seat layout. A cancelled or past show says so
// and offers the movie's next showtimes in the city instead.
// Errors: ErrNotFound for an unknown or malformed id.
func (h *Handler) showPage(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := parsePublicID(c.Param("id"))
	if err != nil {
		return err
	}
	d, err := h.svc.ShowDetail(ctx, id)
	if err != nil {
		return err
	}
	if _, _, err := h.city(c); err != nil {
		return err
	}
	loc := d.City.Location()
	starts := d.StartsAt.In(loc)
	p := views.ShowProps{
		SeatsHref:  fmt.Sprintf("/shows/%d/seats", d.ID),
		MovieTitle: d.Movie.Title, MovieHref: movieHref(d.Movie.Slug), PosterURL: d.Movie.PosterURL(),
		Certification: d.Movie.Certification, Runtime: d.Movie.Runtime(),
		TheaterName: d.Theater.Name, TheaterHref: theaterHref(d.Theater.Slug), Address: d.Theater.Address,
		ScreenName: d.Screen.Name, Date: starts.Format("Monday 2 January 2006"), Time: starts.Format(clockLayout),
		EndTime: d.EndsAt.In(loc).Format(clockLayout), Format: d.Format, Language: d.Language, Subtitles: d.Subtitles,
		Cancelled: d.Status == Cancelled, Past: !d.StartsAt.After(h.svc.now()),
		SoldOut: d.SoldOut(), FillingFast: d.AlmostFull(), SeatsAvailable: d.SeatsAvailable, SeatsTotal: d.SeatsTotal,
	}
	p.Prices, p.Plan = showPrices(d), seatPlan(d.Screen.Layout, d.Prices, d.City.Currency)
	if (p.Cancelled || p.Past) && d.Movie.Status == NowShowing {
		if err := h.otherShowtimes(c, d, &p); err != nil {
			return err
		}
	}
	return web.Render(c, http.StatusOK, views.Show(p))
}

// otherShowtimes fills in the movie's shows on the first day that has any.
func (h *Handler) otherShowtimes(c echo.Context, d ShowDetail, p *views.ShowProps) error {
	ctx := c.Request().Context()
	days, has, err := h.svc.MovieShowDays(ctx, d.Movie.ID, d.City)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(days, func(t time.Time) bool { return has[t.Format(time.DateOnly)] })
	if i < 0 {
		return nil
	}
	shows, err := h.svc.MovieShowtimes(ctx, d.Movie.ID, d.City, days[i])
	if err != nil {
		return err
	}
	p.OthersDay = days[i].Format(longDay)
	for _, t := range shows {
		p.Others = append(p.Others, views.TheaterShowsProps{
			Name: t.TheaterName, Href: theaterHref(t.TheaterSlug), Groups: showGroupsView(t.Groups, d.City.Location()),
		})
	}
	return nil
}

// showPrices lists the price of every category the screen has, in the
// catalogue's category order.
func showPrices(d ShowDetail) []views.PriceProps {
	var out []views.PriceProps
	for _, cat := range d.Screen.Layout.CategoriesUsed() {
		if amount, ok := d.Prices[cat]; ok {
			out = append(out, views.PriceProps{Category: string(cat), Label: cat.Label(), Amount: money.Format(amount, d.City.Currency)})
		}
	}
	return out
}

// seatPlan turns a layout into the seat map's rows and cells, with a
// legend priced in currency.
func seatPlan(l Layout, prices Prices, currency string) views.SeatPlanProps {
	p := views.SeatPlanProps{Rows: make([]views.SeatRow, len(l.Rows)), Seats: l.SeatCount()}
	for i, r := range l.Rows {
		p.Rows[i] = views.SeatRow{Label: r.Label, Cells: make([]views.SeatCell, len(r.Cells))}
		for j := range p.Rows[i].Cells {
			p.Rows[i].Cells[j].Gap = true
		}
	}
	for _, s := range l.Seats() {
		p.Rows[s.Row].Cells[s.Col] = views.SeatCell{Label: s.Label, Number: s.Number, Category: string(s.Category),
			CategoryLabel: s.Category.Label(), Blocked: s.Blocked}
	}
	for _, cat := range l.CategoriesUsed() {
		item := views.SeatLegendItem{Category: string(cat), Label: cat.Label()}
		if amount, ok := prices[cat]; ok {
			item.Price = money.Format(amount, currency)
		}
		p.Legend = append(p.Legend, item)
	}
	return p
}
