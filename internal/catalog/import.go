package catalog

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Limits of one import file.
const (
	MaxImportBytes = 2 << 20
	MaxImportRows  = 5000
)

// ErrImportTooLarge: the import file is larger than MaxImportBytes.
var ErrImportTooLarge = errors.New("that file is larger than 2 MB; split it into smaller files")

// ImportRow is one show of an import file from a theater management
// system, as written in the file.
type ImportRow struct {
	Line      int    `json:"-"`         // line of the file it starts on (a CSV header is line 1)
	Theater   string `json:"theater"`   // theater slug
	Screen    string `json:"screen"`    // screen name within the theater
	Movie     string `json:"movie"`     // movie slug
	Date      string `json:"date"`      // YYYY-MM-DD, the theater's local date
	Time      string `json:"time"`      // HH:MM, the theater's local time
	Language  string `json:"language"`  // one of the movie's languages
	Format    string `json:"format"`    // one the screen plays
	Subtitles string `json:"subtitles"` // optional
}

// ImportColumns names the columns (CSV) or keys (JSON) of an import, the
// optional subtitles last.
func ImportColumns() []string {
	return []string{"theater", "screen", "movie", "date", "time", "language", "format", "subtitles"}
}

// RowError is what is wrong with one line of an import.
type RowError struct {
	Line int
	// Reason is every reason in English, joined.
	Reason string
	// Reasons are the same, one by one, to render in a reader's language.
	Reasons []Reason
}

// rowError is line's RowError for reasons.
func rowError(line int, reasons ...Reason) RowError {
	en := make([]string, len(reasons))
	for i, r := range reasons {
		en[i] = r.English()
	}
	return RowError{Line: line, Reason: strings.Join(en, " "), Reasons: reasons}
}

// Text is every reason of the line in ctx's language, joined.
func (r RowError) Text(ctx context.Context) string {
	if len(r.Reasons) == 0 {
		return r.Reason
	}
	out := make([]string, len(r.Reasons))
	for i, x := range r.Reasons {
		out[i] = x.Text(ctx)
	}
	return strings.Join(out, " ")
}

// Reason is one thing wrong with a line: an i18n message id (made with
// i18n.Msg) and its placeholders' values as name, value pairs. A value
// that is an importWhen is written in the reader's language.
type Reason struct {
	ID   string
	Args []any
}

func reason(id string, kv ...any) Reason { return Reason{ID: id, Args: kv} }

// English is the reason in English, as the API and logs give it.
func (r Reason) English() string { return r.Text(i18n.WithLang(context.Background(), "en")) }

// Text is the reason in ctx's language. A message from elsewhere (a
// scheduler's field error) has no values; if it holds braces, they are
// data, not placeholders, and it is shown as it is.
func (r Reason) Text(ctx context.Context) string {
	if len(r.Args) == 0 && strings.Contains(r.ID, "{{") {
		return r.ID
	}
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		if w, ok := a.(importWhen); ok {
			a = w.format(ctx)
		}
		args[i] = a
	}
	return i18n.T(ctx, r.ID, args...)
}

// importWhen is an instant in a reason, already in the theater's zone.
type importWhen struct {
	t time.Time
	// day also writes the day: "Mon 2 Jan 2031 18:00 GMT".
	day bool
}

func (w importWhen) format(ctx context.Context) string {
	if !w.day {
		return i18n.Time(ctx, w.t)
	}
	return i18n.Weekday(ctx, w.t) + " " + i18n.Date(ctx, w.t) + " " + i18n.Time(ctx, w.t) + " " + w.t.Format("MST")
}

// ImportError lists every bad line of an import; nothing was imported. It
// matches ErrInvalid with errors.Is.
type ImportError struct{ Rows []RowError }

func (e *ImportError) Error() string {
	var parts []string
	for i, r := range e.Rows {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Rows)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("line %d: %s", r.Line, r.Reason))
	}
	return fmt.Sprintf("%d lines of the import need attention: %s", len(e.Rows), strings.Join(parts, "; "))
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *ImportError) Is(target error) bool { return target == ErrInvalid }

// ParseImport reads an import file: a JSON array of objects, or CSV with a
// header line naming the ImportColumns (in any order, subtitles optional).
// JSON is recognised by its content (or a .json name), anything else is
// read as CSV. When some lines cannot be read it returns the rows it could
// read together with an *ImportError naming the others, so the caller can
// check the rest too and report every problem at once. Errors:
// ErrImportTooLarge, ErrInvalid (validate.Errors{"file"} when the file as a
// whole is unusable, or *ImportError).
func ParseImport(r io.Reader, name string) ([]ImportRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read import file: %w", err)
	}
	if len(data) > MaxImportBytes {
		return nil, ErrImportTooLarge
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheets like a byte-order mark
	start := bytes.TrimLeft(data, " \t\r\n")
	if len(start) == 0 {
		return nil, validate.Errors{"file": i18n.Msg("The file is empty.")}
	}
	var rows []ImportRow
	if start[0] == '[' || start[0] == '{' || strings.EqualFold(filepath.Ext(name), ".json") {
		rows, err = parseImportJSON(data)
	} else {
		rows, err = parseImportCSV(data)
	}
	var ie *ImportError
	if errors.As(err, &ie) {
		if n := len(rows) + len(ie.Rows); n > MaxImportRows {
			return nil, importTooMany(n)
		}
		return rows, err
	}
	if err != nil {
		return nil, err
	}
	if len(rows) > MaxImportRows {
		return nil, importTooMany(len(rows))
	}
	return rows, nil
}

func importTooMany(n int) error {
	return fileError(reason(i18n.Msg("The file has {{.Count}} shows; import at most {{.Max}} at once."), "Count", n, "Max", MaxImportRows))
}

// FileError is a problem with an import file as a whole. It unwraps to
// validate.Errors{"file": the English}, so it matches ErrInvalid, and
// keeps its reasons to render in a reader's language.
type FileError struct{ Reasons []Reason }

func fileError(reasons ...Reason) *FileError { return &FileError{Reasons: reasons} }

func (e *FileError) Error() string { return e.Unwrap().Error() }

// Unwrap is the problem as the field error "file", in English.
func (e *FileError) Unwrap() error {
	return validate.Errors{"file": rowError(0, e.Reasons...).Reason}
}

// Text is the problem in ctx's language.
func (e *FileError) Text(ctx context.Context) string { return rowError(0, e.Reasons...).Text(ctx) }

func parseImportCSV(data []byte) ([]ImportRow, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fileError(reason(i18n.Msg("The first line must name the columns: {{.Columns}}."), "Columns", strings.Join(ImportColumns(), ",")))
	}
	cols := map[string]int{}
	var unknown []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(ImportColumns(), h) {
			unknown = append(unknown, fmt.Sprintf("%q", h))
			continue
		}
		cols[h] = i
	}
	var missing []string
	for _, c := range ImportColumns()[:7] {
		if _, ok := cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(unknown) > 0 || len(missing) > 0 {
		why := []Reason{reason(i18n.Msg("The header line must name the columns {{.Columns}} (subtitles is optional)."),
			"Columns", strings.Join(ImportColumns(), ", "))}
		if len(missing) > 0 {
			why = append(why, reason(i18n.Msg("Missing: {{.Columns}}."), "Columns", strings.Join(missing, ", ")))
		}
		if len(unknown) > 0 {
			why = append(why, reason(i18n.Msg("Unknown: {{.Columns}}."), "Columns", strings.Join(unknown, ", ")))
		}
		return nil, fileError(why...)
	}
	var rows []ImportRow
	var bad []RowError
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			bad = append(bad, rowError(pe.StartLine, reason(i18n.Msg("This line is not valid CSV: {{.Error}}."), "Error", pe.Err.Error())))
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read csv: %w", err)
		}
		line, _ := r.FieldPos(0)
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if len(rec) != len(header) {
			bad = append(bad, rowError(line, reason(i18n.Msg("This line has {{.Values}} values; the header names {{.Columns}} columns."),
				"Values", len(rec), "Columns", len(header))))
			continue
		}
		get := func(col string) string {
			if i, ok := cols[col]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		rows = append(rows, ImportRow{Line: line, Theater: get("theater"), Screen: get("screen"), Movie: get("movie"),
			Date: get("date"), Time: get("time"), Language: get("language"), Format: get("format"), Subtitles: get("subtitles")})
	}
	if len(bad) > 0 {
		return rows, &ImportError{Rows: bad}
	}
	return rows, nil
}

func parseImportJSON(data []byte) ([]ImportRow, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	notArray := fileError(reason(i18n.Msg(`A JSON import is an array of shows: [{"theater": "…", "screen": "…", …}, …].`)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, notArray
	}
	var rows []ImportRow
	var bad []RowError
	lines := &importLines{data: data}
	for dec.More() {
		line := lines.at(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				line = lines.at(se.Offset)
			}
			return rows, &ImportError{Rows: append(bad, rowError(line, reason(i18n.Msg("The file stops being valid JSON here: {{.Error}}."), "Error", err.Error())))}
		}
		row, why, ok := decodeImportReason(raw)
		if !ok {
			bad = append(bad, rowError(line, why))
			continue
		}
		row.Line = line
		rows = append(rows, row)
	}
	if _, err := dec.Token(); err != nil {
		return rows, &ImportError{Rows: append(bad, rowError(lines.at(dec.InputOffset()),
			reason(i18n.Msg("The array is not closed with ]."))))}
	}
	if len(bad) > 0 {
		return rows, &ImportError{Rows: bad}
	}
	return rows, nil
}

// decodeImportObject reads one element of a JSON import, or says why not
// in English.
func decodeImportObject(raw json.RawMessage) (ImportRow, string) {
	row, why, ok := decodeImportReason(raw)
	if ok {
		return row, ""
	}
	return row, why.English()
}

// decodeImportReason reads one element of a JSON import; ok is false, with
// the reason, when it cannot.
func decodeImportReason(raw json.RawMessage) (row ImportRow, why Reason, ok bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	err := d.Decode(&row)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return row, Reason{}, true
	case errors.As(err, &te) && te.Field != "":
		return row, reason(i18n.Msg("{{.Key}} must be text in quotes, like \"18:45\"."), "Key", strconv.Quote(te.Field)), false
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return row, reason(i18n.Msg("Unknown key {{.Key}}; the keys are {{.Keys}}."), "Key", strings.TrimPrefix(err.Error(), "json: unknown field "),
			"Keys", strings.Join(ImportColumns(), ", ")), false
	}
	return row, reason(i18n.Msg(`Each show is an object like {"theater": "…", "screen": "…", …}.`)), false
}

// importLines tells the line of the first value at or after an offset
// (which may sit before the comma or spaces that separate values). The
// decoder's offsets only grow, so it counts on from where it last stopped:
// counting from the start for every value took time in the square of the
// file's size (a 2 MB array of numbers, about half a minute).
type importLines struct {
	data      []byte
	pos, line int
}

func (l *importLines) at(offset int64) int {
	i := min(int(offset), len(l.data))
	for i < len(l.data) && strings.IndexByte(" \t\r\n,", l.data[i]) >= 0 {
		i++
	}
	if i < l.pos {
		return bytes.Count(l.data[:i], []byte("\n")) + 1
	}
	l.line += bytes.Count(l.data[l.pos:i], []byte("\n"))
	l.pos = i
	return l.line + 1
}

// ImportShows schedules every row in one transaction, or none: it checks
// every row first (theater, screen and movie known, date and time readable
// and in the future, a format the screen plays, a language the movie has,
// prices for every seat, no overlap with live shows nor with another row)
// and returns how many shows it scheduled. Errors: ErrInvalid
// (*ImportError listing every bad line with its reason, or
// validate.Errors{"file"}).
func (s *Service) ImportShows(ctx context.Context, rows []ImportRow) (int, error) {
	shows, err := s.importShowList(ctx, rows)
	return len(shows), err
}

// importShowList schedules rows as one batch and returns the shows
// it made. Errors: ErrInvalid (*ImportError, or validate.Errors{"file"}).
func (s *Service) importShowList(ctx context.Context, rows []ImportRow) ([]Show, error) {
	items, err := s.checkImport(ctx, rows)
	if err != nil {
		return nil, err
	}
	inputs := make([]ShowInput, len(items))
	for i, it := range items {
		inputs[i] = it.in
	}
	shows, err := s.schedule(ctx, inputs)
	var ce *ConflictError
	if errors.As(err, &ce) {
		// Another admin scheduled on these screens since the check.
		return nil, importConflictError(items, ce)
	}
	if err != nil {
		return nil, fmt.Errorf("import %d shows: %w", len(inputs), err)
	}
	return shows, nil
}

// importConflictError maps the conflicts the scheduler found back to lines.
func importConflictError(items []importItem, ce *ConflictError) *ImportError {
	var bad []RowError
	for _, c := range ce.Conflicts {
		for _, it := range items {
			if it.plan.screen.Name == c.Screen && it.plan.row.StartsAt.Equal(c.StartsAt) {
				bad = append(bad, RowError{Line: it.line, Reason: fmt.Sprintf("%s is now taken by %s.", c.Screen, c.BlockingTitle)})
			}
		}
	}
	sort.SliceStable(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
	return &ImportError{Rows: bad}
}
