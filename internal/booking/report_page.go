package booking

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// reportForm is the report form as typed, with its field errors (English
// catalogue ids).
type reportForm struct {
	values views.ReportFormValues
	errs   map[string]string
}

// parseReportQuery reads and checks the report form: dates as yyyy-mm-dd
// (the last 7 days by default), at most MaxReportDays, a theater id or
// none, a known report (takings by default).
func parseReportQuery(c echo.Context, today time.Time) (ReportQuery, reportForm) {
	f := reportForm{errs: map[string]string{}, values: views.ReportFormValues{From: c.QueryParam("from"),
		To: c.QueryParam("to"), Theater: c.QueryParam("theater"), Report: c.QueryParam("report")}}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if f.values.To == "" {
		f.values.To = today.Format(time.DateOnly)
	}
	if f.values.From == "" {
		f.values.From = today.AddDate(0, 0, -6).Format(time.DateOnly)
	}
	if f.values.Report == "" {
		f.values.Report = string(ReportTakings)
	}
	var q ReportQuery
	var err error
	if q.From, err = time.Parse(time.DateOnly, strings.TrimSpace(f.values.From)); err != nil {
		f.errs["from"] = i18n.Msg("Enter a date like 2031-03-14.")
	}
	if q.To, err = time.Parse(time.DateOnly, strings.TrimSpace(f.values.To)); err != nil {
		f.errs["to"] = i18n.Msg("Enter a date like 2031-03-14.")
	}
	if len(f.errs) == 0 {
		switch {
		case q.To.Before(q.From):
			f.errs["to"] = i18n.Msg("The last day cannot be before the first.")
		case q.Days() > MaxReportDays:
			f.errs["to"] = i18n.Msg("A report covers at most 366 days.")
		}
	}
	if f.values.Theater != "" {
		if q.TheaterID, err = strconv.ParseInt(f.values.Theater, 10, 64); err != nil || q.TheaterID <= 0 {
			f.errs["theater"] = i18n.Msg("Choose a theater from the list.")
		}
	}
	q.Kind = ReportKind(f.values.Report)
	if !slices.Contains(ReportKinds(), q.Kind) {
		f.errs["report"] = i18n.Msg("Choose a report from the list.")
	}
	return q, f
}

// reportPage is GET /admin/reports: the report form and the report it
// asks for, over the theaters where the viewer may manage. Errors:
// ErrNotFound for a theater the viewer may not manage; a form with field
// errors answers 422.
func (h *Handler) reportPage(c echo.Context) error {
	q, form := parseReportQuery(c, h.svc.opts.Now())
	r, status, err := h.report(c, q, form)
	if err != nil {
		return err
	}
	return web.Render(c, status, views.Reports(reportProps(c.Request().Context(), r, form)))
}

// reportCSV is GET /admin/reports/:file, file being a report's name with
// .csv: the same report as a spreadsheet download. Whoever asks for a
// file wants a file, not the form, so a bad request answers problem+json:
// 422 (code invalid, fields named as on the form) for a bad date, a range
// too long or a theater that is not a number, 404 (not_found) for an
// unknown report or a theater the viewer may not manage.
func (h *Handler) reportCSV(c echo.Context) error {
	name, ok := strings.CutSuffix(c.Param("file"), ".csv")
	if !ok || !slices.Contains(ReportKinds(), ReportKind(name)) {
		return reportProblem(c, http.StatusNotFound, "not_found", "There is no report called "+strconv.Quote(c.Param("file"))+".", nil)
	}
	c.QueryParams().Set("report", name)
	q, form := parseReportQuery(c, h.svc.opts.Now())
	if len(form.errs) > 0 {
		return reportProblem(c, http.StatusUnprocessableEntity, "invalid", "Some of the report's parameters are not valid.", form.errs)
	}
	r, _, err := h.report(c, q, form)
	if errors.Is(err, ErrNotFound) {
		return reportProblem(c, http.StatusNotFound, "not_found", "There is no theater "+strconv.FormatInt(q.TheaterID, 10)+" among those you manage.", nil)
	}
	if err != nil {
		return err
	}
	return writeReportCSV(c, r)
}

// reportProblem answers a report file that cannot be made as
// problem+json (RFC 9457), in English for the programs that fetch files.
func reportProblem(c echo.Context, status int, code, detail string, fields map[string]string) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(status, web.Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail,
		Code: code, RequestID: c.Response().Header().Get(echo.HeaderXRequestID), Fields: fields})
}

// report builds the report of a checked form, or the empty page around a
// form with errors (422).
func (h *Handler) report(c echo.Context, q ReportQuery, form reportForm) (Report, int, error) {
	places := web.Scope(c).Filter(authz.Manage)
	ctx := c.Request().Context()
	if len(form.errs) > 0 {
		r, err := h.svc.Report(ctx, places, ReportQuery{})
		return r, http.StatusUnprocessableEntity, err
	}
	r, err := h.svc.Report(ctx, places, q)
	if errors.Is(err, ErrNotFound) {
		return Report{}, 0, err
	}
	return r, http.StatusOK, err
}
