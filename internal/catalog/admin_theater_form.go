package catalog

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// theaterForm is a submitted theater form: the service's input, the
// values as typed, and the problems found while parsing.
type theaterForm struct {
	in     TheaterInput
	values views.TheaterFormValues
	errs   validate.Errors
}

// parseTheaterForm reads the theater form. An empty time zone means the
// city's. Problems are collected with the service's own checks, so the
// form shows all of them at once and nothing is saved while any remain.
func parseTheaterForm(c echo.Context, cities []City) (theaterForm, error) {
	form, err := c.FormParams()
	if err != nil {
		return theaterForm{}, echo.NewHTTPError(http.StatusBadRequest, i18n.T(c.Request().Context(), "The form could not be read."))
	}
	v := views.TheaterFormValues{
		Name: form.Get("name"), City: form.Get("city"), Address: form.Get("address"),
		Latitude: strings.TrimSpace(form.Get("latitude")), Longitude: strings.TrimSpace(form.Get("longitude")),
		TimeZone: strings.TrimSpace(form.Get("time_zone")), Amenities: form["amenities"],
		Trailer: strings.TrimSpace(form.Get("trailer_minutes")), Cleaning: strings.TrimSpace(form.Get("cleaning_minutes")),
	}
	var errs validate.Errors
	in := TheaterInput{
		Name: strings.TrimSpace(v.Name), CitySlug: v.City, Address: strings.TrimSpace(v.Address),
		TimeZone: v.TimeZone, Amenities: v.Amenities,
	}
	in.Latitude = adminOptionalFloat(v.Latitude, "latitude", i18n.Msg("Enter the latitude as a number, e.g. 51.5072."), &errs)
	in.Longitude = adminOptionalFloat(v.Longitude, "longitude", i18n.Msg("Enter the longitude as a number, e.g. -0.1276."), &errs)
	in.TrailerMinutes = adminMinutes(v.Trailer, "trailer_minutes", &errs)
	in.CleaningMinutes = adminMinutes(v.Cleaning, "cleaning_minutes", &errs)
	if in.TimeZone == "" {
		if i := slices.IndexFunc(cities, func(ct City) bool { return ct.Slug == in.CitySlug }); i >= 0 {
			in.TimeZone = cities[i].TimeZone
		}
	}
	if err := in.validate(); err != nil {
		fields, _ := validate.Fields(err)
		for f, msg := range fields {
			errs.Add(f, msg)
		}
	}
	return theaterForm{in: in, values: v, errs: errs}, nil
}

func adminOptionalFloat(s, field, msg string, errs *validate.Errors) *float64 {
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		errs.Add(field, msg)
		return nil
	}
	return &f
}

func adminMinutes(s, field string, errs *validate.Errors) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		errs.Add(field, i18n.Msg("Enter a whole number of minutes."))
	}
	return n
}

// theaterFormValues is a stored theater as the form shows it.
func theaterFormValues(t Theater) views.TheaterFormValues {
	v := views.TheaterFormValues{
		Name: t.Name, City: t.CitySlug, Address: t.Address, TimeZone: t.TimeZone, Amenities: t.Amenities,
		Trailer: strconv.Itoa(t.TrailerMinutes), Cleaning: strconv.Itoa(t.CleaningMinutes),
	}
	if t.Latitude != nil {
		v.Latitude = strconv.FormatFloat(*t.Latitude, 'f', -1, 64)
	}
	if t.Longitude != nil {
		v.Longitude = strconv.FormatFloat(*t.Longitude, 'f', -1, 64)
	}
	return v
}

// theaterFormProps assembles the form page in ctx's language; saved is nil
// for a new theater.
func theaterFormProps(ctx context.Context, cities []City, saved *Theater, v views.TheaterFormValues, errs validate.Errors) views.TheaterFormProps {
	p := views.TheaterFormProps{Values: v, Errors: errs}
	for _, ct := range cities {
		p.Cities = append(p.Cities, views.CatalogChoice{Value: ct.Slug, Label: ct.Name})
		if !slices.Contains(p.TimeZones, ct.TimeZone) {
			p.TimeZones = append(p.TimeZones, ct.TimeZone)
		}
	}
	amenities := Amenities()
	for k, label := range amenities {
		amenities[k] = i18n.T(ctx, label)
	}
	keys := make([]string, 0, len(amenities))
	for k := range amenities {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(amenities[a], amenities[b]) })
	for _, k := range keys {
		p.Amenities = append(p.Amenities, views.CatalogChoice{Value: k, Label: amenities[k]})
	}
	if saved != nil {
		p.ID, p.SavedName = saved.ID, saved.Name
	}
	return p
}
