// Zoom for the seat map on a small screen: pinch, the + / − / whole-house
// buttons, Ctrl + wheel (a trackpad's pinch), and a tap on the whole house
// (when its seats are too small to tap one by one) zooms in there. A
// mini-map shows which part of the house is in view and jumps on a tap or
// drag. Without this file the map is fitted to the screen by CSS alone.
(function () {
  "use strict";

  var form = document.querySelector("form[data-seatmap]");
  var view = form && form.querySelector("[data-seatmap-view]");
  if (!view) { return; }

  // Sizes of one cell (a seat's track) in CSS px. A seat is drawn 7% in
  // from each side, so COMFORT draws seats of 37.8 px; below TAP a cell is
  // smaller than a safe touch target and a tap zooms instead.
  var COMFORT = 44, MAX = 60, TAP = 24;

  var scroller = view.querySelector("[data-seatmap-scroll]");
  var rowsEl = view.querySelector("[data-seatmap-grid]");
  var tapzoom = view.querySelector("[data-seatmap-tapzoom]");
  var mini = view.querySelector("[data-seatmap-mini]");
  var canvas = mini.querySelector("canvas");
  var box = mini.querySelector("[data-seatmap-mini-view]");
  var hint = form.querySelector("[data-seatmap-hint]");
  var buttons = {};
  form.querySelectorAll("[data-zoom]").forEach(function (b) { buttons[b.dataset.zoom] = b; });
  var firstRow = rowsEl.querySelector(".sm-row");
  var tracks = firstRow ? firstRow.children.length : 1;
  var cell = 0; // 0 while fitted: CSS sizes the cells
  var scale = 1; // mini-map px per content px

  // fitCell is the cell size that shows every column, as the CSS makes it.
  function fitCell() {
    var cs = getComputedStyle(scroller);
    var width = scroller.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return Math.min(COMFORT, width / tracks);
  }

  function current() { return cell || fitCell(); }

  function clientCenter() {
    var r = scroller.getBoundingClientRect();
    var top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
    return { x: r.left + r.width / 2, y: bottom > top ? (top + bottom) / 2 : r.top + r.height / 2 };
  }

  // zoomTo sets the cell size, keeping the point (x, y) of the house under
  // the same place on the screen.
  function zoomTo(size, x, y) {
    var fit = fitCell();
    size = Math.max(fit, Math.min(Math.max(MAX, fit), size));
    if (x === undefined) { var c = clientCenter(); x = c.x; y = c.y; }
    var r0 = rowsEl.getBoundingClientRect();
    var fx = (x - r0.left) / r0.width, fy = (y - r0.top) / r0.height;
    if (size <= fit + 0.5) {
      cell = 0;
      view.classList.remove("is-zoomed");
      view.style.removeProperty("--sm-cell");
    } else {
      cell = size;
      view.style.setProperty("--sm-cell", size.toFixed(2) + "px");
      view.classList.add("is-zoomed");
    }
    var r1 = rowsEl.getBoundingClientRect();
    scroller.scrollLeft += r1.left + fx * r1.width - x;
    scroller.scrollTop += r1.top + fy * r1.height - y;
    refresh();
  }

  function press(b, off) {
    if (b) { b.setAttribute("aria-disabled", String(off)); }
  }

  function refresh() {
    var size = current();
    var overview = size < TAP;
    tapzoom.hidden = !overview;
    if (hint) { hint.textContent = overview ? hint.dataset.hintOverview : hint.dataset.hintZoomed; }
    press(buttons.out, !cell);
    press(buttons.fit, !cell);
    press(buttons["in"], size >= Math.max(MAX, fitCell()) - 0.5);
    var overflows = scroller.scrollWidth > scroller.clientWidth + 1 || scroller.scrollHeight > scroller.clientHeight + 1;
    mini.hidden = !(cell && overflows);
    if (!mini.hidden) { stickBelowHeader(); drawMini(); }
  }

  // The mini-map sticks below the site header (CSS --sm-header), whose
  // height depends on the screen's width.
  function stickBelowHeader() {
    var header = document.querySelector(".site-header");
    var pos = header ? getComputedStyle(header).position : "";
    var height = pos === "sticky" || pos === "fixed" ? header.getBoundingClientRect().height : 0;
    view.style.setProperty("--sm-header", height.toFixed(1) + "px");
  }

  // The mini-map draws every seat as a dot in its state's colour, the
  // screen as a gold line, and the part in view as a box.
  var colours = {};
  function colourOf(seat) {
    var input = seat.querySelector("input");
    if (input.checked || seat.dataset.state === "mine") { return "#f3f1f7"; }
    if (seat.dataset.state !== "free") { return "#3a3744"; }
    var kind = seat.dataset.kind;
    if (!colours[kind]) { colours[kind] = getComputedStyle(seat).getPropertyValue("--c").trim() || "#8a86a0"; }
    return colours[kind];
  }

  function drawMini() {
    var sw = scroller.scrollWidth, sh = scroller.scrollHeight;
    var w = 104, h = Math.round(w * sh / sw);
    if (h > 88) { h = 88; w = Math.round(h * sw / sh); }
    scale = w / sw;
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = w + "px";
    canvas.style.height = h + "px";
    var g = canvas.getContext("2d");
    g.setTransform(dpr * scale, 0, 0, dpr * scale, 0, 0);
    var sr = scroller.getBoundingClientRect();
    var ox = scroller.scrollLeft - sr.left - scroller.clientLeft, oy = scroller.scrollTop - sr.top - scroller.clientTop;
    var screen = view.querySelector(".sm-screen").getBoundingClientRect();
    g.fillStyle = "#f5b82e";
    g.fillRect(screen.left + ox, screen.top + oy, screen.width, Math.max(4, 2 / scale));
    form.querySelectorAll(".sm-seat").forEach(function (seat) {
      var r = seat.getBoundingClientRect(), inset = r.width * 0.12;
      g.fillStyle = colourOf(seat);
      g.fillRect(r.left + ox + inset, r.top + oy + inset, r.width - 2 * inset, r.height - 2 * inset);
    });
    placeBox();
  }

  function placeBox() {
    box.style.left = (4 + scroller.scrollLeft * scale) + "px";
    box.style.top = (4 + scroller.scrollTop * scale) + "px";
    box.style.width = Math.max(6, scroller.clientWidth * scale) + "px";
    box.style.height = Math.max(6, scroller.clientHeight * scale) + "px";
  }

  var boxQueued = false;
  scroller.addEventListener("scroll", function () {
    if (mini.hidden || boxQueued) { return; }
    boxQueued = true;
    requestAnimationFrame(function () { boxQueued = false; placeBox(); });
  }, { passive: true });

  // A tap or drag on the mini-map centres the view there.
  function jump(e) {
    var r = canvas.getBoundingClientRect();
    scroller.scrollLeft = (e.clientX - r.left) / scale - scroller.clientWidth / 2;
    scroller.scrollTop = (e.clientY - r.top) / scale - scroller.clientHeight / 2;
  }
  mini.addEventListener("pointerdown", function (e) {
    mini.setPointerCapture(e.pointerId);
    jump(e);
  });
  mini.addEventListener("pointermove", function (e) { if (mini.hasPointerCapture(e.pointerId)) { jump(e); } });

  Object.keys(buttons).forEach(function (name) {
    buttons[name].addEventListener("click", function () {
      if (buttons[name].getAttribute("aria-disabled") === "true") { return; }
      var size = current();
      if (name === "in") { zoomTo(size < COMFORT - 0.5 ? COMFORT : size * 1.25); }
      if (name === "out") { zoomTo(size > COMFORT + 0.5 ? COMFORT : 0); }
      if (name === "fit") { zoomTo(0); }
    });
  });

  tapzoom.addEventListener("click", function (e) { zoomTo(COMFORT, e.clientX, e.clientY); });

  // A seat reached from the keyboard is always big enough to see.
  form.addEventListener("focusin", function (e) {
    if (e.target.name !== "seats" || current() >= TAP) { return; }
    var r = e.target.getBoundingClientRect();
    zoomTo(COMFORT, r.left + r.width / 2, r.top + r.height / 2);
    e.target.scrollIntoView({ block: "nearest", inline: "nearest" });
  });

  // Pinch: two fingers scale the cells about their midpoint. One finger
  // still scrolls natively (touch-action: pan-x pan-y). The whole view
  // listens: on the whole house the fingers land on the tap-to-zoom layer,
  // not the scroller.
  var pinch = null, queued = null;
  function spread(t) { return Math.hypot(t[0].clientX - t[1].clientX, t[0].clientY - t[1].clientY); }
  view.addEventListener("touchstart", function (e) {
    if (e.touches.length === 2) { pinch = { d: spread(e.touches) || 1, size: current() }; }
  }, { passive: true });
  view.addEventListener("touchmove", function (e) {
    if (!pinch || e.touches.length !== 2) { return; }
    if (e.cancelable) { e.preventDefault(); }
    var t = e.touches;
    var next = { size: pinch.size * spread(t) / pinch.d, x: (t[0].clientX + t[1].clientX) / 2, y: (t[0].clientY + t[1].clientY) / 2 };
    if (!queued) {
      requestAnimationFrame(function () { var q = queued; queued = null; zoomTo(q.size, q.x, q.y); });
    }
    queued = next;
  }, { passive: false });
  view.addEventListener("touchend", function (e) { if (e.touches.length < 2) { pinch = null; } });
  view.addEventListener("touchcancel", function () { pinch = null; });

  view.addEventListener("wheel", function (e) {
    if (!e.ctrlKey) { return; }
    e.preventDefault();
    zoomTo(current() * Math.exp(-e.deltaY / 200), e.clientX, e.clientY);
  }, { passive: false });

  form.addEventListener("seatmap:change", function () { if (!mini.hidden) { drawMini(); } });
  if (window.ResizeObserver) {
    var width = view.clientWidth;
    new ResizeObserver(function () {
      if (view.clientWidth === width) { return; }
      width = view.clientWidth;
      if (cell && cell < fitCell()) { zoomTo(0); } else { refresh(); }
    }).observe(view);
  }
  refresh();
})();
