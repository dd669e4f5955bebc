package app

import (
	"log/slog"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/config"
)

// newWallet builds the e-ticket's wallet signer from WALLET_* and
// GOOGLE_WALLET_* (development: a self-signed set made in DATA_DIR the
// first time a pass is asked for).
func newWallet(cfg config.Config, log *slog.Logger) *booking.Wallet {
	w := cfg.Wallet
	return booking.NewWallet(booking.WalletConfig{Production: cfg.Production(), DataDir: cfg.DataDir, Log: log,
		PassCert: w.PassCert, PassKey: w.PassKey, WWDRCert: w.WWDRCert, PassTypeID: w.PassTypeID, TeamID: w.TeamID,
		GoogleIssuerID: w.GoogleIssuerID, GoogleEmail: w.GoogleEmail, GoogleKey: w.GoogleKey})
}
