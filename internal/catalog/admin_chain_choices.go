package catalog

import (
	"context"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// independentSlug is the chain of theaters that belong to no chain.
const independentSlug = "independent"

// newTheaterChains are the chains the signed-in staff member may add a
// theater to: every chain for Marquee's staff, the chains they run for a
// chain admin. Anyone else may add none (403).
func (h *Handler) newTheaterChains(c echo.Context) ([]Chain, error) {
	scope := web.Scope(c)
	if !scope.CanAnywhere(authz.RunChain) {
		return nil, echo.ErrForbidden
	}
	list, err := h.svc.ChainsIn(c.Request().Context(), scope.Filter(authz.RunChain))
	if err != nil {
		return nil, err
	}
	chains := make([]Chain, len(list))
	for i, ch := range list {
		chains[i] = ch.Chain
	}
	if len(chains) == 0 {
		return nil, echo.ErrForbidden
	}
	return chains, nil
}

// chainChoices are the chains as the theater form's select offers them.
func chainChoices(chains []Chain) []views.CatalogChoice {
	out := make([]views.CatalogChoice, len(chains))
	for i, ch := range chains {
		out[i] = views.CatalogChoice{Value: strconv.FormatInt(ch.ID, 10), Label: ch.Name}
	}
	return out
}

// defaultChain is the chain a new theater's form starts on: the
// independents when offered, else the first chain.
func defaultChain(chains []Chain) string {
	for _, ch := range chains {
		if ch.Slug == independentSlug {
			return strconv.FormatInt(ch.ID, 10)
		}
	}
	return strconv.FormatInt(chains[0].ID, 10)
}

// chosenChain reads the chain the form names (none: the form's default);
// one not among chains (the ones the staff member may add to) is a field
// error, never a theater elsewhere.
func chosenChain(ctx context.Context, value string, chains []Chain, errs *validate.Errors) int64 {
	if value == "" {
		value = defaultChain(chains)
	}
	id, _ := strconv.ParseInt(value, 10, 64)
	for _, ch := range chains {
		if ch.ID == id {
			return id
		}
	}
	errs.Add("chain", i18n.T(ctx, "Choose a chain."))
	return 0
}
