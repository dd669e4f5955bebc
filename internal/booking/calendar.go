package booking

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// icsLocal is a date-time as the wall clock shows it (RFC 5545's form
// with a TZID parameter).
const icsLocal = "20060102T150405"

// calendarFile is the ticket as an iCalendar file (RFC 5545): one event
// from the start of the show to the end of the film, in the theater's
// zone (TZID and its VTIMEZONE, so every calendar shows the time the
// cinema shows), at the theater's name and address.
//
// UID is the booking's, so a file downloaded again replaces the event
// rather than adding one. SEQUENCE is the minutes from the booking's
// confirmation to now and DTSTAMP is now: a later file, made after the
// show moved, always outranks an earlier one, as RFC 5546 orders
// revisions.
func calendarFile(ctx context.Context, t walletTicket, zone string, now time.Time) string {
	cal := ics.NewCalendarFor("Marquee")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	ev := ics.NewEvent(fmt.Sprintf("booking-%d@%s", t.ID, calendarHost(t.URL)))
	ev.SetDtStampTime(now)
	seq := max(0, int(now.Sub(t.Confirmed)/time.Minute))
	ev.SetSequence(seq)
	if zone != "" && zone != "UTC" {
		calendarZone(cal, zone, t.Starts)
		ev.SetProperty(ics.ComponentPropertyDtStart, t.Starts.Format(icsLocal), ics.WithTZID(zone))
		ev.SetProperty(ics.ComponentPropertyDtEnd, t.Ends.Format(icsLocal), ics.WithTZID(zone))
	} else {
		ev.SetStartAt(t.Starts)
		ev.SetEndAt(t.Ends)
	}
	ev.SetSummary(t.Movie)
	loc := t.Theater
	if t.Address != "" {
		loc += ", " + t.Address
	}
	ev.SetLocation(loc)
	if t.Lat != nil && t.Lng != nil {
		ics.SetGeo(ev, *t.Lat, *t.Lng)
	}
	ev.SetURL(t.URL)
	ev.SetStatus(ics.ObjectStatusConfirmed)
	ev.SetDescription(strings.Join([]string{
		i18n.T(ctx, "Booking code {{.Code}}", "Code", t.Code),
		i18n.T(ctx, "Screen {{.Screen}}, seats {{.Seats}}", "Screen", t.Screen, "Seats", t.SeatList()),
		i18n.T(ctx, "Doors open {{.Time}}", "Time", i18n.Time(ctx, t.DoorsOpen)),
		i18n.T(ctx, "Your e-ticket: {{.URL}}", "URL", t.URL),
	}, "\n"))
	cal.AddVEvent(ev)
	return cal.Serialize()
}

// calendarHost is the host of the ticket's URL, which makes the UID
// unique to this site.
func calendarHost(ticketURL string) string {
	if u, err := url.Parse(ticketURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "marquee"
}

// calendarZone adds zone's VTIMEZONE, spelled out from the zone data
// this server has: each change of offset from a year before at to a year
// after it, each as its own observance (STANDARD or DAYLIGHT), so a
// calendar needs no zone database of its own to place the show.
func calendarZone(cal *ics.Calendar, zone string, at time.Time) {
	tz := cal.AddTimezone(zone)
	from, until := at.AddDate(-1, 0, 0), at.AddDate(1, 0, 0)
	start, end := from.ZoneBounds()
	if start.IsZero() {
		// No change on record before the window: the offset has held
		// since before 1970 (Asia/Kolkata) or since the zone began.
		tz.Components = append(tz.Components, calendarObservance(from, time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), true))
	} else {
		tz.Components = append(tz.Components, calendarObservance(start, start, false))
	}
	for !end.IsZero() && end.Before(until) {
		tz.Components = append(tz.Components, calendarObservance(end, end, false))
		_, end = end.ZoneBounds()
	}
}

// calendarObservance is the offset in force from instant at (shown as
// dtstart, a wall-clock time in the offset before it; epoch: dtstart is
// written as is, the offset having always held).
func calendarObservance(at, dtstart time.Time, epoch bool) ics.Component {
	name, to := at.Zone()
	_, before := at.Add(-time.Second).Zone()
	if epoch {
		before = to
	}
	cb := ics.ComponentBase{}
	local := dtstart.In(time.FixedZone("", before)).Format(icsLocal)
	if epoch {
		local = dtstart.Format(icsLocal)
	}
	cb.SetProperty(ics.ComponentPropertyDtStart, local)
	cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), icsOffset(before))
	cb.SetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), icsOffset(to))
	cb.SetProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	if at.IsDST() {
		return &ics.Daylight{ComponentBase: cb}
	}
	return &ics.Standard{ComponentBase: cb}
}

// icsOffset is a UTC offset in seconds as RFC 5545 writes it: +0530.
func icsOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
	if rest := sec % 60; rest != 0 {
		s += strconv.Itoa(rest/10) + strconv.Itoa(rest%10)
	}
	return s
}
