package waitroom

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/waitroom/waitroomdb"
)

// Admit decides whether userID (0 for a visitor) may pick seats for the
// show now. A show without a room (its own or its movie's) is always
// admitted, from memory. In a room, a signed-in buyer is admitted while
// their admission pass lasts; otherwise they get (or keep) a place in the
// queue, and the decision says where they stand. A visitor is admitted
// only while nobody waits; else they are sent to the waiting page, which
// asks them to sign in, since places are per account.
func (s *Service) Admit(ctx context.Context, showID, movieID, userID int64) (Decision, error) {
	room, ok, err := s.roomFor(ctx, showID, movieID)
	if err != nil {
		return Decision{}, fmt.Errorf("admit to show %d: %w", showID, err)
	}
	if !ok {
		return Decision{Admitted: true}, nil
	}
	now := s.opts.Now()
	d := Decision{RoomID: room.id, WaitPath: waitPath(room.id), OnSaleAt: room.onSaleAt}
	if userID == 0 {
		d.Admitted = room.open(now)
		if !d.Admitted {
			d.Wait = max(room.onSaleAt.Sub(now), room.nextSlot.Sub(now), 0)
		}
		return d, nil
	}
	if s.passes.valid(room.id, userID, now) {
		d.Admitted = true
		return d, nil
	}
	p, err := s.place(ctx, room, userID)
	if err != nil {
		return Decision{}, fmt.Errorf("admit user %d to show %d: %w", userID, showID, err)
	}
	d.Admitted, d.Position, d.Wait = p.Admitted, p.Position, p.Wait
	return d, nil
}

// Join gives userID a place in room roomID, or finds the one they have (a
// reload, a second tab, another instance: the same place), for the
// waiting page. Errors: ErrNotFound.
func (s *Service) Join(ctx context.Context, roomID, userID int64) (Place, error) {
	room, err := s.roomByID(ctx, roomID)
	if err != nil {
		return Place{}, err
	}
	p, err := s.place(ctx, room, userID)
	if err != nil {
		return Place{}, fmt.Errorf("join waiting room %d: %w", roomID, err)
	}
	return p, nil
}

// PlaceOf reads a place token (from the waiting page) and says where its
// buyer stands now, without reading the buyer's row: the live updates of
// thousands of waiting pages cost one read per room and second.
// Errors: ErrInvalid for a token not signed by us, ErrNotFound.
func (s *Service) PlaceOf(ctx context.Context, tok string) (Place, error) {
	t, err := s.opts.Keys.verify(tok)
	if err != nil {
		return Place{}, err
	}
	room, err := s.roomByID(ctx, t.roomID)
	if err != nil {
		return Place{}, err
	}
	p, err := s.standing(ctx, room, t.userID, t.admitAt, s.opts.Now())
	if err != nil {
		return Place{}, fmt.Errorf("place in waiting room %d: %w", t.roomID, err)
	}
	p.Token = tok
	return p, nil
}

// place finds userID's place in room, or gives them the next slot: one
// indexed read for somebody who already has a place, one join statement
// for a newcomer (or a buyer whose pass ran out: they queue again).
func (s *Service) place(ctx context.Context, room scope, userID int64) (Place, error) {
	now := s.opts.Now()
	e, err := s.q.EntryGet(ctx, s.pool, waitroomdb.EntryGetParams{RoomID: room.id, UserID: userID})
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !e.AdmitAt.Add(s.opts.Pass).After(now)) {
		e, err = s.join(ctx, waitroomdb.EntryJoinParams{RoomID: room.id, UserID: userID,
			Now: now, PassExpiredBefore: now.Add(-s.opts.Pass)})
		if errors.Is(err, pgx.ErrNoRows) {
			// Another tab of the buyer's joined first: that place is theirs.
			e, err = s.q.EntryGet(ctx, s.pool, waitroomdb.EntryGetParams{RoomID: room.id, UserID: userID})
		}
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return Place{}, fmt.Errorf("room %d: %w", room.id, ErrNotFound) // removed meanwhile
	}
	if err != nil {
		return Place{}, fmt.Errorf("find or take a place: %w", err)
	}
	return s.standing(ctx, room, userID, e.AdmitAt, now)
}

// standing says where a place admitted at admitAt stands at now.
func (s *Service) standing(ctx context.Context, room scope, userID int64, admitAt, now time.Time) (Place, error) {
	p := Place{RoomID: room.id, UserID: userID, AdmitAt: admitAt, OnSaleAt: room.onSaleAt, Rate: room.rate,
		Token: s.opts.Keys.sign(token{roomID: room.id, userID: userID, admitAt: admitAt})}
	if !admitAt.After(now) {
		p.Admitted = true
		s.passes.grant(room.id, userID, admitAt.Add(s.opts.Pass))
		return p, nil
	}
	q, err := s.queues.get(ctx, room.id)
	if err != nil {
		return Place{}, err
	}
	p.Position, p.Wait = q.position(now, admitAt, room.slot()), admitAt.Sub(now)
	return p, nil
}

// join runs EntryJoin in a transaction that commits without waiting for
// its WAL flush: every arrival queues on the room's row lock, which lasts
// until the commit, and a flush per arrival would set the pace of the
// whole queue. A crash can forget the last fraction of a second of
// places; those buyers join again on their next request, at the back.
func (s *Service) join(ctx context.Context, p waitroomdb.EntryJoinParams) (waitroomdb.WaitroomEntry, error) {
	var e waitroomdb.WaitroomEntry
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := pg.SetLocal(ctx, tx, "synchronous_commit", "off"); err != nil {
			return fmt.Errorf("join: %w", err)
		}
		var err error
		e, err = s.q.EntryJoin(ctx, tx, p)
		return err
	})
	return e, err
}
