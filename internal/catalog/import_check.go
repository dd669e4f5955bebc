package catalog

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// importItem is a row that passed every check on its own.
type importItem struct {
	line int
	in   ShowInput
	plan plan
}

// importLookup holds what rows name, read in a fixed number of queries.
type importLookup struct {
	theaters map[string]Theater          // by slug
	screens  map[int64]map[string]Screen // by theater id, then lower-case name
	names    map[int64][]string          // screen names by theater id
	movies   map[string]Movie            // by slug
}

// ValidateImport checks rows exactly as ImportShows does, without importing
// anything. Errors: ErrInvalid (*ImportError listing every bad line, or
// validate.Errors{"file"} when there are no rows or too many).
func (s *Service) ValidateImport(ctx context.Context, rows []ImportRow) error {
	_, err := s.checkImport(ctx, rows)
	return err
}

// checkImport checks every row and returns them ready to schedule, or an
// *ImportError listing every bad line.
func (s *Service) checkImport(ctx context.Context, rows []ImportRow) ([]importItem, error) {
	return s.checkImportWith(ctx, rows, nil)
}

// checkImportWith is checkImport where rows may also name pending movies
// (by slug, with negative ids): movies a theater management system's feed
// brings, checked before any of them is created (see tms_port.go).
func (s *Service) checkImportWith(ctx context.Context, rows []ImportRow, pending []Movie) ([]importItem, error) {
	if len(rows) == 0 {
		return nil, validate.Errors{"file": i18n.Msg("The file has no shows in it.")}
	}
	if len(rows) > MaxImportRows {
		return nil, importTooMany(len(rows))
	}
	lk, err := s.importLookups(ctx, rows)
	if err != nil {
		return nil, err
	}
	now := s.now()
	pc := &planCache{movies: map[int64]Movie{}, screens: map[int64]Screen{}, theaters: map[int64]Theater{}, rules: map[int64][]PriceRule{}}
	for _, m := range pending {
		lk.movies[m.Slug], pc.movies[m.ID] = m, m
	}
	reasons := map[int][]Reason{} // by line
	var items []importItem
	for i, row := range rows {
		if row.Line == 0 {
			row.Line = i + 1
		}
		in, ok, why := lk.resolve(row, now)
		if ok {
			p, err := s.planShow(ctx, pc, in)
			fields, invalid := validate.Fields(err)
			switch {
			case invalid:
				why = append(why, importFieldReasons(fields, len(why) > 0)...)
			case err != nil:
				return nil, fmt.Errorf("check import line %d: %w", row.Line, err)
			case len(why) == 0:
				items = append(items, importItem{line: row.Line, in: in, plan: p})
			}
		}
		if len(why) > 0 {
			reasons[row.Line] = append(reasons[row.Line], why...)
		}
	}
	overlaps, err := s.importOverlaps(ctx, items)
	if err != nil {
		return nil, err
	}
	for line, why := range overlaps {
		reasons[line] = append(reasons[line], why...)
	}
	if len(reasons) > 0 {
		bad := make([]RowError, 0, len(reasons))
		for line, why := range reasons {
			bad = append(bad, rowError(line, why...))
		}
		sort.Slice(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
		return nil, &ImportError{Rows: bad}
	}
	return items, nil
}

// importFieldReasons turns the scheduler's field messages into reasons, in
// a fixed order. The start-time message is dropped when the row already
// has reasons (its past start is among them).
func importFieldReasons(fields validate.Errors, skipStart bool) []Reason {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		if k != "starts_at" || !skipStart {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := make([]Reason, len(keys))
	for i, k := range keys {
		out[i] = reason(fields[k])
	}
	return out
}

// importLookups reads every theater and screen, and the movies the rows name.
func (s *Service) importLookups(ctx context.Context, rows []ImportRow) (importLookup, error) {
	lk := importLookup{theaters: map[string]Theater{}, screens: map[int64]map[string]Screen{},
		names: map[int64][]string{}, movies: map[string]Movie{}}
	theaters, err := s.q.TheaterList(ctx, s.pool)
	if err != nil {
		return lk, fmt.Errorf("theaters for import: %w", err)
	}
	for _, t := range theaters {
		lk.theaters[t.Slug] = theaterFromRow(t)
		lk.screens[t.ID] = map[string]Screen{}
	}
	screens, err := s.q.ScreenAdminChoices(ctx, s.pool)
	if err != nil {
		return lk, fmt.Errorf("screens for import: %w", err)
	}
	for _, sc := range screens {
		if byName, ok := lk.screens[sc.TheaterID]; ok {
			byName[strings.ToLower(sc.Name)] = Screen{ID: sc.ID, TheaterID: sc.TheaterID, Name: sc.Name, Formats: sc.Formats}
			lk.names[sc.TheaterID] = append(lk.names[sc.TheaterID], sc.Name)
		}
	}
	slugs := make([]string, 0, len(rows))
	for _, r := range rows {
		slugs = append(slugs, r.Movie)
	}
	movies, err := s.q.MovieAdminBySlugs(ctx, s.pool, slugs)
	if err != nil {
		return lk, fmt.Errorf("movies for import: %w", err)
	}
	for _, m := range movies {
		lk.movies[m.Slug] = movieFromRow(m)
	}
	return lk, nil
}

// resolve reads one row: ok is true when its movie, screen and start are
// known (it may still have reasons, such as a start in the past).
func (lk importLookup) resolve(row ImportRow, now time.Time) (in ShowInput, ok bool, why []Reason) {
	var missing []string
	for col, v := range map[string]string{"theater": row.Theater, "screen": row.Screen, "movie": row.Movie,
		"date": row.Date, "time": row.Time, "language": row.Language, "format": row.Format} {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		why = append(why, reason(i18n.Msg("Missing {{.Columns}}."), "Columns", strings.Join(missing, ", ")))
	}
	th, thOK := lk.theaters[row.Theater]
	if row.Theater != "" && !thOK {
		why = append(why, reason(i18n.Msg("No theater has the slug {{.Slug}}."), "Slug", strconv.Quote(row.Theater)))
	}
	sc, scOK := lk.screens[th.ID][strings.ToLower(strings.TrimSpace(row.Screen))]
	if thOK && row.Screen != "" && !scOK {
		if n := lk.names[th.ID]; len(n) > 0 {
			why = append(why, reason(i18n.Msg("{{.Theater}} has no screen called {{.Screen}} (it has {{.Screens}})."),
				"Theater", th.Name, "Screen", strconv.Quote(row.Screen), "Screens", strings.Join(n, ", ")))
		} else {
			why = append(why, reason(i18n.Msg("{{.Theater}} has no screen called {{.Screen}} (it has no screens yet)."),
				"Theater", th.Name, "Screen", strconv.Quote(row.Screen)))
		}
	}
	m, mOK := lk.movies[row.Movie]
	if row.Movie != "" && !mOK {
		why = append(why, reason(i18n.Msg("No movie has the slug {{.Slug}}."), "Slug", strconv.Quote(row.Movie)))
	}
	day, dayErr := time.Parse(time.DateOnly, strings.TrimSpace(row.Date))
	if row.Date != "" && dayErr != nil {
		why = append(why, reason(i18n.Msg("The date {{.Date}} is not like 2031-03-14."), "Date", strconv.Quote(row.Date)))
	}
	clock, clockErr := parseClock(row.Time)
	if row.Time != "" && clockErr != nil {
		why = append(why, reason(i18n.Msg("The time {{.Time}} is not like 18:45."), "Time", strconv.Quote(row.Time)))
	}
	if !thOK || !scOK || !mOK || dayErr != nil || clockErr != nil {
		return ShowInput{}, false, why
	}
	loc := th.Location()
	start := time.Date(day.Year(), day.Month(), day.Day(), int(clock/time.Hour), int(clock%time.Hour/time.Minute), 0, 0, loc)
	if !start.After(now) {
		why = append(why, reason(i18n.Msg("It starts in the past ({{.Start}})."), "Start", importWhen{t: start.In(loc), day: true}))
	}
	return ShowInput{MovieID: m.ID, ScreenID: sc.ID, StartsAt: start, Language: strings.TrimSpace(row.Language),
		Format: strings.TrimSpace(row.Format), Subtitles: strings.TrimSpace(row.Subtitles)}, true, why
}

// importOverlaps finds, in one query, the items that overlap a live show
// or another item on the same screen (cleaning included); the reasons go to
// the later line of an overlapping pair.
func (s *Service) importOverlaps(ctx context.Context, items []importItem) (map[int][]Reason, error) {
	out := map[int][]Reason{}
	if len(items) == 0 {
		return out, nil
	}
	var screenIDs []int64
	from, until := items[0].plan.row.StartsAt, items[0].plan.row.CleanUntil
	byScreen := map[int64][]importItem{}
	for _, it := range items {
		id := it.plan.screen.ID
		if len(byScreen[id]) == 0 {
			screenIDs = append(screenIDs, id)
		}
		byScreen[id] = append(byScreen[id], it)
		from = importEarliest(from, it.plan.row.StartsAt)
		until = importLatest(until, it.plan.row.CleanUntil)
	}
	existing, err := s.q.ShowAdminLiveOnScreens(ctx, s.pool, catalogdb.ShowAdminLiveOnScreensParams{
		ScreenIds: screenIDs, FromTime: from, UntilTime: until})
	if err != nil {
		return nil, fmt.Errorf("shows on the imported screens: %w", err)
	}
	for _, x := range existing {
		for _, it := range byScreen[x.ScreenID] {
			if x.StartsAt.Before(it.plan.row.CleanUntil) && it.plan.row.StartsAt.Before(x.CleanUntil) {
				loc := it.plan.theater.Location()
				out[it.line] = append(out[it.line], reason(i18n.Msg("{{.Screen}} is taken by '{{.Movie}}' {{.From}}–{{.Until}}, cleaning included (show #{{.ID}})."),
					"Screen", it.plan.screen.Name, "Movie", x.MovieTitle, "From", importWhen{t: x.StartsAt.In(loc)},
					"Until", importWhen{t: x.CleanUntil.In(loc)}, "ID", x.ID))
			}
		}
	}
	for _, list := range byScreen {
		sort.Slice(list, func(i, j int) bool { return list[i].plan.row.StartsAt.Before(list[j].plan.row.StartsAt) })
		// busiest is the earlier item that keeps the screen busy longest.
		busiest := list[0]
		for _, it := range list[1:] {
			if it.plan.row.StartsAt.Before(busiest.plan.row.CleanUntil) {
				later, earlier := it, busiest
				if earlier.line > later.line {
					later, earlier = earlier, later
				}
				loc := earlier.plan.theater.Location()
				out[later.line] = append(out[later.line], reason(i18n.Msg("{{.Screen}} is taken by line {{.Line}}: '{{.Movie}}' {{.From}}–{{.Until}}, cleaning included."),
					"Screen", earlier.plan.screen.Name, "Line", earlier.line, "Movie", earlier.plan.movie.Title,
					"From", importWhen{t: earlier.plan.row.StartsAt.In(loc)}, "Until", importWhen{t: earlier.plan.row.CleanUntil.In(loc)}))
			}
			if it.plan.row.CleanUntil.After(busiest.plan.row.CleanUntil) {
				busiest = it
			}
		}
	}
	return out, nil
}

func importEarliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func importLatest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
