package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// click applies tool to the cell at row, col (0-based) as htmx does.
func click(t *testing.T, a *webtest.Browser, screenID int64, tool string, row, col int) string {
	t.Helper()
	res, body := a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", screenID),
		url.Values{"tool": {tool}, "row": {fmt.Sprint(row)}, "col": {fmt.Sprint(col)}}, "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	return body
}

var hxHeaders = []string{"HX-Request", "true"}

func savedScreen(t *testing.T, b *testBundle, id int64) catalog.Screen {
	t.Helper()
	sc, err := b.Catalog.Screen(context.Background(), id)
	require.NoError(t, err)
	return sc
}

func TestAdminScreenCreateMakesTheGrid(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Grid House")
	_, body := b.staff(t).Get(t, fmt.Sprintf("/admin/theaters/%d/screens/new", th.ID))
	require.Contains(t, body, `value="Screen 1"`)

	path := fmt.Sprintf("/admin/theaters/%d/screens", th.ID)
	res, body := b.staff(t).Post(t, path, url.Values{"name": {"Big One"}, "formats": {"IMAX"}, "rows": {"0"}, "cols": {"wide"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter 1 to 40 rows.")
	require.Contains(t, body, "Enter 1 to 60 seats per row.")
	require.Contains(t, body, `value="wide"`)
	require.Contains(t, body, `value="IMAX" checked`)

	res, _ = b.staff(t).Post(t, path, url.Values{"name": {"Big One"}, "formats": {"IMAX", "2D"}, "rows": {"12"}, "cols": {"25"}})
	id := redirectID(t, res, "/admin/screens/")
	sc := savedScreen(t, b, id)
	require.Equal(t, 300, sc.SeatCount)
	require.Len(t, sc.Layout.Rows, 12)
	require.Equal(t, 25, sc.Layout.Width())
	require.Equal(t, "L", sc.Layout.Rows[11].Label)

	res, body = b.staff(t).Post(t, path, url.Values{"name": {"Big One"}, "formats": {"2D"}, "rows": {"2"}, "cols": {"2"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "already has a screen with that name")
}

func TestAdminLayoutEditorRoundTrip(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Editor House")
	sc := newScreen(t, b, th.ID, "Screen 1") // 5 x 10, back row premium
	a := b.staff(t)                          // the layout editor's draft lives in the session
	edit := fmt.Sprintf("/admin/screens/%d/edit", sc.ID)

	res, body := a.Get(t, edit)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `>Row A seat 1, standard<`)
	require.Contains(t, body, `>Row E seat 10, premium<`)
	require.Contains(t, body, "No unsaved changes.")

	body = click(t, a, sc.ID, "gap", 0, 0)
	require.Contains(t, body, `>Row A, column 1, gap<`)
	require.Contains(t, body, `>Row A seat 1, standard<`, "the row is renumbered from the next seat")
	require.Contains(t, body, "<strong>49</strong>", "the seat count follows the draft")
	require.Contains(t, body, "Unsaved changes.")
	require.Contains(t, body, "Row A, column 1 is now a gap. 49 seats.")
	require.NotContains(t, body, `id="layout-board"`, "the grid's buttons stay; only faces change")
	require.Contains(t, body, `<span id="le-f-0-0" class="le-cell le-cell--gap" hx-swap-oob="true" title="Row A, column 1, gap">`)
	require.Contains(t, body, `id="le-f-0-9"`, "the row's last seat is renumbered 9")
	require.NotContains(t, body, `id="le-f-1-0"`, "other rows are untouched")
	require.Equal(t, 1, strings.Count(body, `id="le-status"`))
	require.NotContains(t, body, `id="le-side"`, "half-typed row labels survive a click")
	click(t, a, sc.ID, "premium", 0, 1)
	body = click(t, a, sc.ID, "block", 1, 2)
	require.Contains(t, body, `>Row B seat 3, standard, blocked<`)
	require.Contains(t, body, "<strong>48</strong>")
	require.Equal(t, 50, savedScreen(t, b, sc.ID).SeatCount, "nothing is published before Save")

	// The draft survives a reload.
	_, body = a.Get(t, edit)
	require.Contains(t, body, `>Row A seat 1, premium<`)
	require.Contains(t, body, `<span id="le-tm-block" class="le-tool__mark le-tool__mark--on">`, "the last tool stays selected")

	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got := savedScreen(t, b, sc.ID)
	require.Equal(t, ".pssssssss", got.Layout.Rows[0].Cells)
	require.Equal(t, "ssSsssssss", got.Layout.Rows[1].Cells)
	require.Equal(t, 48, got.SeatCount)

	_, body = a.Get(t, edit)
	require.Contains(t, body, "Saved the layout of Screen 1: 48 seats.")
	require.Contains(t, body, "No unsaved changes.")
	require.Contains(t, body, "<strong>48</strong>")

	// Blocking again unblocks; a whole column becomes an aisle.
	click(t, a, sc.ID, "block", 1, 2)
	res, body = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"gap"}, "cell": {"*:5"}}, hxHeaders...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Column 6: gap.")
	res, body = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"block"}, "cell": {"3:*"}}, hxHeaders...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Row D: blocked.")
	_, body = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"block"}, "cell": {"3:*"}}, hxHeaders...)
	require.Contains(t, body, "Row D: unblocked.")
	a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{})
	got = savedScreen(t, b, sc.ID)
	require.Equal(t, "sssss.ssss", got.Layout.Rows[1].Cells)
	require.Equal(t, 44, got.SeatCount)

	// Bad requests never touch the draft.
	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"laser"}, "cell": {"0:0"}}, hxHeaders...)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"gap"}, "cell": {"9:0"}}, hxHeaders...)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"gap"}, "cell": {"-1:x"}}, hxHeaders...)
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	res, _ = a.Post(t, "/admin/screens/424242/cells", url.Values{"tool": {"gap"}, "cell": {"0:0"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

// TestAdminLayoutToolChangesKeepTheirPlace picks tools with the palette's
// buttons: clicks without a tool use the current one, so a queue of
// clicks and tool changes applies in the order the admin made them.
func TestAdminLayoutToolChangesKeepTheirPlace(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sc := newScreen(t, b, newTheater(t, b, "Palette House").ID, "Screen 1")
	a := b.staff(t) // the layout editor's draft lives in the session
	cells := fmt.Sprintf("/admin/screens/%d/cells", sc.ID)

	res, body := a.Post(t, cells, url.Values{"tool": {"recliner"}}, hxHeaders...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `<span id="le-tm-recliner" class="le-tool__mark le-tool__mark--on" hx-swap-oob="true">`)
	require.Contains(t, body, `<span id="le-tm-standard" class="le-tool__mark" hx-swap-oob="true">`)
	require.Contains(t, body, "Tool: Recliner.")
	a.Post(t, cells, url.Values{"cell": {"0:0"}}, hxHeaders...)
	a.Post(t, cells, url.Values{"tool": {"gap"}}, hxHeaders...)
	a.Post(t, cells, url.Values{"cell": {"0:1"}}, hxHeaders...)
	a.Post(t, cells, url.Values{"cell": {"0:2"}}, hxHeaders...)
	a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{})
	require.Equal(t, "r..sssssss", savedScreen(t, b, sc.ID).Layout.Rows[0].Cells)

	res, _ = a.Post(t, cells, url.Values{"tool": {"premium"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "without JavaScript a tool button reloads the editor")
	_, body = a.Get(t, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
	require.Contains(t, body, `<span id="le-tm-premium" class="le-tool__mark le-tool__mark--on">`)
}

func TestAdminLayoutEditorWorksWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sc := newScreen(t, b, newTheater(t, b, "Plain House").ID, "Screen 1")
	a := b.staff(t) // the layout editor's draft lives in the session

	res, _ := a.Post(t, fmt.Sprintf("/admin/screens/%d/cells", sc.ID), url.Values{"tool": {"wheelchair"}, "cell": {"0:0"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, fmt.Sprintf("/admin/screens/%d/edit#le-c-0-0", sc.ID), res.Header.Get("Location"))
	_, body := a.Get(t, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
	require.Contains(t, body, `>Row A seat 1, wheelchair space<`)

	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/layout/discard", sc.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = a.Get(t, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
	require.Contains(t, body, `>Row A seat 1, standard<`)
	require.Contains(t, body, "Draft discarded.")
}

func TestAdminLayoutEditorRelabelsAndReshapes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sc := newScreen(t, b, newTheater(t, b, "Shape House").ID, "Screen 1")
	a := b.staff(t) // the layout editor's draft lives in the session
	structure := fmt.Sprintf("/admin/screens/%d/structure", sc.ID)
	op := func(name string) string {
		t.Helper()
		res, body := a.Post(t, structure, url.Values{"op": {name}}, hxHeaders...)
		require.Equal(t, http.StatusOK, res.StatusCode, body)
		return body
	}

	body := op("relabel_back")
	require.Contains(t, body, `>Row E seat 1, standard<`, "the front row is now E")
	require.Contains(t, body, `<aside id="le-side" class="le-side" aria-label="Layout tools" hx-swap-oob="true">`)
	require.Contains(t, body, `value="E"`, "the side panel's label fields follow")
	op("add_row")
	op("add_col")
	op("add_col")
	body = op("remove_col")
	require.Contains(t, body, "6 rows × 11 columns")
	body = op("number_rtl")
	require.Contains(t, body, "seat 1 is on the")
	require.Contains(t, body, "right.")

	// Rename one by one: repeated or odd labels are refused, input kept.
	labels := fmt.Sprintf("/admin/screens/%d/labels", sc.ID)
	res, body := a.Post(t, labels, url.Values{"label": {"AA", "b", "C", "c", "D!", "F"}}, hxHeaders...)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Equal(t, "#le-side", res.Header.Get("HX-Retarget"))
	require.Contains(t, body, "Row C is already used by row 3 from the front.")
	require.Contains(t, body, "Use 1-3 letters or digits.")
	require.Contains(t, body, `value="D!"`)
	res, _ = a.Post(t, labels, url.Values{"label": {"AA", "b", "C", "D", "E", "F"}}, hxHeaders...)
	require.Equal(t, http.StatusOK, res.StatusCode)

	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got := savedScreen(t, b, sc.ID)
	require.Len(t, got.Layout.Rows, 6)
	require.Equal(t, 11, got.Layout.Width())
	require.Equal(t, "AA", got.Layout.Rows[0].Label)
	require.Equal(t, "B", got.Layout.Rows[1].Label)
	require.True(t, got.Layout.RightToLeft)
	require.Equal(t, 66, got.SeatCount)
	require.Equal(t, "AA11", got.Layout.Seats()[0].Label, "numbered from the right")
}

func TestAdminLayoutSaveNoticesAnotherAdminsSave(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sc := newScreen(t, b, newTheater(t, b, "Busy House").ID, "Screen 1")
	alice, _ := b.SignedIn(t, "Alice", account.Staff)
	bob, _ := b.SignedIn(t, "Bob", account.Staff)
	save := fmt.Sprintf("/admin/screens/%d/layout", sc.ID)

	click(t, alice, sc.ID, "gap", 0, 0)
	click(t, bob, sc.ID, "recliner", 4, 9)
	res, _ := bob.Post(t, save, url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	_, body := alice.Get(t, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
	require.Contains(t, body, "Someone else saved this layout after you started editing.")
	res, body = alice.Post(t, save, url.Values{}, hxHeaders...)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Equal(t, "#alerts", res.Header.Get("HX-Retarget"))
	require.Contains(t, body, "Someone else saved this layout while you were editing.")
	require.Equal(t, "pppppppppr", savedScreen(t, b, sc.ID).Layout.Rows[4].Cells, "Bob's save stands")

	res, _ = alice.Post(t, save, url.Values{"overwrite": {"1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got := savedScreen(t, b, sc.ID)
	require.Equal(t, ".sssssssss", got.Layout.Rows[0].Cells)
	require.Equal(t, "pppppppppp", got.Layout.Rows[4].Cells, "Alice chose to replace it")
}

func TestAdminLayoutSaveRefusesToRemoveBookedSeats(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sc := newScreen(t, b, newTheater(t, b, "Sold House").ID, "Screen 1")
	// A buyer holds A2 and C5 for a show still to come, through the app's
	// booking module.
	show := newShow(t, b, newMovie(t, b, "Full House").ID, sc.ID, b.now.Add(48*time.Hour))
	buyer := b.User(t, "Buyer", account.Customer)
	_, err := b.Booking.Hold(context.Background(), buyer.ID, show.ID, []string{"A2", "C5"})
	require.NoError(t, err)
	a := b.staff(t) // the layout editor's draft lives in the session

	click(t, a, sc.ID, "block", 0, 1)
	click(t, a, sc.ID, "premium", 2, 4)
	res, body := a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{}, hxHeaders...)
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body, "already booked for future shows: A2.")
	require.Equal(t, 50, savedScreen(t, b, sc.ID).SeatCount)

	// Without JavaScript the editor comes back with the message and the draft.
	res, body = a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{})
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body, `class="alert alert--error"`)
	require.Contains(t, body, `>Row A seat 2, standard, blocked<`)

	click(t, a, sc.ID, "block", 0, 1)
	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d/layout", sc.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "recategorising a booked seat is fine")
	require.Equal(t, "sssspsssss", savedScreen(t, b, sc.ID).Layout.Rows[2].Cells)
}

func TestAdminScreenPreviewAndDetails(t *testing.T) {
	t.Parallel()
	b := setup(t)
	sc := newScreen(t, b, newTheater(t, b, "Preview House").ID, "Screen 1")
	a := b.staff(t) // the layout editor's draft lives in the session

	_, body := a.Get(t, fmt.Sprintf("/admin/screens/%d/preview", sc.ID))
	require.Contains(t, body, `>Row C seat 4, standard<`)
	require.NotContains(t, body, `name="cell"`, "read-only")
	require.NotContains(t, body, "unsaved draft")
	click(t, a, sc.ID, "gap", 2, 3)
	_, body = a.Get(t, fmt.Sprintf("/admin/screens/%d/preview", sc.ID))
	require.Contains(t, body, "This is your unsaved draft.")
	require.NotContains(t, body, "Row C seat 10")

	res, body := a.Post(t, fmt.Sprintf("/admin/screens/%d", sc.ID), url.Values{"name": {""}, "formats": {"2D"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the screen&#39;s name")
	res, _ = a.Post(t, fmt.Sprintf("/admin/screens/%d", sc.ID), url.Values{"name": {"Screen 1 Dolby"}, "formats": {"2D", "Dolby Atmos"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	got := savedScreen(t, b, sc.ID)
	require.Equal(t, "Screen 1 Dolby", got.Name)
	require.Equal(t, []string{"2D", "Dolby Atmos"}, got.Formats)
	require.Equal(t, 50, got.SeatCount, "the draft is still a draft")
}
