package paypalstandin

// sdkScript stands in for PayPal's JavaScript SDK: window.paypal.Buttons
// with the same options (createOrder, onApprove, onError, onCancel) and
// render(container). Its "PayPal" button asks the page for the order id,
// approves that order at the stand-in, as the buyer would in PayPal's
// window, and hands the page onApprove({orderID}); its "Cancel" link calls
// onCancel, as closing PayPal's window does.
const sdkScript = `(function () {
  "use strict";
  var base = "{{BASE}}";
  function Buttons(opts) {
    return {
      isEligible: function () { return true; },
      render: function (container) {
        var box = typeof container === "string" ? document.querySelector(container) : container;
        if (!box) { return Promise.reject(new Error("paypal: container not found")); }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "paypal-standin-button";
        button.textContent = "PayPal";
        button.style.cssText = "display:block;width:100%;min-height:45px;border:0;border-radius:4px;background:#ffc439;color:#111;font:700 18px sans-serif;cursor:pointer";
        var cancel = document.createElement("button");
        cancel.type = "button";
        cancel.className = "paypal-standin-cancel";
        cancel.textContent = "Cancel PayPal";
        cancel.style.cssText = "display:block;margin-top:8px;min-height:44px;background:none;border:0;color:inherit;text-decoration:underline;cursor:pointer";
        button.addEventListener("click", function () {
          Promise.resolve(opts.createOrder({}, {})).then(function (id) {
            return fetch(base + "/standin/orders/" + encodeURIComponent(id) + "/approve", { method: "POST" })
              .then(function (res) {
                if (!res.ok) { throw new Error("paypal: the order could not be approved"); }
                return opts.onApprove({ orderID: id }, { restart: function () {} });
              });
          }).catch(function (err) { if (opts.onError) { opts.onError(err); } });
        });
        cancel.addEventListener("click", function () { if (opts.onCancel) { opts.onCancel({}); } });
        box.appendChild(button);
        box.appendChild(cancel);
        return Promise.resolve();
      }
    };
  }
  window.paypal = { Buttons: Buttons, version: "standin" };
})();
`
