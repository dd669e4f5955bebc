package config

import "flag"

// RateLimits are requests a minute the gateway lets one address, account
// or API token make on the routes people abuse; bursts of the whole minute
// are allowed, then one comes back every minute/N. 0 turns a limit off.
// The limits on holds are HoldRatePerAccount and HoldRatePerIP.
type RateLimits struct {
	// SignUpPerIP: accounts created from one address.
	SignUpPerIP int
	// SignInPerIP: sign-ins (form and API token) from one address, on top
	// of the throttle of wrong passwords per account and address.
	SignInPerIP int
	// PasswordResetPerIP: reset mails asked for and new passwords set.
	PasswordResetPerIP int
	// VerifyMailPerAccount: verification mails (resent, or for a new
	// address) one account asks for.
	VerifyMailPerAccount int
	// SearchPerIP: searches and suggestions (pages and API).
	SearchPerIP int
	// PayPerAccount: payment attempts and promo codes tried.
	PayPerAccount int
	// APIPerToken and APIPerIP: every /api/v1 request, per bearer token
	// and per address.
	APIPerToken int
	APIPerIP    int
	// GiftCardPerIP and GiftCardPerCode: gift card balance checks (page
	// and API) per address, and per code (all but its last 4 characters).
	GiftCardPerIP   int
	GiftCardPerCode int
}

func rateLimitFlags(fs *flag.FlagSet, r *RateLimits) {
	fs.IntVar(&r.SignUpPerIP, "RATE_SIGNUP_PER_IP", 10, "sign-ups one IP address may make a minute (0: no limit)")
	fs.IntVar(&r.SignInPerIP, "RATE_SIGNIN_PER_IP", 300, "sign-in attempts (form and API token) one IP address may make a minute: a flood guard, high enough for an office behind one address (0: no limit)")
	fs.IntVar(&r.PasswordResetPerIP, "RATE_PASSWORD_RESET_PER_IP", 5, "password reset requests and resets one IP address may make a minute (0: no limit)")
	fs.IntVar(&r.VerifyMailPerAccount, "RATE_VERIFY_MAIL_PER_ACCOUNT", 3, "verification mails one account may ask for a minute (0: no limit)")
	fs.IntVar(&r.SearchPerIP, "RATE_SEARCH_PER_IP", 120, "searches and suggestions one IP address may ask for a minute (0: no limit)")
	fs.IntVar(&r.PayPerAccount, "RATE_PAY_PER_ACCOUNT", 10, "payment attempts and promo codes one account may try a minute (0: no limit)")
	fs.IntVar(&r.APIPerToken, "RATE_API_PER_TOKEN", 300, "API requests one access token may make a minute (0: no limit)")
	fs.IntVar(&r.APIPerIP, "RATE_API_PER_IP", 600, "API requests one IP address may make a minute (0: no limit)")
	fs.IntVar(&r.GiftCardPerIP, "RATE_GIFT_CARD_PER_IP", 10, "gift card balance checks one IP address may make a minute (0: no limit)")
	fs.IntVar(&r.GiftCardPerCode, "RATE_GIFT_CARD_PER_CODE", 5, "gift card balance checks of one code, counted by all but its last 4 characters, from anywhere a minute (0: no limit)")
}

func (r RateLimits) problems() []string {
	for _, n := range []int{r.SignUpPerIP, r.SignInPerIP, r.PasswordResetPerIP, r.VerifyMailPerAccount,
		r.SearchPerIP, r.PayPerAccount, r.APIPerToken, r.APIPerIP, r.GiftCardPerIP, r.GiftCardPerCode} {
		if n < 0 {
			return []string{"RATE_*: must not be negative (0 turns a limit off)"}
		}
	}
	return nil
}
