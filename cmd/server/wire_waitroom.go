package main

import (
	"fmt"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/ratelimit"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// newWaitroom builds the waiting room for on-sales; booking asks it before
// the seat map and every hold (booking.Admission).
func newWaitroom(d serverDeps, cat *catalog.Service) (*waitroom.Service, error) {
	spec, err := keysOrDevelopment(d.cfg, d.cfg.WaitroomKeys, "waitroom-keys")
	if err != nil {
		return nil, err
	}
	keys, err := waitroom.ParseKeys(spec)
	if err != nil {
		return nil, fmt.Errorf("WAITROOM_KEYS: %w", err)
	}
	return waitroom.NewService(d.db.pool, waitroom.Options{Keys: keys, Pass: d.cfg.WaitroomPass, Catalog: cat, Log: d.log}), nil
}

// holdRate is the abuse limit on holds a minute per account and per IP
// address (HOLD_RATE_PER_ACCOUNT, HOLD_RATE_PER_IP), kept per instance.
func holdRate(d serverDeps) booking.HoldRate {
	return booking.HoldRate{PerAccount: ratelimit.New(d.cfg.HoldRatePerAccount, nil), PerIP: ratelimit.New(d.cfg.HoldRatePerIP, nil)}
}

// waitroomRoutes registers /waiting/:id (the waiting page and its live
// place) and /admin/waiting-rooms (staff).
func waitroomRoutes(e *echo.Echo, svc *services, sessions *scs.SessionManager, accounts *account.Handler) {
	waitroom.NewHandler(svc.waitroom, waitroom.HandlerOptions{
		Sessions:     sessions,
		RequireUser:  accounts.RequireUser,
		RequireStaff: accounts.RequireStaff,
		UserID:       webUserID,
	}).Routes(e)
}
