package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// FanoutArgs is the job that sends one alert or offer to many users, one
// batch per run: each run records its batch's messages and enqueues the
// next run in one transaction, so a crash repeats a batch (whose messages
// exist already, and are not asked for again) and loses none.
type FanoutArgs struct {
	Message        Kind  `json:"message"` // KindNewRelease, KindBookingsOpen or KindOffer
	MovieID        int64 `json:"movie_id,omitempty"`
	AnnouncementID int64 `json:"announcement_id,omitempty"`
	// After is the last user id of the previous batch.
	After int64 `json:"after"`
}

// Kind names the job in River.
func (FanoutArgs) Kind() string { return "notify.fanout" }

type fanoutWorker struct {
	river.WorkerDefaults[FanoutArgs]
	svc *Service
}

// Work sends one batch and enqueues the next.
func (w *fanoutWorker) Work(ctx context.Context, job *river.Job[FanoutArgs]) error {
	return w.svc.fanout(ctx, job.Args)
}

// batch is one run's recipients.
type batch struct {
	users []int64 // who gets the message
	last  int64   // the last candidate looked at
	more  bool    // candidates may remain after last
}

func (s *Service) fanout(ctx context.Context, a FanoutArgs) error {
	var (
		b    batch
		err  error
		data payload
		cat  Category
		key  string
	)
	switch a.Message {
	case KindNewRelease, KindBookingsOpen:
		m, merr := s.movies.Movie(ctx, a.MovieID)
		if errors.Is(merr, ErrNotFound) {
			return nil
		}
		if merr != nil {
			return fmt.Errorf("movie %d: %w", a.MovieID, merr)
		}
		data = payload{Movie: &MovieNews{ID: m.ID, Slug: m.Slug, Title: m.Title, Tagline: m.Tagline, Genres: m.Genres}}
		key = string(a.Message) + ":" + strconv.FormatInt(m.ID, 10) + ":"
		if a.Message == KindNewRelease {
			if m.Status != "now_showing" {
				return nil
			}
			cat = Alerts
			b, err = s.newReleaseBatch(ctx, m, a.After)
		} else {
			cat = Follows
			b, err = s.followerBatch(ctx, m.ID, a.After)
		}
	case KindOffer:
		ann, aerr := s.q.AnnouncementGet(ctx, s.pool, a.AnnouncementID)
		if errors.Is(aerr, pgx.ErrNoRows) {
			return nil
		}
		if aerr != nil {
			return fmt.Errorf("announcement %d: %w", a.AnnouncementID, aerr)
		}
		data = payload{Offer: &Offer{ID: ann.ID, Subject: ann.Subject, Body: ann.Body, Link: ann.LinkUrl}}
		cat, key = Offers, "offer:"+strconv.FormatInt(ann.ID, 10)+":"
		b, err = s.offerBatch(ctx, ann, a.After)
	default:
		return river.JobCancel(fmt.Errorf("unknown fan-out kind %q", a.Message))
	}
	if err != nil {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		n, err := s.enqueueMany(ctx, tx, key, a.Message, cat, data, b.users)
		if err != nil {
			return err
		}
		if a.Message == KindBookingsOpen && len(b.users) > 0 {
			if err := s.q.FollowMarkNotified(ctx, tx, notifydb.FollowMarkNotifiedParams{MovieID: a.MovieID, UserIds: b.users}); err != nil {
				return fmt.Errorf("mark followers notified: %w", err)
			}
		}
		if a.Message == KindOffer {
			if err := s.q.AnnouncementAddRecipients(ctx, tx, notifydb.AnnouncementAddRecipientsParams{ID: a.AnnouncementID, N: int32(n)}); err != nil {
				return fmt.Errorf("count recipients: %w", err)
			}
			if !b.more {
				if err := s.q.AnnouncementFinish(ctx, tx, a.AnnouncementID); err != nil {
					return fmt.Errorf("finish announcement: %w", err)
				}
			}
		}
		if !b.more {
			return nil
		}
		next := a
		next.After = b.last
		if _, err := s.jobs.InsertTx(ctx, tx, next, nil); err != nil {
			return fmt.Errorf("enqueue next batch: %w", err)
		}
		return nil
	})
}

// newReleaseBatch picks, among users who want new-release alerts, those
// whose genres, languages and city (each when set) match the movie.
func (s *Service) newReleaseBatch(ctx context.Context, m Movie, after int64) (batch, error) {
	return s.optedInBatch(ctx, Alerts, after, func(c Contact) bool {
		if len(c.Genres) > 0 && !overlaps(c.Genres, m.Genres) {
			return false
		}
		if len(c.Languages) > 0 && !overlaps(c.Languages, m.Languages) {
			return false
		}
		return c.HomeCity == "" || len(m.Cities) == 0 || slices.Contains(m.Cities, c.HomeCity)
	})
}

func (s *Service) followerBatch(ctx context.Context, movieID, after int64) (batch, error) {
	ids, err := s.q.FollowWaiting(ctx, s.pool, notifydb.FollowWaitingParams{MovieID: movieID, After: after, Lim: int32(s.opts.BatchSize)})
	if err != nil {
		return batch{}, fmt.Errorf("followers of movie %d: %w", movieID, err)
	}
	b := batch{users: ids, more: len(ids) == s.opts.BatchSize}
	if len(ids) > 0 {
		b.last = ids[len(ids)-1]
	}
	return b, nil
}

// offerBatch picks, among users who want offers, those in the segment.
func (s *Service) offerBatch(ctx context.Context, ann notifydb.NotifyAnnouncement, after int64) (batch, error) {
	b, err := s.optedInBatch(ctx, Offers, after, func(c Contact) bool {
		switch ann.Segment {
		case "city":
			return c.HomeCity == ann.SegmentValue
		case "genre":
			return slices.Contains(c.Genres, ann.SegmentValue)
		}
		return true
	})
	if err != nil || ann.Segment != "movie" || len(b.users) == 0 {
		return b, err
	}
	movieID, _ := strconv.ParseInt(ann.SegmentValue, 10, 64)
	b.users, err = s.q.BookingRecordBookersAmong(ctx, s.pool, notifydb.BookingRecordBookersAmongParams{MovieID: movieID, UserIds: b.users})
	if err != nil {
		return batch{}, fmt.Errorf("bookers of movie %d: %w", movieID, err)
	}
	slices.Sort(b.users)
	return b, nil
}

// optedInBatch reads the next BatchSize users who want category on some
// channel and keeps those match accepts.
func (s *Service) optedInBatch(ctx context.Context, c Category, after int64, match func(Contact) bool) (batch, error) {
	ids, err := s.q.PreferenceOptedIn(ctx, s.pool, notifydb.PreferenceOptedInParams{Category: string(c), After: after, Lim: int32(s.opts.BatchSize)})
	if err != nil {
		return batch{}, fmt.Errorf("users who want %s: %w", c, err)
	}
	b := batch{more: len(ids) == s.opts.BatchSize}
	if len(ids) == 0 {
		return b, nil
	}
	b.last = ids[len(ids)-1]
	contacts, err := s.users.Contacts(ctx, ids)
	if err != nil {
		return batch{}, fmt.Errorf("contacts: %w", err)
	}
	for _, ct := range contacts {
		if match(ct) {
			b.users = append(b.users, ct.ID)
		}
	}
	return b, nil
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
