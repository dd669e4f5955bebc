package booking

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/smallstep/pkcs7"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// pkpassContentType is what Safari needs to offer "Add to Apple Wallet".
const pkpassContentType = "application/vnd.apple.pkpass"

// passJSON is an Apple Wallet event ticket (PassKit's pass.json).
type passJSON struct {
	FormatVersion      int            `json:"formatVersion"`
	PassTypeIdentifier string         `json:"passTypeIdentifier"`
	SerialNumber       string         `json:"serialNumber"`
	TeamIdentifier     string         `json:"teamIdentifier"`
	OrganizationName   string         `json:"organizationName"`
	Description        string         `json:"description"`
	LogoText           string         `json:"logoText"`
	RelevantDate       string         `json:"relevantDate"`
	ExpirationDate     string         `json:"expirationDate"`
	Locations          []passLocation `json:"locations,omitempty"`
	Barcodes           []passBarcode  `json:"barcodes"`
	BackgroundColor    string         `json:"backgroundColor"`
	ForegroundColor    string         `json:"foregroundColor"`
	LabelColor         string         `json:"labelColor"`
	EventTicket        passFields     `json:"eventTicket"`
}

type passLocation struct {
	Latitude     float64 `json:"latitude"`
	Longitude    float64 `json:"longitude"`
	RelevantText string  `json:"relevantText,omitempty"`
}

type passBarcode struct {
	Format          string `json:"format"`
	Message         string `json:"message"`
	MessageEncoding string `json:"messageEncoding"`
	AltText         string `json:"altText,omitempty"`
}

type passFields struct {
	PrimaryFields   []passField `json:"primaryFields"`
	SecondaryFields []passField `json:"secondaryFields"`
	AuxiliaryFields []passField `json:"auxiliaryFields"`
	BackFields      []passField `json:"backFields"`
}

type passField struct {
	Key       string `json:"key"`
	Label     string `json:"label,omitempty"`
	Value     string `json:"value"`
	DateStyle string `json:"dateStyle,omitempty"`
	TimeStyle string `json:"timeStyle,omitempty"`
	// IgnoresTimeZone shows the time as it is at the theater, wherever
	// the phone is.
	IgnoresTimeZone bool `json:"ignoresTimeZone,omitempty"`
}

// passFor is the pass.json of t, labelled in ctx's language.
func passFor(ctx context.Context, s *appleSigner, t walletTicket) passJSON {
	p := passJSON{FormatVersion: 1, PassTypeIdentifier: s.passTypeID, TeamIdentifier: s.teamID,
		SerialNumber: fmt.Sprintf("booking-%d", t.ID), OrganizationName: "Marquee",
		Description: i18n.T(ctx, "Ticket for {{.Movie}}", "Movie", t.Movie), LogoText: "Marquee",
		RelevantDate: t.Starts.Format(time.RFC3339), ExpirationDate: t.Ends.Add(3 * time.Hour).Format(time.RFC3339),
		Barcodes:        []passBarcode{{Format: "PKBarcodeFormatQR", Message: t.Token, MessageEncoding: "iso-8859-1", AltText: t.Code}},
		BackgroundColor: "rgb(20,18,26)", ForegroundColor: "rgb(255,255,255)", LabelColor: "rgb(245,184,46)"}
	if t.Lat != nil && t.Lng != nil {
		p.Locations = []passLocation{{Latitude: *t.Lat, Longitude: *t.Lng, RelevantText: i18n.T(ctx, "Your film at {{.Theater}}", "Theater", t.Theater)}}
	}
	p.EventTicket = passFields{
		PrimaryFields: []passField{{Key: "movie", Label: i18n.T(ctx, "Film"), Value: t.Movie}},
		SecondaryFields: []passField{
			{Key: "starts", Label: i18n.T(ctx, "Starts"), Value: t.Starts.Format(time.RFC3339),
				DateStyle: "PKDateStyleMedium", TimeStyle: "PKDateStyleShort", IgnoresTimeZone: true},
			{Key: "screen", Label: i18n.T(ctx, "Screen"), Value: t.Screen},
		},
		AuxiliaryFields: []passField{
			{Key: "seats", Label: i18n.N(ctx, "{{.Count}} seats", len(t.Seats)), Value: t.SeatList()},
			{Key: "code", Label: i18n.T(ctx, "Booking code"), Value: t.Code},
		},
		BackFields: []passField{
			{Key: "theater", Label: i18n.T(ctx, "Cinema"), Value: t.Theater + "\n" + t.Address},
			{Key: "doors", Label: i18n.T(ctx, "Doors open"), Value: t.DoorsOpen.Format(time.RFC3339),
				TimeStyle: "PKDateStyleShort", IgnoresTimeZone: true},
			{Key: "ticket", Label: i18n.T(ctx, "E-ticket"), Value: t.URL},
		},
	}
	return p
}

// buildPKPass makes the signed .pkpass of t: a zip of pass.json, the
// images, manifest.json (each file's SHA-1) and signature (a detached
// PKCS#7 signature of manifest.json by the pass certificate, with the
// WWDR intermediate).
func buildPKPass(ctx context.Context, s *appleSigner, t walletTicket) ([]byte, error) {
	pass, err := json.Marshal(passFor(ctx, s, t))
	if err != nil {
		return nil, fmt.Errorf("pass.json of booking %d: %w", t.ID, err)
	}
	files := map[string][]byte{"pass.json": pass}
	if err := passImages(files); err != nil {
		return nil, err
	}
	sums := make(map[string]string, len(files))
	for name, b := range files {
		sum := sha1.Sum(b) // PassKit defines the manifest as SHA-1 digests
		sums[name] = hex.EncodeToString(sum[:])
	}
	manifest, err := json.Marshal(sums)
	if err != nil {
		return nil, fmt.Errorf("manifest of booking %d: %w", t.ID, err)
	}
	sig, err := signManifest(s, manifest)
	if err != nil {
		return nil, fmt.Errorf("sign pass of booking %d: %w", t.ID, err)
	}
	files["manifest.json"], files["signature"] = manifest, sig
	return zipFiles(files)
}

// signManifest is the detached PKCS#7 signature of manifest.
func signManifest(s *appleSigner, manifest []byte) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(manifest)
	if err != nil {
		return nil, err
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.AddSignerChain(s.cert, s.key, []*x509.Certificate{s.wwdr}, pkcs7.SignerInfoConfig{}); err != nil {
		return nil, err
	}
	sd.Detach()
	return sd.Finish()
}

// zipFiles zips files in name order (the same pass makes the same zip).
func zipFiles(files map[string][]byte) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		f, err := zw.Create(n)
		if err != nil {
			return nil, fmt.Errorf("zip %s: %w", n, err)
		}
		if _, err := f.Write(files[n]); err != nil {
			return nil, fmt.Errorf("zip %s: %w", n, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip pass: %w", err)
	}
	return buf.Bytes(), nil
}
