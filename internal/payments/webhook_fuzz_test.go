package payments

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v76/webhook"
)

const fuzzWebhookSecret = "whsec_fuzz"

// receiveOutcome calls ReceiveStripe on a service without a database: it
// reports whether the event got as far as being stored (the nil pool
// panics there) and otherwise the error.
func receiveOutcome(payload []byte, header string) (stored bool, err error) {
	s := &Service{opts: Options{StripeWebhookSecret: fuzzWebhookSecret}}
	defer func() {
		if recover() != nil {
			stored, err = true, nil
		}
	}()
	_, err = s.ReceiveStripe(context.Background(), payload, header)
	return false, err
}

// signedHeader is the Stripe-Signature header Stripe would send for
// payload at t.
func signedHeader(payload []byte, t time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: fuzzWebhookSecret,
		Timestamp: t}).Header
}

// FuzzStripeWebhookPayload sends signed and tampered webhooks: only a
// payload signed with the secret that is an event with an id and a type is
// stored; anything else is refused before the database; a body changed
// after signing is refused as forged; and the event envelope reads back
// unchanged when written again.
func FuzzStripeWebhookPayload(f *testing.F) {
	for _, seed := range []string{
		`{"id":"evt_1","object":"event","type":"payment_intent.succeeded","created":1,"data":{"object":{"id":"pi_1","object":"payment_intent","amount":9700,"currency":"aud","metadata":{"payment_id":"7"}}}}`,
		`{"id":"evt_2","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","metadata":{"payment_id":["7"]}}}}`,
		`{"id":"evt_3","type":"charge.refunded","data":{"object":{"id":"re_1","object":"refund","payment_intent":"pi_1","amount":-1}}}`,
		`{"id":"","type":"x","data":{}}`, `{"id":"evt_4"}`, `{"type":"x"}`, `[]`, `null`, `"evt"`, `{"id":1,"type":2}`,
		`{"id":"evt_5","type":"x","data":{"object":"not an object"}}`, `{"id":"evt_6","type":"x","created":1e400}`,
		"\xef\xbb\xbf{}", `{"id":"evt_7","type":"x","id":""}`,
	} {
		f.Add([]byte(seed), true)
		f.Add([]byte(seed), false)
	}
	f.Fuzz(func(t *testing.T, payload []byte, sign bool) {
		header := "t=" + strconv.FormatInt(time.Now().Unix(), 10) + ",v1=" + strings.Repeat("0", 64)
		if sign {
			header = signedHeader(payload, time.Now())
		}
		stored, err := receiveOutcome(payload, header)
		var e event
		decodes := json.Unmarshal(payload, &e) == nil
		switch {
		case stored && (!sign || !decodes || e.ID == "" || e.Type == ""):
			t.Fatalf("stored (signed %v) although not a signed event with id and type: %q", sign, payload)
		case !stored && err == nil:
			t.Fatalf("neither stored nor refused: %q", payload)
		case !sign && !errors.Is(err, ErrBadSignature):
			t.Fatalf("unsigned webhook answered %v, not a bad signature (400)", err)
		}
		if sign {
			tampered, err := receiveOutcome(append(append([]byte{}, payload...), ' '), header)
			if tampered || !errors.Is(err, ErrBadSignature) {
				t.Fatalf("a body changed after signing was not refused as forged: stored %v, %v", tampered, err)
			}
		}
		if decodes {
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatalf("event %+v does not encode: %v", e, err)
			}
			var back event
			if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(normalEvent(back), normalEvent(e)) {
				t.Fatalf("event %+v reads back as %+v (%v)", e, back, err)
			}
		}
	})
}

// normalEvent makes a decoded event comparable: json.RawMessage keeps the
// object's spacing, which re-encoding compacts, and a missing object is
// written as null.
func normalEvent(e event) event {
	var v any
	if len(e.Data.Object) == 0 {
		e.Data.Object = json.RawMessage("null")
	}
	if json.Unmarshal(e.Data.Object, &v) == nil {
		e.Data.Object, _ = json.Marshal(v)
	}
	return e
}

// FuzzStripeSignatureHeader sends a real event with made-up
// Stripe-Signature headers: a header is accepted only when it carries the
// secret's HMAC of this very body for a timestamp it names that is within
// the library's tolerance; every other header is refused as forged (400).
func FuzzStripeSignatureHeader(f *testing.F) {
	payload := []byte(`{"id":"evt_1","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1"}}}`)
	now := time.Now()
	good := signedHeader(payload, now)
	hexAt := strings.Index(good, ",v1=") + len(",v1=")
	for _, seed := range []string{good, good + ",v1=00", "v1=" + strings.TrimPrefix(good, "t="), "t=,v1=", "",
		strings.Replace(good, "t=", "t=1", 1), strings.ToUpper(good), "t=" + strconv.FormatInt(now.Unix(), 10),
		"t=99999999999999999999,v1=ab", strings.Replace(good, ",", ",,", 1), "t=1,t=2,v0=aa,v1=zz", good + "\x00", "t=0" + good[len("t="):],
		signedHeader(payload, now.Add(-time.Hour)), signedHeader(payload, now.Add(time.Hour)), good[:hexAt] + strings.ToUpper(good[hexAt:])} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		stored, err := receiveOutcome(payload, header)
		if !stored {
			if !errors.Is(err, ErrBadSignature) {
				t.Fatalf("header %q answered %v, not a bad signature (400)", header, err)
			}
			return
		}
		if !carriesSignature(header, payload, time.Now()) {
			t.Fatalf("header %q accepted without this body's signature", header)
		}
	})
}

// carriesSignature reports whether header names a timestamp within the
// tolerance and a v1 signature (hex) of payload at that timestamp.
func carriesSignature(header string, payload []byte, now time.Time) bool {
	var stamps, sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "t":
			stamps = append(stamps, v)
		case "v1":
			sigs = append(sigs, v)
		}
	}
	for _, ts := range stamps {
		n, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || now.Sub(time.Unix(n, 0)) > webhook.DefaultTolerance {
			continue
		}
		mac := hmac.New(sha256.New, []byte(fuzzWebhookSecret))
		mac.Write([]byte(strconv.FormatInt(n, 10) + ".")) // the timestamp's value is signed: "t=017..." is "t=17..."
		mac.Write(payload)
		want := mac.Sum(nil)
		for _, s := range sigs {
			if got, err := hex.DecodeString(s); err == nil && hmac.Equal(got, want) {
				return true // hex in either case is the same signature
			}
		}
	}
	return false
}
