// The seat map: running total, the seat limit, the stranded-seat rule,
// arrow keys across seats, and live seat changes from the server. The form
// works without this file; the server checks everything again.
(function () {
  "use strict";

  var form = document.querySelector("form[data-seatmap]");
  if (!form) { return; }

  var max = parseInt(form.dataset.max, 10) || 10;
  var symbol = form.dataset.currency || "";
  var strandedRule = form.dataset.stranded === "true";
  var seats = Array.prototype.slice.call(form.querySelectorAll("input[name=seats]"));
  var countEl = form.querySelector("[data-seatmap-count]");
  var listEl = form.querySelector("[data-seatmap-seats]");
  var totalEl = form.querySelector("[data-seatmap-total]");
  var noteEl = form.querySelector("[data-seatmap-note]");
  var submit = form.querySelector("[data-seatmap-submit]");
  var announcer = document.querySelector("[data-seatmap-announce]");
  var limitNote = "Up to " + max + " seats per booking";
  var stateWords = { free: "available", held: "held by someone else", booked: "sold", blocked: "not for sale" };

  // money mirrors internal/platform/money.Format: "£12", "£12.50", "₹1,200".
  function money(minor) {
    var whole = Math.floor(minor / 100), frac = minor % 100;
    var s = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    if (frac) { s += "." + (frac < 10 ? "0" : "") + frac; }
    return symbol + s;
  }

  function plural(n) { return n === 1 ? "1 seat" : n + " seats"; }

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
      return "That would leave " + alone[0] + " on its own; move one seat left or right, or add " + alone[0] + " to your seats.";
    }
    return "That would leave " + alone.slice(0, -1).join(", ") + " and " + alone[alone.length - 1] +
      " on their own; move your seats one along, or add them to your seats.";
  }

  function update() {
    var picked = chosen();
    var total = picked.reduce(function (sum, s) { return sum + (parseInt(s.dataset.price, 10) || 0); }, 0);
    countEl.textContent = picked.length ? plural(picked.length) + " selected" : "No seats selected";
    listEl.textContent = picked.length ? picked.map(function (s) { return s.value; }).join(", ") : limitNote;
    totalEl.textContent = money(total);
    submit.disabled = picked.length === 0;
    var alone = strandedRule && picked.length ? stranded() : [];
    note(alone.length ? strandedText(alone) : "");
  }

  form.addEventListener("change", function (e) {
    var input = e.target;
    if (input.name !== "seats") { return; }
    if (input.checked && chosen().length > max) {
      input.checked = false;
      note("You can book up to " + max + " seats at a time.");
      say("You can book up to " + max + " seats at a time.");
      return;
    }
    update();
    say(input.value + (input.checked ? " selected. " : " removed. ") + countEl.textContent + ", " + totalEl.textContent + ".");
  });

  form.addEventListener("submit", function (e) {
    var alone = strandedRule ? stranded() : [];
    if (chosen().length === 0 || alone.length) {
      e.preventDefault();
      var msg = alone.length ? strandedText(alone) : "Choose at least one seat.";
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

  // Phones: start with the middle of the house in view.
  var scroller = form.querySelector("[data-seatmap-scroll]");
  if (scroller && scroller.scrollWidth > scroller.clientWidth) {
    var first = chosen()[0];
    scroller.scrollLeft = first
      ? first.closest(".sm-seat").offsetLeft - scroller.clientWidth / 2
      : (scroller.scrollWidth - scroller.clientWidth) / 2;
  }

  // Live: the server sends {"F12":"held",...} for every seat that is not free.
  function apply(states) {
    var lost = [];
    seats.forEach(function (input) {
      var seat = input.closest(".sm-seat");
      var next = states[input.value] || "free", was = stateOf(input);
      if (next === was) { return; }
      seat.dataset.state = next;
      input.disabled = next !== "free";
      input.setAttribute("aria-label", input.getAttribute("aria-label").replace(/, [^,]*$/, ", " + (stateWords[next] || next)));
      if (input.checked && next !== "free") {
        input.checked = false;
        lost.push(input.value);
        seat.classList.add("is-gone");
        setTimeout(function () { seat.classList.remove("is-gone"); }, 1000);
      }
    });
    update();
    if (lost.length) {
      var msg = (lost.length === 1 ? lost[0] + " was" : lost.join(", ") + " were") +
        " just taken by someone else, so we took it off your selection. Please pick another seat.";
      if (lost.length > 1) { msg = msg.replace("took it", "took them").replace("another seat", "other seats"); }
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
