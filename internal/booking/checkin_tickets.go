package booking

import (
	"context"
	"slices"
)

// checkInTickets lists, for the door, each seat with its ticket type
// ("A1 Child") and, once each, what proof of age or ID to ask for.
func checkInTickets(ctx context.Context, seats []BookedSeat) (tickets, proof []string) {
	for _, st := range seats {
		tickets = append(tickets, st.Seat+" "+ticketName(ctx, st.Ticket))
		if st.Ticket.ProofRequired && st.Ticket.ProofNote != "" && !slices.Contains(proof, st.Ticket.ProofNote) {
			proof = append(proof, st.Ticket.ProofNote)
		}
	}
	return tickets, proof
}
