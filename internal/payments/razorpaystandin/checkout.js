// The Razorpay stand-in's checkout: window.Razorpay as Razorpay's Standard
// Checkout defines it (new Razorpay(options), .on("payment.failed", fn),
// .open(), .close(); options.handler gets razorpay_payment_id,
// razorpay_order_id and razorpay_signature; options.modal.ondismiss runs
// when the buyer closes it). Its modal offers UPI or Card, then Pay or
// Fail; the stand-in makes the payment and signs it as Razorpay does.
(function () {
  "use strict";
  var base = new URL(document.currentScript.src).origin;

  function Razorpay(options) {
    if (!options || !options.key || !options.order_id) {
      throw new Error("Razorpay: key and order_id are required");
    }
    this.options = options;
    this.handlers = {};
    this.dialog = null;
  }

  Razorpay.prototype.on = function (name, fn) {
    this.handlers[name] = fn;
  };

  Razorpay.prototype.close = function () {
    if (this.dialog) {
      this.dialog.remove();
      this.dialog = null;
    }
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  Razorpay.prototype.open = function () {
    var self = this, o = this.options, method = "upi";
    this.close();
    var d = el("div", { role: "dialog", "aria-modal": "true", "aria-labelledby": "rzp-standin-title", "data-razorpay-standin": "",
      style: "position:fixed;inset:0;background:rgba(0,0,0,.6);display:flex;align-items:center;justify-content:center;z-index:10000" });
    var box = el("div", { style: "background:#fff;color:#111;padding:1.25rem;border-radius:8px;width:min(22rem,92vw);font:16px/1.4 sans-serif" });
    box.appendChild(el("h2", { id: "rzp-standin-title", style: "margin:0 0 .5rem;font-size:1.2rem" }, (o.name || "Razorpay") + " (Razorpay stand-in)"));
    box.appendChild(el("p", { style: "margin:0 0 .75rem" }, (o.description || "") + " " + (o.amount / 100).toFixed(2) + " " + (o.currency || "INR")));
    var methods = el("div", { role: "group", "aria-label": "Payment method", style: "display:flex;gap:.5rem;margin-bottom:.75rem" });
    ["upi", "card"].forEach(function (m) {
      var b = el("button", { type: "button", "data-method": m, "aria-pressed": String(m === method),
        style: "flex:1;min-height:44px;color:#111;background:#eee;border:2px solid #555" }, m === "upi" ? "UPI" : "Card");
      b.addEventListener("click", function () {
        method = m;
        methods.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
      });
      methods.appendChild(b);
    });
    box.appendChild(methods);
    var status = el("p", { role: "alert", "data-standin-status": "", style: "min-height:1.4em;margin:0 0 .5rem;color:#a00" });
    box.appendChild(status);
    function act(outcome) {
      status.textContent = "";
      var body = new URLSearchParams({ order_id: o.order_id, key: o.key, method: method, outcome: outcome });
      fetch(base + "/standin/checkout", { method: "POST", body: body })
        .then(function (r) { return r.json(); })
        .then(function (res) {
          if (res.error) {
            status.textContent = res.error.description;
            if (self.handlers["payment.failed"]) self.handlers["payment.failed"]({ error: res.error });
            return;
          }
          self.close();
          o.handler(res);
        })
        .catch(function (err) { status.textContent = String(err); });
    }
    var row = el("div", { style: "display:flex;gap:.5rem" });
    var pay = el("button", { type: "button", "data-standin-pay": "", style: "flex:1;min-height:44px;background:#0b5cad;color:#fff;border:0" }, "Pay");
    pay.addEventListener("click", function () { act("pay"); });
    var fail = el("button", { type: "button", "data-standin-fail": "", style: "flex:1;min-height:44px;background:#8a1c1c;color:#fff;border:0" }, "Fail");
    fail.addEventListener("click", function () { act("fail"); });
    var close = el("button", { type: "button", "data-standin-close": "", style: "flex:1;min-height:44px;color:#111;background:#eee;border:2px solid #555" }, "Close");
    close.addEventListener("click", function () {
      self.close();
      if (o.modal && o.modal.ondismiss) o.modal.ondismiss();
    });
    row.appendChild(pay);
    row.appendChild(fail);
    row.appendChild(close);
    box.appendChild(row);
    d.appendChild(box);
    document.body.appendChild(d);
    this.dialog = d;
    pay.focus();
  };

  window.Razorpay = Razorpay;
})();
