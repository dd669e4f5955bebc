package notify

import (
	"context"
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// UsePushClient lets tests trust their local TLS push service.
func UsePushClient(w *WebPush, c *http.Client) { w.client = c }

// MaxSMSSegments is the most parts a text message may take.
const MaxSMSSegments = maxSMSSegments

// SMSSegments counts the parts a text is sent in.
func SMSSegments(s string) int { return smsSegments(s) }

// TextAbout is the text message of kind about b as a reader of lang gets it.
func TextAbout(s *Service, lang string, kind Kind, b BookingMessage) (string, error) {
	r, err := s.compose(i18n.WithLang(context.Background(), lang), kind, payload{Booking: &b}, "Asha Rao", "")
	return r.sms, err
}
