package booking

import (
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
)

// WalletConfig is where the wallet passes' certificates and keys come
// from. Apple's are PEM files: the pass type certificate and its key,
// and Apple's WWDR intermediate. Google's is the service account's email
// and a PEM file of its RSA private key. Left empty in development, a
// self-signed set is generated in DataDir on first use; in production an
// unset wallet is off (its button is not shown, its link answers 404).
type WalletConfig struct {
	Production bool
	DataDir    string
	Log        *slog.Logger

	PassCert   string
	PassKey    string
	WWDRCert   string
	PassTypeID string
	TeamID     string

	GoogleIssuerID string
	GoogleEmail    string
	GoogleKey      string
}

// Wallet signs Apple Wallet passes and Google Wallet save links for
// e-tickets. Its keys are read (or, in development, made) once, on first
// use, so starting the app costs nothing when nobody asks for a pass.
type Wallet struct {
	cfg WalletConfig

	mu     sync.Mutex
	apple  *appleSigner
	google *googleSigner
}

// appleSigner is what signing a pass needs.
type appleSigner struct {
	cert       *x509.Certificate
	key        crypto.Signer
	wwdr       *x509.Certificate
	passTypeID string
	teamID     string
}

// googleSigner is what signing a save link needs.
type googleSigner struct {
	issuerID string
	email    string
	key      *rsa.PrivateKey
}

// errWalletOff is a wallet that is not configured (production only).
var errWalletOff = errors.New("wallet not configured")

// NewWallet returns the wallet signer for cfg.
func NewWallet(cfg WalletConfig) *Wallet {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Wallet{cfg: cfg}
}

// AppleOn reports whether Apple Wallet passes can be offered.
func (w *Wallet) AppleOn() bool {
	return w != nil && (!w.cfg.Production || w.cfg.PassCert != "")
}

// GoogleOn reports whether Google Wallet links can be offered.
func (w *Wallet) GoogleOn() bool {
	return w != nil && (!w.cfg.Production || w.cfg.GoogleKey != "")
}

// appleKeys returns the pass signer. Errors: errWalletOff, or a bad file.
func (w *Wallet) appleKeys() (*appleSigner, error) {
	if !w.AppleOn() {
		return nil, errWalletOff
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.apple != nil {
		return w.apple, nil
	}
	c := w.cfg
	if c.PassCert == "" {
		dev, err := w.devKeys()
		if err != nil {
			return nil, err
		}
		w.apple = dev.apple
		return w.apple, nil
	}
	s := &appleSigner{passTypeID: c.PassTypeID, teamID: c.TeamID}
	var err error
	if s.cert, err = readCert(c.PassCert); err != nil {
		return nil, fmt.Errorf("WALLET_PASS_CERT: %w", err)
	}
	if s.wwdr, err = readCert(c.WWDRCert); err != nil {
		return nil, fmt.Errorf("WALLET_WWDR_CERT: %w", err)
	}
	if s.key, err = readKey(c.PassKey); err != nil {
		return nil, fmt.Errorf("WALLET_PASS_KEY: %w", err)
	}
	w.apple = s
	return s, nil
}

// googleKeys returns the save-link signer. Errors: errWalletOff, or a bad
// key file.
func (w *Wallet) googleKeys() (*googleSigner, error) {
	if !w.GoogleOn() {
		return nil, errWalletOff
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.google != nil {
		return w.google, nil
	}
	c := w.cfg
	if c.GoogleKey == "" {
		dev, err := w.devKeys()
		if err != nil {
			return nil, err
		}
		w.google = dev.google
		return w.google, nil
	}
	k, err := readKey(c.GoogleKey)
	if err != nil {
		return nil, fmt.Errorf("GOOGLE_WALLET_KEY: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("GOOGLE_WALLET_KEY: must be an RSA key (Google signs save links with RS256)")
	}
	w.google = &googleSigner{issuerID: c.GoogleIssuerID, email: c.GoogleEmail, key: rk}
	return w.google, nil
}

// readCert reads the first certificate of a PEM file.
func readCert(path string) (*x509.Certificate, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	for blk, rest := pem.Decode(b); blk != nil; blk, rest = pem.Decode(rest) {
		if blk.Type == "CERTIFICATE" {
			c, err := x509.ParseCertificate(blk.Bytes)
			if err != nil {
				return nil, fmt.Errorf("parse certificate in %s: %w", path, err)
			}
			return c, nil
		}
	}
	return nil, fmt.Errorf("no certificate in %s", path)
}

// readKey reads the first private key (PKCS#8, PKCS#1 or SEC 1) of a PEM
// file.
func readKey(path string) (crypto.Signer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	for blk, rest := pem.Decode(b); blk != nil; blk, rest = pem.Decode(rest) {
		if k, err := parseKey(blk); err == nil {
			return k, nil
		}
	}
	return nil, fmt.Errorf("no private key in %s", path)
}

func parseKey(blk *pem.Block) (crypto.Signer, error) {
	switch blk.Type {
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(blk.Bytes)
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(blk.Bytes)
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
		if err != nil {
			return nil, err
		}
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	return nil, fmt.Errorf("not a private key: %s", blk.Type)
}
