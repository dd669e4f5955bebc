package booking

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// Development wallet identities: no real wallet accepts them, but every
// byte of a pass and a save link is made and signed as in production.
const (
	devPassTypeID     = "pass.localhost.marquee.dev"
	devTeamID         = "MARQUEEDEV"
	devGoogleIssuer   = "3388000000000000000"
	devGoogleEmail    = "wallet@marquee-dev.iam.gserviceaccount.com"
	devWalletFile     = "wallet-dev.pem"
	devWalletValidity = 10 * 365 * 24 * time.Hour
)

// devWallet is the development set: a self-signed CA standing in for
// Apple's WWDR intermediate, a pass certificate it issued, and an RSA key
// standing in for a Google service account's.
type devWallet struct {
	apple  *appleSigner
	google *googleSigner
}

// devKeys reads DataDir's development wallet file, making it first when
// there is none. Several instances sharing DataDir race to link their own
// file into place; all then read the one that won.
func (w *Wallet) devKeys() (*devWallet, error) {
	path := filepath.Join(w.cfg.DataDir, devWalletFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := makeDevWallet(w.cfg.DataDir, path); err != nil {
			return nil, err
		}
		w.cfg.Log.Info("wallet: generated a self-signed development pass certificate and Google key (set WALLET_PASS_CERT and GOOGLE_WALLET_KEY for real wallets)", "file", path)
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read development wallet %s: %w", path, err)
	}
	return parseDevWallet(b)
}

// parseDevWallet reads the file makeDevWallet writes: CA certificate,
// pass certificate, pass key, Google key, in that order.
func parseDevWallet(b []byte) (*devWallet, error) {
	var blocks []*pem.Block
	for blk, rest := pem.Decode(b); blk != nil; blk, rest = pem.Decode(rest) {
		blocks = append(blocks, blk)
	}
	if len(blocks) != 4 {
		return nil, fmt.Errorf("development wallet file: %d PEM blocks, want 4", len(blocks))
	}
	ca, err := x509.ParseCertificate(blocks[0].Bytes)
	if err != nil {
		return nil, fmt.Errorf("development wallet CA: %w", err)
	}
	cert, err := x509.ParseCertificate(blocks[1].Bytes)
	if err != nil {
		return nil, fmt.Errorf("development pass certificate: %w", err)
	}
	key, err := parseKey(blocks[2])
	if err != nil {
		return nil, fmt.Errorf("development pass key: %w", err)
	}
	gk, err := x509.ParsePKCS1PrivateKey(blocks[3].Bytes)
	if err != nil {
		return nil, fmt.Errorf("development Google key: %w", err)
	}
	return &devWallet{
		apple:  &appleSigner{cert: cert, key: key, wwdr: ca, passTypeID: devPassTypeID, teamID: devTeamID},
		google: &googleSigner{issuerID: devGoogleIssuer, email: devGoogleEmail, key: gk},
	}, nil
}

// makeDevWallet generates the development set and links it to path.
func makeDevWallet(dir, path string) error {
	data, err := devWalletPEM()
	if err != nil {
		return fmt.Errorf("generate development wallet: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, devWalletFile+".*")
	if err != nil {
		return fmt.Errorf("save development wallet: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save development wallet: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save development wallet: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("save development wallet %s: %w", path, err)
	}
	return nil
}

// devWalletPEM makes the four PEM blocks. The pass key is P-256 (quick to
// make in every test's fresh DataDir); Google's must be RSA for RS256.
func devWalletPEM() ([]byte, error) {
	now := time.Now().Add(-time.Hour)
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Marquee development wallet CA"},
		NotBefore: now, NotAfter: now.Add(devWalletValidity), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	ca, err = x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	passKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2),
		Subject:   pkix.Name{CommonName: "Pass Type ID: " + devPassTypeID, OrganizationalUnit: []string{devTeamID}},
		NotBefore: now, NotAfter: now.Add(devWalletValidity), KeyUsage: x509.KeyUsageDigitalSignature}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &passKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	passDER, err := x509.MarshalECPrivateKey(passKey)
	if err != nil {
		return nil, err
	}
	gKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for _, blk := range []*pem.Block{
		{Type: "CERTIFICATE", Bytes: caDER}, {Type: "CERTIFICATE", Bytes: leafDER},
		{Type: "EC PRIVATE KEY", Bytes: passDER}, {Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(gKey)},
	} {
		if err := pem.Encode(&out, blk); err != nil {
			return nil, err
		}
	}
	return out.Bytes(), nil
}
