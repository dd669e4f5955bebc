package i18n

import (
	"context"
	"net/http"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/webctx"
)

func in(lang string) context.Context { return WithLang(context.Background(), lang) }

func TestTranslatesAndFallsBackToEnglish(t *testing.T) {
	assert.Equal(t, "भाषा", T(in("hi"), "Language"))
	assert.Equal(t, "Idioma", T(in("es"), "Language"))
	assert.Equal(t, "Language", T(in("en"), "Language"))
	// Not in any catalogue: the English id, with its placeholders filled.
	assert.Equal(t, "Seat F12 is gone", T(in("hi"), "Seat {{.Seat}} is gone", "Seat", "F12"))
}

func TestPluralFormsFollowEachLanguage(t *testing.T) {
	b, err := load(fstest.MapFS{
		"locales/x.en.toml": {Data: []byte("[\"{{.Count}} seats\"]\none = \"{{.Count}} seat\"\nother = \"{{.Count}} seats\"\n")},
		"locales/x.hi.toml": {Data: []byte("[\"{{.Count}} seats\"]\none = \"{{.Count}} सीट\"\nother = \"{{.Count}} सीटें\"\n")},
		"locales/x.es.toml": {Data: []byte("\"Other\" = \"Otro\"\n[\"{{.Count}} seats\"]\none = \"{{.Count}} asiento\"\nmany = \"{{.Count}} asientos\"\nother = \"{{.Count}} asientos\"\n")},
	})
	require.NoError(t, err, "ids that read like go-i18n's reserved keys (Other) stay plain messages")
	saved := localizers
	t.Cleanup(func() { localizers = saved })
	localizers = newLocalizers(b)
	assert.Equal(t, "1 seat", N(in("en"), "{{.Count}} seats", 1))
	assert.Equal(t, "3 seats", N(in("en"), "{{.Count}} seats", 3))
	assert.Equal(t, "1 सीट", N(in("hi"), "{{.Count}} seats", 1))
	assert.Equal(t, "0 सीट", N(in("hi"), "{{.Count}} seats", 0), "Hindi's 'one' covers 0 and 1")
	assert.Equal(t, "2 सीटें", N(in("hi"), "{{.Count}} seats", 2))
	assert.Equal(t, "1 asiento", N(in("es"), "{{.Count}} seats", 1))
	assert.Equal(t, "15.000 asientos", N(in("es"), "{{.Count}} seats", 15000), "the count is written with the language's grouping")
	assert.Equal(t, "Otro", T(in("es"), "Other"))
}

func TestCatalogueNamesAreChecked(t *testing.T) {
	_, err := load(fstest.MapFS{"locales/x.fr.toml": {Data: []byte("\"a\" = \"b\"\n")}})
	assert.ErrorContains(t, err, "supported language")
	_, err = load(fstest.MapFS{"locales/x.hi.toml": {Data: []byte("\"a\" = 3\n")}})
	assert.ErrorContains(t, err, "want a string")
}

func TestLanguageComesFromContextAccountThenVisitor(t *testing.T) {
	r := &webctx.Request{Lang: "es"}
	ctx := webctx.With(context.Background(), r)
	assert.Equal(t, "es", Lang(ctx))
	r.User = &webctx.User{ID: 1, Lang: "hi"}
	assert.Equal(t, "hi", Lang(ctx), "a signed-in account's choice wins over the browser's")
	assert.Equal(t, "en", Lang(WithLang(ctx, "en")), "an email for someone else uses their language")
	assert.Equal(t, "hi", Lang(WithLang(ctx, "fr")), "an unsupported language changes nothing")
	assert.Equal(t, "en", Lang(context.Background()))
}

func TestRequestLanguage(t *testing.T) {
	req := func(accept, cookie string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		if accept != "" {
			r.Header.Set("Accept-Language", accept)
		}
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: CookieName, Value: cookie})
		}
		return r
	}
	assert.Equal(t, "hi", FromRequest(req("hi-IN,hi;q=0.9,en;q=0.8", "")))
	assert.Equal(t, "es", FromRequest(req("es-MX,es;q=0.9", "")))
	assert.Equal(t, "en", FromRequest(req("en-GB", "")))
	assert.Equal(t, "", FromRequest(req("fr-FR", "")), "no language we speak: no preference")
	assert.Equal(t, "es", FromRequest(req("hi", "es")), "the switcher's cookie wins")
	assert.Equal(t, "hi", FromRequest(req("hi", "xx")), "a forged cookie is ignored")
	assert.Equal(t, "", FromRequest(req("", "")))
}

func TestMoneyAndNumbersPerLanguage(t *testing.T) {
	assert.Equal(t, "£26.50", Money(in("en"), 2650, "GBP"))
	assert.Equal(t, "₹1,20,000.00", Money(in("en"), 12000000, "INR"), "lakh grouping for rupees")
	assert.Equal(t, "₹1,20,000.00", Money(in("hi"), 12000000, "INR"))
	assert.Equal(t, "26,50\u00a0£", Money(in("es"), 2650, "GBP"))
	assert.Equal(t, "$15.00", Money(in("en"), 1500, "USD"))
	assert.Equal(t, "12,34,567", Number(in("hi"), 1234567))
	assert.Equal(t, "1,234,567", Number(in("en"), 1234567))
	assert.Equal(t, "1.234.567", Number(in("es"), 1234567))
	assert.Equal(t, "5 XYZ", Money(in("en"), 5, "XYZ"), "an unknown currency still shows its amount")
}

func TestDatesPerLanguage(t *testing.T) {
	at := time.Date(2026, time.December, 7, 19, 30, 0, 0, time.UTC) // a Monday
	assert.Equal(t, "Mon 7 Dec", Day(in("en"), at))
	assert.Equal(t, "Monday 7 December 2026, 19:30", LongDateTime(in("en"), at))
	assert.Equal(t, "lunes, 7 de diciembre de 2026", LongDate(in("es"), at))
	assert.Equal(t, "lun, 7 dic", Day(in("es"), at))
	assert.Equal(t, "सोमवार, 7 दिसंबर", LongDay(in("hi"), at))
	assert.Equal(t, "7:30 pm", Time(in("hi"), at))
	assert.Equal(t, "सोम, 7 दिस॰, 7:30 pm", DayTime(in("hi"), at))
	assert.Equal(t, "7 Dec 2026", Date(in("en"), at))
	assert.Equal(t, "mié", Weekday(in("es"), at.AddDate(0, 0, 2)))
}
