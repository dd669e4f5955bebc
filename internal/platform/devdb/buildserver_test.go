package devdb_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/ulikunitz/xz"

	"github.com/marqueehq/marquee/internal/platform/devdb"
)

// A test double of the Maven repository the embedded builds come from: it
// serves one build, assembled from this machine's own PostgreSQL binaries
// in the layout of zonky's embedded-postgres-binaries (a .jar, that is a
// zip, holding a .txz of bin/ and lib/), and its SHA-256, and counts the
// downloads of the build.
type buildServer struct {
	*httptest.Server
	downloads atomic.Int32
}

var (
	jarOnce sync.Once
	jarData []byte
	jarErr  error
)

// newBuildServer serves the build at the path the embedded fetch asks for;
// with wrongSum its published checksum does not match.
func newBuildServer(t *testing.T, wrongSum bool) *buildServer {
	t.Helper()
	return serveBuild(t, testJar(t), wrongSum)
}

// serveBuild serves jar as the build for this platform.
func serveBuild(t *testing.T, jar []byte, wrongSum bool) *buildServer {
	t.Helper()
	sum := sha256.Sum256(jar)
	published := hex.EncodeToString(sum[:])
	if wrongSum {
		published = hex.EncodeToString(make([]byte, sha256.Size))
	}
	s := &buildServer{}
	path := jarPath()
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case path:
			s.downloads.Add(1)
			w.Write(jar)
		case path + ".sha256":
			w.Write([]byte(published))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// jarPath is where a Maven repository keeps the build for this platform.
func jarPath() string {
	arch := runtime.GOARCH
	if arch == "arm64" {
		arch = "arm64v8"
	}
	a := "embedded-postgres-binaries-" + runtime.GOOS + "-" + arch
	return "/io/zonky/test/postgres/" + a + "/" + devdb.EmbeddedVersion + "/" + a + "-" + devdb.EmbeddedVersion + ".jar"
}

// localBin is this machine's newest Debian PostgreSQL bin directory.
func localBin(t *testing.T) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		a, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		b, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return a > b
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "postgres")); err == nil {
			return d
		}
	}
	t.Skip("no PostgreSQL under /usr/lib/postgresql to build the test's embedded archive from")
	return ""
}

// testJar builds the archive once per test binary.
func testJar(t *testing.T) []byte {
	t.Helper()
	bin := localBin(t)
	jarOnce.Do(func() { jarData, jarErr = buildJar(bin) })
	require.NoError(t, jarErr)
	return jarData
}

// buildJar packs the server, initdb and pg_ctl, and the libraries initdb
// loads, as bin/ and lib/ of a .txz inside a .jar.
func buildJar(bin string) ([]byte, error) {
	return packJar(func(tw *tar.Writer) error { return writeBuild(tw, bin) })
}

// writeBuild writes bin/ and lib/ of the build into tw.
func writeBuild(tw *tar.Writer, bin string) error {
	lib := filepath.Join(filepath.Dir(bin), "lib")
	files := map[string]string{
		"bin/postgres": filepath.Join(bin, "postgres"), "bin/initdb": filepath.Join(bin, "initdb"),
		"bin/pg_ctl": filepath.Join(bin, "pg_ctl"), "lib/plpgsql.so": filepath.Join(lib, "plpgsql.so"),
		"lib/dict_snowball.so": filepath.Join(lib, "dict_snowball.so"),
	}
	for _, dir := range []string{"bin/", "lib/"} {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: dir, Mode: 0o755}); err != nil {
			return err
		}
	}
	for name, src := range files {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o755, Size: int64(len(b))}); err != nil {
			return err
		}
		if _, err := tw.Write(b); err != nil {
			return err
		}
	}
	return tw.WriteHeader(&tar.Header{Typeflag: tar.TypeSymlink, Name: "bin/postmaster", Linkname: "postgres"})
}

// packJar packs what write puts in a tar as a .txz inside a .jar.
func packJar(write func(*tar.Writer) error) ([]byte, error) {
	var txz bytes.Buffer
	xw, err := xz.NewWriter(&txz)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(xw)
	if err := write(tw); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := xw.Close(); err != nil {
		return nil, err
	}
	var jar bytes.Buffer
	zw := zip.NewWriter(&jar)
	if _, err := zw.Create("META-INF/"); err != nil {
		return nil, err
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "postgres-" + runtime.GOOS + "-x86_64.txz", Method: zip.Store})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(txz.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return jar.Bytes(), nil
}
