package metrics

import "github.com/prometheus/client_golang/prometheus"

// Events counts what the business watches: holds, purchases, payment
// outcomes and refunds. Modules count an event once its transaction has
// committed (pg.AfterCommit), so a rolled-back or retried attempt counts
// nothing. A nil *Events counts nothing (services built by hand in tests).
type Events struct {
	holds     *prometheus.CounterVec
	purchases prometheus.Counter
	payments  *prometheus.CounterVec
	refunds   *prometheus.CounterVec
}

// Hold results (marquee_holds_total{result}).
const (
	HoldHeld    = "held"    // the seats are the buyer's
	HoldTaken   = "taken"   // a chosen seat went to someone else
	HoldLimit   = "limit"   // the account holds seats for too many shows
	HoldRefused = "refused" // not on sale, no such show, an invalid choice
	HoldError   = "error"   // the database failed it
)

// Payment outcomes (marquee_payments_total{outcome}) and refund results
// (marquee_refunds_total{result}).
const (
	PaymentSucceeded = "succeeded" // money taken
	PaymentFailed    = "failed"    // the card or the provider said no
	PaymentExpired   = "expired"   // the hold ran out with no card tried
	RefundSucceeded  = "succeeded" // money back with the buyer
	RefundFailed     = "failed"    // the provider refused or failed it
)

func newEvents() *Events {
	e := &Events{
		holds: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "marquee", Name: "holds_total",
			Help: "Seat holds asked for on this instance, by result (held, taken, limit, refused, error)."}, []string{"result"}),
		purchases: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "marquee", Name: "purchases_total",
			Help: "Bookings confirmed (paid, or free) by this instance."}),
		payments: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "marquee", Name: "payments_total",
			Help: "Payment outcomes applied by this instance (succeeded, failed, expired)."}, []string{"outcome"}),
		refunds: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "marquee", Name: "refunds_total",
			Help: "Refunds settled by this instance, by result (succeeded, failed)."}, []string{"result"}),
	}
	// Every series exists from the start at 0, so a rate or a ratio of
	// them (PaymentsFailing) is defined before the first event.
	for _, r := range []string{HoldHeld, HoldTaken, HoldLimit, HoldRefused, HoldError} {
		e.holds.WithLabelValues(r)
	}
	for _, o := range []string{PaymentSucceeded, PaymentFailed, PaymentExpired} {
		e.payments.WithLabelValues(o)
	}
	for _, r := range []string{RefundSucceeded, RefundFailed} {
		e.refunds.WithLabelValues(r)
	}
	return e
}

func (e *Events) collectors() []prometheus.Collector {
	return []prometheus.Collector{e.holds, e.purchases, e.payments, e.refunds}
}

// Hold counts a hold asked for, by result (HoldHeld, ...).
func (e *Events) Hold(result string) {
	if e != nil {
		e.holds.WithLabelValues(result).Inc()
	}
}

// Purchase counts a booking confirmed.
func (e *Events) Purchase() {
	if e != nil {
		e.purchases.Inc()
	}
}

// Payment counts a payment's outcome (PaymentSucceeded, ...).
func (e *Events) Payment(outcome string) {
	if e != nil {
		e.payments.WithLabelValues(outcome).Inc()
	}
}

// Refund counts a settled refund (RefundSucceeded or RefundFailed).
func (e *Events) Refund(result string) {
	if e != nil {
		e.refunds.WithLabelValues(result).Inc()
	}
}
