package booking

import (
	"context"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// HandlerOptions wire booking's pages to the rest of the app.
type HandlerOptions struct {
	// Payments starts paying for a booking and names its pay page (the
	// payments module).
	Payments PaymentPages
	// GiftCards issues the gift cards sold at the counter (the payments
	// module); nil: the counter sells none (404).
	GiftCards GiftCardIssuer
	// Live streams seat changes to open seat maps (NewLive).
	Live *Live
	// Tickets signs e-tickets and verifies them at the door (NewTickets).
	Tickets *Tickets
	// Users finds a customer by email for the staff search (account).
	Users UserLookup
	// Schedule lists the day's shows for the staff show pickers (catalogue).
	Schedule Schedule
	// Admission is the waiting room in front of on-sales (waitroom).
	Admission Admission
	// Wallet signs Apple Wallet passes and Google Wallet links for
	// e-tickets (NewWallet); nil offers neither.
	Wallet *Wallet
	// BaseURL is the site's public address, for links in passes and
	// calendar files ("": the address the request came to).
	BaseURL string
	// AllowStrandedSeats turns off the rule that refuses a selection
	// leaving a single empty seat between taken ones.
	AllowStrandedSeats bool
}

// UserLookup is what the staff search needs from the account module.
type UserLookup interface {
	// UserIDByEmail returns the id of the account with that email, or 0
	// and no error when there is none.
	UserIDByEmail(ctx context.Context, email string) (int64, error)
}

// Schedule is what the show pickers need from the catalogue
// (*catalog.Service).
type Schedule interface {
	AdminShows(ctx context.Context, f catalog.ShowFilter) ([]catalog.AdminShow, error)
}

// Handler serves booking's pages and API.
type Handler struct {
	svc  *Service
	auth web.Auth
	opts HandlerOptions
}

// NewHandler returns booking's HTTP handler, guarded by auth.
func NewHandler(svc *Service, auth web.Auth, o HandlerOptions) *Handler {
	return &Handler{svc: svc, auth: auth, opts: o}
}
