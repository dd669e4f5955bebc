// The door's check-in page. Without this file the form still works: type a
// code (or let a USB/Bluetooth scanner type the ticket) and press Enter.
// With it: after every verdict the input is cleared and ready for the next
// guest, the phone buzzes (short: admit, long: refuse), and where the
// browser has a BarcodeDetector the "Scan with camera" button reads QR
// codes straight from the camera. The button's words come translated in
// its data-label-* attributes.
(function () {
  "use strict";
  var form = document.querySelector("[data-checkin-form]");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var scanBtn = form.querySelector("[data-checkin-scan]");
  var scanLabel = form.querySelector("[data-checkin-scan-label]");
  var camera = form.querySelector("[data-checkin-camera]");
  var video = form.querySelector("[data-checkin-video]");
  function label(name) { return scanBtn.getAttribute("data-label-" + name) || ""; }
  var stream = null;
  var detector = null;
  var busy = false;
  var last = "";
  var lastAt = 0;

  function ready() {
    input.value = "";
    if (!stream) { input.focus(); }
  }

  function buzz() {
    var panel = document.querySelector("[data-checkin-result]");
    if (!panel || !navigator.vibrate) { return; }
    navigator.vibrate(panel.getAttribute("data-checkin-result") === "admitted" ? 120 : [250, 120, 250]);
  }

  document.body.addEventListener("htmx:afterRequest", function (evt) {
    if (evt.detail.elt !== form) { return; }
    buzz();
    ready();
    var panel = document.querySelector("[data-checkin-result]");
    if (stream && panel) { panel.scrollIntoView({ block: "nearest" }); }
    // Give the guest a moment to take the phone back before the next read.
    setTimeout(function () { busy = false; }, 1200);
  });

  function submit(value) {
    busy = true;
    input.value = value;
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  function tick() {
    if (!stream) { return; }
    if (busy || video.readyState < 2) { requestAnimationFrame(tick); return; }
    detector.detect(video).then(function (codes) {
      var now = Date.now();
      if (codes.length > 0) {
        var value = codes[0].rawValue;
        // The same ticket held in front of the camera is read once, not
        // once per frame; a deliberate second scan after a pause is sent.
        if (value && (value !== last || now - lastAt > 4000)) {
          last = value;
          lastAt = now;
          submit(value);
        }
      }
      setTimeout(function () { requestAnimationFrame(tick); }, 150);
    }).catch(function () { setTimeout(function () { requestAnimationFrame(tick); }, 500); });
  }

  function stop() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.srcObject = null;
    camera.hidden = true;
    form.classList.remove("is-scanning");
    scanBtn.classList.remove("is-on");
    scanBtn.setAttribute("aria-pressed", "false");
    scanLabel.textContent = label("start");
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      camera.hidden = false;
      // Camera, input and verdict fit one phone screen: the form moves to
      // the top and the hints step aside.
      form.classList.add("is-scanning");
      form.scrollIntoView({ block: "start" });
      scanBtn.classList.add("is-on");
      scanBtn.setAttribute("aria-pressed", "true");
      scanLabel.textContent = label("stop");
      return video.play();
    }).then(function () {
      requestAnimationFrame(tick);
    }).catch(function () {
      stop();
      scanLabel.textContent = label("unavailable");
      input.focus();
    });
  }

  if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) { return; }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    scanBtn.hidden = false;
    scanBtn.setAttribute("aria-pressed", "false");
    scanBtn.addEventListener("click", function () { if (stream) { stop(); } else { start(); } });
    document.addEventListener("visibilitychange", function () { if (document.hidden) { stop(); } });
    window.addEventListener("pagehide", stop);
  });
})();
