package catalog

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminPage is one page of a list of Total items, Size to a page: items
// [Start, End) are on it.
type adminPage struct {
	Page, Pages, Start, End, Total int
}

// pageOf cuts a list of total items into pages of size and returns page,
// clamped to the pages there are (a page past the end, as left by a
// cancelled show or a stale link, shows the last one).
func pageOf(total, size, page int) adminPage {
	pages := max((total+size-1)/size, 1)
	page = min(max(page, 1), pages)
	start := (page - 1) * size
	return adminPage{Page: page, Pages: pages, Start: start, End: min(start+size, total), Total: total}
}

// queryPage reads the optional ?page= (1 when absent); 400 when it is not a
// page number.
func queryPage(c echo.Context) (int, error) {
	v := c.QueryParam("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, echo.NewHTTPError(http.StatusBadRequest, i18n.Msg("Choose a page number from the list."))
	}
	return n, nil
}

// pagerView is the pager for pg: summary is a message id with From, To and
// Total placeholders (marked with i18n.Msg where it is written), label names
// the list for screen readers, and pageURL links to a page.
func pagerView(ctx context.Context, pg adminPage, summary, label string, pageURL func(int) string) adminview.Pager {
	from := pg.Start + 1
	if pg.Total == 0 {
		from = 0
	}
	p := adminview.Pager{
		Label: label, Page: pg.Page, Pages: pg.Pages,
		Summary: i18n.T(ctx, summary, "From", i18n.Number(ctx, int64(from)),
			"To", i18n.Number(ctx, int64(pg.End)), "Total", i18n.Number(ctx, int64(pg.Total))),
	}
	if pg.Page > 1 {
		p.PrevURL = pageURL(pg.Page - 1)
	}
	if pg.Page < pg.Pages {
		p.NextURL = pageURL(pg.Page + 1)
	}
	for _, n := range pagerNumbers(pg.Page, pg.Pages) {
		l := adminview.PagerLink{Page: n}
		if n != 0 {
			l.URL = pageURL(n)
		}
		p.Links = append(p.Links, l)
	}
	return p
}

// pagerNumbers lists the page numbers worth a link: all of them up to
// seven, else the first, the last and the current one's neighbours, with 0
// for each gap.
func pagerNumbers(page, pages int) []int {
	if pages <= 7 {
		out := make([]int, pages)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	var out []int
	last := 0
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= page-1 && n <= page+1) {
			if last != 0 && n > last+1 {
				out = append(out, 0)
			}
			out = append(out, n)
			last = n
		}
	}
	return out
}
