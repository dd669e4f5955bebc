package account

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiMyData answers everything Marquee holds about the caller: the same
// export as the web's "download my data" (ExportData), as JSON.
func (h *Handler) apiMyData(c echo.Context) error {
	data, err := h.svc.ExportData(c.Request().Context(), web.UserID(c))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, data)
}

// deleteMeRequest confirms deleting the account, as the web's form does.
type deleteMeRequest struct {
	Password string `json:"password"`
}

// apiDeleteMe deletes the caller's account under the web's rules
// (DeleteAccount: the password, and never the last admin). Every refresh
// token is revoked with it, and its access tokens stop working because
// their account is gone (RequireAPIUser).
func (h *Handler) apiDeleteMe(c echo.Context) error {
	var in deleteMeRequest
	if err := c.Bind(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "Send JSON with your password.")
	}
	if in.Password == "" {
		var e validate.Errors
		e.Add("password", "Enter your password to delete your account.")
		return e.Err()
	}
	err := h.svc.DeleteAccount(c.Request().Context(), web.UserID(c), in.Password)
	switch {
	case errors.Is(err, ErrBadCredentials):
		// A wrong password here is a mistake in the form, not a reason
		// to sign the app out: 422 on the field, as the web page says it.
		var e validate.Errors
		e.Add("password", "That is not your password.")
		return e.Err()
	case err != nil:
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
