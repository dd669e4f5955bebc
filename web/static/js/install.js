// Registers the service worker on every page, so browsers offer to
// install Marquee as an app (and push notifications can reach it).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  });
}
