package catalog

import (
	"encoding/json"
	"fmt"

	"github.com/labstack/echo/v4"
)

// The seat-layout editor works on a draft kept in the admin's session, and
// "Save layout" publishes it with UpdateScreen. Why a session draft:
//   - Reloading the page, or leaving and coming back, keeps the work: the
//     editor always opens the draft if there is one.
//   - Buyers and the scheduler never see a half-edited layout; an admin can
//     try things and Discard.
//   - Concurrent admins each have their own draft. The draft remembers the
//     saved layout it started from (Base); if someone else saves in the
//     meantime, the editor says so and saving requires an explicit "Save and
//     replace theirs" instead of silently overwriting their work. (The check
//     and the save are two steps, so two saves in the same instant could
//     still both pass; UpdateScreen serialises them and the later one wins.)
//   - htmx queues an editor's requests (hx-sync on the editor), so quick
//     clicks read and write the session draft one after another.

// layoutDraft is an admin's unsaved edit of a screen's layout.
type layoutDraft struct {
	// Base fingerprints the saved layout the draft started from.
	Base   string `json:"base"`
	Layout Layout `json:"layout"`
}

// layoutEditor is a screen being edited: as saved, and the admin's draft
// (the saved layout itself when there is no draft).
type layoutEditor struct {
	screen Screen
	draft  layoutDraft
}

// dirty reports whether the draft differs from the saved layout.
func (e layoutEditor) dirty() bool {
	return layoutFingerprint(e.draft.Layout) != layoutFingerprint(e.screen.Layout)
}

// stale reports whether someone saved the layout after the draft began.
func (e layoutEditor) stale() bool {
	return e.dirty() && e.draft.Base != layoutFingerprint(e.screen.Layout)
}

// layoutFingerprint identifies a layout's content.
func layoutFingerprint(l Layout) string { return l.Fingerprint() }

func layoutDraftKey(screenID int64) string { return fmt.Sprintf("catalog.layout_draft.%d", screenID) }

// layoutToolKey remembers the admin's last tool across page loads.
const layoutToolKey = "catalog.layout_tool"

// openLayoutEditor loads the screen named by the :id path parameter and
// the admin's draft of it. Errors: ErrNotFound.
func (h *Handler) openLayoutEditor(c echo.Context) (layoutEditor, error) {
	id, err := adminPathID(c, "id")
	if err != nil {
		return layoutEditor{}, err
	}
	ctx := c.Request().Context()
	sc, err := h.svc.Screen(ctx, id)
	if err != nil {
		return layoutEditor{}, err
	}
	e := layoutEditor{screen: sc, draft: layoutDraft{Base: layoutFingerprint(sc.Layout), Layout: sc.Layout}}
	if raw := h.auth.Sessions.GetString(ctx, layoutDraftKey(id)); raw != "" {
		var d layoutDraft
		// A draft may be unsaveable for now (no seats left, say), but one
		// that does not decode into a rectangular grid is ignored.
		if json.Unmarshal([]byte(raw), &d) == nil && rectangular(d.Layout) {
			e.draft = d
		}
	}
	return e, nil
}

// rectangular reports whether l is a grid the editor can draw.
func rectangular(l Layout) bool {
	if len(l.Rows) == 0 || len(l.Rows) > MaxRows || l.Width() == 0 || l.Width() > MaxColumns {
		return false
	}
	for _, r := range l.Rows {
		if len(r.Cells) != l.Width() {
			return false
		}
	}
	return true
}

// keepDraft stores the draft in the session, or forgets it once it is the
// same as the saved layout again.
func (h *Handler) keepDraft(c echo.Context, e layoutEditor) error {
	ctx := c.Request().Context()
	if !e.dirty() {
		h.auth.Sessions.Remove(ctx, layoutDraftKey(e.screen.ID))
		return nil
	}
	b, err := json.Marshal(e.draft)
	if err != nil {
		return fmt.Errorf("encode layout draft of screen %d: %w", e.screen.ID, err)
	}
	h.auth.Sessions.Put(ctx, layoutDraftKey(e.screen.ID), string(b))
	return nil
}

// dropDraft forgets the admin's draft of the screen.
func (h *Handler) dropDraft(c echo.Context, screenID int64) {
	h.auth.Sessions.Remove(c.Request().Context(), layoutDraftKey(screenID))
}

// layoutTool is the admin's current tool, standard seats at first.
func (h *Handler) layoutTool(c echo.Context) LayoutTool {
	t := LayoutTool(h.auth.Sessions.GetString(c.Request().Context(), layoutToolKey))
	if !t.Valid() {
		return ToolStandard
	}
	return t
}
