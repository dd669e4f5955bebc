package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminChainList is GET /admin/chains: every chain with its theater count
// for Marquee's staff, the chains they run for a chain admin; 403 for
// staff who run no chain.
func (h *Handler) adminChainList(c echo.Context) error {
	scope := web.Scope(c)
	if !scope.CanAnywhere(authz.RunChain) {
		return echo.ErrForbidden
	}
	chains, err := h.svc.ChainsIn(c.Request().Context(), scope.Filter(authz.RunChain))
	if err != nil {
		return err
	}
	u := web.CurrentUser(c)
	p := views.ChainListProps{CanCreate: u != nil && u.Admin}
	for _, ch := range chains {
		p.Chains = append(p.Chains, views.ChainListItem{ID: ch.ID, Name: ch.Name, Slug: ch.Slug,
			BrandColor: ch.BrandColor, Theaters: ch.TheaterCount})
	}
	return web.Render(c, http.StatusOK, views.ChainList(p))
}

// chainInScope guards /admin/chains/:id pages: only those who run the
// chain see them (404 elsewhere). Errors: ErrNotFound.
func (h *Handler) chainInScope(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := adminPathID(c, "id")
		if err != nil {
			return err
		}
		if err := web.Allow(c, authz.RunChain, authz.Place{ChainID: id}); err != nil {
			return err
		}
		return next(c)
	}
}
