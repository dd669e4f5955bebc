package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// scopeShowsWrite is the staff API key scope that imports shows.
const scopeShowsWrite = "shows:write"

// apiTMSShow is one show an import scheduled.
type apiTMSShow struct {
	ID        int64  `json:"id"`
	TheaterID int64  `json:"theater_id"`
	ScreenID  int64  `json:"screen_id"`
	MovieID   int64  `json:"movie_id"`
	StartsAt  string `json:"starts_at"`
	EndsAt    string `json:"ends_at"`
	Language  string `json:"language"`
	Format    string `json:"format"`
	Subtitles string `json:"subtitles"`
}

// apiTMSImportResponse is a successful import.
type apiTMSImportResponse struct {
	Imported int          `json:"imported"`
	Shows    []apiTMSShow `json:"shows"`
}

// apiTMSImport is POST /api/v1/tms/theaters/:id/shows: a theater
// management system schedules shows at one theater with the admin
// import's JSON shape (a row may leave out "theater") and its row-by-row
// checks. All or nothing: any bad row imports nothing and answers 422 with
// fields "shows[i]" (i counts from 0) saying what is wrong with each. A key
// limited to other theaters gets 404. Scope shows:write.
func (h *Handler) apiTMSImport(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return ErrNotFound
	}
	if k, _ := web.APIKeyFrom(c); !k.AllowsTheater(id) {
		return fmt.Errorf("theater %d is not this key's: %w", id, ErrNotFound)
	}
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return err
	}
	raw, err := readTMSImport(c.Request().Body)
	if err != nil {
		return err
	}
	rows, bad := tmsImportRows(raw, t.Slug)
	if len(bad) > 0 {
		// Check the readable rows too, to report every problem at once.
		var ie *ImportError
		if len(rows) > 0 {
			if err := h.svc.ValidateImport(ctx, rows); errors.As(err, &ie) {
				bad = append(bad, ie.Rows...)
			} else if err != nil && !errors.Is(err, ErrInvalid) {
				return err
			}
		}
		return tmsRowErrors(bad)
	}
	shows, err := h.svc.importShowList(ctx, rows)
	var ie *ImportError
	if errors.As(err, &ie) {
		return tmsRowErrors(ie.Rows)
	}
	if fields, ok := validate.Fields(err); ok {
		return validate.Errors{"shows": fields["file"]}
	}
	if err != nil {
		return err
	}
	loc := t.Location()
	out := apiTMSImportResponse{Imported: len(shows), Shows: make([]apiTMSShow, len(shows))}
	for i, s := range shows {
		out.Shows[i] = apiTMSShow{ID: s.ID, TheaterID: s.TheaterID, ScreenID: s.ScreenID, MovieID: s.MovieID,
			StartsAt: s.StartsAt.In(loc).Format(time.RFC3339), EndsAt: s.EndsAt.In(loc).Format(time.RFC3339),
			Language: s.Language, Format: s.Format, Subtitles: s.Subtitles}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, out)
}

// readTMSImport reads the body as a JSON array; anything else is 400 and
// more than MaxImportBytes 413.
func readTMSImport(body io.Reader) ([]json.RawMessage, error) {
	data, err := io.ReadAll(io.LimitReader(body, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read import body: %w", err)
	}
	if len(data) > MaxImportBytes {
		return nil, echo.NewHTTPError(http.StatusRequestEntityTooLarge,
			fmt.Sprintf("Send at most %d MB of shows at once.", MaxImportBytes>>20))
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, echo.NewHTTPError(http.StatusBadRequest,
			`Send a JSON array of shows: [{"screen": "…", "movie": "…", "date": "…", …}, …].`)
	}
	if len(raw) == 0 {
		return nil, validate.Errors{"shows": "Send at least one show."}
	}
	if len(raw) > MaxImportRows {
		return nil, validate.Errors{"shows": fmt.Sprintf("Send at most %d shows at once.", MaxImportRows)}
	}
	return raw, nil
}

// tmsImportRows decodes each element as the admin import does; rows are
// numbered from 1 in Line so errors name their element. A row without a
// theater is the path's; one naming another theater is refused.
func tmsImportRows(raw []json.RawMessage, theater string) ([]ImportRow, []RowError) {
	var rows []ImportRow
	var bad []RowError
	for i, r := range raw {
		row, reason := decodeImportObject(r)
		if reason == "" && row.Theater != "" && !strings.EqualFold(row.Theater, theater) {
			reason = fmt.Sprintf("This request imports shows of %s only; leave out \"theater\" or send %q.", theater, theater)
		}
		if reason != "" {
			bad = append(bad, RowError{Line: i + 1, Reason: reason})
			continue
		}
		row.Line, row.Theater = i+1, theater
		rows = append(rows, row)
	}
	return rows, bad
}

// tmsRowErrors answers 422 with fields "shows[i]" per bad row.
func tmsRowErrors(bad []RowError) error {
	errs := validate.Errors{}
	for _, b := range bad {
		field := fmt.Sprintf("shows[%d]", b.Line-1)
		if had, ok := errs[field]; ok {
			b.Reason = had + " " + b.Reason
		}
		errs[field] = b.Reason
	}
	return errs
}
