package payments

import (
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// giftCardRoutes registers the gift card URLs: /admin/gift-cards (list,
// issue) and /admin/gift-cards/:id (ledger, void) for staff whose roles
// reach the card's chain (Marquee's staff: every card), and the public
// balance check, GET/POST /gift-cards/balance and POST
// /api/v1/gift-cards/balance (rate limited by the gateway, see
// GiftCardBalanceLimits).
func (h *Handler) giftCardRoutes(e *echo.Echo) {
	// Box office staff sell cards at the counter; voiding one is a
	// manager's (or a chain admin's) decision.
	sell := func(next echo.HandlerFunc) echo.HandlerFunc {
		return h.auth.Staff(web.RequireAnywhere(authz.Sell)(next))
	}
	manage := func(next echo.HandlerFunc) echo.HandlerFunc {
		return h.auth.Staff(web.RequireAnywhere(authz.Manage)(next))
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
// chains' cards when a role of theirs in the chain (chain-wide or at one
// of its theaters) allows a. Cards valid at every cinema (chain 0) are
// Marquee's own.
func giftCardAllowed(sc authz.Scope, a authz.Action, chainID int64) bool {
	if sc.Platform {
		return true
	}
	return chainID != 0 && slices.ContainsFunc(sc.Grants, func(g authz.Grant) bool { return g.ChainID == chainID && g.Role.Allows(a) })
}

// giftCardChainsOf is whose cards staff of scope may do a with.
func giftCardChainsOf(sc authz.Scope, a authz.Action) GiftCardChains {
	if sc.Platform {
		return GiftCardChains{All: true}
	}
	out := GiftCardChains{ChainIDs: []int64{}}
	for _, g := range sc.Grants {
		if g.Role.Allows(a) && !slices.Contains(out.ChainIDs, g.ChainID) {
			out.ChainIDs = append(out.ChainIDs, g.ChainID)
		}
	}
	slices.Sort(out.ChainIDs)
	return out
}
