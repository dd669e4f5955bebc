package catalog

import (
	"context"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/cache"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// HandlerOptions wire the catalogue's pages to the rest of the app.
type HandlerOptions struct {
	// SecureCookies marks the city cookie Secure.
	SecureCookies bool
	// Cache keeps the public pages' catalogue reads; nil: read each time.
	Cache *cache.Cache
	// HomeRail renders the home page's recommendations for the visitor in
	// ctx in a city (its slug), in place with the page so that nothing
	// moves once it has loaded; it never fails (an empty component does).
	// nil: the home page has none.
	HomeRail func(ctx context.Context, city string) templ.Component
}

// Handler serves the catalogue's public and admin pages.
type Handler struct {
	svc *Service
	// browse is svc's public reads through the cache.
	browse browse
	auth   web.Auth
	opts   HandlerOptions
}

// NewHandler returns the catalogue's HTTP handler; auth.Staff guards every
// /admin page and action.
func NewHandler(svc *Service, auth web.Auth, o HandlerOptions) *Handler {
	return &Handler{svc: svc, browse: browse{svc: svc, cache: o.Cache}, auth: auth, opts: o}
}

// Routes registers every catalogue URL: the pages moviegoers browse, and
// the staff pages (auth.Staff) for movies (Marquee's own staff only),
// theaters with their prices and screens (the seat-layout editor), shows
// with the show import, and chains. A page of one theater, screen or show
// exists only for those who manage its theater (404 elsewhere); lists
// show only what the staff member manages.
func (h *Handler) Routes(e *echo.Echo) {
	e.GET("/", h.home)
	e.GET("/cities", h.cities)
	e.POST("/city", h.chooseCity)
	e.GET("/movies/:slug", h.moviePage)
	e.GET("/theaters", h.theaterList)
	e.GET("/theaters/:slug", h.theaterPage)
	e.GET("/shows/:id", h.showPage)
	e.GET("/media/posters/:file", h.posterSVG)
	e.GET("/media/images/:id", h.image)

	v1 := e.Group("/api/v1")
	v1.GET("/cities", h.apiCities)
	v1.GET("/movies", h.apiMovies)
	v1.GET("/movies/:id", h.apiMovie)
	v1.GET("/theaters", h.apiTheaters)
	v1.GET("/theaters/:id", h.apiTheaterPage)
	v1.POST("/tms/theaters/:id/shows", h.apiTMSImport, h.auth.Key(scopeShowsWrite))

	g := e.Group("/admin", h.auth.Staff)
	g.GET("", h.adminDashboard)
	g.GET("/", h.adminDashboard)
	// Lists and scheduling forms need a theater to manage somewhere.
	manages := web.RequireAnywhere(authz.Manage)

	// The film catalogue is shared by every chain: Marquee's own staff
	// keep it (auth.Platform per route: a group of its own would answer
	// its 403 for unknown /admin URLs too).
	g.GET("/movies", h.adminMovieList, h.auth.Platform)
	g.GET("/movies/new", h.adminMovieNew, h.auth.Platform)
	g.POST("/movies", h.adminMovieCreate, h.auth.Platform)
	g.GET("/movies/credit-row", h.adminMovieCreditRow, h.auth.Platform)
	g.GET("/movies/:id/edit", h.adminMovieEdit, h.auth.Platform)
	g.POST("/movies/:id", h.adminMovieUpdate, h.auth.Platform)
	g.POST("/movies/:id/status", h.adminMovieStatus, h.auth.Platform)
	g.POST("/movies/:id/poster", h.adminMoviePoster, h.auth.Platform)

	g.GET("/theaters", h.adminTheaterList, manages)
	g.GET("/theaters/new", h.adminTheaterNew)
	g.POST("/theaters", h.adminTheaterCreate)
	g.GET("/theaters/:id", h.adminTheaterShow, h.theaterInScope)
	g.GET("/theaters/:id/edit", h.adminTheaterEdit, h.theaterInScope)
	g.POST("/theaters/:id", h.adminTheaterUpdate, h.theaterInScope)
	g.POST("/theaters/:id/prices", h.adminPriceSet, h.theaterInScope)
	g.POST("/theaters/:id/prices/:rule/delete", h.adminPriceDelete, h.theaterInScope)
	g.GET("/theaters/:id/screens/new", h.adminScreenNew, h.theaterInScope)
	g.POST("/theaters/:id/screens", h.adminScreenCreate, h.theaterInScope)
	g.GET("/screens/:id/edit", h.adminScreenEdit, h.screenInScope)
	g.GET("/screens/:id/preview", h.adminScreenPreview, h.screenInScope)
	g.POST("/screens/:id", h.adminScreenDetails, h.screenInScope)
	g.POST("/screens/:id/cells", h.adminScreenCells, h.screenInScope)
	g.POST("/screens/:id/structure", h.adminScreenStructure, h.screenInScope)
	g.POST("/screens/:id/labels", h.adminScreenLabels, h.screenInScope)
	g.POST("/screens/:id/layout", h.adminScreenSave, h.screenInScope)
	g.POST("/screens/:id/layout/discard", h.adminScreenDiscard, h.screenInScope)

	g.GET("/shows", h.adminShowList, manages)
	g.GET("/shows/new", h.adminShowNew, manages)
	g.POST("/shows", h.adminShowCreate, manages)
	g.GET("/shows/bulk", h.adminShowBulkForm, manages)
	g.POST("/shows/bulk", h.adminShowBulkCreate, manages)
	g.GET("/shows/import", h.adminImportForm, manages)
	g.POST("/shows/import", h.adminImport, manages)
	g.GET("/shows/:id/cancel", h.adminShowCancelConfirm, h.showInScope)
	g.POST("/shows/:id/cancel", h.adminShowCancel, h.showInScope)
	g.GET("/shows/:id/prices", h.adminShowPricesForm, h.showInScope)
	g.POST("/shows/:id/prices", h.adminShowPricesSave, h.showInScope)

	g.GET("/chains", h.adminChainList)
	g.GET("/chains/new", h.adminChainNew, h.auth.Admin)
	g.POST("/chains", h.adminChainCreate, h.auth.Admin)
	g.GET("/chains/:id/edit", h.adminChainEdit, h.chainInScope)
	g.POST("/chains/:id", h.adminChainUpdate, h.chainInScope)

	// Ticket types: a chain's list (who runs the chain) and a theater's
	// own list that replaces it there (who manages the theater).
	g.GET("/chains/:id/ticket-types", h.adminTicketTypes, h.chainInScope)
	g.POST("/chains/:id/ticket-types", h.adminTicketTypeCreate, h.chainInScope)
	g.GET("/chains/:id/ticket-types/:type/edit", h.adminTicketTypeEdit, h.chainInScope)
	g.POST("/chains/:id/ticket-types/:type", h.adminTicketTypeUpdate, h.chainInScope)
	g.POST("/chains/:id/ticket-types/:type/deactivate", h.adminTicketTypeDeactivate, h.chainInScope)
	g.GET("/theaters/:id/menu", h.adminMenu, h.theaterInScope)
	g.POST("/theaters/:id/menu", h.adminMenuCreate, h.theaterInScope)
	g.GET("/theaters/:id/menu/:item/edit", h.adminMenuEdit, h.theaterInScope)
	g.POST("/theaters/:id/menu/:item", h.adminMenuUpdate, h.theaterInScope)
	g.POST("/theaters/:id/menu/:item/availability", h.adminMenuAvailability, h.theaterInScope)
	g.POST("/theaters/:id/menu/:item/stock", h.adminMenuStock, h.theaterInScope)
	g.POST("/theaters/:id/menu/:item/picture", h.adminMenuPicture, h.theaterInScope)
	g.GET("/theaters/:id/ticket-types", h.adminTicketTypes, h.theaterInScope, forTheater)
	g.POST("/theaters/:id/ticket-types", h.adminTicketTypeCreate, h.theaterInScope, forTheater)
	g.GET("/theaters/:id/ticket-types/:type/edit", h.adminTicketTypeEdit, h.theaterInScope, forTheater)
	g.POST("/theaters/:id/ticket-types/:type", h.adminTicketTypeUpdate, h.theaterInScope, forTheater)
	g.POST("/theaters/:id/ticket-types/:type/deactivate", h.adminTicketTypeDeactivate, h.theaterInScope, forTheater)
}
