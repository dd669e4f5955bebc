// Gift cards: the Copy code button beside a new card's code. It stays
// hidden where the browser cannot copy (the code can still be selected).
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("[data-copy]").forEach(function (btn) {
    var target = document.querySelector(btn.dataset.copy);
    if (!target) { return; }
    btn.hidden = false;
    btn.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        btn.textContent = btn.dataset.copied;
      });
    });
  });
})();
