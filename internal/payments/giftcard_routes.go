package payments

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// giftCardRoutes registers the gift card URLs: /admin/gift-cards (list,
// issue) and /admin/gift-cards/:id (ledger, void) for staff with a
// chain-wide role at the card's chain (Marquee's staff: every card), and
// the public balance check, GET/POST /gift-cards/balance and POST
// /api/v1/gift-cards/balance (rate limited by the gateway, see
// GiftCardBalanceLimits).
func (h *Handler) giftCardRoutes(e *echo.Echo) {
	// Box office staff sell cards at the counter; voiding one is a
	// manager's (or a chain admin's) decision.
	sell := func(next echo.HandlerFunc) echo.HandlerFunc {
		return h.auth.Staff(requireGiftCardStaff(authz.Sell)(next))
	}
	manage := func(next echo.HandlerFunc) echo.HandlerFunc {
		return h.auth.Staff(requireGiftCardStaff(authz.Manage)(next))
	}
	e.GET("/admin/gift-cards", h.giftCardList, sell)
	e.POST("/admin/gift-cards", h.giftCardIssue, sell)
	e.GET("/admin/gift-cards/:id", h.giftCardDetail, sell)
	e.POST("/admin/gift-cards/:id/void", h.giftCardVoid, manage)

	e.GET("/gift-cards/balance", h.giftCardBalancePage)
	e.POST("/gift-cards/balance", h.giftCardBalanceCheck)
	e.POST("/api/v1/gift-cards/balance", h.apiGiftCardBalance)
}

// giftCardAllowed reports whether staff of scope may do a with the cards
// of chainID: Marquee's staff with every card, cinema staff with their
// chain's cards when a chain-wide role of theirs allows a. A card is spent
// at every theater of its chain, so it is the chain's money: a role at one
// theater does not reach it (as it does not reach the chain's settings).
// Cards valid at every cinema (chain 0) are Marquee's own.
func giftCardAllowed(sc authz.Scope, a authz.Action, chainID int64) bool {
	if sc.Platform {
		return true
	}
	return chainID != 0 && slices.ContainsFunc(sc.Grants, func(g authz.Grant) bool {
		return g.TheaterID == 0 && g.ChainID == chainID && g.Role.Allows(a)
	})
}

// requireGiftCardStaff admits staff who may do a with some chain's cards
// (403 otherwise); each card is checked again with giftCardAllowed.
func requireGiftCardStaff(a authz.Action) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if ch := giftCardChainsOf(web.Scope(c), a); !ch.All && len(ch.ChainIDs) == 0 {
				return echo.NewHTTPError(http.StatusForbidden, i18n.T(c.Request().Context(), "Your role at the cinema does not include that page."))
			}
			return next(c)
		}
	}
}

// giftCardChainsOf is whose cards staff of scope may do a with.
func giftCardChainsOf(sc authz.Scope, a authz.Action) GiftCardChains {
	if sc.Platform {
		return GiftCardChains{All: true}
	}
	out := GiftCardChains{ChainIDs: []int64{}}
	for _, g := range sc.Grants {
		if g.TheaterID == 0 && g.Role.Allows(a) && !slices.Contains(out.ChainIDs, g.ChainID) {
			out.ChainIDs = append(out.ChainIDs, g.ChainID)
		}
	}
	slices.Sort(out.ChainIDs)
	return out
}
