// Asks the service worker to keep this e-ticket for offline use. Once the
// worker controls the page it keeps each ticket as it loads; this covers
// the first visit, which loaded before the worker was in charge.
'use strict';
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.ready.then((reg) => {
    if (!navigator.serviceWorker.controller && reg.active) {
      reg.active.postMessage({ type: 'keep-ticket', url: location.pathname });
    }
  }).catch(() => {});
}
