/* Service worker: return visits without the runtime download, and offline reading.
   Published as <site root>/sw.js by sitegen/offline_hooks.py, which puts the build's manifest
   (sitegen/offline_manifest.py) in place of the placeholder below, so every site change is a new worker.
   Rules (only same-site GET requests without a query string are touched; nothing else is ever cached):
   - content-addressed files (hash in the name, pyodide-<version>/): cache-first, kept across site versions
     while the new manifest still lists them with the same bytes;
   - pages: network-first (revalidated, never a stale copy while online). Pages are kept for offline reading
     only after the reader asked (「保存全站」, the SAVED marker): no reading trail by default, and the offline
     page lists no titles unless the site was saved. When the network fails, or has not answered within
     STALL_MS (a stalled connection, common for github.io from mainland China), a kept copy is shown, marked
     "保存的副本（date）" at the top of the article; offline, a page never kept leads to the offline page;
   - the quick exit (message "exit") and 「删除离线副本」 ("forget") drop the kept pages;
   - other site files (search index, word lists, sitemap, icon): network-first, kept copy offline.
   Caches: "xlh-site-<version>" (pages and other files of this version; older versions are deleted on
   activate, after their pages were fetched again fresh) and "xlh-immutable". Nothing the reader types is in
   a URL the site loads (answers live in memory or after "#"), so nothing typed can reach a cache. */
"use strict";
const M = /*@MANIFEST@*/null;
const SCOPE = self.registration.scope;                 // the site root, also under a project subpath
const PAGES = "xlh-site-" + M.version;
const IMMUTABLE = "xlh-immutable";
const SAVED = SCOPE + "__offline/saved";               // marker: the reader asked for the whole site
const SAVED_RUNTIME = SCOPE + "__offline/runtime";     // ... and the tools' runtime
const STATE = SCOPE + "__offline/immutable.json";      // which bytes the immutable cache holds
const abs = (rel) => SCOPE + rel;
const pageSet = new Set(Object.keys(M.pages).map(abs));
const assetSet = new Set(M.assets.map(abs));
const immutable = new Map(Object.entries(M.immutable).map(([rel, digest]) => [abs(rel), digest]));
let disabled = false;                                  // the reader deleted the offline copy
const STALL_MS = 3000;                                 // a kept copy is on screen within 4 s of a stalled request

const saved = () => caches.match(SAVED, { cacheName: PAGES }).then((r) => !!r, () => false);
const kept = (url) => caches.match(url, { cacheName: PAGES, ignoreVary: true });

// The network's answer, or (when it fails, or has not answered within STALL_MS and a kept copy exists)
// `fallback()`'s. Rejects when the network fails and there is no fallback. The network request goes on
// after the timeout (the caller keeps its answer, to refresh the kept copy).
// Once one request stalled, the next ones (the page's styles, a second page) take their kept copy sooner for
// STALLED_FOR ms (after half a second), so a page does not wait STALL_MS for each of its files; any network
// answer ends that.
let stalledAt = 0;
const STALLED_FOR = 30000;
function timely(request, fallback) {
  return new Promise((resolve, reject) => {
    let done = false;
    const give = (r) => { if (!done && r) { done = true; resolve(r); return true; } return false; };
    const wait = Date.now() - stalledAt < STALLED_FOR ? 500 : STALL_MS;
    const timer = setTimeout(() => { stalledAt = Date.now(); fallback().then(give, () => false); }, wait);
    request.then((resp) => { clearTimeout(timer); stalledAt = 0; give(resp); }, (err) => {
      clearTimeout(timer);
      fallback().then((r) => { if (!give(r) && !done) { done = true; reject(err); } }, () => { if (!done) { done = true; reject(err); } });
    });
  });
}

function day(when) { // the local date of a Date header, YYYY-MM-DD
  const t = new Date(when || Date.now());
  const p = (n) => String(n).padStart(2, "0");
  return isNaN(t) ? "" : `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
}

async function marked(resp) { // a kept page, marked as the saved copy of its date at the top of the article
  const text = await resp.text(), when = day(resp.headers.get("date"));
  const note = `<div class="admonition note saved-copy" role="note"><p class="admonition-title">保存的副本（${when}）</p>` +
    "<p>网络太慢或连不上，先给你看这台设备上保存的版本。网络好了以后重新打开这一页，会看到最新内容。</p></div>";
  const headers = new Headers(resp.headers);
  headers.delete("content-length");
  return new Response(text.replace(/(<article class="md-content__inner md-typeset">)/, "$1" + note),
                      { status: resp.status, statusText: resp.statusText, headers });
}

const storable = (r) => r && r.ok && r.type === "basic" && !r.redirected;

async function fromHttpCache(url) { // what the page itself just downloaded, without a network request; or null
  try {
    const resp = await fetch(url, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" });
    return storable(resp) ? resp : null;
  } catch (e) { return null; }
}

async function store(url, fresh, reuse) {
  // Fetch one site file into its cache; rejects if it cannot be fetched. A content-addressed file (or, with
  // `reuse`, any file) the browser already holds is taken from there: on a host without caching headers the
  // first visit would otherwise download the page's scripts and styles twice.
  const isImmutable = immutable.has(url);
  const cache = await caches.open(isImmutable ? IMMUTABLE : PAGES);
  if (isImmutable && await cache.match(url)) return;
  const held = isImmutable || reuse ? await fromHttpCache(url) : null;
  if (held) { if (!disabled) await cache.put(url, held); return; }
  const resp = await fetch(url, { cache: fresh && !isImmutable ? "no-cache" : "default", credentials: "same-origin" });
  if (!storable(resp)) throw new Error(url + " " + resp.status);
  if (!disabled) await cache.put(url, resp);
}

async function each(items, limit, fn) { // a few downloads at a time, so a slow phone stays usable
  let next = 0;
  const run = async () => { while (next < items.length) await fn(items[next++]); };
  await Promise.all(Array.from({ length: limit }, run));
}

async function saveAll(withRuntime, progress) {
  const list = Object.keys(M.pages).concat(M.assets, withRuntime ? M.runtime : []).map(abs);
  let done = 0, failed = 0;
  await each(list, 4, async (url) => {
    try { await store(url, true); } catch (e) { failed++; }
    done++;
    if (progress) progress({ type: "progress", done, total: list.length });
  });
  if (!failed && !disabled) {
    const cache = await caches.open(PAGES);
    await cache.put(SAVED, new Response("1"));
    if (withRuntime) await cache.put(SAVED_RUNTIME, new Response("1"));
  }
  return { type: "done", total: list.length, failed };
}

async function install() {
  // The offline page and what it loads must be there, or this version does not install. On the very first
  // install the page the reader has open has just loaded the same styles and icon: taken from the browser, not
  // downloaded again (an update fetches them fresh).
  const first = !(await caches.keys()).some((name) => name.startsWith("xlh-site-") && name !== PAGES);
  await Promise.all([M.offline].concat(M.shell).map((rel) => store(abs(rel), true, first && rel !== M.offline)));
  // Keep what the reader had from earlier versions, fetched again fresh: never carry old legal text over.
  let saved = false, savedRuntime = false;
  for (const name of await caches.keys()) {
    if (!name.startsWith("xlh-site-") || name === PAGES) continue;
    for (const req of await (await caches.open(name)).keys()) {
      if (req.url === SAVED) saved = true;
      else if (req.url === SAVED_RUNTIME) savedRuntime = true;
    }
  }
  // Only a saved site is carried over; pages an earlier version kept without asking (a reading trail) are not.
  if (saved) await saveAll(savedRuntime, null);
}

async function activate() {
  for (const name of await caches.keys()) {
    if (name.startsWith("xlh-") && name !== PAGES && name !== IMMUTABLE) await caches.delete(name);
  }
  // Drop content-addressed files this version no longer uses, or whose bytes changed under the same name.
  const cache = await caches.open(IMMUTABLE);
  const before = await cache.match(STATE);
  const old = before ? await before.json() : {};
  for (const req of await cache.keys()) {
    if (req.url === STATE) continue;
    const want = immutable.get(req.url);
    if (!want || (old[req.url] && old[req.url] !== want)) await cache.delete(req);
  }
  await cache.put(STATE, new Response(JSON.stringify(Object.fromEntries(immutable))));
  await self.clients.claim();
  // The page the reader has open now was loaded before this worker: keep it too, if the reader saved the site.
  if (!(await saved())) return;
  for (const client of await self.clients.matchAll({ type: "window" })) {
    const url = client.url.split("#")[0];
    if (pageSet.has(url) && !(await caches.match(url, { cacheName: PAGES }))) await store(url, true, true).catch(() => {});
  }
}

let adopted = false;
async function adopt() {
  // Files fetched before this worker controlled the page (a first visit: the engine, the glue) sit in the
  // browser's HTTP cache only; keep them here too, without any network request, so the next visit needs none.
  if (adopted || disabled) return;
  const cache = await caches.open(IMMUTABLE);
  let missing = 0;
  for (const url of immutable.keys()) {
    if (await cache.match(url)) continue;
    try {
      const resp = await fetch(url, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" });
      if (storable(resp)) await cache.put(url, resp); else missing++;
    } catch (e) { missing++; }
  }
  adopted = !missing;
}

async function page(event, url) {
  const navigate = event.request.mode === "navigate";
  if (navigate) event.waitUntil(adopt().catch(() => {}));
  const keep = !disabled && pageSet.has(url) && url !== abs(M.offline) ? saved() : Promise.resolve(url === abs(M.offline));
  const copy = () => kept(url).then((hit) => (hit && url !== abs(M.offline) ? marked(hit) : hit));
  const net = fetch(url, { cache: "no-cache", credentials: "same-origin" });
  // registered before the answer is handed on, so the copy is taken before the page reads the body
  event.waitUntil(net.then((fresh) => {
    if (!storable(fresh) || !pageSet.has(url)) return null;
    const c = fresh.clone();
    return keep.then((yes) => (yes && !disabled ? caches.open(PAGES).then((cache) => cache.put(url, c)) : null));
  }).catch(() => {}));
  let resp;
  try {
    resp = await timely(net, copy);
  } catch (e) { // offline, no kept copy: the offline page
    if (navigate && url !== abs(M.offline) && await caches.match(abs(M.offline), { cacheName: PAGES })) {
      return Response.redirect(abs(M.offline), 302);
    }
    return Response.error();
  }
  if (resp.redirected) return navigate ? Response.redirect(resp.url, 302) : resp;
  return resp;
}

// One network request per file: a second request for a file still downloading (the engine's worker and
// Pyodide, or two tabs) shares the first one's response instead of downloading it again; on a host that
// sends no caching headers nothing else would stop it. The shared response is never read itself, only cloned.
const inflight = new Map(); // url → Promise of the network response

async function cacheFirst(event, url) {
  const cache = await caches.open(IMMUTABLE);
  const hit = await cache.match(url, { ignoreVary: true });
  if (hit) return hit;
  let shared = inflight.get(url);
  if (!shared) {
    shared = fetch(url, { credentials: "same-origin" });
    inflight.set(url, shared);
    const kept = shared.then((resp) => (storable(resp) && !disabled ? cache.put(url, resp.clone()) : null))
      .catch(() => {}).then(() => inflight.delete(url));
    event.waitUntil(kept);
  }
  return (await shared).clone();
}

async function networkFirst(event, url) {
  const net = fetch(url, { cache: "no-cache", credentials: "same-origin" });
  event.waitUntil(net.then((resp) => {
    if (!storable(resp) || disabled) return null;
    const copy = resp.clone();
    return caches.open(PAGES).then((c) => c.put(url, copy));
  }).catch(() => {}));
  try {
    return await timely(net, () => kept(url));
  } catch (e) {
    return Response.error();
  }
}

self.addEventListener("install", (event) => event.waitUntil(install().then(() => self.skipWaiting())));
self.addEventListener("activate", (event) => event.waitUntil(activate()));

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || req.headers.has("range")) return;
  const u = new URL(req.url);
  if (u.search || !u.href.startsWith(SCOPE)) return;   // another origin, outside the site, or a query: untouched
  const url = u.origin + u.pathname;
  if (immutable.has(url)) event.respondWith(cacheFirst(event, url));
  else if (req.mode === "navigate" || pageSet.has(url)) event.respondWith(page(event, url));
  else if (assetSet.has(url)) event.respondWith(networkFirst(event, url));
});

self.addEventListener("message", (event) => {
  const msg = event.data || {}, port = event.ports[0];
  const reply = (m) => port && port.postMessage(m);
  if (msg.type === "status") {
    event.waitUntil(status().then(reply));
  } else if (msg.type === "save") {
    disabled = false;
    event.waitUntil(saveAll(!!msg.runtime, reply).then(reply));
  } else if (msg.type === "exit") { // the quick exit: the kept pages go (the offline page and its files stay)
    event.waitUntil(forgetPages().then(() => reply({ type: "forgotten" })));
  } else if (msg.type === "forget") { // 「删除离线副本」: stop keeping anything, even before this page closes
    disabled = true;
    event.waitUntil(caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("xlh-")).map((n) => caches.delete(n))))
      .then(() => reply({ type: "forgotten" })));
  }
});

async function forgetPages() {
  for (const name of await caches.keys()) {
    if (!name.startsWith("xlh-site-")) continue;
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      if (req.url === SAVED || req.url === SAVED_RUNTIME || (pageSet.has(req.url) && req.url !== abs(M.offline))) await cache.delete(req);
    }
  }
}

async function status() {
  const cache = await caches.open(PAGES);
  const keys = new Set((await cache.keys()).map((r) => r.url));
  // Titles only for a site the reader saved: never a list of the pages they happened to read.
  const kept = keys.has(SAVED) ? Object.keys(M.pages).filter((rel) => keys.has(abs(rel)) && rel !== M.offline) : [];
  return { type: "status", version: M.version, pages: Object.keys(M.pages).length - 1, siteBytes: M.site_bytes,
           runtimeBytes: M.runtime_bytes, saved: keys.has(SAVED), savedRuntime: keys.has(SAVED_RUNTIME),
           kept: kept.map((rel) => ({ url: abs(rel), title: M.pages[rel] })) };
}
