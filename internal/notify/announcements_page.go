package notify

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// announcementsProps fills the offers page: choices for the segment and
// what was sent.
func (h *Handler) announcementsProps(c echo.Context) (views.AnnouncementsProps, error) {
	ctx := c.Request().Context()
	p := views.AnnouncementsProps{Segment: "all"}
	u := webctx.From(ctx).User
	p.CanSend = u != nil && u.Admin
	cities, genres, movies, err := h.svc.movies.SegmentChoices(ctx)
	if err != nil {
		return p, err
	}
	for _, ch := range cities {
		p.Cities = append(p.Cities, views.Choice(ch))
	}
	for _, ch := range movies {
		p.Movies = append(p.Movies, views.Choice(ch))
	}
	p.Genres = genres
	sent, err := h.svc.Announcements(ctx)
	if err != nil {
		return p, err
	}
	for _, a := range sent {
		label := a.Segment.Label
		if label == "" {
			label = i18n.T(ctx, "Everyone who wants offers")
		}
		p.Sent = append(p.Sent, views.AnnouncementRow{Subject: a.Subject, Segment: label, Recipients: a.Recipients,
			Sending: a.Sending, When: utcTime(ctx, a.CreatedAt)})
	}
	return p, nil
}

func (h *Handler) announcements(c echo.Context) error {
	p, err := h.announcementsProps(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Announcements(p))
}

// announcementInput reads the form; the segment's label comes from the
// same choices the form offered.
func (h *Handler) announcementInput(c echo.Context, p views.AnnouncementsProps) AnnouncementInput {
	seg := c.FormValue("segment")
	kind, value, _ := strings.Cut(seg, ":")
	in := AnnouncementInput{Subject: c.FormValue("subject"), Body: c.FormValue("body"), Link: c.FormValue("link"),
		Segment: Segment{Kind: kind, Value: value}}
	switch kind {
	case "city":
		in.Segment.Label = label(p.Cities, value)
	case "movie":
		in.Segment.Label = "Booked " + label(p.Movies, value)
	case "genre":
		in.Segment.Label = "Likes " + value
	}
	return in
}

func label(choices []views.Choice, value string) string {
	for _, ch := range choices {
		if ch.Value == value {
			return ch.Label
		}
	}
	return value
}

func (h *Handler) announcementPreview(c echo.Context) error {
	p, err := h.announcementsProps(c)
	if err != nil {
		return err
	}
	in := h.announcementInput(c, p)
	ctx := c.Request().Context()
	name := ""
	if u := webctx.From(ctx).User; u != nil {
		name = u.Name
	}
	subject, text, err := h.svc.PreviewAnnouncement(in, name)
	var audience int
	if err == nil {
		audience, err = h.svc.AudienceSize(ctx, in.Segment)
	}
	if fields, ok := validate.Fields(err); ok {
		return web.Render(c, http.StatusOK, views.AnnouncementPreview(views.AnnouncementPreviewProps{Errors: fields}))
	}
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.AnnouncementPreview(views.AnnouncementPreviewProps{Audience: audience,
		Subject: subject, Text: text}))
}

func (h *Handler) announcementSend(c echo.Context) error {
	p, err := h.announcementsProps(c)
	if err != nil {
		return err
	}
	in := h.announcementInput(c, p)
	ctx := c.Request().Context()
	_, err = h.svc.SendAnnouncement(ctx, webctx.From(ctx).User.ID, in)
	if fields, ok := validate.Fields(err); ok {
		p.Subject, p.Body, p.Link, p.Segment, p.Errors = in.Subject, in.Body, in.Link, c.FormValue("segment"), fields
		return web.Render(c, http.StatusUnprocessableEntity, views.Announcements(p))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Sending “{{.Subject}}”. The list below counts recipients as batches go out.", "Subject", in.Subject))
	return web.Redirect(c, "/admin/announcements")
}
