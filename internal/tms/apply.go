package tms

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/tms/tmsdb"
)

// apply makes the checked plan true, through the catalogue's and
// booking's services, each change in their own transactions (none open
// here): films, new sessions, moves, cancellations, prices, then seats.
// The map of external ids is written right after each change, so a run
// that stops part way is picked up by the next without doing anything twice.
func (s *Service) apply(ctx context.Context, conn tmsdb.TmsConnection, p plan, r *runLog) error {
	slugs := map[string]string{} // pending key -> the created movie's slug
	for _, f := range p.films {
		m, err := s.catalog.CreateMovie(ctx, p.pending[pendingKey(f.ID)])
		if err != nil {
			return fmt.Errorf("create the movie of film %q: %w", f.ID, err)
		}
		if err := s.q.FilmInsert(ctx, s.pool, tmsdb.FilmInsertParams{ConnectionID: conn.ID, ExternalID: f.ID, MovieID: m.ID}); err != nil {
			return fmt.Errorf("map film %q: %w", f.ID, err)
		}
		slugs[pendingKey(f.ID)] = m.Slug
		r.change(fmt.Sprintf("film %q: created the movie %q (#%d).", f.ID, m.Title, m.ID))
	}
	if len(p.news) > 0 {
		rows := make([]catalog.ImportRow, len(p.news))
		for i, n := range p.news {
			rows[i] = n.row
			if slug, ok := slugs[n.row.Movie]; ok {
				rows[i].Movie = slug
			}
		}
		shows, err := s.catalog.ScheduleImport(ctx, rows)
		if err != nil {
			return fmt.Errorf("schedule %d new sessions: %w", len(rows), err)
		}
		showOf := map[string]int64{}
		for i, sh := range shows {
			n := p.news[i]
			showOf[n.s.ID] = sh.ID
			if err := s.q.SessionInsert(ctx, s.pool, tmsdb.SessionInsertParams{ConnectionID: conn.ID, ExternalID: n.s.ID,
				ShowID: sh.ID, StartsAt: sh.StartsAt}); err != nil {
				return fmt.Errorf("map session %q: %w", n.s.ID, err)
			}
			r.Scheduled++
			r.change(fmt.Sprintf("session %q: scheduled show #%d on %s at %s.", n.s.ID, sh.ID, n.row.Screen, n.row.Date+" "+n.row.Time))
		}
		for i := range p.live {
			if p.live[i].showID == 0 {
				p.live[i].showID = showOf[p.live[i].s.ID]
			}
		}
	}
	for _, m := range p.moves {
		if _, err := s.catalog.MoveShow(ctx, m.showID, m.to); err != nil {
			return fmt.Errorf("move session %q: %w", m.ext, err)
		}
		if err := s.q.SessionMoved(ctx, s.pool, tmsdb.SessionMovedParams{ConnectionID: conn.ID, ExternalID: m.ext, StartsAt: m.to}); err != nil {
			return fmt.Errorf("map session %q: %w", m.ext, err)
		}
		buyers, err := s.seats.LiveBookings(ctx, m.showID)
		if err != nil {
			return err
		}
		r.Moved++
		r.change(fmt.Sprintf("session %q: moved show #%d from %s to %s; %s on it (buyers of confirmed ones are told).", m.ext, m.showID,
			m.from.Format(time.RFC3339), m.to.Format(time.RFC3339), bookings(buyers)))
	}
	for _, c := range p.cancels {
		buyers, err := s.seats.LiveBookings(ctx, c.ShowID)
		if err != nil {
			return err
		}
		if _, err := s.catalog.CancelShow(ctx, c.ShowID); err != nil && !isCancelled(err) {
			return fmt.Errorf("cancel session %q: %w", c.ExternalID, err)
		}
		if err := s.q.SessionCancelled(ctx, s.pool, tmsdb.SessionCancelledParams{ConnectionID: conn.ID, ExternalID: c.ExternalID}); err != nil {
			return fmt.Errorf("map session %q: %w", c.ExternalID, err)
		}
		r.Cancelled++
		r.change(fmt.Sprintf("session %q: gone from the feed or cancelled there; cancelled show #%d, its %s cancelled and refunded.",
			c.ExternalID, c.ShowID, bookings(buyers)))
	}
	for _, l := range p.live {
		if err := s.applyPrices(ctx, l, r); err != nil {
			return err
		}
		if err := s.applySeats(ctx, conn, l, r); err != nil {
			return err
		}
	}
	return nil
}

// applyPrices sets the session's prices where they differ from the show's.
func (s *Service) applyPrices(ctx context.Context, l liveSession, r *runLog) error {
	show, err := s.catalog.Show(ctx, l.showID)
	if err != nil {
		return fmt.Errorf("show of session %q: %w", l.s.ID, err)
	}
	if maps.Equal(show.Prices, l.prices) {
		return nil
	}
	if err := s.catalog.SetShowPrices(ctx, l.showID, l.prices); err != nil {
		return fmt.Errorf("set the prices of session %q: %w", l.s.ID, err)
	}
	r.Repriced++
	r.change(fmt.Sprintf("session %q: prices of show #%d are now %s (were %s).", l.s.ID, l.showID, priceList(l.prices), priceList(show.Prices)))
	return nil
}

// applySeats blocks the seats the TMS sold since the last run and frees
// the ones it no longer sells; a seat one of our buyers holds or bought
// stays theirs, and the conflict is logged on every run until the TMS
// resolves it.
func (s *Service) applySeats(ctx context.Context, conn tmsdb.TmsConnection, l liveSession, r *runLog) error {
	want := map[string]bool{}
	for _, seat := range l.s.SeatsSold {
		want[seat] = true
	}
	var toBlock, toFree, kept []string
	had := map[string]bool{}
	for _, seat := range l.blocked {
		had[seat] = true
		if want[seat] {
			kept = append(kept, seat)
		} else {
			toFree = append(toFree, seat)
		}
	}
	for seat := range want {
		if !had[seat] {
			toBlock = append(toBlock, seat)
		}
	}
	if len(toBlock) == 0 && len(toFree) == 0 {
		return nil
	}
	slices.Sort(toBlock)
	slices.Sort(toFree)
	blocked, conflicts, err := s.seats.BlockSeats(ctx, l.showID, toBlock)
	if err != nil {
		return fmt.Errorf("block the seats of session %q: %w", l.s.ID, err)
	}
	freed, err := s.seats.UnblockSeats(ctx, l.showID, toFree)
	if err != nil {
		return fmt.Errorf("free the seats of session %q: %w", l.s.ID, err)
	}
	now := append(kept, blocked...)
	slices.Sort(now)
	if err := s.q.SessionBlocked(ctx, s.pool, tmsdb.SessionBlockedParams{ConnectionID: conn.ID, ExternalID: l.s.ID,
		Blocked: append([]string{}, now...)}); err != nil {
		return fmt.Errorf("map the seats of session %q: %w", l.s.ID, err)
	}
	if len(blocked) > 0 {
		r.SeatsBlocked += len(blocked)
		r.change(fmt.Sprintf("session %q: blocked %s on show #%d (sold at the theater).", l.s.ID, strings.Join(blocked, ", "), l.showID))
	}
	if freed > 0 {
		r.change(fmt.Sprintf("session %q: freed %s on show #%d (no longer sold at the theater).", l.s.ID, strings.Join(toFree, ", "), l.showID))
	}
	for _, c := range conflicts {
		r.warn(fmt.Sprintf("session %q: seat %s was sold at the theater but is %s by our booking #%d on show #%d; it stays with our buyer.",
			l.s.ID, c.Seat, c.State, c.BookingID, l.showID))
	}
	return nil
}

func priceList(p catalog.Prices) string {
	keys := slices.Sorted(maps.Keys(p))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, p[k])
	}
	return strings.Join(parts, ", ")
}

// bookings counts bookings in words for the run log.
func bookings(n int) string {
	if n == 1 {
		return "1 booking"
	}
	return fmt.Sprintf("%d bookings", n)
}
