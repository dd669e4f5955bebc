package catalog

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// emptyCreditRows is how many blank cast and crew rows the form always
// offers, so more people can be added without JavaScript.
const emptyCreditRows = 3

// adminGenres are the genres offered as checkboxes; a movie's own genres
// are offered too when they are not among them.
func adminGenres() []string {
	return []string{"Action", "Adventure", "Animation", "Biography", "Comedy", "Crime", "Documentary", "Drama",
		"Family", "Fantasy", "Horror", "Musical", "Mystery", "Romance", "Science Fiction", "Sports", "Thriller", "War"}
}

// movieForm is a submitted movie form: the service's input and the values
// as typed, for re-rendering.
type movieForm struct {
	in     MovieInput
	values views.MovieFormValues
	cast   []views.CreditRow
	crew   []views.CreditRow
}

// parseMovieForm reads the movie form. Unparseable numbers and dates become
// zero, which the service's validation reports next to the field.
func parseMovieForm(c echo.Context) (movieForm, error) {
	form, err := c.FormParams()
	if err != nil {
		return movieForm{}, echo.NewHTTPError(http.StatusBadRequest, i18n.T(c.Request().Context(), "The form could not be read."))
	}
	v := views.MovieFormValues{
		Title: form.Get("title"), Tagline: form.Get("tagline"), Synopsis: form.Get("synopsis"),
		Runtime: strings.TrimSpace(form.Get("runtime_minutes")), ReleaseDate: strings.TrimSpace(form.Get("release_date")),
		Certification: form.Get("certification"), Status: form.Get("status"),
		OriginalLanguage: form.Get("original_language"), DubbedLanguages: form.Get("dubbed_languages"),
		SubtitleLanguages: form.Get("subtitle_languages"), TrailerURL: strings.TrimSpace(form.Get("trailer_url")),
		Genres: form["genres"], Formats: form["formats"],
	}
	runtime, _ := strconv.Atoi(v.Runtime)
	release, _ := time.Parse(time.DateOnly, v.ReleaseDate)
	cast := adminCreditRows(form["cast_name"], form["cast_role"])
	crew := adminCreditRows(form["crew_name"], form["crew_role"])
	in := MovieInput{
		Title: strings.TrimSpace(v.Title), Tagline: strings.TrimSpace(v.Tagline), Synopsis: strings.TrimSpace(v.Synopsis),
		RuntimeMinutes: runtime, ReleaseDate: release, Certification: v.Certification,
		OriginalLanguage: strings.TrimSpace(v.OriginalLanguage), DubbedLanguages: adminList(v.DubbedLanguages),
		SubtitleLanguages: adminList(v.SubtitleLanguages), Genres: v.Genres, Formats: v.Formats,
		Status: MovieStatus(v.Status), TrailerURL: v.TrailerURL,
		Cast: adminCredits(cast), Crew: adminCredits(crew),
	}
	return movieForm{in: in, values: v, cast: cast, crew: crew}, nil
}

// adminCreditRows pairs names with roles, dropping rows left entirely empty.
func adminCreditRows(names, roles []string) []views.CreditRow {
	var out []views.CreditRow
	for i, n := range names {
		r := views.CreditRow{Name: strings.TrimSpace(n)}
		if i < len(roles) {
			r.Role = strings.TrimSpace(roles[i])
		}
		if r.Name != "" || r.Role != "" {
			out = append(out, r)
		}
	}
	return out
}

func adminCredits(rows []views.CreditRow) []Credit {
	out := make([]Credit, len(rows))
	for i, r := range rows {
		out[i] = Credit{Name: r.Name, Role: r.Role}
	}
	return out
}

// movieFormValues is a stored movie as the form shows it.
func movieFormValues(m Movie) (views.MovieFormValues, []views.CreditRow, []views.CreditRow) {
	v := views.MovieFormValues{
		Title: m.Title, Tagline: m.Tagline, Synopsis: m.Synopsis, Runtime: strconv.Itoa(m.RuntimeMinutes),
		ReleaseDate: m.ReleaseDate.Format(time.DateOnly), Certification: m.Certification, Status: string(m.Status),
		OriginalLanguage: m.OriginalLanguage, DubbedLanguages: strings.Join(m.DubbedLanguages, ", "),
		SubtitleLanguages: strings.Join(m.SubtitleLanguages, ", "), TrailerURL: m.TrailerURL,
		Genres: m.Genres, Formats: m.Formats,
	}
	rows := func(cs []Credit) []views.CreditRow {
		out := make([]views.CreditRow, len(cs))
		for i, c := range cs {
			out[i] = views.CreditRow{Name: c.Name, Role: c.Role}
		}
		return out
	}
	return v, rows(m.Cast), rows(m.Crew)
}

// movieFormProps assembles the form page in ctx's language. saved is the
// stored movie on the edit page, nil on the new-movie page.
func (h *Handler) movieFormProps(ctx context.Context, saved *Movie, v views.MovieFormValues, cast, crew []views.CreditRow, errs validate.Errors) views.MovieFormProps {
	genres := adminGenres()
	for _, g := range v.Genres {
		if !slices.Contains(genres, g) {
			genres = append(genres, g)
		}
	}
	p := views.MovieFormProps{
		Values: v, Errors: errs,
		Certifications: adminChoices(h.svc.Certifications().Ratings),
		Statuses:       adminStatusChoices(ctx),
		Genres:         adminChoices(genres),
		Formats:        adminChoices(Formats()),
		Cast:           append(slices.Clone(cast), make([]views.CreditRow, emptyCreditRows)...),
		Crew:           append(slices.Clone(crew), make([]views.CreditRow, emptyCreditRows)...),
	}
	if saved != nil {
		p.ID, p.SavedTitle = saved.ID, saved.Title
		p.PosterURL = saved.PosterURL()
		p.Status, p.StatusLabel = string(saved.Status), movieStatusLabel(ctx, saved.Status)
		p.StatusActions = h.movieStatusActions(ctx, *saved)
	}
	return p
}

// movieStatusActions are the status changes offered for m: archive a
// current movie, restore an archived one to what its release date implies.
// The labels are in ctx's language.
func (h *Handler) movieStatusActions(ctx context.Context, m Movie) []views.CatalogChoice {
	switch m.Status {
	case Archived:
		restore := NowShowing
		if m.ReleaseDate.After(h.svc.now()) {
			restore = ComingSoon
		}
		return []views.CatalogChoice{{Value: string(restore), Label: i18n.T(ctx, "Restore")}}
	case ComingSoon:
		return []views.CatalogChoice{{Value: string(NowShowing), Label: i18n.T(ctx, "Mark now showing")}, {Value: string(Archived), Label: i18n.T(ctx, "Archive")}}
	}
	return []views.CatalogChoice{{Value: string(Archived), Label: i18n.T(ctx, "Archive")}}
}

func adminStatusChoices(ctx context.Context) []views.CatalogChoice {
	var out []views.CatalogChoice
	for _, s := range []MovieStatus{ComingSoon, NowShowing, Archived} {
		out = append(out, views.CatalogChoice{Value: string(s), Label: movieStatusLabel(ctx, s)})
	}
	return out
}

// movieStatusLabel is MovieStatus.Label in ctx's language.
func movieStatusLabel(ctx context.Context, s MovieStatus) string {
	switch s {
	case ComingSoon:
		return i18n.T(ctx, "Coming soon")
	case NowShowing:
		return i18n.T(ctx, "Now showing")
	}
	return i18n.T(ctx, "Archived")
}

func adminChoices(values []string) []views.CatalogChoice {
	out := make([]views.CatalogChoice, len(values))
	for i, v := range values {
		out[i] = views.CatalogChoice{Value: v, Label: v}
	}
	return out
}
