package catalog

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// ticketTypeOwner is whose list a ticket types page edits: a chain's
// (TheaterID 0) or one theater's. The route's guard (chainInScope,
// theaterInScope) has already checked the staff member may edit it.
type ticketTypeOwner struct {
	ChainID, TheaterID int64
	Name               string
	BaseURL, BackHref  string
}

// ticketTypeOwnerOf reads the owner from the path: /admin/chains/:id or
// /admin/theaters/:id. Errors: ErrNotFound.
func (h *Handler) ticketTypeOwnerOf(c echo.Context) (ticketTypeOwner, error) {
	id, err := adminPathID(c, "id")
	if err != nil {
		return ticketTypeOwner{}, err
	}
	ctx := c.Request().Context()
	if c.Get(ticketTypeTheaterKey) != nil {
		t, err := h.svc.Theater(ctx, id)
		if err != nil {
			return ticketTypeOwner{}, err
		}
		return ticketTypeOwner{ChainID: t.ChainID, TheaterID: t.ID, Name: t.Name,
			BaseURL: fmt.Sprintf("/admin/theaters/%d/ticket-types", id), BackHref: fmt.Sprintf("/admin/theaters/%d", id)}, nil
	}
	ch, err := h.svc.Chain(ctx, id)
	if err != nil {
		return ticketTypeOwner{}, err
	}
	return ticketTypeOwner{ChainID: ch.ID, Name: ch.Name, BaseURL: fmt.Sprintf("/admin/chains/%d/ticket-types", id),
		BackHref: "/admin/chains"}, nil
}

// ticketTypeTheaterKey marks a request under /admin/theaters/:id.
const ticketTypeTheaterKey = "ticket_type_theater"

// forTheater marks the theater routes of the shared ticket type handlers.
func forTheater(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(ticketTypeTheaterKey, true)
		return next(c)
	}
}

// ownedTicketType returns the type :type of the owner's list; another
// list's type is not found. Errors: ErrNotFound.
func (h *Handler) ownedTicketType(c echo.Context, o ticketTypeOwner) (TicketType, error) {
	id, err := adminPathID(c, "type")
	if err != nil {
		return TicketType{}, err
	}
	t, err := h.svc.TicketType(c.Request().Context(), id)
	if err != nil {
		return TicketType{}, err
	}
	if t.ChainID != o.ChainID || t.TheaterID != o.TheaterID {
		return TicketType{}, fmt.Errorf("ticket type %d of another list: %w", id, ErrNotFound)
	}
	return t, nil
}

// adminTicketTypes is GET /admin/chains/:id/ticket-types (who runs the
// chain) and GET /admin/theaters/:id/ticket-types (who manages the
// theater): the list with a form to add one. Errors: ErrNotFound.
func (h *Handler) adminTicketTypes(c echo.Context) error {
	o, err := h.ticketTypeOwnerOf(c)
	if err != nil {
		return err
	}
	form := h.ticketTypeFormProps(c.Request().Context(), o.BaseURL, false, ticketTypeValues(TicketType{Percent: 100, Daypart: AnyTime, Active: true}), nil)
	return h.renderTicketTypes(c, http.StatusOK, o, form)
}

// adminTicketTypeCreate is POST to the list: adds a type, or shows the
// form again with the problems marked (422). Errors: ErrNotFound.
func (h *Handler) adminTicketTypeCreate(c echo.Context) error {
	o, err := h.ticketTypeOwnerOf(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	f := parseTicketTypeForm(c)
	f.in.ChainID, f.in.TheaterID = o.ChainID, o.TheaterID
	f.check(h.svc)
	if len(f.errs) == 0 {
		_, err = h.svc.CreateTicketType(ctx, f.in)
		if errs, ok := validate.Fields(err); ok {
			f.errs = errs
		} else if err != nil {
			return err
		}
	}
	if len(f.errs) > 0 {
		return h.renderTicketTypes(c, http.StatusUnprocessableEntity, o, h.ticketTypeFormProps(ctx, o.BaseURL, false, f.values, f.errs))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Added the ticket type {{.Name}}.", "Name", f.in.Name))
	return web.Redirect(c, o.BaseURL)
}

func (h *Handler) renderTicketTypes(c echo.Context, status int, o ticketTypeOwner, form views.TicketTypeFormProps) error {
	ctx := c.Request().Context()
	types, err := h.svc.TicketTypes(ctx, o.ChainID, o.TheaterID)
	if err != nil {
		return err
	}
	p := views.TicketTypesProps{Title: i18n.T(ctx, "Ticket types of {{.Name}}", "Name", o.Name), BackHref: o.BackHref, Form: form,
		Note: i18n.T(ctx, "Every theater of the chain sells these types unless it has its own list.")}
	if o.TheaterID != 0 {
		p.Note = i18n.T(ctx, "This theater's own list replaces its chain's ticket types here.")
		p.Inherited = true
		for _, t := range types {
			p.Inherited = p.Inherited && !t.Active
		}
	}
	for _, t := range types {
		p.Types = append(p.Types, views.TicketTypeRow{Name: t.Name, Code: t.Code, Active: t.Active,
			Price: ticketTypePriceNote(ctx, t), When: ticketTypeWhen(ctx, t), Restrictions: ticketTypeRestrictions(ctx, t),
			EditHref:         o.BaseURL + "/" + strconv.FormatInt(t.ID, 10) + "/edit",
			DeactivateAction: o.BaseURL + "/" + strconv.FormatInt(t.ID, 10) + "/deactivate"})
	}
	return web.Render(c, status, views.TicketTypes(p))
}

// ticketTypePriceNote is "50% of the seat price", plus its fixed prices.
func ticketTypePriceNote(ctx context.Context, t TicketType) string {
	s := i18n.T(ctx, "{{.Percent}}% of the seat price", "Percent", t.Percent)
	for _, cat := range Categories() {
		if p, ok := t.FixedPrices[cat]; ok {
			s += "; " + cat.Label() + " " + formatAmount(&p)
		}
	}
	return s
}
