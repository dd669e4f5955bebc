package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
)

// popcornMedium is the demo's medium popcorn in London: £4.50 and 20% VAT.
const popcornMedium = 450 + 90

// TestFamilyBuysTwoAdultAndTwoChildTicketsWithPopcornAsGuestsOnAPhone is
// issue 19's family on a touch phone, signed out: they open a show of a
// PG film at a Lumière theater, tap four seats, hold them as guests with
// an email and a phone, choose 2 Adult and 2 Child, add a medium popcorn,
// see the total the price card makes, pay with the test card, and see the
// booking and e-ticket with both ticket types and the popcorn's pickup
// code. The confirmation email's link opens the booking in a browser
// that has never seen it (and is not shown it without the link).
func TestFamilyBuysTwoAdultAndTwoChildTicketsWithPopcornAsGuestsOnAPhone(t *testing.T) {
	t.Parallel()
	box := startMailbox(t)
	base := familySite(t, box.url())
	show := familyShow(t, base)
	const email = "the.family@example.com"

	ctx := browser(t)
	touchPhone(t, ctx)
	addProbes(t, ctx, seatMapProbes)
	step(t, ctx, "open the PG film's seat map", chromedp.Navigate(fmt.Sprintf("%s/shows/%d/seats", base, show.id)),
		chromedp.WaitVisible(`.sm-view`, chromedp.ByQuery))
	if evalBool(t, ctx, `!document.querySelector('[data-seatmap-tapzoom]').hidden`) {
		step(t, ctx, "bring the map to the top", chromedp.Evaluate(`document.querySelector('.sm-view').scrollIntoView({block: 'start'})`, nil))
		tap(t, ctx, evalFloat(t, ctx, `center(scroller()).x`), evalFloat(t, ctx, `center(scroller()).y`))
		step(t, ctx, "a tap on the house zooms in", chromedp.WaitVisible(`.sm-view.is-zoomed`, chromedp.ByQuery))
	}
	for _, s := range show.seats {
		evalBool(t, ctx, `(seat('`+s+`').scrollIntoView({block: 'center', inline: 'center'}), true)`)
		tap(t, ctx, evalFloat(t, ctx, `center(seat('`+s+`')).x`), evalFloat(t, ctx, `center(seat('`+s+`')).y`))
		step(t, ctx, "seat "+s+" is chosen", chromedp.Poll(`seat('`+s+`').checked`, nil))
	}
	var count string
	step(t, ctx, "the bar counts four", chromedp.Text(`[data-seatmap-count]`, &count, chromedp.ByQuery))
	require.Contains(t, count, "4 seats")

	step(t, ctx, "hold: the family continues as guests",
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`#guest-email`, chromedp.ByQuery),
		chromedp.SendKeys(`#guest-email`, email, chromedp.ByQuery),
		chromedp.SendKeys(`#guest-phone`, "+44 7700 900123", chromedp.ByQuery),
		chromedp.Click(`form[action$="/hold/guest"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#co-tickets`, chromedp.ByQuery),
	)
	var offered []string
	step(t, ctx, "the ticket types on offer", chromedp.Evaluate(
		`[...document.querySelectorAll('#co-tickets select')].map(s => s.id)`, &offered))
	require.Equal(t, []string{"count_ADULT", "count_CHILD", "count_SENIOR", "count_STUDENT"}, offered)

	step(t, ctx, "2 Adult and 2 Child",
		chromedp.SetValue(`#count_ADULT`, "2", chromedp.ByQuery),
		chromedp.SetValue(`#count_CHILD`, "2", chromedp.ByQuery))
	submit(t, ctx, "update the tickets", chromedp.Click(`#co-tickets button[type=submit]`, chromedp.ByQuery))
	step(t, ctx, "the price lists the children",
		chromedp.Poll(`document.querySelector('#checkout-price').textContent.includes('Child')`, nil),
	)
	step(t, ctx, "and a medium popcorn",
		chromedp.SetValue(`#checkout-food input[aria-label="Popcorn Medium"]`, "1", chromedp.ByQuery))
	submit(t, ctx, "update the food", chromedp.Click(`#checkout-food button[type=submit]`, chromedp.ByQuery))
	step(t, ctx, "the price lists the popcorn",
		chromedp.Poll(`document.querySelector('#checkout-price').textContent.includes('Popcorn')`, nil),
	)
	fullShot(t, ctx, "family-checkout-390")

	want := familyTotal(t, show.price)
	var total, price string
	step(t, ctx, "the total", chromedp.Text(`#co-bar-total`, &total, chromedp.ByQuery),
		chromedp.Text(`#checkout-price`, &price, chromedp.ByQuery))
	require.Equal(t, want, strings.TrimSpace(total), "2 adults, 2 children, 4 booking fees and a popcorn:\n%s", price)
	require.Contains(t, price, "Popcorn (Medium)")

	var code, booked string
	step(t, ctx, "pay with the test card",
		chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#card-number`, "4242 4242 4242 4242", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, "Sam Family", chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`.co-ticket__code`, chromedp.ByQuery),
		chromedp.Text(`.co-ticket__code`, &code, chromedp.ByQuery),
		chromedp.Text(`main`, &booked, chromedp.ByQuery),
	)
	code = strings.TrimSpace(code)
	require.Contains(t, booked, "Confirmed")
	require.Contains(t, booked, want, "the booking shows what was paid")
	requireKinds(t, ctx, `.co-seats .co-seat`)
	fullShot(t, ctx, "family-booking-390")

	var ticket, pickup string
	step(t, ctx, "the e-ticket",
		chromedp.Click(`a[href$="/ticket"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.tk-food`, chromedp.ByQuery),
		chromedp.Text(`.tk-food`, &ticket, chromedp.ByQuery),
		chromedp.Text(`.tk-food .tk__code`, &pickup, chromedp.ByQuery),
	)
	require.Equal(t, code, strings.TrimSpace(pickup), "the popcorn's pickup code is the booking code")
	require.Contains(t, ticket, "1 × Popcorn (Medium)")
	require.Contains(t, ticket, "Collect at the counter")
	requireKinds(t, ctx, `.tk__type`)
	fullShot(t, ctx, "family-ticket-390")

	link := box.link(t, email)
	id := regexp.MustCompile(`/bookings/(\d+)`).FindStringSubmatch(evalString(t, ctx, `location.pathname`))
	require.NotNil(t, id)
	fresh := browser(t)
	var stranger string
	step(t, fresh, "a browser that never saw the booking is not shown it",
		chromedp.Navigate(base+"/"),
		chromedp.Evaluate(`fetch('/bookings/`+id[1]+`').then(r => r.text())`, &stranger, awaitPromise))
	require.NotContains(t, stranger, code)
	var opened, openedCode string
	step(t, fresh, "the email's link opens the booking",
		chromedp.Navigate(link),
		chromedp.WaitVisible(`.co-ticket__code`, chromedp.ByQuery),
		chromedp.Text(`.co-ticket__code`, &openedCode, chromedp.ByQuery),
		chromedp.Text(`main`, &opened, chromedp.ByQuery),
	)
	require.Equal(t, code, strings.TrimSpace(openedCode))
	require.Contains(t, opened, "Popcorn (Medium)")
}

// requireKinds checks the elements at sel name two Adult and two Child
// tickets.
func requireKinds(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	var texts []string
	step(t, ctx, "read "+sel, chromedp.Evaluate(`[...document.querySelectorAll('`+sel+`')].map(e => e.textContent)`, &texts))
	kinds := map[string]int{}
	for _, s := range texts {
		for _, k := range []string{"Adult", "Child"} {
			if strings.Contains(s, k) {
				kinds[k]++
			}
		}
	}
	require.Equal(t, map[string]int{"Adult": 2, "Child": 2}, kinds, "%s: %q", sel, texts)
}

// familyTotal is what the family pays for four seats listed at price in
// London: two at Lumière's Adult price, two at its Child price, the
// chain's booking fee on each ticket and a medium popcorn, as "£38.90".
func familyTotal(t *testing.T, price int64) string {
	t.Helper()
	mpa, err := catalog.SchemeByName("mpa")
	require.NoError(t, err)
	prices := map[string]int64{}
	for _, tt := range demo.TicketTypes(mpa)["lumiere"] {
		prices[tt.Code] = tt.Price(catalog.Standard, price)
	}
	i := slices.IndexFunc(demo.Chains(), func(c demo.Chain) bool { return c.Slug == "lumiere" })
	fee := *demo.Chains()[i].BookingFeeMinor
	total := 2*prices["ADULT"] + 2*prices["CHILD"] + 4*fee + popcornMedium
	return fmt.Sprintf("£%d.%02d", total/100, total%100)
}

// familyPick is a show and the four seats the family sits in.
type familyPick struct {
	id    int64
	seats []string
	price int64 // of each seat
}

// familyShow finds, from tomorrow on, a show of a PG film at a London
// (Lumière) theater with four free standard seats side by side that leave
// no seat alone.
func familyShow(t *testing.T, base string) familyPick {
	t.Helper()
	var theaters struct{ Items []struct{ ID int64 } }
	getJSON(t, base+"/api/v1/theaters?limit=100&city=london", &theaters)
	for _, th := range theaters.Items {
		date := ""
		for day := 0; day < demo.Days; day++ {
			var page struct {
				Date   string
				Movies []struct {
					Movie struct{ Certification string }
					Shows []struct{ ID int64 }
				}
			}
			getJSON(t, fmt.Sprintf("%s/api/v1/theaters/%d?date=%s", base, th.ID, date), &page)
			d, err := time.Parse(time.DateOnly, page.Date)
			require.NoError(t, err)
			date = d.AddDate(0, 0, 1).Format(time.DateOnly)
			if day == 0 {
				continue // today's shows may stop selling before the test pays
			}
			for _, m := range page.Movies {
				if m.Movie.Certification != "PG" {
					continue
				}
				for _, s := range m.Shows {
					if seats, price := fourTogether(t, base, s.ID); seats != nil {
						return familyPick{id: s.ID, seats: seats, price: price}
					}
				}
			}
		}
	}
	t.Fatal("no PG film in London with four free standard seats together")
	return familyPick{}
}

// apiSeat is a seat of GET /api/v1/shows/:id/seats.
type apiSeat struct {
	Label, Category, State string
	Row, Col               int
	Price                  int64
}

// fourTogether picks the first four seats of a run of free seats in a row
// when they are standard seats at one price and the run leaves none or at
// least two free seats beside them.
func fourTogether(t *testing.T, base string, show int64) ([]string, int64) {
	t.Helper()
	var m struct{ Seats []apiSeat }
	getJSON(t, fmt.Sprintf("%s/api/v1/shows/%d/seats", base, show), &m)
	var run []apiSeat
	pick := func() ([]string, int64) {
		if len(run) < 4 || len(run) == 5 {
			return nil, 0
		}
		var out []string
		for _, s := range run[:4] {
			if s.Category != string(catalog.Standard) || s.Price != run[0].Price {
				return nil, 0
			}
			out = append(out, s.Label)
		}
		return out, run[0].Price
	}
	for _, s := range m.Seats {
		if last := len(run) - 1; last >= 0 && (s.Row != run[last].Row || s.Col != run[last].Col+1 || s.State != "free") {
			if out, p := pick(); out != nil {
				return out, p
			}
			run = nil
		}
		if s.State == "free" {
			run = append(run, s)
		}
	}
	return pick()
}

// familySite boots the whole program with the demo data, as journeySite
// does, sending email to the SMTP server at smtpURL.
func familySite(t *testing.T, smtpURL string) string {
	t.Helper()
	return journeySiteWith(t, map[string]string{"SMTP_URL": smtpURL})
}

// submit runs a click that submits a form and waits for the page it
// leads to.
func submit(t *testing.T, ctx context.Context, what string, click chromedp.Action) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	_, err := chromedp.RunResponse(c, click)
	require.NoError(t, err, what)
}

// fullShot saves a full-page screenshot under FAMILY_SHOTS when it is set.
func fullShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("FAMILY_SHOTS")
	if dir == "" {
		return
	}
	var png []byte
	step(t, ctx, "screenshot "+name, chromedp.FullScreenshot(&png, 100))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}

// mailbox is a real SMTP server that hands each message it accepts to
// the test, decoded to text.
type mailbox struct {
	addr string
	got  chan mailText
}

// mailText is one accepted message: its recipients and its decoded parts.
type mailText struct {
	to   []string
	text string
}

func startMailbox(t *testing.T) *mailbox {
	t.Helper()
	box := &mailbox{got: make(chan mailText, 64)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &mailSession{box: box}, nil }))
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	box.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return box
}

func (b *mailbox) url() string { return "smtp://" + b.addr + "?tls=none" }

// link waits for a message to addr with a booking access link and
// returns the link.
func (b *mailbox) link(t *testing.T, addr string) string {
	t.Helper()
	re := regexp.MustCompile(`https?://[^\s"'<>]+?/bookings/access/\d+\.[\w-]+\.[\w-]+`)
	deadline := time.After(time.Minute)
	for {
		select {
		case m := <-b.got:
			if l := re.FindString(m.text); l != "" && slices.Contains(m.to, addr) {
				return l
			}
		case <-deadline:
			t.Fatalf("no email to %s with a booking link", addr)
		}
	}
}

type mailSession struct {
	box *mailbox
	to  []string
}

func (s *mailSession) Reset()                                    { s.to = nil }
func (s *mailSession) Logout() error                             { return nil }
func (s *mailSession) Mail(string, *smtp.MailOptions) error      { return nil }
func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }

func (s *mailSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	s.box.got <- mailText{to: s.to, text: decodePart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)}
	return nil
}

// decodePart is the text of a MIME part, its leaves decoded and joined.
func decodePart(contentType, encoding string, body io.Reader) string {
	mt, params, _ := mime.ParseMediaType(contentType)
	if strings.HasPrefix(mt, "multipart/") {
		var out strings.Builder
		mr := multipart.NewReader(body, params["boundary"])
		for p, err := mr.NextRawPart(); err == nil; p, err = mr.NextRawPart() {
			out.WriteString(decodePart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p))
		}
		return out.String()
	}
	switch strings.ToLower(encoding) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	b, _ := io.ReadAll(body)
	return string(b)
}
