package notify

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Segment picks who an offer goes to, among users who want offers.
type Segment struct {
	Kind  string // all, city, genre, movie (past bookers)
	Value string // city slug, genre, movie id
	Label string // for people: "London", "Drama", "Dune: Part Two"
}

// AnnouncementInput is an offer an admin writes.
type AnnouncementInput struct {
	Subject string
	Body    string
	Link    string // absolute https://, or a path on the site; optional
	Segment Segment
}

// Announcement is a sent (or sending) offer.
type Announcement struct {
	ID         int64
	Subject    string
	Body       string
	Link       string
	Segment    Segment
	Recipients int
	Sending    bool
	CreatedAt  time.Time
	FinishedAt *time.Time
}

func (in *AnnouncementInput) validate() error {
	var e validate.Errors
	in.Subject, in.Body, in.Link = strings.TrimSpace(in.Subject), strings.TrimSpace(in.Body), strings.TrimSpace(in.Link)
	e.Check(in.Subject != "" && len(in.Subject) <= 120, "subject", i18n.Msg("Write a subject (up to 120 characters)."))
	e.Check(in.Body != "" && len(in.Body) <= 5000, "body", i18n.Msg("Write the message (up to 5,000 characters)."))
	if in.Link != "" {
		u, err := url.Parse(in.Link)
		ok := err == nil && ((u.Scheme == "https" || u.Scheme == "http") && u.Host != "" || strings.HasPrefix(in.Link, "/") && !strings.HasPrefix(in.Link, "//"))
		e.Check(ok, "link", i18n.Msg("Enter a link starting with https:// or /."))
	}
	switch in.Segment.Kind {
	case "all":
		in.Segment.Value = ""
	case "city", "genre":
		e.Check(in.Segment.Value != "", "segment", i18n.Msg("Choose who gets this offer."))
	case "movie":
		id, err := strconv.ParseInt(in.Segment.Value, 10, 64)
		e.Check(err == nil && id > 0, "segment", i18n.Msg("Choose a movie."))
	default:
		e.Add("segment", i18n.Msg("Choose who gets this offer."))
	}
	return e.Err()
}

// AudienceSize counts who would get an offer sent to seg now (users who
// want offers, in the segment). Errors: ErrInvalid.
func (s *Service) AudienceSize(ctx context.Context, seg Segment) (int, error) {
	in := AnnouncementInput{Subject: "x", Body: "x", Segment: seg}
	if err := in.validate(); err != nil {
		return 0, err
	}
	ann := notifydb.NotifyAnnouncement{Segment: seg.Kind, SegmentValue: in.Segment.Value}
	total := 0
	for after := int64(0); ; {
		b, err := s.offerBatch(ctx, ann, after)
		if err != nil {
			return 0, err
		}
		total += len(b.users)
		if !b.more {
			return total, nil
		}
		after = b.last
	}
}

// SendAnnouncement records an offer and starts sending it in the
// background, in batches; the request returns at once.
// Errors: ErrInvalid.
func (s *Service) SendAnnouncement(ctx context.Context, adminID int64, in AnnouncementInput) (Announcement, error) {
	if err := in.validate(); err != nil {
		return Announcement{}, err
	}
	var a Announcement
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.AnnouncementInsert(ctx, tx, notifydb.AnnouncementInsertParams{Subject: in.Subject, Body: in.Body,
			LinkUrl: in.Link, Segment: in.Segment.Kind, SegmentValue: in.Segment.Value, SegmentLabel: in.Segment.Label,
			CreatedBy: adminID})
		if err != nil {
			return fmt.Errorf("save announcement: %w", err)
		}
		if _, err := s.jobs.InsertTx(ctx, tx, FanoutArgs{Message: KindOffer, AnnouncementID: row.ID}, nil); err != nil {
			return fmt.Errorf("enqueue announcement: %w", err)
		}
		a = announcementFromRow(row)
		return nil
	})
	return a, err
}

// Announcements lists the latest offers, newest first.
func (s *Service) Announcements(ctx context.Context) ([]Announcement, error) {
	rows, err := s.q.AnnouncementList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list announcements: %w", err)
	}
	out := make([]Announcement, len(rows))
	for i, r := range rows {
		out[i] = announcementFromRow(r)
	}
	return out, nil
}

// PreviewAnnouncement writes an offer as a recipient called name would
// read it (subject and text), without sending anything. Errors: ErrInvalid.
func (s *Service) PreviewAnnouncement(in AnnouncementInput, name string) (subject, text string, err error) {
	if err := in.validate(); err != nil {
		return "", "", err
	}
	r, err := s.compose(context.Background(), KindOffer, payload{Offer: &Offer{Subject: in.Subject, Body: in.Body, Link: in.Link}}, name,
		s.opts.BaseURL+"/unsubscribe?t=…")
	if err != nil {
		return "", "", err
	}
	return r.email.Subject, r.plain, nil
}

func announcementFromRow(r notifydb.NotifyAnnouncement) Announcement {
	return Announcement{ID: r.ID, Subject: r.Subject, Body: r.Body, Link: r.LinkUrl,
		Segment:    Segment{Kind: r.Segment, Value: r.SegmentValue, Label: r.SegmentLabel},
		Recipients: int(r.Recipients), Sending: r.Status == "sending", CreatedAt: r.CreatedAt, FinishedAt: r.FinishedAt}
}
