package catalog

import (
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMoviePoster is POST /admin/movies/:id/poster, a multipart upload in
// the field "poster". The service checks what the bytes really are and
// their size and dimensions; a rejected file brings the edit page back with
// the reason beside the upload field (422). Errors: ErrNotFound.
func (h *Handler) adminMoviePoster(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	m, err := h.svc.Movie(ctx, id)
	if err != nil {
		return err
	}
	data, problem, err := readPoster(c)
	if err != nil {
		return err
	}
	if problem == "" {
		err = h.svc.SetPoster(ctx, id, data)
		if errs, ok := validate.Fields(err); ok {
			problem = errs["poster"]
		} else if err != nil {
			return err
		}
	}
	if problem != "" {
		v, cast, crew := movieFormValues(m)
		p := h.movieFormProps(ctx, &m, v, cast, crew, nil)
		p.PosterError = problem
		return web.Render(c, http.StatusUnprocessableEntity, views.MovieForm(p))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "New poster saved for “{{.Title}}”.", "Title", m.Title))
	return web.Redirect(c, fmt.Sprintf("/admin/movies/%d/edit", id))
}

// readPoster reads the uploaded file, at most one byte more than a poster
// may have so the service can tell it is too big. A missing file is a
// problem for the user (an English message id), not an error.
func readPoster(c echo.Context) (data []byte, problem string, err error) {
	fh, err := c.FormFile("poster")
	if err != nil {
		return nil, i18n.Msg("Choose an image file to upload."), nil
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", fmt.Errorf("open uploaded poster: %w", err)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, MaxPosterBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read uploaded poster: %w", err)
	}
	return data, "", nil
}
