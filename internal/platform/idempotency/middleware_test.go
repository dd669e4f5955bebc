package idempotency_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/idempotency"
	"github.com/marqueehq/marquee/internal/platform/web"
)

func TestARetryGetsTheFirstAnswerAndTheWorkIsDoneOnce(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	first := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k-1", `{"seats":["A1"]}`)
	require.Equal(t, http.StatusCreated, first.status, first.body)
	require.JSONEq(t, `{"n":1,"sent":"{\"seats\":[\"A1\"]}"}`, first.body, "the handler read the whole body")
	require.False(t, first.replayed())

	again := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k-1", `{"seats":["A1"]}`)
	require.Equal(t, http.StatusCreated, again.status)
	require.Equal(t, first.body, again.body)
	require.Equal(t, "/api/v1/things/1", again.header.Get("Location"))
	require.Equal(t, first.header.Get("Content-Type"), again.header.Get("Content-Type"))
	require.True(t, again.replayed(), "a replay says so")
	require.Empty(t, again.header.Get("X-Not-Replayed"), "only the listed headers are stored")
	require.Equal(t, int64(1), b.runs.Load(), "the work was done once")
	require.Equal(t, float64(1), b.replays(t))

	other := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k-2", `{"seats":["A1"]}`)
	require.Equal(t, http.StatusCreated, other.status)
	require.False(t, other.replayed())
	require.Equal(t, int64(2), b.runs.Load(), "a new key is a new action")

	// PUT and DELETE take part too; DELETE's empty 204 replays empty.
	put := b.do(t, http.MethodPut, "/api/v1/things/9", "user:1", "k-put", `{}`)
	require.Equal(t, put.body, b.do(t, http.MethodPut, "/api/v1/things/9", "user:1", "k-put", `{}`).body)
	del := b.do(t, http.MethodDelete, "/api/v1/things/9", "user:1", "k-del", "")
	require.Equal(t, http.StatusNoContent, del.status)
	del = b.do(t, http.MethodDelete, "/api/v1/things/9", "user:1", "k-del", "")
	require.Equal(t, http.StatusNoContent, del.status)
	require.True(t, del.replayed())
	require.Equal(t, int64(4), b.runs.Load())
}

func TestTheSameKeyWithAnotherRequestAnswers422(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	require.Equal(t, http.StatusCreated, b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k", `{"seats":["A1"]}`).status)

	for name, send := range map[string]func() answer{
		"another body": func() answer {
			return b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k", `{"seats":["A2"]}`)
		},
		"another path": func() answer {
			return b.do(t, http.MethodPut, "/api/v1/things/1", "user:1", "k", `{"seats":["A1"]}`)
		},
		"another query": func() answer {
			return b.do(t, http.MethodPost, "/api/v1/things?best=2", "user:1", "k", `{"seats":["A1"]}`)
		},
	} {
		a := send()
		require.Equal(t, http.StatusUnprocessableEntity, a.status, name)
		require.Equal(t, "idempotency_key_reused", problem(t, a).Code, name)
	}
	require.Equal(t, int64(1), b.runs.Load(), "a reused key runs nothing")
}

func TestTwoRacingRetriesRunTheWorkOnceAndGetOneAnswer(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	const n = 8
	answers := make([]answer, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			answers[i] = b.do(t, http.MethodPost, "/api/v1/slow", "user:1", "race", `{}`)
		}()
	}
	close(start)
	<-b.entered // one of them runs; the others find the key taken and wait
	time.Sleep(150 * time.Millisecond)
	close(b.release)
	wg.Wait()

	require.Equal(t, int64(1), b.runs.Load(), "the handler ran once")
	replayed := 0
	for _, a := range answers {
		require.Equal(t, http.StatusCreated, a.status, a.body)
		require.JSONEq(t, `{"n":1}`, a.body)
		if a.replayed() {
			replayed++
		}
	}
	require.Equal(t, n-1, replayed, "every request but the first got the stored answer")
}

func TestARetryWhileTheFirstRunsWaitsForItsAnswer(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	firstDone := make(chan answer)
	go func() { firstDone <- b.do(t, http.MethodPost, "/api/v1/slow", "user:1", "k", `{}`) }()
	<-b.entered

	retryDone := make(chan answer)
	go func() { retryDone <- b.do(t, http.MethodPost, "/api/v1/slow", "user:1", "k", `{}`) }()
	select {
	case a := <-retryDone:
		t.Fatalf("the retry answered before the first request finished: %d %s", a.status, a.body)
	case <-time.After(300 * time.Millisecond):
	}
	close(b.release)
	first, retry := <-firstDone, <-retryDone
	require.Equal(t, http.StatusCreated, first.status)
	require.Equal(t, first.body, retry.body)
	require.True(t, retry.replayed())
	require.Equal(t, int64(1), b.runs.Load())
}

func TestARetryThatOutwaitsItsDeadlineAnswers409AndALaterOneTheAnswer(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{requestTimeout: 400 * time.Millisecond})
	firstDone := make(chan answer)
	go func() { firstDone <- b.do(t, http.MethodPost, "/api/v1/slow", "user:1", "k", `{}`) }()
	<-b.entered

	retry := b.do(t, http.MethodPost, "/api/v1/slow", "user:1", "k", `{}`)
	require.Equal(t, http.StatusConflict, retry.status, retry.body)
	require.Equal(t, "idempotency_in_progress", problem(t, retry).Code)

	close(b.release) // the first handler ignores its deadline and answers
	first := <-firstDone
	require.Equal(t, http.StatusCreated, first.status, first.body)
	later := b.do(t, http.MethodPost, "/api/v1/slow", "user:1", "k", `{}`)
	require.Equal(t, first.body, later.body)
	require.True(t, later.replayed())
	require.Equal(t, int64(1), b.runs.Load())
}

func TestAFailureOrRetryLaterIsNotKeptSoARetryRunsAgain(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	for i, status := range []int{http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		key := "k-" + http.StatusText(status)
		b.fail.Store(int64(status))
		failed := b.do(t, http.MethodPost, "/api/v1/flaky", "user:1", key, `{}`)
		require.Equal(t, status, failed.status, failed.body)
		require.Equal(t, "application/problem+json", failed.header.Get("Content-Type"))
		require.Zero(t, b.keys(t)-i, "a %d lets go of the key", status)

		retry := b.do(t, http.MethodPost, "/api/v1/flaky", "user:1", key, `{}`)
		require.Equal(t, http.StatusCreated, retry.status, retry.body)
		require.False(t, retry.replayed())
		require.Equal(t, int64(2*(i+1)), b.runs.Load(), "the retry ran the work")
	}
}

func TestAPanickingHandlerLetsGoOfTheKey(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	require.Equal(t, http.StatusInternalServerError, b.do(t, http.MethodPost, "/api/v1/panics", "user:1", "k", `{}`).status)
	retry := b.do(t, http.MethodPost, "/api/v1/panics", "user:1", "k", `{}`)
	require.Equal(t, http.StatusCreated, retry.status, retry.body)
	require.Equal(t, int64(2), b.runs.Load())
}

func TestARefusalIsKeptAndReplayedAsTheSameProblem(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	first := b.do(t, http.MethodPost, "/api/v1/refused", "user:1", "k", `{}`)
	require.Equal(t, http.StatusConflict, first.status)
	require.Equal(t, "that show is sold out", problem(t, first).Detail)

	again := b.do(t, http.MethodPost, "/api/v1/refused", "user:1", "k", `{}`)
	require.Equal(t, http.StatusConflict, again.status)
	require.Equal(t, first.body, again.body, "the same problem, request id and all")
	require.Equal(t, "application/problem+json", again.header.Get("Content-Type"))
	require.True(t, again.replayed())
	require.Equal(t, int64(1), b.runs.Load())
}

func TestKeysOfTwoCallersDoNotCollide(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	ada := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "same-key", `{"for":"ada"}`)
	bob := b.do(t, http.MethodPost, "/api/v1/things", "user:2", "same-key", `{"for":"bob"}`)
	require.Equal(t, http.StatusCreated, bob.status, "another caller's key is no reuse: %s", bob.body)
	require.False(t, bob.replayed())
	require.NotEqual(t, ada.body, bob.body)
	require.Equal(t, int64(2), b.runs.Load())

	// A caller with no scope (no one signed in) is not tracked.
	anon := b.do(t, http.MethodPost, "/api/v1/things", "", "same-key", `{"for":"bob"}`)
	require.Equal(t, http.StatusCreated, anon.status)
	require.False(t, anon.replayed())
	require.Equal(t, 2, b.keys(t))
}

func TestAMalformedKeyAnswers400(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	for name, headers := range map[string][]string{
		"empty":          {idempotency.Header, ""},
		"too long":       {idempotency.Header, strings.Repeat("k", 256)},
		"not ASCII":      {idempotency.Header, "clé"},
		"a control char": {idempotency.Header, "a\tb"},
		"sent twice":     {idempotency.Header, "a", idempotency.Header, "b"},
	} {
		a := b.doHeaders(t, http.MethodPost, "/api/v1/things", "user:1", `{}`, headers...)
		require.Equal(t, http.StatusBadRequest, a.status, name)
		require.Equal(t, "bad_idempotency_key", problem(t, a).Code, name)
	}
	require.Zero(t, b.runs.Load())
	ok := b.do(t, http.MethodPost, "/api/v1/things", "user:1", strings.Repeat("k", 255), `{}`)
	require.Equal(t, http.StatusCreated, ok.status, "255 characters are fine")
}

func TestSafeRequestsAndRequestsWithoutAKeyAreNotTracked(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	for range 2 {
		get := b.do(t, http.MethodGet, "/api/v1/things", "user:1", "k", "")
		require.Equal(t, http.StatusCreated, get.status)
		require.False(t, get.replayed())
		post := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "", `{}`)
		require.False(t, post.replayed())
	}
	require.Equal(t, int64(4), b.runs.Load(), "each ran")
	require.Zero(t, b.keys(t))
}

func TestAKeyIsForgottenAfter24HoursAndPruned(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	ctx := context.Background()
	require.Equal(t, http.StatusCreated, b.do(t, http.MethodPost, "/api/v1/things", "user:1", "old", `{}`).status)
	b.clock.Add(23 * time.Hour)
	require.True(t, b.do(t, http.MethodPost, "/api/v1/things", "user:1", "old", `{}`).replayed(), "kept for 24 hours")
	require.Equal(t, http.StatusCreated, b.do(t, http.MethodPost, "/api/v1/things", "user:1", "newer", `{}`).status)

	b.clock.Add(2 * time.Hour)
	again := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "old", `{"another":"request"}`)
	require.Equal(t, http.StatusCreated, again.status, "a key past 24 hours is a new key, even before the prune: %s", again.body)
	require.False(t, again.replayed())
	require.Equal(t, int64(3), b.runs.Load())

	b.clock.Add(23 * time.Hour) // "newer" is 25 hours old, "old" (used again) 23
	n, err := b.store.Prune(ctx)
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
	require.Equal(t, 1, b.keys(t))
	require.True(t, b.do(t, http.MethodPost, "/api/v1/things", "user:1", "old", `{"another":"request"}`).replayed())
}

func TestAClaimLeftByADeadProcessIsTakenOver(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	ctx := context.Background()
	// A request claimed the key and its process died before answering.
	_, err := b.pool.Exec(ctx, `
INSERT INTO api.idempotency_keys (scope, key, method, path, body_sha256, created_at, claimed_at, claim_token)
VALUES ('user:1', 'k', 'POST', '/api/v1/things', sha256('{}'), $1, $1, 1)`, b.clock.Now())
	require.NoError(t, err)

	b.clock.Add(11 * time.Minute)
	a := b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k", `{}`)
	require.Equal(t, http.StatusCreated, a.status, a.body)
	require.False(t, a.replayed())
	require.True(t, b.do(t, http.MethodPost, "/api/v1/things", "user:1", "k", `{}`).replayed())
	require.Equal(t, int64(1), b.runs.Load())
}

// problem decodes a problem+json answer.
func problem(t *testing.T, a answer) web.Problem {
	t.Helper()
	require.Equal(t, "application/problem+json", a.header.Get("Content-Type"), a.body)
	var p web.Problem
	require.NoError(t, json.Unmarshal([]byte(a.body), &p))
	return p
}
