package devdb

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha1" // #nosec G505 -- only where a repository publishes no SHA-256 (Maven's always publish SHA-1)
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ulikunitz/xz"
)

// maxArchive bounds a download (the builds are 10 to 100 MB).
const maxArchive = 512 << 20

// client reaches the build's repository through the environment's proxy;
// an unreachable one fails in seconds, a slow download is left to finish.
var client = &http.Client{Transport: &http.Transport{
	Proxy:                 http.ProxyFromEnvironment,
	DialContext:           (&net.Dialer{Timeout: 15 * time.Second}).DialContext,
	TLSHandshakeTimeout:   15 * time.Second,
	ResponseHeaderTimeout: 30 * time.Second,
}}

// download fetches the build's .jar from url, checks it against the
// checksum published beside it and unpacks it into home.
func download(ctx context.Context, url, home string) error {
	jar, err := get(ctx, url)
	if err != nil {
		return err
	}
	if err := verify(ctx, url, jar); err != nil {
		return err
	}
	return unpack(jar, home)
}

// get reads the whole body of url, which must answer 200.
func get(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download %s: %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxArchive+1))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", url, err)
	}
	if len(body) > maxArchive {
		return nil, fmt.Errorf("download %s: larger than %d bytes", url, maxArchive)
	}
	return body, nil
}

// verify compares jar with the SHA-256 published at url.sha256, or where a
// repository has none, the SHA-1 at url.sha1.
func verify(ctx context.Context, url string, jar []byte) error {
	for _, sum := range []struct {
		ext string
		h   hash.Hash
	}{{".sha256", sha256.New()}, {".sha1", sha1.New()}} { // #nosec G401 -- see the import
		want, err := get(ctx, url+sum.ext)
		if err != nil {
			continue
		}
		sum.h.Write(jar)
		got := hex.EncodeToString(sum.h.Sum(nil))
		fields := strings.Fields(string(want))
		if len(fields) == 0 || !strings.EqualFold(fields[0], got) {
			return fmt.Errorf("%s does not match its published checksum (%s): refusing it", url, url+sum.ext)
		}
		return nil
	}
	return fmt.Errorf("%s has no published checksum (.sha256 or .sha1): refusing it", url)
}

// unpack writes the .txz inside jar into home, through a temporary
// directory beside it, so a half-unpacked build is never taken for one.
func unpack(jar []byte, home string) error {
	zr, err := zip.NewReader(bytes.NewReader(jar), int64(len(jar)))
	if err != nil {
		return fmt.Errorf("open the build's archive: %w", err)
	}
	var txz *zip.File
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() && strings.HasSuffix(f.Name, ".txz") {
			txz = f
			break
		}
	}
	if txz == nil {
		return errors.New("the build's archive holds no .txz")
	}
	if err := os.MkdirAll(filepath.Dir(home), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(home), err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(home), ".unpack-")
	if err != nil {
		return fmt.Errorf("unpack the build: %w", err)
	}
	defer os.RemoveAll(tmp)
	// Traversable: when we are root the server runs as another user.
	if err := os.Chmod(tmp, 0o755); err != nil { // #nosec G302 -- a directory of programs everyone may run
		return fmt.Errorf("unpack the build: %w", err)
	}
	r, err := txz.Open()
	if err != nil {
		return fmt.Errorf("open %s: %w", txz.Name, err)
	}
	defer r.Close()
	if err := untarXz(r, tmp); err != nil {
		return fmt.Errorf("unpack %s: %w", txz.Name, err)
	}
	if err := os.Rename(tmp, home); err != nil && !hasBinaries(filepath.Join(home, "bin")) {
		return fmt.Errorf("unpack the build into %s: %w", home, err)
	}
	return nil
}

// untarXz extracts an xz-compressed tar into dir: directories, regular
// files and symbolic links, none of which may point outside dir (os.Root
// refuses writes that would leave it).
func untarXz(r io.Reader, dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	xr, err := xz.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(xr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Clean(h.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("entry %q leaves the archive", h.Name)
		}
		if h.Typeflag != tar.TypeDir {
			if err := root.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				return err
			}
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = root.MkdirAll(name, 0o755)
		case tar.TypeReg:
			err = writeFile(root, name, tr, os.FileMode(h.Mode)&0o755|0o444)
		case tar.TypeSymlink:
			if !linkInside(name, h.Linkname) {
				return fmt.Errorf("link %q points outside the archive", h.Name)
			}
			err = root.Symlink(h.Linkname, name)
		}
		if err != nil {
			return err
		}
	}
}

// linkInside reports whether a link at name to target stays in the tree.
func linkInside(name, target string) bool {
	return !filepath.IsAbs(target) && filepath.IsLocal(filepath.Join(filepath.Dir(name), target)) // #nosec G305 -- this is the check
}

func writeFile(root *os.Root, name string, r io.Reader, mode os.FileMode) error {
	f, err := root.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
