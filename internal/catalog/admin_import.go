package catalog

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	adminview "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminImportForm explains the import formats, with an example made of
// real theater, screen and movie names where there are some.
func (h *Handler) adminImportForm(c echo.Context) error {
	p, err := h.importProps(c)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, adminview.Import(p))
}

// adminImport takes an uploaded CSV or JSON file of shows and imports them
// all, or none: the page reports "Imported N shows" or every bad line with
// its reason (422). With mode=check it only checks. Files over
// MaxImportBytes answer 413, and a body that is not a readable multipart
// form 400, each with the form again.
func (h *Handler) adminImport(c echo.Context) error {
	ctx := c.Request().Context()
	p, err := h.importProps(c)
	if err != nil {
		return err
	}
	fh, err := c.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		p.FileError = i18n.T(ctx, "Choose a CSV or JSON file to upload.")
		return web.Render(c, http.StatusUnprocessableEntity, adminview.Import(p))
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge { // over the server's body limit
		p.FileError = i18n.T(ctx, "That upload is larger than {{.MB}} MB; split it into smaller files.", "MB", MaxImportBytes>>20)
		return web.Render(c, http.StatusRequestEntityTooLarge, adminview.Import(p))
	}
	if err != nil {
		// A body that is not a well-formed multipart form (cut short, a
		// wrong boundary, broken part headers) is the sender's fault.
		p.FileError = i18n.T(ctx, "We couldn't read that upload. Choose the file and send it again.")
		return web.Render(c, http.StatusBadRequest, adminview.Import(p))
	}
	p.FileName = fh.Filename
	tooLarge := i18n.T(ctx, "{{.File}} is larger than {{.MB}} MB; split it into smaller files.", "File", fh.Filename, "MB", MaxImportBytes>>20)
	if fh.Size > MaxImportBytes {
		p.FileError = tooLarge
		return web.Render(c, http.StatusRequestEntityTooLarge, adminview.Import(p))
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open uploaded import %q: %w", fh.Filename, err)
	}
	defer f.Close()
	rows, err := ParseImport(f, fh.Filename)
	var parseErr *ImportError
	switch fields, invalid := validate.Fields(err); {
	case errors.Is(err, ErrImportTooLarge):
		p.FileError = tooLarge
		return web.Render(c, http.StatusRequestEntityTooLarge, adminview.Import(p))
	case invalid:
		p.FileError = importFileMessage(ctx, err, fields["file"])
		return web.Render(c, http.StatusUnprocessableEntity, adminview.Import(p))
	case errors.As(err, &parseErr):
		// Check the lines that could be read too, to report every problem.
		bad, err := h.importOutOfScope(ctx, rows, managed(c))
		if err != nil {
			return err
		}
		if len(rows) > 0 && len(bad) == 0 {
			var checkErr *ImportError
			if err := h.svc.ValidateImport(ctx, rows); errors.As(err, &checkErr) {
				bad = checkErr.Rows
			} else if err != nil && !errors.Is(err, ErrInvalid) {
				return err
			}
		}
		p.Bad = importBadLines(ctx, append(parseErr.Rows, bad...))
		return web.Render(c, http.StatusUnprocessableEntity, adminview.Import(p))
	case err != nil:
		return err
	}
	// Nothing is checked against, or saved at, a theater the importer
	// does not manage.
	outside, err := h.importOutOfScope(ctx, rows, managed(c))
	if err != nil {
		return err
	}
	if len(outside) > 0 {
		p.Bad = importBadLines(ctx, outside)
		return web.Render(c, http.StatusUnprocessableEntity, adminview.Import(p))
	}
	var n int
	check := c.FormValue("mode") == "check"
	if check {
		err = h.svc.ValidateImport(ctx, rows)
	} else {
		n, err = h.svc.ImportShows(ctx, rows)
	}
	var bad *ImportError
	switch fields, invalid := validate.Fields(err); {
	case errors.As(err, &bad):
		p.Bad = importBadLines(ctx, bad.Rows)
		return web.Render(c, http.StatusUnprocessableEntity, adminview.Import(p))
	case invalid:
		msgs := adminview.ShowMessages(fields, "file")
		for i, m := range msgs {
			msgs[i] = importMessage(ctx, m)
		}
		p.FileError = importFileMessage(ctx, err, strings.Join(msgs, " "))
		return web.Render(c, http.StatusUnprocessableEntity, adminview.Import(p))
	case err != nil:
		return err
	}
	if check {
		p.Checked = len(rows)
		return web.Render(c, http.StatusOK, adminview.Import(p))
	}
	first := slices.MinFunc(rows, func(a, b ImportRow) int { return strings.Compare(a.Date, b.Date) })
	p.Imported, p.ListURL = n, showListURL(0, first.Date, 0)
	return web.Render(c, http.StatusOK, adminview.Import(p))
}

// importMessage is a message of the import's checks in ctx's language.
// Messages naming what the file holds (a column, a count) are not message
// ids and stay as they are; nor is anything that reads like a placeholder.
func importMessage(ctx context.Context, msg string) string {
	if strings.Contains(msg, "{{") {
		return msg
	}
	return i18n.T(ctx, msg)
}

// importFileMessage is err's problem with the whole file in ctx's
// language: a *FileError's reasons, else msg (already translated or an id).
func importFileMessage(ctx context.Context, err error, msg string) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Text(ctx)
	}
	return importMessage(ctx, msg)
}

// importBadLines sorts bad lines for the report, in ctx's language.
func importBadLines(ctx context.Context, rows []RowError) []adminview.ImportBadLine {
	slices.SortStableFunc(rows, func(a, b RowError) int { return a.Line - b.Line })
	out := make([]adminview.ImportBadLine, len(rows))
	for i, r := range rows {
		out[i] = adminview.ImportBadLine{Line: r.Line, Reason: r.Text(ctx)}
	}
	return out
}

// importProps describes the formats, with examples built from the first
// theater that has a screen and the first movie now showing.
func (h *Handler) importProps(c echo.Context) (adminview.ImportProps, error) {
	ctx := c.Request().Context()
	choices, err := h.scheduleChoices(c)
	if err != nil {
		return adminview.ImportProps{}, err
	}
	theater, screen, movie, language := "odeon-leicester-square", "Screen 1", "long-night", "English"
	loc := time.UTC
	for _, t := range choices.Theaters {
		if len(t.Screens) > 0 {
			theater, screen, loc = t.Slug, t.Screens[0].Name, t.Location()
			break
		}
	}
	movies := choices.Schedulable()
	if i := slices.IndexFunc(movies, func(m Movie) bool { return m.Status == NowShowing }); i >= 0 {
		movie, language = movies[i].Slug, movies[i].OriginalLanguage
	} else if len(movies) > 0 {
		movie, language = movies[0].Slug, movies[0].OriginalLanguage
	}
	day := h.svc.now().In(loc).AddDate(0, 0, 1).Format(time.DateOnly)
	exampleCSV := "theater,screen,movie,date,time,language,format,subtitles\n" +
		fmt.Sprintf("%s,%s,%s,%s,18:30,%s,2D,\n", theater, screen, movie, day, language) +
		fmt.Sprintf("%s,%s,%s,%s,21:15,%s,2D,English\n", theater, screen, movie, day, language)
	exampleJSON := fmt.Sprintf("[\n  {\"theater\": %q, \"screen\": %q, \"movie\": %q,\n   \"date\": %q, \"time\": \"18:30\", \"language\": %q, \"format\": \"2D\"},\n"+
		"  {\"theater\": %q, \"screen\": %q, \"movie\": %q,\n   \"date\": %q, \"time\": \"21:15\", \"language\": %q, \"format\": \"2D\", \"subtitles\": \"English\"}\n]",
		theater, screen, movie, day, language, theater, screen, movie, day, language)
	return adminview.ImportProps{
		MaxMB: MaxImportBytes >> 20, MaxRows: MaxImportRows, ExampleCSV: exampleCSV, ExampleJSON: exampleJSON,
		Columns: []adminview.ImportColumn{
			{Name: "theater", Required: true, Meaning: i18n.T(ctx, "The theater's slug, as in its web address."), Example: theater},
			{Name: "screen", Required: true, Meaning: i18n.T(ctx, "The screen's name at that theater."), Example: screen},
			{Name: "movie", Required: true, Meaning: i18n.T(ctx, "The movie's slug, as in its web address."), Example: movie},
			{Name: "date", Required: true, Meaning: i18n.T(ctx, "The theater's local date, YYYY-MM-DD."), Example: day},
			{Name: "time", Required: true, Meaning: i18n.T(ctx, "The local start time, 24-hour HH:MM."), Example: "18:30"},
			{Name: "language", Required: true, Meaning: i18n.T(ctx, "One of the movie's languages."), Example: language},
			{Name: "format", Required: true, Meaning: i18n.T(ctx, "A format the screen plays: {{.Formats}}.", "Formats", strings.Join(Formats(), ", ")), Example: "2D"},
			{Name: "subtitles", Meaning: i18n.T(ctx, "The subtitle language; blank for none."), Example: "English"},
		},
	}, nil
}
