// Asks the service worker to keep this e-ticket for offline use. Once the
// worker controls the page it keeps each ticket as it loads; this covers
// the first visit, which loaded before the worker was in charge.
'use strict';
if ('serviceWorker' in navigator) {
  // Read now, not once the worker is ready: a worker that claims this page
  // as it activates (clients.claim) controls it without having seen it load.
  const servedByWorker = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.ready.then((reg) => {
    if (!servedByWorker && reg.active) {
      reg.active.postMessage({ type: 'keep-ticket', url: location.pathname });
    }
  }).catch(() => {});
}
