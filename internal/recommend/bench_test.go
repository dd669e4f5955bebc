package recommend_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/recommend"
)

// BenchmarkModel times training and scoring every user, in memory, at
// 10,000 users, 2,000 movies and 200,000 bookings.
func BenchmarkModel(b *testing.B) {
	pop := recommend.Synthesize(recommend.PopulationSpec{Users: 10000, Movies: 2000, BookingsPerUser: 21, Noise: 0.15, Seed: 3})
	b.Run("train", func(b *testing.B) {
		for b.Loop() {
			recommend.Train(pop.Items, pop.Users, recommend.DefaultParams())
		}
	})
	m := recommend.Train(pop.Items, pop.Users, recommend.DefaultParams())
	b.Run("recommend-one-user", func(b *testing.B) {
		u := 0
		for b.Loop() {
			m.Recommend(pop.Users[u%len(pop.Users)], 60, nil)
			u++
		}
	})
}

// BenchmarkRecompute times a full recompute through the database (read
// the catalogue and every signal, train, write every table) at 10,000
// users, 2,000 movies and 200,000 bookings, and serving a user's list
// from the tables afterwards.
func BenchmarkRecompute(b *testing.B) {
	tb := setup(b)
	ctx := context.Background()
	pop := recommend.Synthesize(recommend.PopulationSpec{Users: 10000, Movies: 2000, BookingsPerUser: 21, Noise: 0.15, Seed: 3})
	ids := map[int64]catalog.Movie{}
	for i, it := range pop.Items {
		m := tb.movie(b, fmt.Sprintf("%s %d", it.Title, i), it.Languages[0], it.Directors[0], it.Genres, it.Cast...)
		ids[it.ID] = m
		if i%5 == 0 { // a fifth of the catalogue plays in the coming week
			tb.show(b, m, []string{"pune", "mumbai"}[i%2])
		}
	}
	var rows [][]any
	for _, h := range pop.Users {
		for _, t := range h.Touches {
			var stars any
			if t.Stars > 0 {
				stars = int16(t.Stars)
			}
			rows = append(rows, []any{h.UserID, ids[t.MovieID].ID, int32(t.Bookings), stars})
		}
	}
	_, err := tb.pool.CopyFrom(ctx, pgx.Identifier{"recommend", "user_movies"},
		[]string{"user_id", "movie_id", "bookings", "stars"}, pgx.CopyFromRows(rows))
	require.NoError(b, err)
	b.Logf("%d signals of %d users on %d movies", len(rows), len(pop.Users), len(pop.Items))

	b.Run("full", func(b *testing.B) {
		for b.Loop() {
			st, err := tb.svc.Recompute(ctx)
			require.NoError(b, err)
			b.ReportMetric(float64(st.Duration.Milliseconds()), "ms/recompute")
		}
	})
	b.Run("serve-for-user", func(b *testing.B) {
		u := int64(0)
		start := time.Now()
		for b.Loop() {
			_, err := tb.svc.ForUser(ctx, u%10000+1, "pune", 6)
			require.NoError(b, err)
			u++
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/float64(u), "µs/list")
	})
	b.Run("serve-more-like-this", func(b *testing.B) {
		u := 0
		for b.Loop() {
			_, err := tb.svc.MoreLikeThis(ctx, ids[pop.Items[u%len(pop.Items)].ID].ID, 1, "pune", 6)
			require.NoError(b, err)
			u++
		}
	})
}
