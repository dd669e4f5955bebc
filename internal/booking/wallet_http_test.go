package booking_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha1" //nolint:gosec // PassKit's manifest is SHA-1
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/golang-jwt/jwt/v5"
	"github.com/smallstep/pkcs7"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
)

// walletGet fetches path as br and returns the whole body.
func walletGet(t *testing.T, br *testBrowser, path string) (*http.Response, []byte) {
	t.Helper()
	res, body := br.Get(t, path)
	return res, []byte(body)
}

// unzipPass reads a .pkpass into its files.
func unzipPass(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	require.NoError(t, err)
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		files[f.Name], err = io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
	}
	return files
}

// devWalletPEM reads the development wallet the app made in DATA_DIR.
func devWalletPEM(t *testing.T, dir string) []*pem.Block {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "wallet-dev.pem"))
	require.NoError(t, err)
	var out []*pem.Block
	for blk, rest := pem.Decode(b); blk != nil; blk, rest = pem.Decode(rest) {
		out = append(out, blk)
	}
	require.Len(t, out, 4)
	return out
}

func TestTheTicketTravelsToWalletsAndCalendarsAndFollowsAMovedShow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sb := clockedSetup(t, apptest.Options{Env: map[string]string{"DATA_DIR": dir}})
	ann, bob := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer)
	bk := sb.sold(t, ann.id, sb.show, "C5", "C6")
	base := fmt.Sprintf("/bookings/%d/ticket", bk.ID)

	// The ticket page offers all three, by name.
	res, page := ann.Get(t, base)
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{"Add to Apple Wallet", "Save to Google Wallet", "Add to calendar", base + ".pkpass", base + ".ics"} {
		require.Contains(t, page, want)
	}

	// Apple Wallet: every file is in the manifest with its SHA-1, and the
	// manifest is signed by the pass certificate under the WWDR stand-in.
	res, body := walletGet(t, ann, base+".pkpass")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "application/vnd.apple.pkpass", res.Header.Get("Content-Type"))
	files := unzipPass(t, body)
	var manifest map[string]string
	require.NoError(t, json.Unmarshal(files["manifest.json"], &manifest))
	for name, b := range files {
		if name == "manifest.json" || name == "signature" {
			continue
		}
		sum := sha1.Sum(b) //nolint:gosec // PassKit's
		require.Equal(t, hex.EncodeToString(sum[:]), manifest[name], name)
	}
	require.Len(t, manifest, len(files)-2)
	require.Contains(t, manifest, "icon.png")
	blocks := devWalletPEM(t, dir)
	ca, err := x509.ParseCertificate(blocks[0].Bytes)
	require.NoError(t, err)
	p7, err := pkcs7.Parse(files["signature"])
	require.NoError(t, err)
	p7.Content = files["manifest.json"]
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	require.NoError(t, p7.VerifyWithChain(roots))
	p7.Content = []byte(`{"pass.json":"forged"}`)
	require.Error(t, p7.Verify(), "the signature covers the manifest")

	d, err := sb.catalog.ShowDetail(context.Background(), sb.show.ID)
	require.NoError(t, err)
	zone := d.Theater.Location()
	token := sb.passField(t, files["pass.json"])
	require.Equal(t, "PKBarcodeFormatQR", token.Barcodes[0].Format)
	require.NotEmpty(t, token.Barcodes[0].Message)
	require.Equal(t, bk.Code, token.Barcodes[0].AltText)
	require.Equal(t, sb.show.StartsAt.In(zone).Format(time.RFC3339), token.RelevantDate)
	require.Equal(t, fmt.Sprintf("booking-%d", bk.ID), token.SerialNumber)
	require.Equal(t, "Hold Tight", token.EventTicket.PrimaryFields[0].Value)

	// Google Wallet: an RS256 JWT signed with the service account's key,
	// offering the ticket with the same QR payload.
	res, _ = ann.Get(t, base+"/google-wallet")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	loc := res.Header.Get("Location")
	require.True(t, strings.HasPrefix(loc, "https://pay.google.com/gp/v/save/"), loc)
	gk, err := x509.ParsePKCS1PrivateKey(blocks[3].Bytes)
	require.NoError(t, err)
	claims := jwt.MapClaims{}
	_, err = jwt.ParseWithClaims(strings.TrimPrefix(loc, "https://pay.google.com/gp/v/save/"), claims,
		func(*jwt.Token) (any, error) { return &gk.PublicKey, nil }, jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience("google"))
	require.NoError(t, err)
	require.Equal(t, "savetowallet", claims["typ"])
	obj := claims["payload"].(map[string]any)["eventTicketObjects"].([]any)[0].(map[string]any)
	require.Equal(t, apptest.TicketSays(t, token.Barcodes[0].Message), apptest.TicketSays(t, obj["barcode"].(map[string]any)["value"].(string)),
		"the same ticket in both wallets (issued perhaps a second apart)")
	require.Equal(t, "QR_CODE", obj["barcode"].(map[string]any)["type"])
	require.Equal(t, "Ann", obj["ticketHolderName"])
	class := claims["payload"].(map[string]any)["eventTicketClasses"].([]any)[0].(map[string]any)
	require.Equal(t, sb.show.StartsAt.In(zone).Format(time.RFC3339), class["dateTime"].(map[string]any)["start"])

	// The calendar: one event at the show's wall-clock time in its zone.
	res, body = walletGet(t, ann, base+".ics")
	require.Equal(t, http.StatusOK, res.StatusCode)
	ev := parseTicketEvent(t, body)
	start, err := ev.GetStartAt()
	require.NoError(t, err)
	require.True(t, start.Equal(sb.show.StartsAt.Truncate(time.Second)), "starts %s, want %s", start, sb.show.StartsAt)
	require.Equal(t, d.Theater.TimeZone, ev.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"][0])
	require.Equal(t, "Hold Tight", ev.GetProperty(ics.ComponentPropertySummary).Value)
	require.Contains(t, ev.GetProperty(ics.ComponentPropertyLocation).Value, d.Theater.Name)
	uid := ev.GetProperty(ics.ComponentPropertyUniqueId).Value
	seq, err := strconv.Atoi(ev.GetProperty(ics.ComponentPropertySequence).Value)
	require.NoError(t, err)

	// Another buyer sees none of it.
	for _, p := range []string{base + ".pkpass", base + ".ics", base + "/google-wallet"} {
		res, _ := bob.Get(t, p)
		require.Equal(t, http.StatusNotFound, res.StatusCode, p)
	}

	// The show moves: the pass and the calendar carry the new time, and
	// the calendar file replaces the old event (same UID, higher SEQUENCE).
	sb.clock.advance(10 * time.Minute)
	moved, err := sb.catalog.MoveShow(context.Background(), sb.show.ID, sb.show.StartsAt.Add(2*time.Hour))
	require.NoError(t, err)
	_, body = walletGet(t, ann, base+".pkpass")
	require.Equal(t, moved.StartsAt.In(zone).Format(time.RFC3339), sb.passField(t, unzipPass(t, body)["pass.json"]).RelevantDate)
	_, body = walletGet(t, ann, base+".ics")
	ev = parseTicketEvent(t, body)
	start, err = ev.GetStartAt()
	require.NoError(t, err)
	require.True(t, start.Equal(moved.StartsAt.Truncate(time.Second)))
	require.Equal(t, uid, ev.GetProperty(ics.ComponentPropertyUniqueId).Value)
	seq2, err := strconv.Atoi(ev.GetProperty(ics.ComponentPropertySequence).Value)
	require.NoError(t, err)
	require.Greater(t, seq2, seq)
	_, page = ann.Get(t, base)
	require.Contains(t, page, moved.StartsAt.In(zone).Format("15:04"))
}

// parseTicketEvent reads the one event of a calendar file.
func parseTicketEvent(t *testing.T, body []byte) *ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	require.NoError(t, err)
	evs := cal.Events()
	require.Len(t, evs, 1)
	require.Len(t, cal.Timezones(), 1)
	return evs[0]
}

// testPass is the part of pass.json the test reads.
type testPass struct {
	SerialNumber string `json:"serialNumber"`
	RelevantDate string `json:"relevantDate"`
	Barcodes     []struct {
		Format  string `json:"format"`
		Message string `json:"message"`
		AltText string `json:"altText"`
	} `json:"barcodes"`
	EventTicket struct {
		PrimaryFields []struct {
			Value string `json:"value"`
		} `json:"primaryFields"`
	} `json:"eventTicket"`
}

func (sb *testBundle) passField(t *testing.T, b []byte) testPass {
	t.Helper()
	var p testPass
	require.NoError(t, json.Unmarshal(b, &p))
	return p
}
