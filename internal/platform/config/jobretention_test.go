package config_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/config"
)

func TestJobRetentionKeepsCompletedJobsADayAndFailedOnesAWeekByDefault(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(env(nil))
	require.NoError(t, err)
	require.Equal(t, config.JobRetention{Completed: 24 * time.Hour, Cancelled: 168 * time.Hour, Discarded: 168 * time.Hour}, cfg.JobRetention)
}

func TestJobRetentionTakesThreePeriodsOrOneForAll(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(env(map[string]string{"JOB_RETENTION": "1h, 2h, 3h"}))
	require.NoError(t, err)
	require.Equal(t, config.JobRetention{Completed: time.Hour, Cancelled: 2 * time.Hour, Discarded: 3 * time.Hour}, cfg.JobRetention)

	cfg, err = config.Load(env(map[string]string{"JOB_RETENTION": "72h"}))
	require.NoError(t, err)
	require.Equal(t, config.JobRetention{Completed: 72 * time.Hour, Cancelled: 72 * time.Hour, Discarded: 72 * time.Hour}, cfg.JobRetention)
}

func TestJobRetentionRejectsWhatItCannotRead(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"1h,2h", "a day", "0s", "-1h,2h,3h"} {
		_, err := config.Load(env(map[string]string{"JOB_RETENTION": v}))
		require.ErrorContains(t, err, "JOB_RETENTION: ", v)
	}
}
