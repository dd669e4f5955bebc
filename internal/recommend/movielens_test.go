package recommend_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/recommend"
)

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

const testMovies = `movieId,title,genres
1,Toy Story (1995),Adventure|Animation|Children
2,"American President, The (1995)",Comedy|Drama|Romance
3,Heat (1995),(no genres listed)
`

// TestReadMovieLens reads quoted titles, skips headers, orders each
// user's ratings by time and turns ratings into touches by threshold.
func TestReadMovieLens(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	movies := writeFile(t, dir, "movies.csv", testMovies)
	ratings := writeFile(t, dir, "ratings.csv", "userId,movieId,rating,timestamp\n"+
		"1,2,4.5,300\n1,1,3.5,100\n1,3,5.0,200\n2,1,4.0,50\n")
	ds, err := recommend.ReadMovieLens(ratings, movies, recommend.MovieLensOptions{Threshold: 4})
	require.NoError(t, err)
	require.Len(t, ds.Items, 3)
	require.Equal(t, "American President, The (1995)", ds.Items[1].Title)
	require.Equal(t, []string{"Comedy", "Drama", "Romance"}, ds.Items[1].Genres)
	require.Empty(t, ds.Items[2].Genres, "(no genres listed) is no genre")
	require.Equal(t, 4, ds.Interactions)
	require.Len(t, ds.Users, 2)
	require.Equal(t, []recommend.Touch{{MovieID: 1, Stars: 3}, {MovieID: 3, Stars: 5}, {MovieID: 2, Stars: 4}},
		ds.Users[0].Touches, "time order; 3.5 is below the threshold, 5.0 is loved")

	ds, err = recommend.ReadMovieLens(ratings, movies, recommend.MovieLensOptions{Implicit: true, MaxUsers: 1})
	require.NoError(t, err)
	require.Len(t, ds.Users, 1)
	require.Equal(t, recommend.Touch{MovieID: 1, Bookings: 1}, ds.Users[0].Touches[0])
}

// TestReadMovieLensNamesTheBadLine checks every malformed input is
// ErrBadInput with the file and line.
func TestReadMovieLensNamesTheBadLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	movies := writeFile(t, dir, "movies.csv", testMovies)
	for name, tc := range map[string]struct{ ratings, movies, want string }{
		"not a number":  {ratings: "userId,movieId,rating,timestamp\n1,1,4,1\n1,2,good,2\n", want: "ratings.csv line 3"},
		"unknown movie": {ratings: "1,1,4,1\n1,9,4,2\n", want: "line 2: movie 9 is not in"},
		"short row":     {ratings: "userId,movieId,rating,timestamp\n1,1,4\n", want: "line 2: want 4 fields, got 3"},
		"bad quote":     {ratings: "1,1,4,1\n", movies: "movieId,title,genres\n1,\"Heat,Drama\n", want: "movies.csv"},
		"bad movie id":  {ratings: "1,1,4,1\n", movies: "movieId,title,genres\nx,Heat,Drama\n", want: "line 2: movieId \"x\""},
		"empty":         {ratings: "", want: "ratings.csv is empty"},
	} {
		t.Run(name, func(t *testing.T) {
			m := movies
			if tc.movies != "" {
				m = writeFile(t, t.TempDir(), "movies.csv", tc.movies)
			}
			_, err := recommend.ReadMovieLens(writeFile(t, t.TempDir(), "ratings.csv", tc.ratings), m, recommend.MovieLensOptions{Threshold: 4})
			require.ErrorIs(t, err, recommend.ErrBadInput)
			require.ErrorContains(t, err, tc.want)
		})
	}
	_, err := recommend.ReadMovieLens(filepath.Join(dir, "missing.csv"), movies, recommend.MovieLensOptions{})
	require.ErrorIs(t, err, recommend.ErrBadInput)
	require.ErrorIs(t, err, os.ErrNotExist)
}
