package config

import (
	"flag"
	"net/url"
	"slices"
	"strings"
)

// Razorpay is the Razorpay account the pay page takes UPI, cards,
// netbanking and wallets with (off when KeyID is empty). APIBase and
// CheckoutURL point elsewhere for tests (a stand-in).
type Razorpay struct {
	KeyID         string
	KeySecret     string
	WebhookSecret string
	APIBase       string
	CheckoutURL   string
}

// PayPal is the PayPal REST app the pay page's PayPal buttons use (off
// when ClientID is empty). WebhookID is the webhook PayPal verifies
// deliveries against.
type PayPal struct {
	ClientID  string
	Secret    string
	WebhookID string
	APIBase   string
	SDKURL    string
}

func providerFlags(fs *flag.FlagSet, r *Razorpay, p *PayPal) {
	fs.StringVar(&r.KeyID, "RAZORPAY_KEY_ID", "", "Razorpay key id, rzp_test_... or rzp_live_... (empty: Razorpay off)")
	fs.StringVar(&r.KeySecret, "RAZORPAY_KEY_SECRET", "", "Razorpay key secret")
	fs.StringVar(&r.WebhookSecret, "RAZORPAY_WEBHOOK_SECRET", "", "secret of the /webhooks/razorpay webhook, set in Razorpay's dashboard")
	fs.StringVar(&r.APIBase, "RAZORPAY_API_BASE", "https://api.razorpay.com", "Razorpay API address")
	fs.StringVar(&r.CheckoutURL, "RAZORPAY_CHECKOUT_URL", "https://checkout.razorpay.com/v1/checkout.js", "Razorpay Checkout script")
	fs.StringVar(&p.ClientID, "PAYPAL_CLIENT_ID", "", "PayPal REST app client id (empty: PayPal off)")
	fs.StringVar(&p.Secret, "PAYPAL_SECRET", "", "PayPal REST app secret")
	fs.StringVar(&p.WebhookID, "PAYPAL_WEBHOOK_ID", "", "id of the /webhooks/paypal webhook in the PayPal app")
	fs.StringVar(&p.APIBase, "PAYPAL_API_BASE", "https://api-m.sandbox.paypal.com", "PayPal API address (https://api-m.paypal.com for live payments)")
	fs.StringVar(&p.SDKURL, "PAYPAL_SDK_URL", "https://www.paypal.com/sdk/js", "PayPal JavaScript SDK")
}

// problems asks for each provider's keys all together or not at all, and
// for absolute addresses.
func providerProblems(r Razorpay, p PayPal) []string {
	var out []string
	if set := countSet([]string{r.KeyID, r.KeySecret, r.WebhookSecret}); set != 0 && set != 3 {
		out = append(out, "RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET, RAZORPAY_WEBHOOK_SECRET: set all three or none")
	}
	if set := countSet([]string{p.ClientID, p.Secret, p.WebhookID}); set != 0 && set != 3 {
		out = append(out, "PAYPAL_CLIENT_ID, PAYPAL_SECRET, PAYPAL_WEBHOOK_ID: set all three or none")
	}
	for name, v := range map[string]string{"RAZORPAY_API_BASE": r.APIBase, "RAZORPAY_CHECKOUT_URL": r.CheckoutURL,
		"PAYPAL_API_BASE": p.APIBase, "PAYPAL_SDK_URL": p.SDKURL} {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			out = append(out, name+": must be an http(s) address")
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// PaymentOrigins are the origins of the enabled providers' checkout
// scripts and APIs, for the Content-Security-Policy.
func (c Config) PaymentOrigins() []string {
	var out []string
	add := func(raw string) {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return
		}
		// The real checkouts load from several of their hosts, as each
		// provider's CSP guide lists; a stand-in is its one origin.
		switch host := u.Hostname(); {
		case host == "razorpay.com" || strings.HasSuffix(host, ".razorpay.com"):
			out = append(out, "https://*.razorpay.com")
		case host == "paypal.com" || strings.HasSuffix(host, ".paypal.com"):
			out = append(out, "https://*.paypal.com", "https://*.paypalobjects.com")
		default:
			out = append(out, u.Scheme+"://"+u.Host)
		}
	}
	if c.Razorpay.KeyID != "" {
		add(c.Razorpay.CheckoutURL)
		add(c.Razorpay.APIBase)
	}
	if c.PayPal.ClientID != "" {
		add(c.PayPal.SDKURL)
		add(c.PayPal.APIBase)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
