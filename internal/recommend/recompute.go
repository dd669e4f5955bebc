package recommend

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// listLength is how many movies a user's stored list keeps: enough to
// fill a page in any one city after filtering.
const listLength = 60

// RecomputeStats describes a full recompute.
type RecomputeStats struct {
	Users, Movies int
	Duration      time.Duration
}

// Recompute retrains the model from every signal and the catalogue and
// replaces the similar movies, city popularity and every user's list, in
// one transaction (readers see the old model until it commits).
// bulkTimeout bounds each statement of a full recompute, which writes every
// user's lists and may take longer than a request's statements may.
const bulkTimeout = 10 * time.Minute

func (s *Service) Recompute(ctx context.Context) (RecomputeStats, error) {
	start := time.Now()
	movies, err := s.catalog.RecommendableMovies(ctx)
	if err != nil {
		return RecomputeStats{}, err
	}
	demand, err := s.catalog.UpcomingDemand(ctx)
	if err != nil {
		return RecomputeStats{}, err
	}
	rows, err := s.q.UserMovieListAll(ctx, s.pool)
	if err != nil {
		return RecomputeStats{}, fmt.Errorf("read signals: %w", err)
	}
	users := historiesFrom(rows)
	for i := range users {
		if err := s.addTaste(ctx, &users[i]); err != nil {
			return RecomputeStats{}, err
		}
	}
	m := Train(itemsFrom(movies, demand), users, s.opts.Params)
	playing := map[int64]bool{}
	for _, d := range demand {
		playing[d.MovieID] = true
	}
	lists := recommendAll(m, users, func(id int64) bool { return playing[id] })

	var runID int64
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := pg.SetStatementTimeout(ctx, tx, bulkTimeout); err != nil {
			return err
		}
		if err := s.q.ListsLockAll(ctx, tx); err != nil {
			return fmt.Errorf("lock lists: %w", err)
		}
		if err := s.storeModel(ctx, tx, m, demand); err != nil {
			return err
		}
		if err := s.q.UserRecDeleteAll(ctx, tx); err != nil {
			return fmt.Errorf("clear lists: %w", err)
		}
		var recs []recommenddb.UserRecInsertParams
		for u, list := range lists {
			for _, sg := range list {
				recs = append(recs, recommenddb.UserRecInsertParams{UserID: users[u].UserID, MovieID: sg.MovieID,
					Score: sg.Score, Reason: sg.Reason})
			}
		}
		if _, err := s.q.UserRecInsert(ctx, tx, recs); err != nil {
			return fmt.Errorf("store lists: %w", err)
		}
		runID, err = s.q.ModelRunInsert(ctx, tx, recommenddb.ModelRunInsertParams{Users: int32(len(users)),
			Movies: int32(len(movies)), DurationMs: int32(time.Since(start).Milliseconds())})
		return err
	})
	if err != nil {
		return RecomputeStats{}, fmt.Errorf("store recommendations: %w", err)
	}
	s.mu.Lock()
	s.model, s.modelAt = m, runID
	s.mu.Unlock()
	return RecomputeStats{Users: len(users), Movies: len(movies), Duration: time.Since(start)}, nil
}

// storeModel replaces the similar movies, city popularity and features.
func (s *Service) storeModel(ctx context.Context, tx pgx.Tx, m *Model, demand []catalog.CityDemand) error {
	for _, del := range []func(context.Context, recommenddb.DBTX) error{s.q.SimilarDeleteAll, s.q.CityMovieDeleteAll, s.q.MovieFeatureDeleteAll} {
		if err := del(ctx, tx); err != nil {
			return fmt.Errorf("clear model: %w", err)
		}
	}
	var sim []recommenddb.SimilarInsertParams
	for i, id := range m.ids {
		for _, nb := range m.neighbours[i] {
			sim = append(sim, recommenddb.SimilarInsertParams{MovieID: id, SimilarID: nb.ID, Score: nb.Score, Reason: nb.Reason})
		}
	}
	if _, err := s.q.SimilarInsert(ctx, tx, sim); err != nil {
		return fmt.Errorf("store similar movies: %w", err)
	}
	city := make([]recommenddb.CityMovieInsertParams, 0, len(demand))
	for _, d := range demand {
		city = append(city, recommenddb.CityMovieInsertParams{CitySlug: d.CitySlug, MovieID: d.MovieID, Score: cityScore(m, d)})
	}
	if _, err := s.q.CityMovieInsert(ctx, tx, city); err != nil {
		return fmt.Errorf("store city popularity: %w", err)
	}
	stored := m.export()
	feats := make([]recommenddb.MovieFeatureInsertParams, len(stored))
	for i, sm := range stored {
		feats[i] = recommenddb.MovieFeatureInsertParams{MovieID: sm.ID, Title: sm.Title, Features: sm.Features,
			Weights: sm.Weights, Popularity: sm.Popularity}
	}
	if _, err := s.q.MovieFeatureInsert(ctx, tx, feats); err != nil {
		return fmt.Errorf("store movie features: %w", err)
	}
	return nil
}

// cityScore ranks a movie in a city: seats already sold there for the
// coming week, then demand everywhere, then how many shows it has.
func cityScore(m *Model, d catalog.CityDemand) float64 {
	pop := 0.0
	if i, ok := m.index[d.MovieID]; ok {
		pop = m.pop[i]
	}
	return math.Log1p(float64(d.SeatsSold)) + 2*pop + 0.1*math.Log1p(float64(d.Shows))
}

// RecomputeUser refreshes one user's list with the current model (after a
// booking, a rating, a follow or a dismissal). Without a model yet it does
// nothing: the next full run covers the user.
func (s *Service) RecomputeUser(ctx context.Context, userID int64) error {
	m, err := s.currentModel(ctx)
	if err != nil || m == nil {
		return err
	}
	rows, err := s.q.UserMovieListForUser(ctx, s.pool, userID)
	if err != nil {
		return fmt.Errorf("read signals of user %d: %w", userID, err)
	}
	h := History{UserID: userID}
	if hs := historiesFrom(rows); len(hs) == 1 {
		h = hs[0]
	}
	if err := s.addTaste(ctx, &h); err != nil {
		return err
	}
	ids, err := s.q.CityMovieListPlayingIDs(ctx, s.pool)
	if err != nil {
		return fmt.Errorf("movies playing: %w", err)
	}
	playing := make(map[int64]bool, len(ids))
	for _, id := range ids {
		playing[id] = true
	}
	list := m.Recommend(h, listLength, func(id int64) bool { return playing[id] })
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.ListsLockShared(ctx, tx); err != nil {
			return err
		}
		if err := s.q.UserRecDeleteForUser(ctx, tx, userID); err != nil {
			return err
		}
		recs := make([]recommenddb.UserRecInsertParams, len(list))
		for i, sg := range list {
			recs[i] = recommenddb.UserRecInsertParams{UserID: userID, MovieID: sg.MovieID, Score: sg.Score, Reason: sg.Reason}
		}
		_, err := s.q.UserRecInsert(ctx, tx, recs)
		return err
	})
	if err != nil {
		return fmt.Errorf("store list of user %d: %w", userID, err)
	}
	return nil
}

// currentModel returns the latest stored model, restoring it from the
// tables when another instance (or a restart) trained a newer one; nil
// before the first full run.
func (s *Service) currentModel(ctx context.Context) (*Model, error) {
	run, err := s.q.ModelRunLatest(ctx, s.pool)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest model run: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.model != nil && s.modelAt == run.ID {
		return s.model, nil
	}
	feats, err := s.q.MovieFeatureListAll(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("read movie features: %w", err)
	}
	sims, err := s.q.SimilarListAll(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("read similar movies: %w", err)
	}
	movies := make([]storedMovie, len(feats))
	for i, f := range feats {
		movies[i] = storedMovie{ID: f.MovieID, Title: f.Title, Features: f.Features, Weights: f.Weights, Popularity: f.Popularity}
	}
	nbs := map[int64][]Neighbour{}
	for _, r := range sims {
		nbs[r.MovieID] = append(nbs[r.MovieID], Neighbour{ID: r.SimilarID, Score: r.Score, Reason: r.Reason})
	}
	s.model, s.modelAt = restore(s.opts.Params, movies, nbs), run.ID
	return s.model, nil
}

// addTaste adds the user's stated genres and languages to their history.
func (s *Service) addTaste(ctx context.Context, h *History) error {
	if s.opts.Tastes == nil {
		return nil
	}
	t, err := s.opts.Tastes.Taste(ctx, h.UserID)
	if err != nil {
		return fmt.Errorf("taste of user %d: %w", h.UserID, err)
	}
	h.Genres, h.Languages = t.Genres, t.Languages
	return nil
}

// recommendAll scores every user's list on all cores (the model is
// read-only while it does).
func recommendAll(m *Model, users []History, allowed func(int64) bool) [][]Suggestion {
	out := make([][]Suggestion, len(users))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for u := w; u < len(users); u += workers {
				out[u] = m.Recommend(users[u], listLength, allowed)
			}
		})
	}
	wg.Wait()
	return out
}

// itemsFrom turns catalogue movies and their demand into model items.
func itemsFrom(movies []catalog.Movie, demand []catalog.CityDemand) []Item {
	sold := map[int64]float64{}
	for _, d := range demand {
		sold[d.MovieID] += float64(d.SeatsSold)
	}
	items := make([]Item, len(movies))
	for i, mv := range movies {
		it := Item{ID: mv.ID, Title: mv.Title, Genres: mv.Genres, Languages: mv.Languages(), Demand: sold[mv.ID]}
		for _, c := range mv.Crew {
			if c.Role == "Director" {
				it.Directors = append(it.Directors, c.Name)
			}
		}
		for _, c := range mv.Cast {
			it.Cast = append(it.Cast, c.Name)
		}
		items[i] = it
	}
	return items
}

// historiesFrom groups signal rows (ordered by user) into histories.
func historiesFrom(rows []recommenddb.RecommendUserMovie) []History {
	var out []History
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].UserID != r.UserID {
			out = append(out, History{UserID: r.UserID})
		}
		t := Touch{MovieID: r.MovieID, Bookings: int(r.Bookings), Followed: r.Followed, Clicks: int(r.Clicks),
			Views: int(r.Views), Dismissed: r.Dismissed}
		if r.Stars != nil {
			t.Stars = int(*r.Stars)
		}
		h := &out[len(out)-1]
		h.Touches = append(h.Touches, t)
	}
	return out
}
