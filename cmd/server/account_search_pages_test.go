package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestProfileLanguageIsKeptByTheAccount chooses Hindi on the profile page
// of a signed-in buyer and reads the next page: it is in Hindi, and the
// profile remembers the choice. A language Marquee does not speak is
// refused with a message on the field.
func TestProfileLanguageIsKeptByTheAccount(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")

	step(t, ctx, "choose Hindi on the profile and save it",
		chromedp.Navigate(base+"/account/profile"),
		chromedp.WaitVisible(`#lang`, chromedp.ByQuery),
		chromedp.SetValue(`#lang`, "hi", chromedp.ByQuery),
		chromedp.Click(`form[action="/account/profile"] button[type=submit]`, chromedp.ByQuery),
		// The saved page greets in Hindi before anything else is read.
		chromedp.WaitVisible(`//*[contains(., "प्रोफ़ाइल सहेज ली गई।")]`, chromedp.BySearch),
	)

	var lang, heading, chosen string
	step(t, ctx, "open the account page",
		chromedp.Navigate(base+"/account"),
		chromedp.WaitVisible(`main h1`, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.lang`, &lang),
		chromedp.Text(`main h1`, &heading, chromedp.ByQuery),
	)
	require.Equal(t, "hi", lang, "<html lang> after choosing Hindi")
	require.Equal(t, "आपका खाता", heading, "the account page's heading in Hindi")

	step(t, ctx, "the profile shows Hindi chosen",
		chromedp.Navigate(base+"/account/profile"),
		chromedp.WaitVisible(`#lang`, chromedp.ByQuery),
		chromedp.Value(`#lang`, &chosen, chromedp.ByQuery),
	)
	require.Equal(t, "hi", chosen)

	var fieldError string
	step(t, ctx, "send a language Marquee does not speak",
		chromedp.Evaluate(`(() => { const s = document.querySelector('#lang');
			s.options[s.selectedIndex].value = 'xx'; return true })()`, nil),
		chromedp.Click(`form[action="/account/profile"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#lang-msg.field__error`, chromedp.ByQuery),
		chromedp.Text(`#lang-msg`, &fieldError, chromedp.ByQuery),
	)
	require.Equal(t, "सूची से कोई भाषा चुनें।", fieldError)
}

// TestSearchFiltersAreLinksThatSayWhichIsChosen opens the results page and
// picks a filter: every filter is a plain link (no aria-pressed, which
// belongs to buttons), and the chosen one says so with aria-current.
func TestSearchFiltersAreLinksThatSayWhichIsChosen(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)

	var links, pressed int
	step(t, ctx, "open the results for London",
		chromedp.Navigate(base+"/search?city=london"),
		chromedp.WaitVisible(`a.filter__value`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('a.filter__value').length`, &links),
		chromedp.Evaluate(`document.querySelectorAll('[aria-pressed]').length`, &pressed),
	)
	require.Positive(t, links, "filter links on the results page")
	require.Zero(t, pressed, "aria-pressed on the results page")

	var label, current string
	var stillPressed int
	// A long list (genres) starts folded, as a buyer on a phone sees it:
	// open it the way they would, by its title.
	const genres = `details.filter:has(a.filter__value[href*="genre="])`
	var open bool
	step(t, ctx, "see whether the genres are folded", chromedp.Evaluate(`document.querySelector('`+genres+`').open`, &open))
	if !open {
		step(t, ctx, "unfold the genres", chromedp.Click(genres+` > summary`, chromedp.ByQuery))
	}
	step(t, ctx, "choose the first genre",
		chromedp.Text(`a.filter__value[href*="genre="] .filter__label`, &label, chromedp.ByQuery),
		chromedp.Click(`a.filter__value[href*="genre="]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.filter__value[aria-current="true"]`, chromedp.ByQuery),
		chromedp.Text(`a.filter__value[aria-current="true"] .filter__label`, &current, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[aria-pressed]').length`, &stillPressed),
	)
	require.Equal(t, label, current, "the chosen genre is the current filter")
	require.Zero(t, stillPressed)
}

// TestAccountAndSearchScreenshots writes the sign-in, sign-up, profile and
// search pages at a phone's and a laptop's size into ACCOUNT_SHOTS, when it
// is set, for people to look at.
func TestAccountAndSearchScreenshots(t *testing.T) {
	dir := os.Getenv("ACCOUNT_SHOTS")
	if dir == "" {
		t.Skip("set ACCOUNT_SHOTS to a folder to write the screenshots")
	}
	require.NoError(t, os.MkdirAll(dir, 0o750))
	base := journeySite(t)
	visitor, buyer := browser(t), browser(t)
	signIn(t, buyer, base, "customer@marquee.test", "marquee-customer")
	pages := []struct {
		name, path string
		ctx        context.Context
	}{
		{"login", "/login", visitor},
		{"signup", "/signup", visitor},
		{"profile", "/account/profile", buyer},
		{"search", "/search?city=london&q=the", visitor},
	}
	for _, size := range []struct{ w, h int64 }{{390, 844}, {1366, 900}} {
		for _, p := range pages {
			var png []byte
			step(t, p.ctx, "screenshot "+p.name,
				chromedp.EmulateViewport(size.w, size.h),
				chromedp.Navigate(base+p.path),
				chromedp.WaitVisible(`main h1`, chromedp.ByQuery),
				chromedp.FullScreenshot(&png, 80),
			)
			name := filepath.Join(dir, p.name+"-"+strconv.FormatInt(size.w, 10)+".jpg")
			require.NoError(t, os.WriteFile(name, png, 0o600))
		}
	}
	t.Logf("screenshots in %s", dir)
}
