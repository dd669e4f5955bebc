package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Twilio sends text messages through Twilio's Messages API.
type Twilio struct {
	baseURL    string
	accountSID string
	authToken  string
	from       string
	client     *http.Client
}

// NewTwilio returns the SMS channel. baseURL is TWILIO_BASE_URL
// (https://api.twilio.com, or a local server in tests).
func NewTwilio(baseURL, accountSID, authToken, from string) *Twilio {
	return &Twilio{baseURL: strings.TrimRight(baseURL, "/"), accountSID: accountSID, authToken: authToken, from: from,
		client: &http.Client{Timeout: 15 * time.Second}}
}

// Provider is "twilio".
func (*Twilio) Provider() string { return "twilio" }

// SendSMS posts the message and returns Twilio's message SID. A 4xx
// answer other than 429 (a number that cannot receive texts, a bad
// request) wraps ErrPermanent; 429, 5xx and network failures are temporary.
func (t *Twilio) SendSMS(ctx context.Context, m SMS) (string, error) {
	form := url.Values{"To": {m.To}, "From": {t.from}, "Body": {m.Body}}
	endpoint := t.baseURL + "/2010-04-01/Accounts/" + url.PathEscape(t.accountSID) + "/Messages.json"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("twilio request: %w", err)
	}
	req.SetBasicAuth(t.accountSID, t.authToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := t.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("twilio: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var out struct {
		SID     string `json:"sid"`
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &out)
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return out.SID, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return "", fmt.Errorf("twilio: %d %s", resp.StatusCode, out.Message)
	default:
		return "", fmt.Errorf("twilio: %w: %d (code %d) %s", ErrPermanent, resp.StatusCode, out.Code, out.Message)
	}
}
