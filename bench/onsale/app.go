package main

import (
	"context"
	"net/http"
)

// appPlayer is a buyer on the mobile app: every step is an API call.
type appPlayer struct {
	api    *apiClient
	token  string
	showID int64
}

func (p *appPlayer) seatMap(ctx context.Context) (*seatMap, error) {
	return p.api.seatMap(ctx, p.showID)
}

func (p *appPlayer) hold(ctx context.Context, seats []string) (int64, bool, error) {
	id, err := p.api.hold(ctx, p.token, p.showID, seats)
	if ae, ok := err.(*apiError); ok && ae.status == http.StatusConflict && ae.code == "seat_taken" {
		return 0, true, nil
	}
	return id, false, err
}

func (p *appPlayer) release(ctx context.Context, id int64) error {
	return p.api.release(ctx, p.token, id)
}

// playApp runs the buyers against the server's API.
func playApp(ctx context.Context, api *apiClient, buyers []*buyer, showID int64, cfg config) (*tally, error) {
	// The first look at the seat map opens the show for sale (creates
	// its seat rows), outside the timed run.
	if _, err := api.seatMap(ctx, showID); err != nil {
		return nil, err
	}
	players := make([]player, len(buyers))
	for i, b := range buyers {
		players[i] = &appPlayer{api: api, token: b.token, showID: showID}
	}
	return play(ctx, players, cfg.duration, cfg.maxRequests, cfg), nil
}
