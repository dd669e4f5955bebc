package devdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// DefaultSource is the Maven repository the embedded PostgreSQL builds come
// from: zonky's embedded-postgres-binaries, the builds
// github.com/fergusstrange/embedded-postgres runs.
const DefaultSource = "https://repo1.maven.org/maven2"

// EmbeddedVersion is the PostgreSQL build fetched when none is installed:
// the major version compose.yaml runs.
const EmbeddedVersion = "16.9.0"

// Fetch says how to get PostgreSQL when no server binaries are installed: a
// build for this OS and CPU, downloaded once from Source, checked against
// the SHA-256 published beside it, and unpacked under Dir, where every later
// start finds it.
type Fetch struct {
	// Source is the base URL of a Maven repository (or a mirror of one)
	// holding io/zonky/test/postgres/embedded-postgres-binaries-*; empty:
	// DefaultSource.
	Source string
	// Dir keeps the unpacked builds, one directory per version and platform.
	Dir string
	// Install installs the server from the system's packages when the
	// download fails; nil: InstallPackage.
	Install func(ctx context.Context) error
	// Log tells what takes long (the download, an install); nil: silent.
	Log *slog.Logger
}

// binaries returns the bin directory of the embedded build, fetching it on
// the first call. When it cannot be fetched, the system's package is
// installed if Install can, and the installed binaries are searched in dirs
// again; otherwise the error is ErrNoPostgres with both reasons.
func (f *Fetch) binaries(ctx context.Context, dirs []string) (string, error) {
	log := f.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	plat := platform()
	home := filepath.Join(f.Dir, "postgresql-"+EmbeddedVersion+"-"+plat)
	bin := filepath.Join(home, "bin")
	if hasBinaries(bin) {
		return bin, nil
	}
	url := f.jarURL(plat)
	log.Info("no PostgreSQL server installed: fetching an embedded build, once", "version", EmbeddedVersion, "from", url, "into", home)
	fetchErr := download(ctx, url, home)
	if fetchErr == nil {
		return bin, nil
	}
	log.Warn("the embedded PostgreSQL build could not be fetched: trying the system's package (root on Debian only)", "err", fetchErr)
	install := f.Install
	if install == nil {
		install = InstallPackage
	}
	if err := install(ctx); err != nil {
		return "", fmt.Errorf("%w (the embedded build could not be fetched: %v; no package install: %v)", ErrNoPostgres, fetchErr, err)
	}
	bin, err := findBin(dirs)
	if err != nil {
		return "", fmt.Errorf("%w (the embedded build could not be fetched: %v; the installed package has none)", ErrNoPostgres, fetchErr)
	}
	return bin, nil
}

// jarURL is where the build for plat sits in the Maven repository.
func (f *Fetch) jarURL(plat string) string {
	src := strings.TrimRight(f.Source, "/")
	if src == "" {
		src = DefaultSource
	}
	artifact := "embedded-postgres-binaries-" + plat
	return fmt.Sprintf("%s/io/zonky/test/postgres/%s/%s/%s-%s.jar", src, artifact, EmbeddedVersion, artifact, EmbeddedVersion)
}

// platform names this OS and CPU as the embedded builds do (linux-amd64,
// darwin-arm64v8, linux-amd64-alpine, ...).
func platform() string {
	arch := runtime.GOARCH
	switch arch {
	case "arm64":
		arch = "arm64v8"
	case "arm":
		arch = "arm32v7"
		if out, err := exec.Command("uname", "-m").Output(); err == nil && strings.HasPrefix(string(out), "armv6") {
			arch = "arm32v6"
		}
	}
	if runtime.GOOS == "linux" {
		if _, err := os.Stat("/etc/alpine-release"); err == nil {
			arch += "-alpine"
		}
	}
	return runtime.GOOS + "-" + arch
}

// InstallPackage installs Debian's postgresql package with apt-get, as
// `make test` does (scripts/test-deps.sh). It installs nothing, and says
// why, unless the process is root on a Debian-based system.
func InstallPackage(ctx context.Context) error {
	if os.Geteuid() != 0 {
		return errors.New("not root")
	}
	if _, err := os.Stat("/etc/debian_version"); err != nil {
		return errors.New("not a Debian-based system")
	}
	apt, err := exec.LookPath("apt-get")
	if err != nil {
		return errors.New("no apt-get")
	}
	for _, args := range [][]string{
		{"update", "-qq"},
		{"install", "-y", "-qq", "--no-install-recommends", "postgresql"},
	} {
		cmd := exec.CommandContext(ctx, apt, args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("apt-get %s: %w: %s", args[0], err, lastLines(out, 5))
		}
	}
	return nil
}

// lastLines is the end of a command's output, for an error message.
func lastLines(out []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
