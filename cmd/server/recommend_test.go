package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strconv"
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
