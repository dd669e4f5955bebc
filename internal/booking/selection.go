package booking

import (
	"strconv"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Selection is a buyer's seat choice as sent by a seat map form or URL.
type Selection struct {
	// Seats are the distinct seat labels, upper case, in the order given.
	Seats []string
	// Repeated lists the labels that were given more than once. A seat map
	// form never sends a seat twice, so a repeat means a tampered request.
	Repeated []string
}

// maxSeatToken bounds one submitted value before it is even trimmed: the
// longest label is six characters, so anything much longer is not a seat.
const maxSeatToken = 32

// ParseSelection reads seat labels from form or query values. A value may
// hold several labels separated by commas or spaces ("F12,F13"); labels are
// trimmed and upper-cased, empty ones dropped and repeats merged (and noted
// in Repeated). It refuses more than max distinct seats, any label that is
// not a seat label (1-3 capital letters or digits, then 1-3 digits), and
// floods of values, without doing work in proportion to a hostile input.
// Errors: validate.Errors{"seats": ...} (matches ErrInvalid).
func ParseSelection(values []string, max int) (Selection, error) {
	tooMany := validate.Errors{"seats": "You can book up to " + strconv.Itoa(max) + " seats at a time."}
	var sel Selection
	seen := make(map[string]int, max)
	budget := 4*max + 8 // labels looked at, repeats included
	for _, v := range values {
		for tok, rest := nextSeatToken(v); tok != ""; tok, rest = nextSeatToken(rest) {
			if budget--; budget < 0 {
				return Selection{}, tooMany
			}
			if len(tok) > maxSeatToken {
				return Selection{}, notASeat(tok)
			}
			label := strings.ToUpper(tok)
			if !validSeatLabel(label) {
				return Selection{}, notASeat(tok)
			}
			switch seen[label] {
			case 0:
				if len(sel.Seats) == max {
					return Selection{}, tooMany
				}
				sel.Seats = append(sel.Seats, label)
			case 1:
				sel.Repeated = append(sel.Repeated, label)
			}
			seen[label]++
		}
	}
	return sel, nil
}

// RepeatError is the validation error for a selection that names a seat
// twice; nil when nothing repeats.
func (sel Selection) RepeatError() error {
	if len(sel.Repeated) == 0 {
		return nil
	}
	return validate.Errors{"seats": "Seat " + sel.Repeated[0] + " is chosen twice. Please pick your seats again."}
}

// nextSeatToken splits the first label off s (labels are separated by
// commas or white space) without allocating, so a huge value costs nothing
// beyond the labels the caller looks at.
func nextSeatToken(s string) (tok, rest string) {
	s = strings.TrimLeft(s, ", \t\r\n")
	end := strings.IndexAny(s, ", \t\r\n")
	if end < 0 {
		return s, ""
	}
	return s[:end], s[end:]
}

// notASeat names a bad value for the buyer, shortened so a hostile value
// cannot fill the page.
func notASeat(tok string) error {
	if len(tok) > 8 {
		tok = tok[:8] + "…"
	}
	return validate.Errors{"seats": strconv.Quote(tok) + " is not a seat on this map. Please pick your seats again."}
}
