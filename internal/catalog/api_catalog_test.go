package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
)

// Shapes an app decodes the catalogue API into.
type (
	apiCityJSON struct {
		Slug, Name, Currency string
		TimeZone             string `json:"time_zone"`
		Theaters, Shows      int
	}
	apiMovieJSON struct {
		ID        int64
		Title     string
		Status    string
		Genres    []string
		Languages []string
		Rating    struct {
			Average *float64
			Count   int
		}
	}
	apiShowJSON struct {
		ID             int64
		StartsAt       string `json:"starts_at"`
		Format         string
		Language       string
		Subtitles      *string
		Screen         string
		Availability   string
		SeatsAvailable int    `json:"seats_available"`
		PriceFrom      *int64 `json:"price_from"`
		Currency       string
	}
	apiTheaterJSON struct {
		ID         int64
		Name, City string
		DistanceKm *float64 `json:"distance_km"`
		Amenities  []struct{ Code, Label string }
	}
	apiPageJSON[T any] struct {
		Items      []T
		NextCursor string `json:"next_cursor"`
	}
)

// apiGet fetches path anonymously and asserts the status.
func apiGet(t *testing.T, b *testBundle, path string, status int, header ...string) *apptest.APIResponse {
	t.Helper()
	r := b.API(t).Do(t, http.MethodGet, path, nil, header...)
	require.Equal(t, status, r.Status, "GET %s: %s", path, r.Body)
	return r
}

// requireField asserts an error answer names field.
func requireField(t *testing.T, b *testBundle, path string, status int, field string) {
	t.Helper()
	p := apiGet(t, b, path, status).Problem(t)
	if field != "" {
		require.Contains(t, p.Fields, field, "GET %s names the field %s: %+v", path, field, p)
	}
}

// allPages follows next_cursor from path, limit items a page, and returns
// every item's id in order, failing on an endless list.
func allPages[T any](t *testing.T, b *testBundle, path string, limit int, id func(T) int64) ([]int64, int) {
	t.Helper()
	var ids []int64
	cursor, pages := "", 0
	for {
		q := url.Values{"limit": {fmt.Sprint(limit)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		sep := "?"
		if u, _ := url.Parse(path); u.RawQuery != "" {
			sep = "&"
		}
		var page apiPageJSON[T]
		apiGet(t, b, path+sep+q.Encode(), http.StatusOK).JSON(t, &page)
		pages++
		require.LessOrEqual(t, len(page.Items), limit)
		for _, it := range page.Items {
			ids = append(ids, id(it))
		}
		if page.NextCursor == "" {
			return ids, pages
		}
		require.Less(t, pages, 50, "the list ends")
		cursor = page.NextCursor
	}
}

// newMovieWith makes a now-showing movie as newMovie does, changed by edit.
func newMovieWith(t *testing.T, b *testBundle, title string, edit func(*catalog.MovieInput)) catalog.Movie {
	t.Helper()
	in := catalog.MovieInput{
		Title: title, Synopsis: "A test film.", RuntimeMinutes: 100, ReleaseDate: b.now.AddDate(0, 0, -7),
		Certification: "PG-13", OriginalLanguage: "English", Genres: []string{"Drama"}, Formats: []string{"2D"},
		Status: catalog.NowShowing,
	}
	edit(&in)
	m, err := b.Catalog.CreateMovie(context.Background(), in)
	require.NoError(t, err)
	return m
}

// newTheaterAt makes a Mumbai theater at (lat, lng), or without
// coordinates when both are 0.
func newTheaterAt(t *testing.T, b *testBundle, name string, lat, lng float64) catalog.Theater {
	t.Helper()
	newCity(t, b, "Mumbai", "Asia/Kolkata", "INR")
	in := catalog.TheaterInput{Name: name, CitySlug: "mumbai", TimeZone: "Asia/Kolkata", TrailerMinutes: 15, CleaningMinutes: 15}
	if lat != 0 || lng != 0 {
		in.Latitude, in.Longitude = &lat, &lng
	}
	th, err := b.Catalog.CreateTheater(context.Background(), in)
	require.NoError(t, err)
	return th
}

func TestTheCityListNamesEachCityWithItsTheatersAndUpcomingShows(t *testing.T) {
	t.Parallel()
	b := setup(t)
	london := newTheater(t, b, "Riverside")
	newTheater(t, b, "Northgate")
	newMumbaiTheater(t, b, "Bandra Talkies")
	sc := newScreen(t, b, london.ID, "Screen 1")
	m := newMovie(t, b, "Harbour Lights")
	newShow(t, b, m.ID, sc.ID, b.now.Add(3*time.Hour))
	newShow(t, b, m.ID, sc.ID, b.now.Add(30*24*time.Hour)) // beyond the week

	r := apiGet(t, b, "/api/v1/cities", http.StatusOK)
	var got struct{ Items []apiCityJSON }
	r.JSON(t, &got)
	require.Equal(t, []apiCityJSON{
		{Slug: "london", Name: "London", Currency: "GBP", TimeZone: "Europe/London", Theaters: 2, Shows: 1},
		{Slug: "mumbai", Name: "Mumbai", Currency: "INR", TimeZone: "Asia/Kolkata", Theaters: 1, Shows: 0},
	}, got.Items)
	require.Equal(t, "public, max-age=60", r.Header.Get("Cache-Control"))
	etag := r.Header.Get("ETag")
	require.NotEmpty(t, etag)

	again := apiGet(t, b, "/api/v1/cities", http.StatusNotModified, "If-None-Match", etag)
	require.Empty(t, again.Body, "a 304 has no body")
	apiGet(t, b, "/api/v1/cities", http.StatusOK, "If-None-Match", `"stale"`)
}

func TestTheMovieListFiltersByCityDayGenreLanguageFormatAndStatus(t *testing.T) {
	t.Parallel()
	b := setup(t)
	london := newTheater(t, b, "Riverside")
	ls := newScreen(t, b, london.ID, "Screen 1", "2D", "IMAX")
	mumbai := newMumbaiTheater(t, b, "Bandra Talkies")
	ms := newScreen(t, b, mumbai.ID, "Screen 1")

	drama := newMovieWith(t, b, "Harbour Lights", func(in *catalog.MovieInput) { in.Formats = []string{"2D", "IMAX"} })
	comedy := newMovieWith(t, b, "Laughing Gas", func(in *catalog.MovieInput) {
		in.Genres, in.OriginalLanguage, in.DubbedLanguages = []string{"Comedy"}, "Hindi", []string{"English"}
	})
	soon := newMovieWith(t, b, "Next Summer", func(in *catalog.MovieInput) {
		in.Status, in.ReleaseDate = catalog.ComingSoon, b.now.AddDate(0, 2, 0)
	})
	old := newMovieWith(t, b, "Old Reel", func(in *catalog.MovieInput) { in.Status = catalog.Archived })

	// Harbour Lights in London in IMAX today and tomorrow; Laughing Gas in
	// Mumbai in Hindi the day after tomorrow (IST).
	_, err := b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: drama.ID, ScreenID: ls.ID,
		StartsAt: b.now.Add(3 * time.Hour), Language: "English", Format: "IMAX"})
	require.NoError(t, err)
	newShow(t, b, drama.ID, ls.ID, b.now.Add(27*time.Hour))
	_, err = b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: comedy.ID, ScreenID: ms.ID,
		StartsAt: time.Date(2031, 3, 14, 13, 30, 0, 0, time.UTC), Language: "Hindi", Format: "2D"})
	require.NoError(t, err)

	titles := func(query string) []string {
		t.Helper()
		var page apiPageJSON[apiMovieJSON]
		apiGet(t, b, "/api/v1/movies"+query, http.StatusOK).JSON(t, &page)
		out := []string{}
		for _, m := range page.Items {
			out = append(out, m.Title)
		}
		return out
	}
	require.ElementsMatch(t, []string{"Harbour Lights", "Laughing Gas", "Next Summer"}, titles(""), "archived movies are left out by default")
	require.Equal(t, []string{"Old Reel"}, titles("?status=archived"))
	require.Equal(t, []string{"Next Summer"}, titles("?status=coming_soon"))
	require.Equal(t, []string{"Harbour Lights"}, titles("?city=london"))
	require.Equal(t, []string{"Laughing Gas"}, titles("?city=mumbai"))
	require.Equal(t, []string{"Harbour Lights"}, titles("?city=london&date=2031-03-13"))
	require.Empty(t, titles("?city=mumbai&date=2031-03-13"))
	require.Equal(t, []string{"Laughing Gas"}, titles("?city=mumbai&date=2031-03-14"), "the city's own day")
	require.Equal(t, []string{"Laughing Gas"}, titles("?genre=comedy"), "case does not matter")
	require.Equal(t, []string{"Laughing Gas"}, titles("?language=hindi"))
	require.ElementsMatch(t, []string{"Harbour Lights", "Laughing Gas", "Next Summer"}, titles("?language=English"), "dubbed languages count")
	require.Equal(t, []string{"Harbour Lights"}, titles("?format=imax"))
	require.Equal(t, []string{"Harbour Lights"}, titles("?city=london&format=IMAX&language=English"))
	require.Empty(t, titles("?city=london&format=IMAX&date=2031-03-13"), "tomorrow's London show is 2D")
	require.Empty(t, titles("?city=mumbai&language=English"), "Mumbai plays it in Hindi only")

	var page apiPageJSON[apiMovieJSON]
	apiGet(t, b, "/api/v1/movies?status=coming_soon", http.StatusOK).JSON(t, &page)
	require.Equal(t, soon.ID, page.Items[0].ID)
	require.Equal(t, "coming_soon", page.Items[0].Status)
	require.Nil(t, page.Items[0].Rating.Average, "no rating yet")
	_ = old
}

func TestTheMovieListRefusesBadFiltersNamingTheField(t *testing.T) {
	t.Parallel()
	b := setup(t)
	newTheater(t, b, "Riverside")
	newMovie(t, b, "Harbour Lights")

	for query, field := range map[string]string{
		"?status=showing":              "status",
		"?genre=Western":               "genre",
		"?language=Klingon":            "language",
		"?format=8K":                   "format",
		"?city=atlantis":               "city",
		"?city=london&date=13-03-2031": "date",
		"?date=2031-03-13":             "date",
	} {
		requireField(t, b, "/api/v1/movies"+query, http.StatusUnprocessableEntity, field)
	}
	requireField(t, b, "/api/v1/movies?limit=0", http.StatusBadRequest, "")
	requireField(t, b, "/api/v1/movies?limit=101", http.StatusBadRequest, "")
	requireField(t, b, "/api/v1/movies?cursor=not-ours", http.StatusBadRequest, "")
}

func TestPagingThroughMoviesAndTheatersYieldsEachOnceInOrder(t *testing.T) {
	t.Parallel()
	b := setup(t)
	var movies, theaters []int64
	for i := range 7 {
		movies = append(movies, newMovie(t, b, fmt.Sprintf("Film %d", i)).ID)
		theaters = append(theaters, newTheaterAt(t, b, fmt.Sprintf("Cinema %d", i), 19+float64(i)/100, 72.8).ID)
	}

	got, pages := allPages(t, b, "/api/v1/movies", 3, func(m apiMovieJSON) int64 { return m.ID })
	require.Equal(t, movies, got, "equally popular movies come by id, each once")
	require.Equal(t, 3, pages)

	got, pages = allPages(t, b, "/api/v1/theaters?city=mumbai", 2, func(th apiTheaterJSON) int64 { return th.ID })
	require.Equal(t, theaters, got, "by name, each once")
	require.Equal(t, 4, pages)

	got, _ = allPages(t, b, "/api/v1/theaters?lat=19.5&lng=72.8", 3, func(th apiTheaterJSON) int64 { return th.ID })
	want := []int64{theaters[6], theaters[5], theaters[4], theaters[3], theaters[2], theaters[1], theaters[0]}
	require.Equal(t, want, got, "nearest first, each once")

	// A cursor of one list is refused by another.
	var page apiPageJSON[apiTheaterJSON]
	apiGet(t, b, "/api/v1/theaters?limit=2", http.StatusOK).JSON(t, &page)
	requireField(t, b, "/api/v1/theaters?lat=19&lng=72&cursor="+page.NextCursor, http.StatusBadRequest, "")
	requireField(t, b, "/api/v1/movies?cursor="+page.NextCursor, http.StatusBadRequest, "")
}

func TestTheatersNearAPointComeNearestFirstWithTheirDistance(t *testing.T) {
	t.Parallel()
	b := setup(t)
	// From Bandra (19.0544, 72.8347): Juhu ~5.7 km north, Colaba ~14 km
	// south, Thane ~22 km north-east; one theater has no coordinates.
	colaba := newTheaterAt(t, b, "Colaba Cinema", 18.9067, 72.8147)
	thane := newTheaterAt(t, b, "Thane Talkies", 19.2183, 72.9781)
	juhu := newTheaterAt(t, b, "Juhu Screens", 19.1075, 72.8263)
	nowhere := newTheaterAt(t, b, "Anywhere Pictures", 0, 0)
	newTheater(t, b, "Riverside") // London

	var page apiPageJSON[apiTheaterJSON]
	apiGet(t, b, "/api/v1/theaters?city=mumbai&lat=19.0544&lng=72.8347", http.StatusOK).JSON(t, &page)
	require.Len(t, page.Items, 4)
	var ids []int64
	for _, th := range page.Items {
		ids = append(ids, th.ID)
	}
	require.Equal(t, []int64{juhu.ID, colaba.ID, thane.ID, nowhere.ID}, ids)
	require.InDelta(t, 5.95, *page.Items[0].DistanceKm, 0.3)
	require.InDelta(t, 16.6, *page.Items[1].DistanceKm, 0.5)
	require.InDelta(t, 23.5, *page.Items[2].DistanceKm, 1)
	require.Nil(t, page.Items[3].DistanceKm, "no coordinates, no distance")

	page = apiPageJSON[apiTheaterJSON]{}
	apiGet(t, b, "/api/v1/theaters?lat=19.0544&lng=72.8347", http.StatusOK).JSON(t, &page)
	require.Len(t, page.Items, 5, "every city without city")
	require.Equal(t, "Riverside", page.Items[4].Name)

	page = apiPageJSON[apiTheaterJSON]{}
	apiGet(t, b, "/api/v1/theaters?city=mumbai", http.StatusOK).JSON(t, &page)
	require.Equal(t, "Anywhere Pictures", page.Items[0].Name, "by name without a point")
	require.Nil(t, page.Items[0].DistanceKm)

	for query, field := range map[string]string{
		"?lat=19":           "lng",
		"?lng=72":           "lat",
		"?lat=91&lng=72":    "lat",
		"?lat=19&lng=-181":  "lng",
		"?lat=north&lng=72": "lat",
		"?lat=NaN&lng=72":   "lat",
		"?city=atlantis":    "city",
	} {
		requireField(t, b, "/api/v1/theaters"+query, http.StatusUnprocessableEntity, field)
	}
}

func TestAMovieShowsItsCreditsAndShowtimesByTheaterAndLocalDay(t *testing.T) {
	t.Parallel()
	b := setup(t)
	mumbai := newMumbaiTheater(t, b, "Bandra Talkies")
	msc := newScreen(t, b, mumbai.ID, "Audi 2")
	london := newTheater(t, b, "Riverside")
	lsc := newScreen(t, b, london.ID, "Screen 1")
	m := newMovieWith(t, b, "Harbour Lights", func(in *catalog.MovieInput) {
		in.TrailerURL, in.DubbedLanguages = "https://videos.example/harbour", []string{"Hindi"}
		in.Cast = []catalog.Credit{{Name: "Ada Quill", Role: "Maya"}}
		in.Crew = []catalog.Credit{{Name: "Bo Reel", Role: "Director"}}
	})
	require.NoError(t, b.Catalog.SetRating(context.Background(), m.ID, 7.84, 12))
	// 19:00 IST today and tomorrow; 18:00 in London today; one next month.
	today := newShow(t, b, m.ID, msc.ID, time.Date(2031, 3, 12, 13, 30, 0, 0, time.UTC))
	tomorrow, err := b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: m.ID, ScreenID: msc.ID,
		StartsAt: time.Date(2031, 3, 13, 13, 30, 0, 0, time.UTC), Language: "Hindi", Format: "2D", Subtitles: "English"})
	require.NoError(t, err)
	londonShow := newShow(t, b, m.ID, lsc.ID, time.Date(2031, 3, 12, 18, 0, 0, 0, time.UTC))
	newShow(t, b, m.ID, msc.ID, b.now.AddDate(0, 1, 0))
	require.NoError(t, b.Catalog.SetAvailability(context.Background(), tomorrow.ID, 0))

	type detail struct {
		apiMovieJSON
		Synopsis   string
		TrailerURL *string `json:"trailer_url"`
		Cast, Crew []struct {
			Name, Role string
		}
		Showtimes []struct {
			Theater struct {
				ID   int64
				City string
			}
			Days []struct {
				Date  string
				Shows []apiShowJSON
			}
		}
	}
	path := fmt.Sprintf("/api/v1/movies/%d", m.ID)
	r := apiGet(t, b, path, http.StatusOK)
	var d detail
	r.JSON(t, &d)
	require.Equal(t, "Harbour Lights", d.Title)
	require.Equal(t, "https://videos.example/harbour", *d.TrailerURL)
	require.Equal(t, 7.8, *d.Rating.Average)
	require.Equal(t, 12, d.Rating.Count)
	require.Equal(t, "Maya", d.Cast[0].Role)
	require.Equal(t, "Director", d.Crew[0].Role)
	require.Len(t, d.Showtimes, 2, "two theaters this week, by name")
	bandra, riverside := d.Showtimes[0], d.Showtimes[1]
	require.Equal(t, mumbai.ID, bandra.Theater.ID)
	require.Equal(t, "mumbai", bandra.Theater.City)
	require.Len(t, bandra.Days, 2, "today and tomorrow; next month's show is past the week")
	require.Equal(t, "2031-03-12", bandra.Days[0].Date)
	first := bandra.Days[0].Shows[0]
	require.Equal(t, today.ID, first.ID)
	require.Equal(t, "2031-03-12T19:00:00+05:30", first.StartsAt, "in the theater's zone")
	require.Equal(t, "Audi 2", first.Screen)
	require.Equal(t, "available", first.Availability)
	require.Equal(t, int64(250_00), *first.PriceFrom)
	require.Equal(t, "INR", first.Currency)
	require.Nil(t, first.Subtitles)
	second := bandra.Days[1].Shows[0]
	require.Equal(t, "sold_out", second.Availability)
	require.Equal(t, "English", *second.Subtitles)
	require.Equal(t, "Hindi", second.Language)
	require.Equal(t, londonShow.ID, riverside.Days[0].Shows[0].ID)
	require.Equal(t, "2031-03-12T18:00:00Z", riverside.Days[0].Shows[0].StartsAt)
	require.Equal(t, int64(1000), *riverside.Days[0].Shows[0].PriceFrom)

	apiGet(t, b, path, http.StatusNotModified, "If-None-Match", r.Header.Get("ETag"))

	apiGet(t, b, path+"?city=london", http.StatusOK).JSON(t, &d)
	require.Len(t, d.Showtimes, 1)
	require.Equal(t, london.ID, d.Showtimes[0].Theater.ID)
	apiGet(t, b, path+"?date=2031-03-13", http.StatusOK).JSON(t, &d)
	require.Len(t, d.Showtimes, 1)
	require.Equal(t, tomorrow.ID, d.Showtimes[0].Days[0].Shows[0].ID)
	apiGet(t, b, path+"?date=2031-04-12", http.StatusOK).JSON(t, &d)
	require.Len(t, d.Showtimes, 1, "a day past the week, when asked for")

	requireField(t, b, path+"?date=tomorrow", http.StatusUnprocessableEntity, "date")
	requireField(t, b, path+"?city=atlantis", http.StatusUnprocessableEntity, "city")
	require.Equal(t, "not_found", apiGet(t, b, "/api/v1/movies/999999", http.StatusNotFound).Problem(t).Code)
	apiGet(t, b, "/api/v1/movies/harbour-lights", http.StatusNotFound).Problem(t)
}

func TestATheaterShowsItsScreensAndADaysShowsByMovie(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newMumbaiTheater(t, b, "Bandra Talkies")
	big := newScreen(t, b, th.ID, "Audi 1", "2D", "IMAX")
	small := newScreen(t, b, th.ID, "Audi 2")
	drama := newMovie(t, b, "Harbour Lights")
	comedy := newMovie(t, b, "Laughing Gas")
	late := newShow(t, b, drama.ID, big.ID, time.Date(2031, 3, 12, 15, 30, 0, 0, time.UTC))
	early := newShow(t, b, drama.ID, small.ID, time.Date(2031, 3, 12, 10, 30, 0, 0, time.UTC))
	newShow(t, b, comedy.ID, small.ID, time.Date(2031, 3, 13, 10, 30, 0, 0, time.UTC))

	type detail struct {
		apiTheaterJSON
		CityName string `json:"city_name"`
		Currency string
		Date     string
		Screens  []struct {
			ID        int64
			Name      string
			Formats   []string
			SeatCount int `json:"seat_count"`
		}
		Movies []struct {
			Movie struct {
				ID    int64
				Title string
			}
			Shows []apiShowJSON
		}
	}
	path := fmt.Sprintf("/api/v1/theaters/%d", th.ID)
	r := apiGet(t, b, path, http.StatusOK)
	var d detail
	r.JSON(t, &d)
	require.Equal(t, "Bandra Talkies", d.Name)
	require.Equal(t, "Mumbai", d.CityName)
	require.Equal(t, "INR", d.Currency)
	require.Equal(t, "2031-03-12", d.Date, "today in Mumbai")
	require.Len(t, d.Screens, 2)
	require.Equal(t, []string{"2D", "IMAX"}, d.Screens[0].Formats)
	require.Equal(t, 50, d.Screens[0].SeatCount)
	require.Len(t, d.Movies, 1, "the comedy plays tomorrow")
	require.Equal(t, drama.ID, d.Movies[0].Movie.ID)
	require.Equal(t, []int64{early.ID, late.ID}, []int64{d.Movies[0].Shows[0].ID, d.Movies[0].Shows[1].ID}, "by start")
	require.Equal(t, "2031-03-12T16:00:00+05:30", d.Movies[0].Shows[0].StartsAt)
	require.Equal(t, "2031-03-12T21:00:00+05:30", d.Movies[0].Shows[1].StartsAt)
	apiGet(t, b, path, http.StatusNotModified, "If-None-Match", r.Header.Get("ETag"))

	apiGet(t, b, path+"?date=2031-03-13", http.StatusOK).JSON(t, &d)
	require.Len(t, d.Movies, 1)
	require.Equal(t, comedy.ID, d.Movies[0].Movie.ID)

	requireField(t, b, path+"?date=13/03/2031", http.StatusUnprocessableEntity, "date")
	apiGet(t, b, "/api/v1/theaters/999999", http.StatusNotFound).Problem(t)
	apiGet(t, b, "/api/v1/theaters/bandra-talkies", http.StatusNotFound).Problem(t)
}
