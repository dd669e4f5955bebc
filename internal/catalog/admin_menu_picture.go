package catalog

import (
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminMenuPicture is POST /admin/theaters/:id/menu/:item/picture, a
// multipart upload in the field "picture". A refused file brings the
// item's edit form back with the reason beside the upload (422).
// Errors: ErrNotFound.
func (h *Handler) adminMenuPicture(c echo.Context) error {
	p, err := h.menuPageOf(c)
	if err != nil {
		return err
	}
	m, err := h.menuItemOf(c, p)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	problem := i18n.Msg("Choose an image file to upload.")
	if fh, ferr := c.FormFile("picture"); ferr == nil {
		f, err := fh.Open()
		if err != nil {
			return fmt.Errorf("open uploaded picture: %w", err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, MaxPosterBytes+1))
		if err != nil {
			return fmt.Errorf("read uploaded picture: %w", err)
		}
		problem = ""
		err = h.svc.SetMenuPicture(ctx, m.ID, data)
		if errs, ok := validate.Fields(err); ok {
			problem = errs["picture"]
		} else if err != nil {
			return err
		}
	}
	if problem != "" {
		form := h.menuEditForm(c, p, m)
		form.PictureError = problem
		return h.renderMenu(c, http.StatusUnprocessableEntity, p, form)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "New picture saved for {{.Name}}.", "Name", m.Name))
	return web.Redirect(c, p.BaseURL+"/"+strconv.FormatInt(m.ID, 10)+"/edit")
}

// menuEditForm is the edit form of item m as stored, with its picture.
func (h *Handler) menuEditForm(c echo.Context, p menuPage, m MenuItem) views.MenuItemFormProps {
	base := p.BaseURL + "/" + strconv.FormatInt(m.ID, 10)
	form := menuFormProps(c.Request().Context(), base, true, menuItemValues(m), nil)
	form.CancelHref, form.PictureAction = p.BaseURL, base+"/picture"
	if m.PictureID != nil {
		form.Picture = fmt.Sprintf("/media/images/%d", *m.PictureID)
	}
	return form
}
