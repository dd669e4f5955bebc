package catalog_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

func TestParseImportCSV(t *testing.T) {
	t.Parallel()
	// A spreadsheet export: byte-order mark, columns in another order and
	// capitalised, a quoted screen name, CRLF line ends, a blank row.
	file := "\xef\xbb\xbfMovie,Theater,Screen,Date,Time,Language,Format\r\n" +
		"long-night,odeon-test,\"Screen 1, upstairs\",2031-03-14,18:00,English,2D\r\n" +
		",,,,,,\r\n" +
		"long-night,odeon-test,Screen 2,2031-03-15,9:30,Hindi,IMAX\r\n"
	rows, err := catalog.ParseImport(strings.NewReader(file), "export.csv")
	require.NoError(t, err)
	require.Equal(t, []catalog.ImportRow{
		{Line: 2, Theater: "odeon-test", Screen: "Screen 1, upstairs", Movie: "long-night", Date: "2031-03-14", Time: "18:00", Language: "English", Format: "2D"},
		{Line: 4, Theater: "odeon-test", Screen: "Screen 2", Movie: "long-night", Date: "2031-03-15", Time: "9:30", Language: "Hindi", Format: "IMAX"},
	}, rows)
}

func TestParseImportCSVReportsBadLinesAndKeepsTheRest(t *testing.T) {
	t.Parallel()
	file := "theater,screen,movie,date,time,language,format,subtitles\n" +
		"odeon-test,Screen 1,long-night,2031-03-14,18:00,English,2D,\n" +
		"odeon-test,Screen 1,long-night,2031-03-14\n" +
		"odeon-test,Screen 1,long-night,2031-03-15,18:00,English,2D,Hindi\n"
	rows, err := catalog.ParseImport(strings.NewReader(file), "shows.csv")
	var ie *catalog.ImportError
	require.True(t, errors.As(err, &ie), "got %v", err)
	require.ErrorIs(t, err, catalog.ErrInvalid)
	require.Equal(t, []catalog.RowError{{Line: 3, Reason: "This line has 4 values; the header names 8 columns."}}, englishRows(ie.Rows))
	require.Len(t, rows, 2)
	require.Equal(t, "Hindi", rows[1].Subtitles)
	require.Equal(t, 4, rows[1].Line)
}

func TestParseImportCSVHeaderMustNameTheColumns(t *testing.T) {
	t.Parallel()
	_, err := catalog.ParseImport(strings.NewReader("theatre,screen,movie,date,time,language\nx,y,z,2031-03-14,18:00,English\n"), "shows.csv")
	fields, ok := validate.Fields(err)
	require.True(t, ok, "got %v", err)
	require.Contains(t, fields["file"], "Missing: theater, format.")
	require.Contains(t, fields["file"], `Unknown: "theatre".`)

	_, err = catalog.ParseImport(strings.NewReader("  \n"), "shows.csv")
	fields, _ = validate.Fields(err)
	require.Equal(t, "The file is empty.", fields["file"])
}

func TestParseImportJSONCountsLines(t *testing.T) {
	t.Parallel()
	file := `[
  {"theater": "odeon-test", "screen": "Screen 1", "movie": "long-night",
   "date": "2031-03-14", "time": "18:00", "language": "English", "format": "2D"},
  {"theater": "odeon-test", "screen": "Screen 1", "movie": "long-night", "thater": "x"},
  {"theater": "odeon-test", "screen": "Screen 1", "movie": "long-night",
   "date": "2031-03-14", "time": 1830, "language": "English", "format": "2D"},
  {"theater": "odeon-test", "screen": "Screen 2", "movie": "long-night",
   "date": "2031-03-15", "time": "21:00", "language": "English", "format": "2D", "subtitles": "Hindi"}
]`
	rows, err := catalog.ParseImport(strings.NewReader(file), "upload")
	var ie *catalog.ImportError
	require.True(t, errors.As(err, &ie), "got %v", err)
	require.Equal(t, []catalog.RowError{
		{Line: 4, Reason: `Unknown key "thater"; the keys are theater, screen, movie, date, time, language, format, subtitles.`},
		{Line: 5, Reason: `"time" must be text in quotes, like "18:45".`},
	}, englishRows(ie.Rows))
	require.Len(t, rows, 2)
	require.Equal(t, 2, rows[0].Line)
	require.Equal(t, 7, rows[1].Line)
	require.Equal(t, "Hindi", rows[1].Subtitles)

	_, err = catalog.ParseImport(strings.NewReader(`{"theater": "odeon-test"}`), "shows.json")
	fields, ok := validate.Fields(err)
	require.True(t, ok, "got %v", err)
	require.Contains(t, fields["file"], "A JSON import is an array of shows")

	_, err = catalog.ParseImport(strings.NewReader("[\n{\"theater\": \"a\"},\n{\"theater\" \"b\"}\n]"), "shows.json")
	require.True(t, errors.As(err, &ie), "got %v", err)
	require.Equal(t, 3, ie.Rows[len(ie.Rows)-1].Line)
	require.Contains(t, ie.Rows[len(ie.Rows)-1].Reason, "stops being valid JSON")
}

func TestParseImportLimits(t *testing.T) {
	t.Parallel()
	_, err := catalog.ParseImport(strings.NewReader(strings.Repeat("x", catalog.MaxImportBytes+1)), "big.csv")
	require.ErrorIs(t, err, catalog.ErrImportTooLarge)

	var file strings.Builder
	file.WriteString("theater,screen,movie,date,time,language,format\n")
	for range catalog.MaxImportRows + 1 {
		file.WriteString("a,b,c,2031-03-14,18:00,English,2D\n")
	}
	_, err = catalog.ParseImport(strings.NewReader(file.String()), "many.csv")
	fields, ok := validate.Fields(err)
	require.True(t, ok, "got %v", err)
	require.Equal(t, "The file has 5001 shows; import at most 5000 at once.", fields["file"])
}

func TestImportShowsChecksEveryRowBeforeImportingAny(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Odeon Test")
	newScreen(t, b, th.ID, "Screen 1", "2D")
	m := newMovie(t, b, "Long Night")
	row := func(line int, date, clock, language, format string) catalog.ImportRow {
		return catalog.ImportRow{Line: line, Theater: th.Slug, Screen: "screen 1", Movie: m.Slug,
			Date: date, Time: clock, Language: language, Format: format}
	}
	rows := []catalog.ImportRow{
		row(2, "2031-03-14", "10:00", "English", "2D"),
		row(3, "2031-03-14", "13:00", "French", "IMAX"),
		row(4, "2031-03-11", "18:00", "English", "2D"),
		row(5, "2031-03-14", "11:00", "English", "2D"),
	}
	n, err := b.Catalog.ImportShows(ctx, rows)
	require.Zero(t, n)
	var ie *catalog.ImportError
	require.True(t, errors.As(err, &ie), "got %v", err)
	require.Equal(t, []catalog.RowError{
		{Line: 3, Reason: "Screen 1 cannot play IMAX; it plays 2D. Long Night is available in English, Hindi."},
		{Line: 4, Reason: "It starts in the past (Tue 11 Mar 2031 18:00 GMT)."},
		{Line: 5, Reason: "Screen 1 is taken by line 2: 'Long Night' 10:00–12:30, cleaning included."},
	}, englishRows(ie.Rows))
	require.Equal(t, 0, showCount(t, b))

	n, err = b.Catalog.ImportShows(ctx, []catalog.ImportRow{rows[0], row(5, "2031-03-14", "12:30", "English", "2D")})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	london, _ := time.LoadLocation("Europe/London")
	shows, err := b.Catalog.AdminShows(ctx, catalog.ShowFilter{From: b.now, Until: b.now.AddDate(0, 0, 7)})
	require.NoError(t, err)
	require.Len(t, shows, 2)
	require.Equal(t, "12:30", shows[1].StartsAt.In(london).Format("15:04"))
	require.Equal(t, int64(1000), shows[1].Prices[catalog.Standard], "priced by the theater's rules")
}

// englishRows keeps each bad line's number and English reason, what the
// API answers (the reasons one by one are for the admin page's language).
func englishRows(rows []catalog.RowError) []catalog.RowError {
	out := make([]catalog.RowError, len(rows))
	for i, r := range rows {
		out[i] = catalog.RowError{Line: r.Line, Reason: r.Reason}
	}
	return out
}
