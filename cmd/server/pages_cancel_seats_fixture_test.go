package main

import "fmt"

// cancelSeats is the form that cancels some seats of a confirmed booking
// of three seats (the best 3 on the next unused show, paid by card), as
// its buyer opens it from the booking page.
func (f *pageFixtures) cancelSeats() string {
	return f.once("cancel-seats", func() string {
		return fmt.Sprintf("/bookings/%d/cancel-seats", f.paidBooking(3))
	})
}
