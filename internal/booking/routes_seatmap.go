package booking

import "github.com/labstack/echo/v4"

// seatMapRoutes registers booking's seatmap URLs.
func (h *Handler) seatMapRoutes(e *echo.Echo) {}
