// The waiting page: follow the place in the queue live (server-sent
// events) and go on to the seats once admitted. Without JavaScript the
// page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";
  var page = document.querySelector("[data-waitroom]");
  if (!page || !window.EventSource) return;
  var position = page.querySelector("[data-position]");
  var wait = page.querySelector("[data-wait]");
  var source = new EventSource(page.dataset.events);
  source.addEventListener("place", function (e) {
    var p;
    try { p = JSON.parse(e.data); } catch (err) { return; }
    if (p.admitted) {
      source.close();
      window.location.assign(page.dataset.next || "/");
      return;
    }
    position.textContent = p.position;
    wait.textContent = p.wait;
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
