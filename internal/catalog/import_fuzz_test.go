package catalog

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

// FuzzParseImport feeds show import files (CSV or JSON) to ParseImport: a
// file is refused as a whole with a "file" message, or gives rows and
// per-line problems that together stay within MaxImportRows and point at
// lines of the file, in order. The rows read back unchanged when written
// again as JSON, and as CSV (which trims), so the two formats agree.
func FuzzParseImport(f *testing.F) {
	csvOK := "theater,screen,movie,date,time,language,format,subtitles\n" +
		"odeon,Screen 1,lantern,2031-03-14,18:45,English,2D,\n" +
		" odeon , \"Screen, 2\" ,lantern,2031-03-14,21:00,English,IMAX,French\n"
	for _, seed := range []struct {
		name, data string
	}{
		{"shows.csv", csvOK},
		{"shows.csv", "\xef\xbb\xbf" + csvOK},
		{"shows.csv", "movie,theater,screen,time,date,format,language\nlantern,odeon,1,18:45,2031-03-14,2D,English\n"},
		{"shows.csv", "theater,screen\nodeon\n"},
		{"shows.csv", "theater,screen,movie,date,time,language,format,rating\n"},
		{"shows.csv", "theater,screen,movie,date,time,language,format\n\"odeon,1,lantern\n,,,,,,\n"},
		{"shows.csv", "theater,screen,movie,date,time,language,format\na,b\"c,d,e,f,g,h\n"},
		{"shows.json", `[{"theater":"odeon","screen":"Screen 1","movie":"lantern","date":"2031-03-14","time":"18:45","language":"English","format":"2D"}]`},
		{"shows.json", "[\n {\"theater\": 7},\n {\"cinema\": \"odeon\"},\n \"x\",\n {\"theater\": \"odeon\"}\n]"},
		{"shows.json", `[{"theater":"odeon"}`},
		{"shows.json", `[{"theater":"odeon"},]`},
		{"x.txt", `{"theater":"odeon"}`},
		{"x.txt", "   \r\n\t"},
		{"x.JSON", "theater,screen"},
	} {
		f.Add(seed.name, []byte(seed.data))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		rows, err := ParseImport(bytes.NewReader(data), name)
		var ie *ImportError
		switch fields, isFields := validate.Fields(err); {
		case err == nil:
		case errors.As(err, &ie):
			if len(ie.Rows) == 0 {
				t.Fatalf("an ImportError names no line")
			}
		case isFields && fields["file"] != "" && len(fields) == 1:
			if rows != nil {
				t.Fatalf("file refused, yet %d rows returned", len(rows))
			}
			return
		default:
			t.Fatalf("neither an import problem nor a file problem (would be a 500): %v", err)
		}
		bad := 0
		if ie != nil {
			bad = len(ie.Rows)
		}
		if len(rows)+bad > MaxImportRows {
			t.Fatalf("%d rows and %d bad lines, more than %d", len(rows), bad, MaxImportRows)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for i, r := range rows {
			if r.Line < 1 || r.Line > lines || (i > 0 && r.Line < rows[i-1].Line) {
				t.Fatalf("row %d on line %d of %d lines (previous on %d)", i, r.Line, lines, rows[max(i-1, 0)].Line)
			}
		}
		if ie != nil {
			for _, re := range ie.Rows {
				if re.Line < 1 || re.Line > lines || re.Reason == "" {
					t.Fatalf("problem %+v: not a line of the %d-line file, or no reason", re, lines)
				}
			}
		}
		checkImportRoundTrip(t, rows)
	})
}

// checkImportRoundTrip writes rows as JSON and as CSV and reads them back.
// Values that JSON or CSV cannot carry unchanged (invalid UTF-8, carriage
// returns) are left out.
func checkImportRoundTrip(t *testing.T, rows []ImportRow) {
	var kept, trimmed []ImportRow
	for _, r := range rows {
		r.Line = 0
		vals := importValues(r)
		joined := strings.Join(vals, "")
		if strings.ContainsRune(joined, '\r') || slices.ContainsFunc(vals, func(v string) bool { return !utf8.ValidString(v) }) {
			continue // each value on its own: "\xef" and "\x96\x96" join into valid UTF-8
		}
		kept = append(kept, r)
		if strings.TrimSpace(joined) == "" || strings.ContainsRune(joined, '\n') {
			continue // CSV drops blank lines; a newline in a value shifts the line count
		}
		for i := range vals {
			vals[i] = strings.TrimSpace(vals[i])
		}
		trimmed = append(trimmed, ImportRow{Theater: vals[0], Screen: vals[1], Movie: vals[2], Date: vals[3], Time: vals[4],
			Language: vals[5], Format: vals[6], Subtitles: vals[7]})
	}
	if len(kept) > 0 {
		b, err := json.Marshal(kept)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseImport(bytes.NewReader(b), "again.json")
		if err != nil || !reflect.DeepEqual(withoutLines(back), kept) {
			t.Fatalf("rows %+v written as JSON read back as %+v, %v", kept, back, err)
		}
	}
	if len(trimmed) > 0 {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write(ImportColumns())
		for _, r := range trimmed {
			_ = w.Write(importValues(r))
		}
		w.Flush()
		back, err := ParseImport(&buf, "again.csv")
		if err != nil || !reflect.DeepEqual(withoutLines(back), trimmed) {
			t.Fatalf("rows %+v written as CSV read back as %+v, %v", trimmed, back, err)
		}
		for i, r := range back {
			if r.Line != i+2 {
				t.Fatalf("CSV row %d read on line %d", i, r.Line)
			}
		}
	}
}

func importValues(r ImportRow) []string {
	return []string{r.Theater, r.Screen, r.Movie, r.Date, r.Time, r.Language, r.Format, r.Subtitles}
}

func withoutLines(rows []ImportRow) []ImportRow {
	out := make([]ImportRow, len(rows))
	for i, r := range rows {
		r.Line = 0
		out[i] = r
	}
	return out
}

// FuzzImportRow feeds one row of an import to the check every row gets
// (resolve), against a catalogue of one theater, screen and movie: a row
// is usable only with its theater, screen, movie, date and time all known,
// and then starts on that date at that time of the theater's zone (or an
// hour later in a daylight-saving gap), with its values trimmed; a row that
// is not usable always says why.
func FuzzImportRow(f *testing.F) {
	f.Add("odeon", "Screen 1", "lantern", "2031-03-14", "18:45", "English", "2D", "")
	f.Add("odeon", " screen 1 ", "lantern", " 2031-03-30 ", " 01:30 ", " English ", " 2D ", " French ")
	f.Add("odeon", "Screen 2", "lantern", "2031-02-30", "25:00", "", "", "")
	f.Add("", "", "", "", "", "", "", "")
	f.Add(" ", "\t", "\n", "\u00a0", "\u2028", "x", "y", "z")
	f.Add("ODEON", "Screen 1", "Lantern", "14/03/2031", "6:45pm", "English", "2D", "")
	f.Add("odeon", "Screen 1", "lantern", "1999-12-31", "23:59", "English", "2D", "")
	f.Add("odeon", "Screen 1", "lantern", "2031-03-14", "18:45:00", "English", "2D", "")
	theater := Theater{ID: 1, Name: "Odeon", Slug: "odeon", TimeZone: "Europe/London"}
	lk := importLookup{
		theaters: map[string]Theater{"odeon": theater},
		screens:  map[int64]map[string]Screen{1: {"screen 1": {ID: 7, TheaterID: 1, Name: "Screen 1"}}},
		names:    map[int64][]string{1: {"Screen 1"}},
		movies:   map[string]Movie{"lantern": {ID: 3, Slug: "lantern"}},
	}
	now := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, th, screen, movie, date, clock, language, format, subtitles string) {
		row := ImportRow{Line: 2, Theater: th, Screen: screen, Movie: movie, Date: date, Time: clock, Language: language,
			Format: format, Subtitles: subtitles}
		in, ok, why := lk.resolve(row, now)
		for _, w := range why {
			if w.English() == "" {
				t.Fatalf("an empty reason for %+v", row)
			}
		}
		if !ok {
			if len(why) == 0 {
				t.Fatalf("row %+v refused without a reason", row)
			}
			return
		}
		if th != "odeon" || strings.ToLower(strings.TrimSpace(screen)) != "screen 1" || movie != "lantern" {
			t.Fatalf("row %+v resolved to screen %d, movie %d", row, in.ScreenID, in.MovieID)
		}
		if in.ScreenID != 7 || in.MovieID != 3 {
			t.Fatalf("row %+v resolved to screen %d, movie %d", row, in.ScreenID, in.MovieID)
		}
		day, err := time.Parse(time.DateOnly, strings.TrimSpace(date))
		if err != nil {
			t.Fatalf("date %q accepted: %v", date, err)
		}
		hm, err := time.Parse("15:04", strings.TrimSpace(clock))
		if err != nil {
			t.Fatalf("time %q accepted: %v", clock, err)
		}
		local := in.StartsAt.In(theater.Location())
		if local.Format(time.DateOnly) != day.Format(time.DateOnly) {
			t.Fatalf("row %+v starts on %v", row, local)
		}
		if got, want := local.Hour()*60+local.Minute(), hm.Hour()*60+hm.Minute(); got != want && got != want+60 {
			t.Fatalf("row %+v starts at %v", row, local)
		}
		if in.Language != strings.TrimSpace(language) || in.Format != strings.TrimSpace(format) ||
			in.Subtitles != strings.TrimSpace(subtitles) {
			t.Fatalf("row %+v read as %+v", row, in)
		}
		if past := !in.StartsAt.After(now); past != (len(why) > 0) {
			t.Fatalf("row %+v starts %v (now %v) with reasons %q", row, in.StartsAt, now, why)
		}
	})
}
