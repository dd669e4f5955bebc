package payments

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// methodEditor says which ways-to-pay settings the signed-in staff member
// may see and change: Marquee's staff see all and its admins change all;
// a chain's admin sees and changes the chain's own (a city's buyers may
// book at several chains, so cities stay Marquee's).
type methodEditor struct {
	all    bool // sees every setting
	admin  bool // changes every setting
	chains []int64
}

func methodEditorOf(c echo.Context) methodEditor {
	sc := web.Scope(c)
	u := web.CurrentUser(c)
	ed := methodEditor{all: sc.Platform, admin: sc.Platform && u != nil && u.Admin}
	for _, g := range sc.Grants {
		if g.TheaterID == 0 && g.Role.Allows(authz.RunChain) && !slices.Contains(ed.chains, g.ChainID) {
			ed.chains = append(ed.chains, g.ChainID)
		}
	}
	return ed
}

// sees reports whether the editor may read scope's setting.
func (ed methodEditor) sees(scope string) bool { return ed.all || ed.chainOf(scope) }

// changes reports whether the editor may set or clear scope's setting.
func (ed methodEditor) changes(scope string) bool { return ed.admin || ed.chainOf(scope) }

func (ed methodEditor) chainOf(scope string) bool {
	id, err := strconv.ParseInt(strings.TrimPrefix(scope, "chain:"), 10, 64)
	return strings.HasPrefix(scope, "chain:") && err == nil && slices.Contains(ed.chains, id)
}

// requireMethodStaff admits Marquee's staff and chains' admins (403 for
// other staff).
func requireMethodStaff(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ed := methodEditorOf(c); !ed.all && len(ed.chains) == 0 {
			return echo.NewHTTPError(http.StatusForbidden, i18n.T(c.Request().Context(), "Your role at the cinema does not include that page."))
		}
		return next(c)
	}
}
