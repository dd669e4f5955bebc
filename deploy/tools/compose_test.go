package tools_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/stretchr/testify/require"
)

// repoRoot is where compose.yaml lives, two levels up from deploy/tools.
const repoRoot = "../.."

// loadCompose loads compose.yaml the way `docker compose config` does:
// schema validation, interpolation (with no environment set, so the
// defaults apply), anchors and merges resolved.
func loadCompose(t *testing.T) *types.Project {
	t.Helper()
	opts, err := cli.NewProjectOptions([]string{filepath.Join(repoRoot, "compose.yaml")},
		cli.WithWorkingDirectory(repoRoot), cli.WithInterpolation(true), cli.WithEnv(nil))
	require.NoError(t, err)
	p, err := opts.LoadProject(context.Background())
	require.NoError(t, err, "compose.yaml does not load")
	return p
}

func TestComposeRunsTwoWebReplicasAndOneWorker(t *testing.T) {
	t.Parallel()
	p := loadCompose(t)
	for name, want := range map[string]struct {
		role     string
		replicas int
	}{"web": {"web", 2}, "worker": {"worker", 1}} {
		s, err := p.GetService(name)
		require.NoError(t, err)
		require.Equal(t, want.role, *s.Environment["ROLE"], name)
		require.NotNil(t, s.Deploy, name)
		require.Equal(t, want.replicas, *s.Deploy.Replicas, name)
	}
}

func TestComposePointsTheAppAtRedisStripeMockAndMailpit(t *testing.T) {
	t.Parallel()
	p := loadCompose(t)
	for _, name := range []string{"web", "worker"} {
		s, err := p.GetService(name)
		require.NoError(t, err)
		env := func(k string) string {
			v := s.Environment[k]
			require.NotNil(t, v, "%s: %s unset", name, k)
			return *v
		}
		require.Equal(t, "redis://redis:6379/0", env("REDIS_URL"), name)
		require.Equal(t, "stripe", env("PAYMENT_PROVIDER"), name)
		require.Equal(t, "http://stripe-mock:12111", env("STRIPE_API_BASE"), name)
		require.True(t, strings.HasPrefix(env("STRIPE_SECRET_KEY"), "sk_test_"), "%s: only Stripe test keys belong in compose.yaml", name)
		require.True(t, strings.HasPrefix(env("SMTP_URL"), "smtp://mailpit:1025"), name)
		require.NotEmpty(t, env("METRICS_TOKEN"), name)
		for _, dep := range []string{"db", "redis", "stripe-mock", "mailpit"} {
			require.Contains(t, s.DependsOn, dep, name)
		}
	}
}

func TestComposePublishesOnlyNginxBeyondThisMachine(t *testing.T) {
	t.Parallel()
	p := loadCompose(t)
	for name, s := range p.Services {
		for _, port := range s.Ports {
			if name == "nginx" {
				require.Contains(t, []uint32{80, 443}, port.Target)
				continue
			}
			ip := net.ParseIP(port.HostIP)
			require.True(t, ip != nil && ip.IsLoopback(),
				"%s publishes %d on %q: only nginx may listen beyond 127.0.0.1", name, port.Target, port.HostIP)
		}
	}
	for _, name := range []string{"web", "worker"} {
		s, err := p.GetService(name)
		require.NoError(t, err)
		require.Empty(t, s.Ports, "%s must be reached through nginx or the internal network only", name)
	}
}

func TestNginxNeverForwardsMetrics(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../nginx/marquee.conf.template")
	require.NoError(t, err)
	conf := string(b)
	require.Contains(t, conf, "location = /metrics {\n        return 404;\n    }")
	require.Contains(t, conf, "listen 443 ssl;")
	require.NotContains(t, conf, "server app:", "the worker must not get web traffic")
}

func TestDockerignoreKeepsLocalDataAndKeysOutOfTheImage(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(repoRoot, ".dockerignore"))
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	for _, want := range []string{".git", ".data/", ".certs/", "*.pem", "*.key", "*.out", "*.prof", ".env"} {
		require.Contains(t, lines, want)
	}
}
