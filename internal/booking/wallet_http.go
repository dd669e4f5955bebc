package booking

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
)

// ticketPKPass is GET /bookings/:id/ticket.pkpass: the buyer's e-ticket
// as a signed Apple Wallet pass, at the show's current time. Errors: 404
// (not the buyer's booking, or Apple Wallet is off), 409 (not confirmed).
func (h *Handler) ticketPKPass(c echo.Context) error {
	keys, err := h.opts.Wallet.appleKeys()
	if errors.Is(err, errWalletOff) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return fmt.Errorf("the Apple Wallet keys: %w", err)
	}
	t, err := h.walletTicketFor(c)
	if err != nil {
		return err
	}
	pass, err := buildPKPass(c.Request().Context(), keys, t)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Cache-Control", "private, no-store")
	hd.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="marquee-%s.pkpass"`, t.Code))
	return c.Stream(http.StatusOK, pkpassContentType, bytes.NewReader(pass))
}

// ticketGoogleWallet is GET /bookings/:id/ticket/google-wallet: sends
// the buyer to Google Wallet's save page with the ticket, at the show's
// current time, signed as the site's service account. The link is made
// when asked for, not on the ticket page, so it never carries an old
// time. Errors: as ticketPKPass.
func (h *Handler) ticketGoogleWallet(c echo.Context) error {
	keys, err := h.opts.Wallet.googleKeys()
	if errors.Is(err, errWalletOff) {
		return echo.NewHTTPError(http.StatusNotFound)
	} else if err != nil {
		return fmt.Errorf("the Google Wallet key: %w", err)
	}
	t, err := h.walletTicketFor(c)
	if err != nil {
		return err
	}
	link, err := googleSaveLink(c.Request().Context(), keys, t, h.baseURL(c), h.svc.opts.Now())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return c.Redirect(http.StatusSeeOther, link)
}
