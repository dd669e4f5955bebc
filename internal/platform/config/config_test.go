package config_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/config"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(env(nil))
	require.NoError(t, err)
	require.Equal(t, 8080, cfg.Port)
	require.Equal(t, "http://localhost:8080", cfg.BaseURL)
	require.False(t, cfg.Secure())
	require.Equal(t, 30*time.Second, cfg.WriteTimeout)
}

func TestBaseURLFollowsPortWhenNotSet(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(env(map[string]string{"PORT": "18081"}))
	require.NoError(t, err)
	require.Equal(t, "http://localhost:18081", cfg.BaseURL, "links point at the port the server listens on")

	cfg, err = config.Load(env(map[string]string{"PORT": "18081", "BASE_URL": "https://tickets.example.com"}))
	require.NoError(t, err)
	require.Equal(t, "https://tickets.example.com", cfg.BaseURL, "a BASE_URL that is set wins")
}

func TestLoadParsesValues(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(env(map[string]string{
		"PORT": "9090", "BASE_URL": "https://tickets.example.com/", "TRUST_PROXY": "true",
		"HTTP_WRITE_TIMEOUT": "1m", "LOG_FORMAT": "json", "EMBEDDED_POSTGRES_URL": "https://mirror.example.com/maven2",
	}))
	require.NoError(t, err)
	require.Equal(t, 9090, cfg.Port)
	require.Equal(t, "https://tickets.example.com", cfg.BaseURL, "trailing slash trimmed")
	require.True(t, cfg.Secure())
	require.True(t, cfg.TrustProxy)
	require.Equal(t, time.Minute, cfg.WriteTimeout)
	require.Equal(t, "https://mirror.example.com/maven2", cfg.EmbeddedPostgresURL)
}

func TestLoadReportsEveryBadValueClearly(t *testing.T) {
	t.Parallel()
	_, err := config.Load(env(map[string]string{
		"PORT":                  "abc",
		"TRUST_PROXY":           "maybe",
		"HTTP_READ_TIMEOUT":     "soon",
		"LOG_FORMAT":            "xml",
		"BASE_URL":              "localhost",
		"DB_MAX_CONNS":          "99999999999999999999",
		"APP_ENV":               "production",
		"EMBEDDED_POSTGRES_URL": "mirror.example.com/maven2",
	}))
	require.Error(t, err)
	msg := err.Error()
	require.Equal(t, 1, strings.Count(msg, "PORT:"), "one message per bad value")
	for _, want := range []string{
		"PORT: not a number",
		"TRUST_PROXY: not true or false",
		"HTTP_READ_TIMEOUT: not a duration",
		"LOG_FORMAT: must be text or json",
		"BASE_URL: must be an absolute http:// or https:// URL",
		"DB_MAX_CONNS: number out of range",
		"DATABASE_URL: required when APP_ENV=production",
		"EMBEDDED_POSTGRES_URL: must be an absolute http:// or https:// URL",
	} {
		require.Contains(t, msg, want)
	}
}

func TestUsageListsEveryVariable(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	config.Usage(&buf)
	for _, name := range []string{"PORT", "DATABASE_URL", "BASE_URL", "LOG_FORMAT", "SHUTDOWN_TIMEOUT"} {
		require.True(t, strings.Contains(buf.String(), name), "usage lists %s", name)
	}
}
