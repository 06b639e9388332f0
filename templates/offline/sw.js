/* Pufa Ledger service worker (served by offline.views.service_worker at /sw.js).
   Pages: network first, the last good copy when offline. Static files: cache first.
   A poster URL (/advisors/scan/<secret>/) opened offline gets the scan shell, which records the scan. */
const CONFIG = {{ config|safe }};
const PAGES = CONFIG.version + "-pages";
const STATIC = CONFIG.version + "-static";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const statics = await caches.open(STATIC);
    await statics.addAll(CONFIG.precache_static);
    const pages = await caches.open(PAGES);
    await pages.addAll(CONFIG.precache_pages);
    // The user's own pages: kept only when they answer as themselves (not a login redirect).
    await Promise.all(CONFIG.user_pages.map(async (url) => {
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok && !response.redirected) await pages.put(url, response);
      } catch (error) { /* offline during install: cached on the next visit */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = new Set([PAGES, STATIC]);
    for (const key of await caches.keys()) if (!keep.has(key)) await caches.delete(key);
    await self.clients.claim();
  })());
});

// Only the advisor's and organizer's pages are kept for offline use (not the managers' ledgers).
function isCachedPage(url) {
  return CONFIG.pages_exact.includes(url.pathname) || CONFIG.page_prefixes.some((prefix) => url.pathname.startsWith(prefix));
}

function isStatic(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(CONFIG.static_prefix);
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: STATIC });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(STATIC)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.type === "basic") {
      (await caches.open(PAGES)).put(url.pathname + url.search, response.clone());
    }
    return response;
  } catch (error) {
    const pages = await caches.open(PAGES);
    if (url.pathname.startsWith(CONFIG.scan_prefix)) {
      const shell = await pages.match(CONFIG.scan_shell);
      if (shell) return shell;
    }
    const cached = await pages.match(url.pathname + url.search) || await pages.match(url.pathname);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && url.pathname === CONFIG.logout) {
    // Logging out forgets the pages kept for this user (the request itself goes on as usual).
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== "GET") return;
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (isStatic(url)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && isCachedPage(url)) {
    event.respondWith(networkFirst(request));
  }
});
