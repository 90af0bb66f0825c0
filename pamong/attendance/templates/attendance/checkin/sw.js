{% autoescape off %}// Service worker of the check-in page (scope {{ page_url }}): keeps the page and its assets for offline use.
// Check-ins themselves are queued by the page in IndexedDB and never cached here (POSTs pass through).
"use strict";
var CACHE = "pamong-checkin-v2";
var PAGE = "{{ page_url }}";
var ASSETS = [{% for url in assets %}"{{ url }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("pamong-checkin-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function timeout(ms) {
  return new Promise(function (resolve, reject) { setTimeout(function () { reject(new Error("timeout")); }, ms); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && url.pathname === PAGE) {
    // Network first (a fresh page and CSRF token), the kept copy when offline or after 6 s on a slow link.
    event.respondWith(Promise.race([fetch(request), timeout(6000)]).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(PAGE, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(PAGE).then(function (kept) { return kept || fetch(request); });
    }));
    return;
  }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(url.pathname).then(function (kept) { return kept || fetch(request); }));
  }
});
{% endautoescape %}
