// Offline after the first visit: this service worker keeps the site's files in a cache named
// after the build (`make web` writes the version below from a hash of the files), answers from
// it, and drops the caches of older builds once a new build's worker takes over.
'use strict';
const CACHE = 'bp-@VERSION@';
const FILES = ['./', 'index.html', 'bp.js', 'a11y.js', 'playground.js', 'playground.wasm', 'bp-embed.js',
  'embed-example.html'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('bp-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// The cache first (the files of one build belong together), the network for anything else.
self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || new URL(event.request.url).origin !== location.origin) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(event.request, { ignoreSearch: true }))
    .then((hit) => hit || fetch(event.request)));
});
