// The patient app's service worker: keeps the app's own files so it opens without a connection. It never
// touches the API: reports made offline wait in IndexedDB (see /js/outbox.js) and the page sends them itself.
const CACHE = 'infusion-outcomes-patient-v1';
const SHELL = ['/patient/', '/patient/app.js', '/patient/manifest.json', '/patient/icon.svg', '/app.css',
  '/js/api.js', '/js/dom.js', '/js/chart.js', '/js/outbox.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin
      || url.pathname.startsWith('/api/') || url.pathname.startsWith('/q/')) {
    return;
  }
  // Network first, so an upgraded service's app is used at once; the cached copy when offline.
  const key = url.pathname === '/patient/index.html' ? '/patient/' : url.pathname;
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(key, copy));
      }
      return response;
    })
    .catch(() => caches.match(key).then((cached) => cached || Response.error())));
});
