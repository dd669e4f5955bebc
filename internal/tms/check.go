package tms

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/tms/tmsdb"
)

// maxPrice bounds one seat's price in a feed, as the admin's price form does.
const maxPrice = 100_000_00

// plan is what a run will change, once every row passed its checks.
type plan struct {
	films   []FeedFilm // films to create, in feed order
	pending map[string]catalog.MovieInput
	news    []newSession
	moves   []move
	cancels []tmsdb.TmsSession
	live    []liveSession // sessions scheduled here after the run (new ones filled in by apply)
}

type newSession struct {
	s   FeedSession
	row catalog.ImportRow
}

type move struct {
	ext      string
	showID   int64
	from, to time.Time
}

type liveSession struct {
	s       FeedSession
	showID  int64
	prices  catalog.Prices
	blocked []string // seats blocked for the TMS before this run
}

// pendingKey names a film not in the catalogue yet in import rows.
func pendingKey(filmID string) string { return "tms-film:" + filmID }

// sessionName names a session in the log: its id and its place in the feed.
func sessionName(i int, s FeedSession) string { return fmt.Sprintf("session %q (#%d)", s.ID, i+1) }

// check reads the feed against the catalogue and the map of external ids.
// refused lists every bad row with why; a plan is only applied when it is
// empty.
func (s *Service) check(ctx context.Context, conn tmsdb.TmsConnection, th catalog.Theater, f Feed, r *runLog) (plan, error) {
	p := plan{pending: map[string]catalog.MovieInput{}}
	screenList, err := s.catalog.Screens(ctx, th.ID)
	if err != nil {
		return p, err
	}
	screens := map[string]catalog.Screen{}
	for _, sc := range screenList {
		screens[strings.ToLower(sc.Name)] = sc
	}
	filmRows, err := s.q.FilmList(ctx, s.pool, conn.ID)
	if err != nil {
		return p, fmt.Errorf("films of connection %d: %w", conn.ID, err)
	}
	mapped := map[string]int64{}
	for _, fr := range filmRows {
		mapped[fr.ExternalID] = fr.MovieID
	}
	films := map[string]bool{}
	movieKey := map[string]string{} // film id -> what import rows call its movie
	for i, film := range f.Films {
		name := fmt.Sprintf("film %q (#%d)", film.ID, i+1)
		switch {
		case strings.TrimSpace(film.ID) == "":
			r.refuse(fmt.Sprintf("film #%d: it has no id.", i+1))
			continue
		case films[film.ID]:
			r.refuse(name + ": another film has the same id.")
			continue
		}
		films[film.ID] = true
		if id, ok := mapped[film.ID]; ok {
			m, err := s.catalog.Movie(ctx, id)
			if err != nil {
				return p, fmt.Errorf("movie %d of %s: %w", id, name, err)
			}
			movieKey[film.ID] = m.Slug
			continue
		}
		in, why := movieInput(film)
		if why == "" {
			if fields, ok := validate.Fields(s.catalog.ValidateMovie(in)); ok {
				why = joinFields(fields)
			}
		}
		if why != "" {
			r.refuse(name + ": " + why)
			continue
		}
		movieKey[film.ID] = pendingKey(film.ID)
		p.pending[pendingKey(film.ID)] = in
		p.films = append(p.films, film)
	}
	sessRows, err := s.q.SessionList(ctx, s.pool, conn.ID)
	if err != nil {
		return p, fmt.Errorf("sessions of connection %d: %w", conn.ID, err)
	}
	known := map[string]tmsdb.TmsSession{}
	for _, sr := range sessRows {
		known[sr.ExternalID] = sr
	}
	seen := map[string]bool{}
	lineOf := map[int]string{} // import line -> session name
	loc := th.Location()
	for i, fs := range f.Sessions {
		name := sessionName(i, fs)
		if strings.TrimSpace(fs.ID) == "" {
			r.refuse(fmt.Sprintf("session #%d: it has no id.", i+1))
			continue
		}
		if seen[fs.ID] {
			r.refuse(name + ": another session has the same id.")
			continue
		}
		seen[fs.ID] = true
		why := s.checkSession(fs, films, screens)
		if len(why) > 0 {
			r.refuse(name + ": " + strings.Join(why, " "))
			continue
		}
		start, _ := time.Parse(time.RFC3339, fs.StartsAt)
		prices := catalog.Prices{}
		for c, v := range fs.Prices {
			prices[catalog.Category(c)] = v
		}
		sr, isKnown := known[fs.ID]
		switch {
		case isKnown && fs.Status == sessionCancelled:
			p.cancels = append(p.cancels, sr)
		case isKnown:
			ls, mv, why, err := s.checkKnown(ctx, fs, sr, start, mapped, screens)
			if err != nil {
				return p, err
			}
			if why != "" {
				r.refuse(name + ": " + why)
				continue
			}
			if ls.showID == 0 {
				r.info(name + ": its show was cancelled in Marquee; the session is left alone.")
				continue
			}
			ls.prices = prices
			if mv != nil {
				p.moves = append(p.moves, *mv)
			}
			p.live = append(p.live, ls)
		case fs.Status == sessionCancelled:
			// Never scheduled here: nothing to cancel.
		default:
			local := start.In(loc)
			row := catalog.ImportRow{Line: i + 1, Theater: th.Slug, Screen: fs.Screen, Movie: movieKey[fs.Film],
				Date: local.Format(time.DateOnly), Time: local.Format("15:04"), Language: fs.Language,
				Format: fs.Format, Subtitles: fs.Subtitles}
			lineOf[row.Line] = name
			p.news = append(p.news, newSession{s: fs, row: row})
			p.live = append(p.live, liveSession{s: fs, prices: prices})
		}
	}
	for _, sr := range sessRows {
		if !seen[sr.ExternalID] {
			p.cancels = append(p.cancels, sr)
		}
	}
	if len(p.news) > 0 {
		rows := make([]catalog.ImportRow, len(p.news))
		for i, n := range p.news {
			rows[i] = n.row
		}
		err := s.catalog.ValidateImportWith(ctx, rows, p.pending)
		var ie *catalog.ImportError
		fields, invalid := validate.Fields(err)
		switch {
		case errors.As(err, &ie):
			for _, re := range ie.Rows {
				r.refuse(lineOf[re.Line] + ": " + strings.ReplaceAll(re.Reason, pendingKey(""), "new film "))
			}
		case invalid:
			r.refuse("the feed's sessions: " + joinFields(fields))
		case err != nil:
			return p, fmt.Errorf("check new sessions: %w", err)
		}
	}
	return p, nil
}

// checkSession checks what a session says on its own.
func (s *Service) checkSession(fs FeedSession, films map[string]bool, screens map[string]catalog.Screen) []string {
	var why []string
	if fs.Status != sessionScheduled && fs.Status != sessionCancelled {
		why = append(why, fmt.Sprintf("status %q is neither %q nor %q.", fs.Status, sessionScheduled, sessionCancelled))
	}
	if !films[fs.Film] {
		why = append(why, fmt.Sprintf("its film %q is not among the feed's films.", fs.Film))
	}
	start, err := time.Parse(time.RFC3339, fs.StartsAt)
	switch {
	case err != nil:
		why = append(why, fmt.Sprintf("starts_at %q is not an RFC 3339 time like 2031-03-14T18:45:00+01:00.", fs.StartsAt))
	case start.Second() != 0 || start.Nanosecond() != 0:
		why = append(why, fmt.Sprintf("starts_at %q is not on a whole minute.", fs.StartsAt))
	}
	sc, ok := screens[strings.ToLower(strings.TrimSpace(fs.Screen))]
	if !ok || fs.Status == sessionCancelled {
		return why // the import check names a missing screen
	}
	cats := sc.Layout.CategoriesUsed()
	for _, c := range cats {
		v, ok := fs.Prices[string(c)]
		if !ok {
			why = append(why, fmt.Sprintf("it has no price for %s seats.", c))
		} else if v < 0 || v > maxPrice {
			why = append(why, fmt.Sprintf("the price %d for %s seats is not between 0 and %d.", v, c, maxPrice))
		}
	}
	for c := range fs.Prices {
		if !slices.Contains(cats, catalog.Category(c)) {
			why = append(why, fmt.Sprintf("%s has no %q seats to price.", sc.Name, c))
		}
	}
	labels := map[string]bool{}
	for _, st := range sc.Layout.Seats() {
		labels[st.Label] = !st.Blocked
	}
	var unknown []string
	for _, l := range fs.SeatsSold {
		if !labels[l] {
			unknown = append(unknown, l)
		}
	}
	if len(unknown) > 0 {
		why = append(why, fmt.Sprintf("%s has no seat for sale called %s.", sc.Name, strings.Join(unknown, ", ")))
	}
	return why
}

// checkKnown checks a session scheduled here before: its film and screen
// stay, and a new time must be free. A zero showID means the show was
// cancelled in Marquee.
func (s *Service) checkKnown(ctx context.Context, fs FeedSession, sr tmsdb.TmsSession, start time.Time,
	mapped map[string]int64, screens map[string]catalog.Screen) (liveSession, *move, string, error) {
	show, err := s.catalog.Show(ctx, sr.ShowID)
	if err != nil {
		return liveSession{}, nil, "", fmt.Errorf("show %d of session %q: %w", sr.ShowID, fs.ID, err)
	}
	if show.Status != catalog.Scheduled {
		return liveSession{}, nil, "", nil
	}
	if id, ok := mapped[fs.Film]; !ok || id != show.MovieID {
		return liveSession{}, nil, "its film changed; a session keeps its film (cancel it and add a new session).", nil
	}
	if sc, ok := screens[strings.ToLower(strings.TrimSpace(fs.Screen))]; !ok || sc.ID != show.ScreenID {
		return liveSession{}, nil, "its screen changed; a session keeps its screen (cancel it and add a new session).", nil
	}
	if fs.Format != show.Format || fs.Language != show.Language {
		return liveSession{}, nil, "its format or language changed; a session keeps both (cancel it and add a new session).", nil
	}
	ls := liveSession{s: fs, showID: sr.ShowID, blocked: sr.Blocked}
	if start.Equal(show.StartsAt) {
		return ls, nil, "", nil
	}
	err = s.catalog.CheckMoveShow(ctx, sr.ShowID, start)
	fields, invalid := validate.Fields(err)
	var ce *catalog.ConflictError
	switch {
	case invalid:
		return ls, nil, "it cannot move: " + joinFields(fields), nil
	case errors.As(err, &ce):
		var parts []string
		for _, c := range ce.Conflicts {
			parts = append(parts, fmt.Sprintf("%s is taken by '%s' from %s", c.Screen, c.BlockingTitle,
				c.BlockingStart.Format(time.RFC3339)))
		}
		return ls, nil, "it cannot move: " + strings.Join(parts, "; ") + ".", nil
	case err != nil:
		return ls, nil, "", err
	}
	return ls, &move{ext: fs.ID, showID: sr.ShowID, from: show.StartsAt, to: start}, "", nil
}

// movieInput is the catalogue movie a feed's film becomes.
func movieInput(f FeedFilm) (catalog.MovieInput, string) {
	day, err := time.Parse(time.DateOnly, f.ReleaseDate)
	if f.ReleaseDate != "" && err != nil {
		return catalog.MovieInput{}, fmt.Sprintf("release_date %q is not like 2031-03-14.", f.ReleaseDate)
	}
	return catalog.MovieInput{Title: f.Title, RuntimeMinutes: f.RuntimeMinutes, ReleaseDate: day,
		Certification: f.Certification, OriginalLanguage: f.OriginalLanguage, DubbedLanguages: f.DubbedLanguages,
		SubtitleLanguages: f.SubtitleLanguages, Genres: f.Genres, Formats: f.Formats, Synopsis: f.Synopsis,
		Status: catalog.NowShowing}, ""
}

// joinFields writes validate.Errors as one sentence list, in field order.
func joinFields(fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + fields[k]
	}
	return strings.Join(parts, " ")
}
