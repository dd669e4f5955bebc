package booking

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/marqueehq/marquee/internal/catalog"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// BenchmarkSeatMapRender builds and renders the seat map page of a
// 300-seat screen (15 rows of 20 with two aisles; some seats held, sold
// and blocked, four ticked): the work of a page view besides its queries.
func BenchmarkSeatMapRender(b *testing.B) {
	var l catalog.Layout
	for i := range 15 {
		cells := "sssss.ssssssssss.sssss"
		if i >= 12 {
			cells = "ppppp.pppppppppp.ppppp"
		}
		l.Rows = append(l.Rows, catalog.Row{Label: catalog.RowLabel(i), Cells: cells})
	}
	l.Rows[14].Cells = "wcppp.pppppppppp.pppcw"
	m := SeatMap{Show: catalog.ShowDetail{
		Show:    catalog.Show{ID: 7, StartsAt: time.Now().Add(time.Hour), Format: "2D", Language: "English"},
		Movie:   catalog.Movie{Title: "Benchmark", Slug: "benchmark"},
		Theater: catalog.Theater{Name: "Bench Cinema", Slug: "bench", TimeZone: "Europe/London"},
		Screen:  catalog.Screen{Name: "Screen 1", Layout: l},
		City:    catalog.City{Currency: "GBP"},
	}}
	for i, s := range l.Seats() {
		st := Free
		switch {
		case s.Blocked:
			st = Blocked
		case i%7 == 0:
			st = Sold
		case i%11 == 0:
			st = HeldBy
		}
		m.Seats = append(m.Seats, MapSeat{Seat: s.Label, Row: s.Row, Col: s.Col, Category: s.Category, Price: 1250, State: st})
	}
	if len(m.Seats) != 300 {
		b.Fatalf("%d seats, want 300", len(m.Seats))
	}
	h := &Handler{svc: &Service{opts: Options{MaxSeats: 10}}}
	st := seatMapState{Selected: []string{"H9", "H10", "H11", "H12"}, Best: views.BestForm{N: 4}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := views.SeatMap(h.seatMapProps(ctx, m, st, true)).Render(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
