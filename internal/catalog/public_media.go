package catalog

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// posterSVG is GET /media/posters/:slug.svg: the poster drawn from the
// movie's palette and title, for movies without an uploaded one.
// Errors: ErrNotFound for an unknown movie or a name not ending in .svg.
func (h *Handler) posterSVG(c echo.Context) error {
	slug, ok := strings.CutSuffix(c.Param("file"), ".svg")
	if !ok || slug == "" {
		return ErrNotFound
	}
	m, err := h.svc.MovieBySlug(c.Request().Context(), slug)
	if err != nil {
		return err
	}
	svg := drawPoster(posterArt{Seed: m.Slug, Title: m.Title, Certification: m.Certification,
		Year: m.ReleaseDate.Year(), Director: m.Director(), Palette: m.PosterPalette})
	c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=3600")
	return c.Blob(http.StatusOK, "image/svg+xml", svg)
}

// image is GET /media/images/:id: a stored image (an uploaded poster). Its
// bytes never change, so it is cached for a year and revalidated by its
// SHA-256 (ETag, 304 Not Modified). Errors: ErrNotFound.
func (h *Handler) image(c echo.Context) error {
	id, err := parsePublicID(c.Param("id"))
	if err != nil {
		return err
	}
	img, err := h.svc.Image(c.Request().Context(), id)
	if err != nil {
		return err
	}
	etag := `"` + img.SHA256 + `"`
	hdr := c.Response().Header()
	hdr.Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
	hdr.Set("ETag", etag)
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, img.ContentType, img.Data)
}

// etagMatches applies If-None-Match's weak comparison: any listed tag (or
// "*") that equals etag, ignoring a W/ prefix.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
