package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// googleSaveURL starts every Google Wallet "save" link; the signed JWT
// follows it.
const googleSaveURL = "https://pay.google.com/gp/v/save/"

// googleClaims is a Google Wallet save-to-wallet JWT: the service
// account (iss) offers the event ticket classes and objects in Payload
// to be saved, from the sites in Origins.
type googleClaims struct {
	jwt.RegisteredClaims
	Type    string        `json:"typ"`
	Origins []string      `json:"origins"`
	Payload googlePayload `json:"payload"`
}

type googlePayload struct {
	EventTicketClasses []googleEventClass  `json:"eventTicketClasses"`
	EventTicketObjects []googleEventObject `json:"eventTicketObjects"`
}

// googleEventClass is the show: what, where, when.
type googleEventClass struct {
	ID           string          `json:"id"`
	IssuerName   string          `json:"issuerName"`
	ReviewStatus string          `json:"reviewStatus"`
	EventName    googleLocalized `json:"eventName"`
	Venue        googleVenue     `json:"venue"`
	DateTime     googleDateTime  `json:"dateTime"`
	HexBgColor   string          `json:"hexBackgroundColor"`
}

// googleEventObject is the buyer's ticket to the show.
type googleEventObject struct {
	ID                string            `json:"id"`
	ClassID           string            `json:"classId"`
	State             string            `json:"state"`
	TicketHolderName  string            `json:"ticketHolderName,omitempty"`
	TicketNumber      string            `json:"ticketNumber"`
	ReservationInfo   googleReservation `json:"reservationInfo"`
	SeatInfo          googleSeatInfo    `json:"seatInfo"`
	Barcode           googleBarcode     `json:"barcode"`
	ValidTimeInterval googleInterval    `json:"validTimeInterval"`
	LinksModuleData   googleLinks       `json:"linksModuleData"`
}

type googleLocalized struct {
	DefaultValue googleString `json:"defaultValue"`
}

type googleString struct {
	Language string `json:"language"`
	Value    string `json:"value"`
}

type googleVenue struct {
	Name    googleLocalized `json:"name"`
	Address googleLocalized `json:"address"`
}

type googleDateTime struct {
	DoorsOpen string `json:"doorsOpen"`
	Start     string `json:"start"`
	End       string `json:"end"`
}

type googleReservation struct {
	ConfirmationCode string `json:"confirmationCode"`
}

type googleSeatInfo struct {
	Seat googleLocalized `json:"seat"`
	Gate googleLocalized `json:"gate"`
}

type googleBarcode struct {
	Type          string `json:"type"`
	Value         string `json:"value"`
	AlternateText string `json:"alternateText"`
}

type googleInterval struct {
	Start googleDate `json:"start"`
	End   googleDate `json:"end"`
}

type googleDate struct {
	Date string `json:"date"`
}

type googleLinks struct {
	URIs []googleURI `json:"uris"`
}

type googleURI struct {
	URI         string `json:"uri"`
	Description string `json:"description"`
	ID          string `json:"id"`
}

// googleSaveLink is the "Save to Google Wallet" link of t. The class is
// the show at its current time and the object the booking at that time,
// so saving again after the show moved saves the new time.
func googleSaveLink(ctx context.Context, s *googleSigner, t walletTicket, origin string, now time.Time) (string, error) {
	lang := i18n.Lang(ctx)
	str := func(v string) googleLocalized {
		return googleLocalized{DefaultValue: googleString{Language: lang, Value: v}}
	}
	version := t.Starts.Unix()
	class := googleEventClass{ID: fmt.Sprintf("%s.marquee-show-%d-%d", s.issuerID, t.ShowID, version),
		IssuerName: "Marquee", ReviewStatus: "UNDER_REVIEW", EventName: str(t.Movie),
		Venue: googleVenue{Name: str(t.Theater), Address: str(t.Address)},
		DateTime: googleDateTime{DoorsOpen: t.DoorsOpen.Format(time.RFC3339), Start: t.Starts.Format(time.RFC3339),
			End: t.Ends.Format(time.RFC3339)}, HexBgColor: "#14121a"}
	obj := googleEventObject{ID: fmt.Sprintf("%s.marquee-booking-%d-%d", s.issuerID, t.ID, version), ClassID: class.ID,
		State: "ACTIVE", TicketHolderName: t.Holder, TicketNumber: t.Code,
		ReservationInfo: googleReservation{ConfirmationCode: t.Code},
		SeatInfo:        googleSeatInfo{Seat: str(t.SeatList()), Gate: str(t.Screen)},
		Barcode:         googleBarcode{Type: "QR_CODE", Value: t.Token, AlternateText: t.Code},
		ValidTimeInterval: googleInterval{Start: googleDate{Date: t.DoorsOpen.Format(time.RFC3339)},
			End: googleDate{Date: t.Ends.Format(time.RFC3339)}},
		LinksModuleData: googleLinks{URIs: []googleURI{{URI: t.URL, Description: i18n.T(ctx, "E-ticket"), ID: "ticket"}}}}
	claims := googleClaims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: s.email, Audience: jwt.ClaimStrings{"google"}, IssuedAt: jwt.NewNumericDate(now)},
		Type:             "savetowallet", Origins: []string{origin},
		Payload: googlePayload{EventTicketClasses: []googleEventClass{class}, EventTicketObjects: []googleEventObject{obj}},
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodRS256, claims).SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("sign Google Wallet link of booking %d: %w", t.ID, err)
	}
	return googleSaveURL + signed, nil
}
