package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/recommend"
)

// recommend.Service records booking's interactions as they are (same
// method set, plain ids): booking.Options.Interactions takes it directly.
var _ booking.Interactions = (*recommend.Service)(nil)

// newRecommend builds the recommendations service on the catalogue, with
// stated tastes from account profiles (read once account exists: account
// is built after notify, which tells recommend about follows).
func newRecommend(d serverDeps, s *services) *recommend.Service {
	return recommend.NewService(d.db.pool, s.catalog, recommend.RiverJobs{Client: d.jobs}, recommend.Options{Tastes: accountTastes{s}, Log: d.log})
}

// recommendRoutes registers /recommendations/..., /admin/reviews and
// /api/v1/recommendations.
func recommendRoutes(e *echo.Echo, svc *services, sessions *scs.SessionManager, accounts *account.Handler) {
	recommend.NewHandler(svc.recommend, recommend.HandlerOptions{
		Sessions:       sessions,
		RequireUser:    accounts.RequireUser,
		RequireStaff:   accounts.RequireStaff,
		RequireAPIUser: accounts.RequireAPIUser,
		APIUserID:      func(c echo.Context) int64 { return account.APIUserID(c.Request().Context()) },
	}).Routes(e)
}

// accountTastes reads stated preferences from account profiles.
type accountTastes struct{ s *services }

// Taste returns the user's home city, genres and languages; a deleted
// account has none.
func (t accountTastes) Taste(ctx context.Context, userID int64) (recommend.Taste, error) {
	u, err := t.s.account.User(ctx, userID)
	if errors.Is(err, account.ErrNotFound) {
		return recommend.Taste{}, nil
	}
	if err != nil {
		return recommend.Taste{}, fmt.Errorf("profile of user %d: %w", userID, err)
	}
	return recommend.Taste{HomeCity: u.HomeCity, Genres: u.PreferredGenres, Languages: u.PreferredLanguages}, nil
}
