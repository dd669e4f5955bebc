// The "push notifications on this device" card of /account/notifications:
// subscribes this browser with the server's VAPID key and sends the
// subscription to the server (with the page's CSRF token). What it says
// comes from the card's data-msg-* attributes, in the page's language.
(function () {
  'use strict';
  const card = document.getElementById('push');
  const zone = document.querySelector('[data-browser-zone]');
  if (zone && (!zone.value || zone.value === 'UTC')) {
    try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || zone.value; } catch (e) { /* keep */ }
  }
  if (!card || !card.dataset.vapidKey) return;
  const on = card.querySelector('[data-push-subscribe]');
  const off = card.querySelector('[data-push-unsubscribe]');
  const status = card.querySelector('[data-push-status]');
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  const msg = card.dataset;
  function say(text) { status.textContent = text; }
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    on.disabled = true;
    say(msg.msgUnsupported);
    return;
  }
  function key(b64) {
    const pad = '='.repeat((4 - (b64.length % 4)) % 4);
    const raw = atob((b64 + pad).replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }
  async function post(path, sub) {
    const res = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(sub),
    });
    if (!res.ok) throw new Error('server said ' + res.status);
  }
  async function current() {
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    return { reg, sub: await reg.pushManager.getSubscription() };
  }
  function show(subscribed) {
    on.hidden = subscribed;
    off.hidden = !subscribed;
  }
  current().then(({ sub }) => show(!!sub)).catch(() => {});

  on.addEventListener('click', async () => {
    on.disabled = true;
    try {
      if (await Notification.requestPermission() !== 'granted') {
        say(msg.msgBlocked);
        return;
      }
      const { reg } = await current();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(card.dataset.vapidKey) });
      await post('/account/notifications/push', sub.toJSON());
      show(true);
      say(msg.msgOn);
    } catch {
      say(msg.msgOnFailed);
    } finally {
      on.disabled = false;
    }
  });
  off.addEventListener('click', async () => {
    try {
      const { sub } = await current();
      if (sub) {
        await post('/account/notifications/push/remove', { endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      show(false);
      say(msg.msgOff);
    } catch {
      say(msg.msgOffFailed);
    }
  });
})();
