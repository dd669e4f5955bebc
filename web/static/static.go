// Package static embeds Marquee's CSS, JavaScript and images and serves them
// under content-hashed URLs (/static/css/app.3f2a91c0.css), so browsers and
// proxies may cache them for a year: a changed file gets a new URL.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
)

//go:embed css js img sw.js manifest.webmanifest
var files embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

// manifest maps a logical name (css/app.css) to its hashed name
// (css/app.3f2a91c0.css) and back. It is derived once from the embedded,
// read-only files.
type manifest struct {
	hashed  map[string]string
	logical map[string]string
}

var load = sync.OnceValue(func() manifest {
	m := manifest{hashed: map[string]string{}, logical: map[string]string{}}
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(p)
		h := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		m.hashed[p], m.logical[h] = h, p
		return nil
	})
	return m
})

// Path returns the cache-busting URL of the asset named name (relative to
// web/static, e.g. "css/app.css"). An unknown name yields its plain URL, which
// is served with a short cache lifetime.
func Path(name string) string {
	if h, ok := load().hashed[name]; ok {
		return Prefix + h
	}
	return Prefix + name
}

// Handler serves the assets. Hashed URLs are immutable for a year; plain
// names (for the service worker and manifest, which need fixed URLs) are
// revalidated.
func Handler() http.Handler {
	m := load()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, Prefix)
		if logical, ok := m.logical[name]; ok {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			http.ServeFileFS(w, r, files, logical)
			return
		}
		if _, ok := m.hashed[name]; ok {
			w.Header().Set("Cache-Control", "public, max-age=300, must-revalidate")
			http.ServeFileFS(w, r, files, name)
			return
		}
		http.NotFound(w, r)
	})
}
