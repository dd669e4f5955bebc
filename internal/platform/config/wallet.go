package config

import (
	"flag"
	"strings"
)

// Wallet is where e-tickets' wallet passes get their certificates and
// keys. Apple's are PEM files from the Apple developer account (the pass
// type certificate, its key and Apple's WWDR intermediate); Google's are
// the Wallet issuer id and a service account's email and PEM private key.
// Left empty in development, a self-signed set is generated in DATA_DIR;
// in production an unset wallet is simply not offered.
type Wallet struct {
	PassCert   string
	PassKey    string
	WWDRCert   string
	PassTypeID string
	TeamID     string

	GoogleIssuerID string
	GoogleEmail    string
	GoogleKey      string
}

func walletFlags(fs *flag.FlagSet, w *Wallet) {
	fs.StringVar(&w.PassCert, "WALLET_PASS_CERT", "", "Apple Wallet pass type certificate, PEM file (empty: a self-signed one in development, Apple Wallet off in production)")
	fs.StringVar(&w.PassKey, "WALLET_PASS_KEY", "", "private key of WALLET_PASS_CERT, PEM file")
	fs.StringVar(&w.WWDRCert, "WALLET_WWDR_CERT", "", "Apple's WWDR intermediate certificate, PEM file")
	fs.StringVar(&w.PassTypeID, "WALLET_PASS_TYPE_ID", "", "Apple pass type identifier, pass.com.example.tickets")
	fs.StringVar(&w.TeamID, "WALLET_TEAM_ID", "", "Apple developer team identifier")
	fs.StringVar(&w.GoogleIssuerID, "GOOGLE_WALLET_ISSUER_ID", "", "Google Wallet issuer id (empty: a development key in development, Google Wallet off in production)")
	fs.StringVar(&w.GoogleEmail, "GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL", "", "email of the service account that signs Google Wallet links")
	fs.StringVar(&w.GoogleKey, "GOOGLE_WALLET_KEY", "", "that service account's RSA private key, PEM file")
}

// problems asks for each wallet's settings all together or not at all.
func (w Wallet) problems() []string {
	var p []string
	apple := []string{w.PassCert, w.PassKey, w.WWDRCert, w.PassTypeID, w.TeamID}
	if set := countSet(apple); set != 0 && set != len(apple) {
		p = append(p, "WALLET_PASS_CERT, WALLET_PASS_KEY, WALLET_WWDR_CERT, WALLET_PASS_TYPE_ID, WALLET_TEAM_ID: set all five or none")
	}
	google := []string{w.GoogleIssuerID, w.GoogleEmail, w.GoogleKey}
	if set := countSet(google); set != 0 && set != len(google) {
		p = append(p, "GOOGLE_WALLET_ISSUER_ID, GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL, GOOGLE_WALLET_KEY: set all three or none")
	}
	if w.PassTypeID != "" && !strings.HasPrefix(w.PassTypeID, "pass.") {
		p = append(p, "WALLET_PASS_TYPE_ID: must start with pass. (as Apple issues it)")
	}
	return p
}

func countSet(vs []string) int {
	n := 0
	for _, v := range vs {
		if v != "" {
			n++
		}
	}
	return n
}
