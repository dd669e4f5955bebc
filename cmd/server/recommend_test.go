package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecommendEvalPrintsLinesScriptsRead runs `server recommend-eval` as a
// script would and checks the model beats popularity by 20% on hit-rate@10.
func TestRecommendEvalPrintsLinesScriptsRead(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	err := run(context.Background(), []string{"server", "recommend-eval", "-users", "1500", "-movies", "300"},
		func(string) string { return "" }, &out)
	require.NoError(t, err)
	lines := regexp.MustCompile(`(?m)^(model|popularity) hit_rate@10=([0-9.]+) ndcg@10=([0-9.]+)$`).FindAllStringSubmatch(out.String(), -1)
	require.Len(t, lines, 2, out.String())
	require.Equal(t, "model", lines[0][1])
	model, err := strconv.ParseFloat(lines[0][2], 64)
	require.NoError(t, err)
	popular, err := strconv.ParseFloat(lines[1][2], 64)
	require.NoError(t, err)
	require.GreaterOrEqual(t, model, 1.2*popular, out.String())

	err = run(context.Background(), []string{"server", "recommend-eval", "-movies", "3"}, func(string) string { return "" }, &out)
	require.Error(t, err)
}

// TestRecommendEvalReadsMovieLensFiles runs `server recommend-eval` on a
// small log in the MovieLens layout the test writes, and on bad files.
func TestRecommendEvalReadsMovieLensFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
		return path
	}
	var movies, ratings strings.Builder
	movies.WriteString("movieId,title,genres\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&movies, "%d,\"Movie, number %d (2020)\",Drama|Comedy\n", i, i)
	}
	ratings.WriteString("userId,movieId,rating,timestamp\n")
	for u := 1; u <= 40; u++ { // everyone rates 1 and 2 well, then three of the rest
		for k, m := range []int{1, 2, 3 + u%28, 3 + (u*5)%28, 3 + (u*11+1)%28} {
			fmt.Fprintf(&ratings, "%d,%d,%.1f,%d\n", u, m, 3.0+float64((u+k)%5)/2, 1000+10*u+k)
		}
	}
	moviesPath, ratingsPath := write("movies.csv", movies.String()), write("ratings.csv", ratings.String())
	getenv := func(string) string { return "" }
	for _, mode := range [][]string{{"-threshold", "3.5"}, {"-implicit"}} {
		var out bytes.Buffer
		args := append([]string{"server", "recommend-eval", "-ratings", ratingsPath, "-movies-csv", moviesPath, "-min-item", "2"}, mode...)
		require.NoError(t, run(context.Background(), args, getenv, &out))
		for _, method := range []string{"model", "popularity", "item-kNN", "EASE"} {
			require.Regexp(t, `(?m)^`+method+` +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ \| +[0-9.]+ +[0-9.]+ +[0-9.]+ \|`, out.String())
		}
		require.Regexp(t, `(?m)^log: 40 users, 30 movies, 200 interactions; \d+ users tested`, out.String())
		require.Len(t, regexp.MustCompile(`(?m)^(model|popularity) hit_rate@10=[0-9.]+ ndcg@10=[0-9.]+$`).FindAllString(out.String(), -1), 2)
	}

	bad := write("bad.csv", "userId,movieId,rating,timestamp\n1,1,4.0,10\n1,2,four,11\n")
	for args, want := range map[string]string{
		"-ratings " + bad + " -movies-csv " + moviesPath:                            "bad.csv line 3",
		"-ratings " + filepath.Join(dir, "none.csv") + " -movies-csv " + moviesPath: "none.csv: no such file",
		"-ratings " + ratingsPath:                                                   "-ratings and -movies-csv go together",
		"-ratings " + ratingsPath + " -movies-csv " + moviesPath + " -lambda 0":     "-lambda > 0",
	} {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"server", "recommend-eval"}, strings.Fields(args)...), getenv, &out)
		require.ErrorContains(t, err, want, args)
	}
}

// TestRecommendationsAreWired checks the fragments and the API answer
// through the real route table.
func TestRecommendationsAreWired(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.get(t, "/recommendations/home", "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Empty(t, body, "no city chosen, no rail")
	res, body = b.get(t, "/api/v1/recommendations")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, `"code":"invalid"`)
	res, _ = b.get(t, "/admin/reviews")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "moderation is for staff")

	var help bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"server", "-help"}, func(string) string { return "" }, &help))
	require.Contains(t, help.String(), "RECOMMEND_INTERVAL")
	require.Contains(t, help.String(), "recommend-eval")
}
