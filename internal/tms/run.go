package tms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/tms/tmsdb"
)

// Run statuses.
const (
	// StatusOK: the run applied the feed (or found it unchanged).
	StatusOK = "ok"
	// StatusRefused: a row of the feed was bad; nothing was applied.
	StatusRefused = "refused"
	// StatusFailed: the feed could not be read, or applying it stopped
	// part way (the log says how far it got).
	StatusFailed = "failed"
)

// LogLine is one line of a run's log.
type LogLine struct {
	// Level is "info", "change", "refused", "warning" or "error".
	Level   string `json:"level"`
	Message string `json:"message"`
}

// Counts are what a run changed.
type Counts struct {
	Scheduled, Moved, Cancelled, Repriced, SeatsBlocked, Refused int
}

// Run is one sync of a connection.
type Run struct {
	ID           int64
	ConnectionID int64
	StartedAt    time.Time
	FinishedAt   *time.Time
	Status       string
	Counts
	Log []LogLine
}

// String is the run as the log an admin reads: a summary line, then each
// line of the log.
func (r Run) String() string {
	out := fmt.Sprintf("run %d: %s (scheduled %d, moved %d, cancelled %d, repriced %d, seats blocked %d, refused %d)",
		r.ID, r.Status, r.Scheduled, r.Moved, r.Cancelled, r.Repriced, r.SeatsBlocked, r.Refused)
	for _, l := range r.Log {
		out += fmt.Sprintf("\n  %-8s %s", l.Level, l.Message)
	}
	return out
}

// runLog collects a run's lines and counts as it goes.
type runLog struct {
	lines []LogLine
	Counts
}

func (r *runLog) add(level, msg string) {
	r.lines = append(r.lines, LogLine{Level: level, Message: msg})
}
func (r *runLog) info(msg string)   { r.add("info", msg) }
func (r *runLog) change(msg string) { r.add("change", msg) }
func (r *runLog) warn(msg string)   { r.add("warning", msg) }
func (r *runLog) refuse(msg string) {
	r.Refused++
	r.add("refused", msg)
}

// Sync runs one sync of the connection now and returns its run: fetch
// the feed (no transaction open while it waits), check every row, and
// apply it only when every row passed. A feed that cannot be read or a
// bad row is not an error: the run says so. Errors: ErrNotFound, or the
// database's.
func (s *Service) Sync(ctx context.Context, connectionID int64) (Run, error) {
	conn, err := s.q.ConnectionGet(ctx, s.pool, connectionID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Run{}, fmt.Errorf("connection %d: %w", connectionID, ErrNotFound)
	}
	if err != nil {
		return Run{}, fmt.Errorf("get connection %d: %w", connectionID, err)
	}
	started := s.opts.Now()
	runID, err := s.q.RunStart(ctx, s.pool, tmsdb.RunStartParams{ConnectionID: conn.ID, StartedAt: started})
	if err != nil {
		return Run{}, fmt.Errorf("start a run of connection %d: %w", conn.ID, err)
	}
	r := &runLog{}
	status, etag := s.sync(ctx, conn, r)
	if err := s.finish(ctx, conn, runID, status, etag, r); err != nil {
		return Run{}, err
	}
	return s.Run(ctx, runID)
}

// sync does the run's work and says how it ended; the etag to keep is the
// new one only when the feed was applied, so a refused feed is fetched
// and reported again until it is fixed.
func (s *Service) sync(ctx context.Context, conn tmsdb.TmsConnection, r *runLog) (status, etag string) {
	th, err := s.catalog.Theater(ctx, conn.TheaterID)
	if err != nil {
		r.add("error", "The theater could not be read: "+err.Error())
		return StatusFailed, conn.Etag
	}
	key, err := s.openKey(conn)
	if err != nil {
		r.add("error", "The feed's key could not be opened; enter it again. "+err.Error())
		return StatusFailed, conn.Etag
	}
	got, err := s.fetch(ctx, conn.FeedUrl, key, conn.Etag)
	if err != nil {
		r.add("error", err.Error()+"; nothing was changed.")
		return StatusFailed, conn.Etag
	}
	if got.unchanged {
		r.info("The feed has not changed since the last run (304 Not Modified).")
		return StatusOK, conn.Etag
	}
	r.info(fmt.Sprintf("Read the feed of %s: %d films, %d sessions.", th.Name, len(got.feed.Films), len(got.feed.Sessions)))
	p, err := s.check(ctx, conn, th, got.feed, r)
	if err != nil {
		r.add("error", "Checking the feed stopped: "+err.Error()+"; nothing was changed.")
		return StatusFailed, conn.Etag
	}
	if r.Refused > 0 {
		r.add("refused", fmt.Sprintf("%d rows of the feed need fixing in the theater management system; nothing of this run was applied.", r.Refused))
		return StatusRefused, conn.Etag
	}
	if err := s.apply(ctx, conn, p, r); err != nil {
		r.add("error", "Applying the feed stopped: "+err.Error()+"; the changes above were made, the rest will be retried next run.")
		return StatusFailed, ""
	}
	if r.Scheduled+r.Moved+r.Cancelled+r.Repriced+r.SeatsBlocked == 0 {
		r.info("Everything already matched the feed.")
	}
	return StatusOK, got.etag
}

// finish records the run's end and the connection's last run, in one
// transaction.
func (s *Service) finish(ctx context.Context, conn tmsdb.TmsConnection, runID int64, status, etag string, r *runLog) error {
	lines := r.lines
	if lines == nil {
		lines = []LogLine{}
	}
	logJSON, err := json.Marshal(lines)
	if err != nil {
		return fmt.Errorf("encode run log: %w", err)
	}
	now := s.opts.Now()
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.RunFinish(ctx, tx, tmsdb.RunFinishParams{ID: runID, FinishedAt: &now, Status: status,
			Scheduled: int32(r.Scheduled), Moved: int32(r.Moved), Cancelled: int32(r.Cancelled), Repriced: int32(r.Repriced),
			SeatsBlocked: int32(r.SeatsBlocked), Refused: int32(r.Refused), Log: logJSON}); err != nil {
			return err
		}
		return s.q.ConnectionRan(ctx, tx, tmsdb.ConnectionRanParams{ID: conn.ID, At: &now, Etag: etag})
	})
	if err != nil {
		return fmt.Errorf("finish run %d of connection %d: %w", runID, conn.ID, err)
	}
	return nil
}

// Run returns one run with its log. Errors: ErrNotFound.
func (s *Service) Run(ctx context.Context, id int64) (Run, error) {
	row, err := s.q.RunGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Run{}, fmt.Errorf("run %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Run{}, fmt.Errorf("get run %d: %w", id, err)
	}
	return runFromRow(row)
}

// Runs returns a connection's latest runs, newest first.
func (s *Service) Runs(ctx context.Context, connectionID int64, limit int) ([]Run, error) {
	rows, err := s.q.RunList(ctx, s.pool, tmsdb.RunListParams{ConnectionID: connectionID, Limit: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("runs of connection %d: %w", connectionID, err)
	}
	out := make([]Run, len(rows))
	for i, row := range rows {
		if out[i], err = runFromRow(row); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func runFromRow(r tmsdb.TmsRun) (Run, error) {
	run := Run{ID: r.ID, ConnectionID: r.ConnectionID, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt, Status: r.Status,
		Counts: Counts{Scheduled: int(r.Scheduled), Moved: int(r.Moved), Cancelled: int(r.Cancelled),
			Repriced: int(r.Repriced), SeatsBlocked: int(r.SeatsBlocked), Refused: int(r.Refused)}}
	if err := json.Unmarshal(r.Log, &run.Log); err != nil {
		return Run{}, fmt.Errorf("decode the log of run %d: %w", r.ID, err)
	}
	return run, nil
}
