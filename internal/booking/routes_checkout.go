package booking

import "github.com/labstack/echo/v4"

// checkoutRoutes registers booking's checkout URLs.
func (h *Handler) checkoutRoutes(e *echo.Echo) {}
