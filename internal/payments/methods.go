package payments

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// Provider names, as stored on each payment and in method settings.
const (
	ProviderTest     = "test"
	ProviderStripe   = "stripe"
	ProviderRazorpay = "razorpay"
	ProviderPayPal   = "paypal"
)

// providerOrder is the order providers are listed in where staff have
// not chosen one.
var providerOrder = []string{ProviderTest, ProviderStripe, ProviderRazorpay, ProviderPayPal}

// RazorpayOptions are the Razorpay account's keys (Razorpay is offered
// when KeyID is set); APIBase and CheckoutURL point elsewhere in tests.
type RazorpayOptions struct {
	KeyID         string
	KeySecret     string
	WebhookSecret string
	APIBase       string
	CheckoutURL   string
}

// PayPalOptions are the PayPal REST app's credentials (PayPal is offered
// when ClientID is set); WebhookID is the webhook deliveries are verified
// against.
type PayPalOptions struct {
	ClientID  string
	Secret    string
	WebhookID string
	APIBase   string
	SDKURL    string
}

// Venue is where a booking is sold, which decides the methods offered.
type Venue struct {
	ChainID  int64  // 0: an independent theater
	CitySlug string // "mumbai"
}

// Enabled lists the providers the site has keys for, in providerOrder.
func (s *Service) Enabled() []string {
	var out []string
	for _, name := range providerOrder {
		if _, ok := s.providers[name]; ok {
			out = append(out, name)
		}
	}
	return out
}

// providerOf is the provider p was made with. Errors: ErrProvider when the
// site no longer has that provider's keys.
func (s *Service) providerOf(p Payment) (provider, error) {
	return s.providerNamed(p.Provider)
}

func (s *Service) providerNamed(name string) (provider, error) {
	pr, ok := s.providers[name]
	if !ok {
		return nil, fmt.Errorf("provider %q is not configured: %w", name, ErrProvider)
	}
	return pr, nil
}

// Methods lists the providers a booking may be paid with, first the one a
// new payment starts with: the booking's city's setting, else its chain's,
// else the site's, else every enabled provider. Providers without keys
// are left out; when none is left, the site's default provider is.
func (s *Service) Methods(ctx context.Context, bookingID int64) ([]string, error) {
	v, err := s.venueOf(ctx, bookingID)
	if err != nil {
		return nil, err
	}
	return s.methodsAt(ctx, v)
}

func (s *Service) methodsAt(ctx context.Context, v Venue) ([]string, error) {
	scopes := []string{"default"}
	if v.ChainID != 0 {
		scopes = append(scopes, ChainScope(v.ChainID))
	}
	if v.CitySlug != "" {
		scopes = append(scopes, CityScope(v.CitySlug))
	}
	rows, err := s.q.MethodSettingsFor(ctx, s.pool, scopes)
	if err != nil {
		return nil, fmt.Errorf("payment method settings: %w", err)
	}
	chosen := s.Enabled()
	for _, scope := range scopes { // least specific first: the last found wins
		i := slices.IndexFunc(rows, func(r paymentsdb.PaymentsMethodSetting) bool { return r.Scope == scope })
		if i >= 0 {
			chosen = rows[i].Methods
		}
	}
	out := slices.DeleteFunc(slices.Clone(chosen), func(m string) bool { _, ok := s.providers[m]; return !ok })
	if len(out) == 0 {
		out = []string{s.opts.Provider}
	}
	return out, nil
}

// ChainScope and CityScope name a method setting's scope.
func ChainScope(chainID int64) string { return "chain:" + strconv.FormatInt(chainID, 10) }

// CityScope is the scope of a city's method setting.
func CityScope(slug string) string { return "city:" + slug }

// errMethod is a method the booking may not be paid with.
var errMethod = errors.New("that way to pay is not offered for this booking")
