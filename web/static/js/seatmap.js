// The seat map: running total, the seat limit, the stranded-seat rule,
// arrow keys across seats, and live seat changes from the server. The form
// works without this file; the server checks everything again. Zoom and
// the mini-map are seatmap-zoom.js; this file tells it of changes with a
// "seatmap:change" event on the form. Every sentence comes from the
// server in the page's language (data-words).
(function () {
  "use strict";

  var form = document.querySelector("form[data-seatmap]");
  if (!form) { return; }

  var max = parseInt(form.dataset.max, 10) || 10;
  var words = JSON.parse(form.dataset.words || "{}");
  var lang = document.documentElement.lang || "en";
  var strandedRule = form.dataset.stranded === "true";
  var seats = Array.prototype.slice.call(form.querySelectorAll("input[name=seats]"));
  var countEl = form.querySelector("[data-seatmap-count]");
  var listEl = form.querySelector("[data-seatmap-seats]");
  var totalEl = form.querySelector("[data-seatmap-total]");
  var noteEl = form.querySelector("[data-seatmap-note]");
  var submit = form.querySelector("[data-seatmap-submit]");
  var announcer = document.querySelector("[data-seatmap-announce]");
  var stateWords = words.states || {};

  // money writes minor units as the server does, learnt from its writing
  // of 1,234,567.89 (data-money): the symbol's place, the separators and
  // the grouping ("₹12,34,567.89" groups by two after the first three).
  var money = (function (sample) {
    var m = /^([^\d]*)([\d.,\s\u00a0\u202f']*\d)([^\d]*)$/.exec(sample || "");
    if (!m) { return function (minor) { return (minor / 100).toFixed(2); }; }
    var body = m[2], dec = body.charAt(body.length - 3), intPart = body.slice(0, -3);
    var groups = intPart.split(/[^\d]/), sep = intPart.replace(/\d/g, "").charAt(0) || "";
    var first = groups[groups.length - 1].length, rest = groups.length > 2 ? groups[groups.length - 2].length : first;
    return function (minor) {
      var whole = String(Math.floor(minor / 100)), frac = String(minor % 100).padStart(2, "0");
      // Spanish leaves four-figure amounts ungrouped (CLDR's minimum grouping digits).
      if (whole.length < first + (lang === "es" ? 2 : 1)) { return m[1] + whole + dec + frac + m[3]; }
      var out = whole.slice(-first);
      for (var i = whole.length - first; i > 0; i -= rest) { out = whole.slice(Math.max(0, i - rest), i) + sep + out; }
      return m[1] + out + dec + frac + m[3];
    };
  })(form.dataset.money);

  function fill(text, seats) {
    var list = window.Intl && Intl.ListFormat ? new Intl.ListFormat(lang, { type: "conjunction" }).format(seats) : seats.join(", ");
    return (text || "").split("{seat}").join(seats[0]).split("{seats}").join(list);
  }

  function chosen() { return seats.filter(function (s) { return s.checked; }); }

  function say(text) {
    if (!announcer) { return; }
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function note(text) {
    noteEl.textContent = text || "";
    noteEl.hidden = !text;
  }

  function stateOf(input) { return input.closest(".sm-seat").dataset.state; }

  // colOf is a seat's column: its place in the row, gaps included.
  function colOf(input) {
    var cell = input.closest(".sm-seat");
    return Array.prototype.indexOf.call(cell.parentNode.children, cell);
  }

  // The row's cells in order: a seat input, or null for a gap (a wall).
  function rowCells(row) {
    return Array.prototype.map.call(row.querySelectorAll(".sm-seat, .sm-gap"), function (el) {
      return el.classList.contains("sm-gap") ? null : el.querySelector("input");
    });
  }

  // stranded mirrors booking.strandedSeats: a free, unchosen seat (not a
  // wheelchair space or companion seat) whose neighbours are both walls or
  // occupied once the choice is made, and were not both before.
  function stranded() {
    var alone = [];
    form.querySelectorAll(".sm-row").forEach(function (row) {
      var cells = rowCells(row);
      function walled(i, occupied) {
        var l = i === 0 || cells[i - 1] === null || occupied(cells[i - 1]);
        var r = i === cells.length - 1 || cells[i + 1] === null || occupied(cells[i + 1]);
        return l && r;
      }
      function taken(c) { return stateOf(c) !== "free"; }
      function after(c) { return taken(c) || c.checked; }
      cells.forEach(function (c, i) {
        if (!c || c.checked || taken(c)) { return; }
        var kind = c.closest(".sm-seat").dataset.kind;
        if (kind === "wheelchair" || kind === "companion") { return; }
        if (walled(i, after) && !walled(i, taken)) { alone.push(c.value); }
      });
    });
    return alone;
  }

  function strandedText(alone) {
    if (alone.length === 1) {
      return fill(words.aloneOne, alone);
    }
    return fill(words.aloneMany, alone);
  }

  function update() {
    var picked = chosen();
    var total = picked.reduce(function (sum, s) { return sum + (parseInt(s.dataset.price, 10) || 0); }, 0);
    countEl.textContent = (words.counts || [])[picked.length] || String(picked.length);
    listEl.textContent = picked.length ? picked.map(function (s) { return s.value; }).join(", ") : words.limit;
    totalEl.textContent = money(total);
    submit.disabled = picked.length === 0;
    var alone = strandedRule && picked.length ? stranded() : [];
    note(alone.length ? strandedText(alone) : "");
    form.dispatchEvent(new CustomEvent("seatmap:change"));
  }

  form.addEventListener("change", function (e) {
    var input = e.target;
    if (input.name !== "seats") { return; }
    if (input.checked && chosen().length > max) {
      input.checked = false;
      note(words.tooMany);
      say(words.tooMany);
      return;
    }
    update();
    say(fill(input.checked ? words.picked : words.removed, [input.value]) + " " + countEl.textContent + ", " + totalEl.textContent + ".");
  });

  form.addEventListener("submit", function (e) {
    var alone = strandedRule ? stranded() : [];
    if (chosen().length === 0 || alone.length) {
      e.preventDefault();
      var msg = alone.length ? strandedText(alone) : words.none;
      note(msg);
      say(msg);
    }
  });

  // Arrow keys move between seats that can be chosen; only one seat is in
  // the Tab order, so Tab leaves the map in one step.
  function usable() { return seats.filter(function (s) { return !s.disabled; }); }

  function setRoving(target) {
    seats.forEach(function (s) { s.tabIndex = s === target ? 0 : -1; });
  }

  function initialFocusSeat() {
    var picked = chosen();
    if (picked.length) { return picked[0]; }
    var free = usable();
    return free[Math.floor(free.length / 2)] || seats[0];
  }

  function move(from, key) {
    var row = from.closest(".sm-row");
    var rows = Array.prototype.slice.call(form.querySelectorAll(".sm-row"));
    var ri = rows.indexOf(row);
    var col = colOf(from);
    function open(r) {
      return Array.prototype.filter.call(r.querySelectorAll("input[name=seats]"), function (s) { return !s.disabled; });
    }
    var inRow = open(row), i = inRow.indexOf(from);
    switch (key) {
      case "ArrowLeft": return inRow[i - 1];
      case "ArrowRight": return inRow[i + 1];
      case "Home": return inRow[0];
      case "End": return inRow[inRow.length - 1];
    }
    var step = key === "ArrowUp" ? -1 : 1;
    for (var r = ri + step; r >= 0 && r < rows.length; r += step) {
      var cand = open(rows[r]);
      if (!cand.length) { continue; }
      return cand.reduce(function (best, s) {
        return Math.abs(colOf(s) - col) < Math.abs(colOf(best) - col) ? s : best;
      });
    }
    return null;
  }

  form.querySelector("[data-seatmap-grid]").addEventListener("keydown", function (e) {
    if (e.target.name !== "seats" || ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].indexOf(e.key) < 0) { return; }
    var next = move(e.target, e.key);
    e.preventDefault();
    if (next) {
      setRoving(next);
      next.focus();
      next.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });
  form.addEventListener("focusin", function (e) { if (e.target.name === "seats") { setRoving(e.target); } });
  setRoving(initialFocusSeat());

  // Live: the server sends {"F12":"held",...} for every seat that is not free.
  function apply(states) {
    var lost = [];
    seats.forEach(function (input) {
      var seat = input.closest(".sm-seat");
      var next = states[input.value] || "free", was = stateOf(input);
      // The buyer's own held seats arrive as "held" like anyone's.
      if (was === "mine" && next === "held") { next = "mine"; }
      if (next === was) { return; }
      seat.dataset.state = next;
      input.disabled = next !== "free";
      var name = input.getAttribute("aria-label"), old = stateWords[was] || "";
      if (old && name.slice(-old.length) === old) {
        input.setAttribute("aria-label", name.slice(0, name.length - old.length) + (stateWords[next] || next));
      }
      if (input.checked && next !== "free") {
        input.checked = false;
        lost.push(input.value);
        seat.classList.add("is-gone");
        setTimeout(function () { seat.classList.remove("is-gone"); }, 1000);
      }
    });
    update();
    if (lost.length) {
      var msg = fill(lost.length === 1 ? words.goneOne : words.goneMany, lost);
      note(msg);
      say(msg);
    }
  }

  if (window.EventSource && form.dataset.events) {
    var source = new EventSource(form.dataset.events);
    source.addEventListener("seats", function (e) {
      try { apply(JSON.parse(e.data)); } catch (err) { /* a malformed event changes nothing */ }
    });
    window.addEventListener("pagehide", function () { source.close(); });
  }

  update();
})();
