package app

import (
	"fmt"
	"slices"

	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/config"
	"github.com/marqueehq/marquee/internal/platform/idempotency"
	"github.com/marqueehq/marquee/internal/recommend"
	"github.com/marqueehq/marquee/internal/search"
	"github.com/marqueehq/marquee/internal/tms"
	"github.com/marqueehq/marquee/internal/waitroom"
)

// buildServices builds each module once, in dependency order, handing each
// everything it uses at construction: the catalogue first (everyone reads
// it), then search, recommend, notify and the waiting room over it,
// account (which mails through notify), booking, and payments last
// (booking is told payment outcomes; booking records refunds through
// payments.Refunds, which needs only the job queue).
func (a *App) buildServices() error {
	d, cfg := a.deps, a.deps.Config
	pricing, err := booking.ParsePricing(cfg.BookingFees)
	if err != nil {
		return fmt.Errorf("BOOKING_FEES: %w", err)
	}
	catOpts := CatalogOptions(cfg)
	catOpts.Now, catOpts.ReadPool = d.Now, d.ReadPool
	a.Catalog = catalog.NewService(d.Pool, catOpts)
	if a.Idempotency, err = idempotency.New(d.Pool, idempotency.Options{Now: d.Now, Log: d.Log,
		Registerer: a.Metrics.Registerer()}); err != nil {
		return err
	}
	a.Search = search.NewService(d.Pool, a.Catalog, search.Options{CacheTTL: cfg.SearchCacheTTL, Log: d.Log, Now: d.Now,
		ReadPool: d.ReadPool})
	// Accounts are read lazily by these adapters: account is built after
	// notify, because account sends its mail through notify.
	users := &accountPorts{a: a}
	a.Recommend = recommend.NewService(d.Pool, a.Catalog, recommend.RiverJobs{Client: a.jobs},
		recommend.Options{Tastes: users, Visits: recommendVisits{a}, Log: d.Log, Now: d.Now, ReadPool: d.ReadPool})
	if a.Notify, err = a.newNotify(users); err != nil {
		return err
	}
	a.Waitroom = waitroom.NewService(d.Pool, waitroom.Options{Keys: a.keys.waitroom, Pass: cfg.WaitroomPass,
		Catalog: a.Catalog, Log: d.Log, Now: d.Now})
	a.Account = account.NewService(d.Pool, account.Options{BaseURL: cfg.BaseURL, Mailer: notifyMailer{a.Notify},
		Sealer: a.keys.sealer, SigningKeys: a.keys.jwt})
	a.Booking = booking.NewService(d.Pool, a.Catalog, booking.RiverJobs{Client: a.jobs}, booking.Options{
		HoldTTL: cfg.HoldTTL, WaitlistOfferTTL: cfg.WaitlistOfferTTL, MaxSeats: cfg.MaxSeatsPerBooking, Pricing: &pricing, Log: d.Log, Now: d.Now,
		CancelWindow: cfg.CancelWindow, CancelFee: cfg.CancelFee, FoodCutoff: cfg.FoodCutoff, Tickets: booking.NewTickets(a.keys.tickets),
		Refunds: payments.NewRefunds(&payments.RiverJobs{Client: a.jobs}), Notifier: a.Notify,
		Interactions: a.Recommend, MaxUnpaidHolds: cfg.MaxUnpaidHolds, Events: a.Metrics.Events(),
	})
	if a.Payments, err = payments.NewService(d.Pool, a.Booking, &payments.RiverJobs{Client: a.jobs}, payments.Options{
		Provider: cfg.PaymentProvider, StripeSecretKey: cfg.StripeSecretKey, StripePublishableKey: cfg.StripePublishableKey,
		StripeWebhookSecret: cfg.StripeWebhookSecret, StripeAPIBase: cfg.StripeAPIBase, Log: d.Log, Now: d.Now,
		Razorpay: payments.RazorpayOptions(cfg.Razorpay), PayPal: payments.PayPalOptions(cfg.PayPal),
		Venue: a.Booking.VenueOf, Places: paymentPlaces(a.Catalog), Receipts: a.receiptOptions(),
		GiftCardShops: giftCardShops(a.Catalog), GiftCardBought: a.giftCardBought,
		Events:          a.Metrics.Events(),
		CancelTerms:     a.Booking.CancelTermsOf,
		FoodOrderParent: a.Booking.FoodOrderParent,
	}); err != nil {
		return err
	}
	a.TMS = tms.NewService(d.Pool, a.Catalog, a.Booking, a.jobs, tms.Options{Sealer: a.keys.sealer, Log: d.Log, Now: d.Now})
	// Catalogue changes: booking cancels a cancelled show's bookings and
	// vetoes layout edits that remove booked seats; search reindexes;
	// notify sends alerts.
	a.Catalog.AddListener(a.Booking)
	a.Catalog.AddListener(&search.Listener{Client: a.jobs})
	a.Catalog.AddListener(notifyCatalog{a.Notify})
	// A deleted account takes its data in every module with it.
	a.Account.AddDataHolder(a.Booking)
	a.Account.AddDataHolder(a.Recommend)
	a.Account.AddDataHolder(a.Notify)
	return nil
}

// Workers are every module's River workers, for the working client.
func (a *App) Workers() *river.Workers {
	w := river.NewWorkers()
	account.Workers(w, a.deps.Pool)
	booking.Workers(w, a.Booking)
	payments.Workers(w, a.Payments)
	recommend.Workers(w, a.Recommend)
	search.Workers(w, a.Search)
	notify.Workers(w, a.Notify)
	tms.Workers(w, a.TMS)
	idempotency.Workers(w, a.Idempotency)
	return w
}

// PeriodicJobs are every module's scheduled jobs.
func (a *App) PeriodicJobs() []*river.PeriodicJob {
	return slices.Concat(account.PeriodicJobs(), recommend.PeriodicJobs(a.deps.Config.RecommendInterval),
		payments.PeriodicJobs(), booking.PeriodicJobs(), tms.PeriodicJobs(), idempotency.PeriodicJobs())
}

// CatalogOptions are the catalogue's settings from the configuration.
func CatalogOptions(cfg config.Config) catalog.Options {
	scheme, _ := catalog.SchemeByName(cfg.CertificationScheme) // validated by config
	return catalog.Options{Certifications: scheme}
}
