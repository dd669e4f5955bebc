package main

import (
	"fmt"

	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/recommend"
	"github.com/marqueehq/marquee/internal/search"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// services are the modules, built once and shared by the web server and the
// background workers, and connected to each other through their interfaces.
type services struct {
	catalog   *catalog.Service
	account   *account.Service
	booking   *booking.Service
	search    *searchWiring
	recommend *recommend.Service
	notify    *notifyWiring
	payments  *paymentsWiring
	// waitroom queues buyers for on-sales; booking's pages ask it.
	waitroom *waitroom.Service
}

func newServices(d serverDeps) (*services, error) {
	pricing, err := booking.ParsePricing(d.cfg.BookingFees)
	if err != nil {
		return nil, fmt.Errorf("BOOKING_FEES: %w", err)
	}
	s := &services{}
	s.catalog = catalog.NewService(d.db.pool, catalogOptions(d.cfg))
	s.search = newSearch(d, s.catalog)
	s.recommend = newRecommend(d, s)
	if s.notify, err = newNotify(d, s); err != nil {
		return nil, err
	}
	if s.waitroom, err = newWaitroom(d, s.catalog); err != nil {
		return nil, err
	}
	s.account = account.NewService(d.db.pool, account.Options{
		BaseURL: d.cfg.BaseURL, Mailer: s.notify.mailer(), Sealer: d.sealer, SigningKeys: d.jwtKeys,
	})
	s.booking = booking.NewService(d.db.pool, s.catalog, booking.RiverJobs{Client: d.jobs}, booking.Options{
		HoldTTL: d.cfg.HoldTTL, MaxSeats: d.cfg.MaxSeatsPerBooking, Pricing: &pricing, Log: d.log,
		CancelWindow: d.cfg.CancelWindow, CancelFee: d.cfg.CancelFee, Tickets: booking.NewTickets(d.tickets),
		Notifier: s.notify.svc, Interactions: s.recommend, MaxUnpaidHolds: d.cfg.MaxUnpaidHolds,
	})
	// A cancelled show cancels its bookings; a layout edit may not remove
	// booked seats.
	s.catalog.AddListener(s.booking)
	s.account.AddDataHolder(s.booking)
	s.account.AddDataHolder(s.recommend)
	s.account.AddDataHolder(s.notify.svc)
	if s.payments, err = newPayments(d, s.booking); err != nil {
		return nil, err
	}
	return s, nil
}

// workers registers every module's River workers.
func (s *services) workers(d serverDeps) *river.Workers {
	w := river.NewWorkers()
	account.Workers(w, d.db.pool)
	booking.Workers(w, s.booking)
	payments.Workers(w, s.payments.svc)
	recommend.Workers(w, s.recommend)
	search.Workers(w, s.search.svc)
	notify.Workers(w, s.notify.svc)
	return w
}
