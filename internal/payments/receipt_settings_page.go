package payments

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// receiptSettings is GET /admin/receipt-settings?chain=ID: the seller of
// one chain the person runs (Marquee's staff: any chain, and chain 0 for
// independent cinemas). Errors: ErrNotFound for a chain they do not run.
func (h *Handler) receiptSettings(c echo.Context) error {
	ctx := c.Request().Context()
	chains, err := h.sellerChains(c)
	if err != nil {
		return err
	}
	chain := chains[0]
	if q := c.QueryParam("chain"); q != "" {
		if chain, err = h.chainParam(c, q, chains); err != nil {
			return err
		}
	}
	form := views.SellerForm{TaxScheme: SchemeNone}
	sellers, err := h.svc.Sellers(ctx)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(sellers, func(s Seller) bool { return s.ChainID == chain }); i >= 0 {
		form = sellerForm(sellers[i])
	}
	props, err := h.settingsProps(ctx, chains, chain, form, nil)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.ReceiptSettings(props))
}

// receiptSettingsSave is POST /admin/receipt-settings: saves a chain's
// seller, or shows the form again with what needs fixing (422).
// Errors: ErrNotFound for a chain they do not run.
func (h *Handler) receiptSettingsSave(c echo.Context) error {
	ctx := c.Request().Context()
	chains, err := h.sellerChains(c)
	if err != nil {
		return err
	}
	chain, err := h.chainParam(c, c.FormValue("chain"), chains)
	if err != nil {
		return err
	}
	in := Seller{ChainID: chain, LegalName: c.FormValue("legal_name"), Address: c.FormValue("address"),
		TaxScheme: c.FormValue("tax_scheme"), TaxID: c.FormValue("tax_id"), StateCode: c.FormValue("state_code"),
		SeriesPrefix: c.FormValue("series_prefix")}
	_, err = h.svc.SaveSeller(ctx, in)
	var errs validate.Errors
	if errors.As(err, &errs) {
		props, perr := h.settingsProps(ctx, chains, chain, sellerForm(in), errs)
		if perr != nil {
			return perr
		}
		return web.Render(c, http.StatusUnprocessableEntity, views.ReceiptSettings(props))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved. New documents use these details; those already issued keep theirs."))
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/admin/receipt-settings?chain=%d", chain))
}

// sellerChains are the chains whose seller the person may set: every
// chain and 0 for Marquee's staff, the chains they run otherwise.
// Errors: ErrNotFound when they run none.
func (h *Handler) sellerChains(c echo.Context) ([]int64, error) {
	scope := web.Scope(c)
	if scope.Platform {
		ids := []int64{0}
		if h.svc.opts.Receipts.ChainNames != nil {
			names, err := h.svc.opts.Receipts.ChainNames(c.Request().Context())
			if err != nil {
				return nil, fmt.Errorf("chain names: %w", err)
			}
			for id := range names {
				ids = append(ids, id)
			}
		}
		sellers, err := h.svc.Sellers(c.Request().Context())
		if err != nil {
			return nil, err
		}
		for _, s := range sellers {
			ids = append(ids, s.ChainID)
		}
		slices.Sort(ids)
		return slices.Compact(ids), nil
	}
	var ids []int64
	for _, g := range scope.Grants {
		if g.TheaterID == 0 && g.Role.Allows(authz.RunChain) && !slices.Contains(ids, g.ChainID) {
			ids = append(ids, g.ChainID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("receipt settings: %w", ErrNotFound)
	}
	slices.Sort(ids)
	return ids, nil
}

// chainParam reads a chain id the person may set. Errors: ErrNotFound.
func (h *Handler) chainParam(c echo.Context, s string, chains []int64) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || !slices.Contains(chains, id) {
		return 0, fmt.Errorf("receipt settings of chain %q: %w", s, ErrNotFound)
	}
	if id != 0 {
		if err := web.Allow(c, authz.RunChain, authz.Place{ChainID: id}); err != nil {
			return 0, fmt.Errorf("receipt settings of chain %d: %w", id, ErrNotFound)
		}
	}
	return id, nil
}

// settingsProps builds the settings page of chain among chains.
func (h *Handler) settingsProps(ctx context.Context, chains []int64, chain int64, form views.SellerForm,
	errs validate.Errors) (views.ReceiptSettingsProps, error) {
	names := map[int64]string{}
	if h.svc.opts.Receipts.ChainNames != nil {
		var err error
		if names, err = h.svc.opts.Receipts.ChainNames(ctx); err != nil {
			return views.ReceiptSettingsProps{}, fmt.Errorf("chain names: %w", err)
		}
	}
	p := views.ReceiptSettingsProps{ChainID: strconv.FormatInt(chain, 10), Form: form, Errors: errs}
	for _, id := range chains {
		label := names[id]
		switch {
		case id == 0:
			label = i18n.T(ctx, "Independent cinemas and chains without their own")
		case label == "":
			label = i18n.T(ctx, "Chain {{.ID}}", "ID", strconv.FormatInt(id, 10))
		}
		p.Chains = append(p.Chains, views.ReceiptChainTab{Label: label, Current: id == chain,
			Href: fmt.Sprintf("/admin/receipt-settings?chain=%d", id)})
	}
	return p, nil
}

func sellerForm(s Seller) views.SellerForm {
	return views.SellerForm{LegalName: s.LegalName, Address: s.Address, TaxScheme: s.TaxScheme, TaxID: s.TaxID,
		StateCode: s.StateCode, SeriesPrefix: s.SeriesPrefix}
}
