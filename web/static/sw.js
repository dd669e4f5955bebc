// Marquee's service worker: makes the site installable, shows push
// notifications (tickets, reminders, alerts) and keeps the buyer's
// e-tickets for when there is no connection. It caches nothing else a
// page shows: seats and prices must always be live.
//
// - E-ticket pages (/bookings/N/ticket) and My bookings are network
//   first: each answer that succeeds replaces the copy kept, and the kept
//   copy is shown only when the network fails. A ticket that is gone
//   (cancelled, another account, signed out) is dropped.
// - The CSS, script and images a kept ticket uses are kept with it; they
//   have content-hashed URLs, so a kept one never goes stale.
// - Any other page asked for offline gets a short page saying so, with
//   links to the tickets kept.
// - Signing in or out (or a page saying so) empties the tickets kept:
//   the next person on this browser never sees them.
'use strict';

const TICKETS = 'marquee-tickets-v1';
const ASSETS = 'marquee-assets-v1';
const KEPT = [TICKETS, ASSETS];

// generation counts the times the tickets kept were forgotten. A ticket
// whose fetch began before the last sign-in/out is not kept: it belongs
// to the person who just left.
let generation = 0;

const isTicketPage = (url) => /^\/bookings\/\d+\/ticket$/.test(url.pathname) || url.pathname === '/account/bookings';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith('marquee-') && !KEPT.includes(name)) await caches.delete(name);
  }
  await self.clients.claim();
})()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === 'POST' && (url.pathname === '/logout' || url.pathname === '/login')) {
    event.waitUntil(forgetTickets());
    return;
  }
  if (req.method !== 'GET') return;
  if (isTicketPage(url)) {
    event.respondWith(ticketFirstFromNetwork(event, req, generation));
  } else if (url.pathname.startsWith('/static/')) {
    event.respondWith(caches.match(req, { cacheName: ASSETS }).then((hit) => hit || fetch(req)));
  } else if (req.mode === 'navigate') {
    event.respondWith(fetch(req).catch(() => offlinePage()));
  }
});

// Pages ask the worker to keep a ticket they show (the first visit,
// before the worker controlled the page) or to forget every ticket.
self.addEventListener('message', (event) => {
  const msg = event.data || {};
  if (msg.type === 'keep-ticket' && typeof msg.url === 'string') {
    const url = new URL(msg.url, self.location.origin);
    if (url.origin === self.location.origin && isTicketPage(url)) {
      const gen = generation;
      event.waitUntil(fetch(url.href, { credentials: 'same-origin' }).then((res) => keep(url.href, res, gen)).catch(() => {}));
    }
  } else if (msg.type === 'signed-out') {
    event.waitUntil(forgetTickets());
  }
});

async function ticketFirstFromNetwork(event, req, gen) {
  let res;
  try {
    res = await fetch(req);
  } catch (e) {
    const kept = await caches.match(req.url, { cacheName: TICKETS, ignoreSearch: true });
    return kept || offlinePage();
  }
  if (res.status >= 500) {
    // The site is down: as good as offline.
    const kept = await caches.match(req.url, { cacheName: TICKETS, ignoreSearch: true });
    if (kept) return kept;
  }
  event.waitUntil(keep(req.url, res.clone(), gen));
  return res;
}

// keep stores a ticket page that loaded, with the assets it uses, or
// drops the kept copy when the ticket is no longer the visitor's. The
// assets go first: a ticket is in the cache (and listed offline) only
// once it can be shown whole. gen is the generation the fetch began in.
async function keep(href, res, gen) {
  const key = new URL(href);
  key.search = '';
  if (res.redirected || res.type === 'opaqueredirect' || [401, 403, 404, 409, 410].includes(res.status)) {
    // Signed out, not this account's, or no longer a ticket.
    await (await caches.open(TICKETS)).delete(key.href);
    return;
  }
  if (!res.ok) return;
  const html = await res.clone().text();
  const assets = await caches.open(ASSETS);
  const urls = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(urls.map(async (u) => {
    if (!(await assets.match(u))) {
      try { await assets.add(u); } catch (e) { /* fetched again next time */ }
    }
  }));
  // Checked and opened in one turn: a sign-out after this deletes the
  // cache opened here, taking this copy with it.
  if (gen !== generation) return;
  const cache = caches.open(TICKETS);
  await (await cache).put(key.href, res);
}

async function forgetTickets() {
  generation++;
  await caches.delete(TICKETS);
}

// The page shown for anything else while offline, in the browser's
// language where Marquee speaks it.
const OFFLINE_TEXT = {
  en: { title: 'You are offline', body: 'This page needs a connection. Your e-tickets opened on this device still work:', none: 'No e-tickets are saved on this device yet. Open a ticket once while online to keep it.', retry: 'Try again' },
  hi: { title: 'आप ऑफ़लाइन हैं', body: 'इस पेज के लिए इंटरनेट चाहिए। इस डिवाइस पर खोले गए आपके ई-टिकट अब भी खुलते हैं:', none: 'इस डिवाइस पर अभी कोई ई-टिकट सहेजा नहीं गया है। ऑनलाइन रहते हुए टिकट एक बार खोलें, वह सहेज लिया जाएगा।', retry: 'फिर से कोशिश करें' },
  es: { title: 'Sin conexión', body: 'Esta página necesita conexión. Tus entradas abiertas en este dispositivo siguen funcionando:', none: 'Todavía no hay entradas guardadas en este dispositivo. Abre una entrada con conexión para guardarla.', retry: 'Reintentar' },
};

async function offlinePage() {
  const lang = (self.navigator.language || 'en').slice(0, 2);
  const t = OFFLINE_TEXT[lang] || OFFLINE_TEXT.en;
  const code = OFFLINE_TEXT[lang] ? lang : 'en';
  const cache = await caches.open(TICKETS);
  const items = [];
  for (const req of await cache.keys()) {
    const res = await cache.match(req);
    const title = ((await res.text()).match(/<title>([^<]*)<\/title>/) || [])[1] || new URL(req.url).pathname;
    items.push(`<li><a href="${escapeHTML(new URL(req.url).pathname)}">${title}</a></li>`);
  }
  const list = items.length ? `<p>${t.body}</p><ul>${items.join('')}</ul>` : `<p>${t.none}</p>`;
  const html = `<!doctype html><html lang="${code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title} · Marquee</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#0f0e13;color:#f4f1ea}main{max-width:36rem;margin:0 auto;padding:2rem 1rem}a{color:#f5b82e}li{margin:.5rem 0}</style></head>
<body><main><h1>${t.title}</h1>${list}<p><a href="">${t.retry}</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = { title: 'Marquee', body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(data.title || 'Marquee', {
    body: data.body || '',
    icon: '/static/img/icon-192.png',
    badge: '/static/img/icon-192.png',
    tag: data.tag || undefined,
    data: { url: data.url || '/' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data.url || '/', self.location.origin);
  if (url.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const c of open) {
      if ('focus' in c) {
        await c.focus();
        return c.navigate(url.href);
      }
    }
    return self.clients.openWindow(url.href);
  })());
});
