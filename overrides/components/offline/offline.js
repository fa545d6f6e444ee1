/* Offline reading, page side: registers the service worker (sw.js at the site root), runs the
   「保存全站以便离线阅读」 and 「删除离线副本」 buttons (offline-save.html beside this file), and, offline, keeps the
   current page (a quiz plan, say) on screen when a link leads to a page that was never kept, saying why; a
   link in a quiz plan is tried first also when the browser says it is online (a connection that fails or
   stalls), and the plan stays on screen with a notice if the page does not come within PROBE_MS.
   ES5 like the other glue; browsers without service workers simply get no offline copy. */
(function () {
  "use strict";
  var OFF_KEY = "xlh-offline-off"; // set only by 「删除离线副本」: the reader does not want copies kept
  var PROBE_MS = 4000; // a plan link's page must answer within this (the worker gives a kept copy after 3 s)
  var script = document.currentScript;
  var supported = "serviceWorker" in navigator && !!window.caches && !!window.Promise && !!window.URL && !!script;
  if (!supported) { window.SiteOffline = { controlled: window.Promise && Promise.resolve() }; return; } // widgets keep their no-JS text
  var ROOT = new URL("../../", script.src).href; // this file is <root>components/offline/offline.<hash>.js
  var SW = navigator.serviceWorker;
  var hadController = !!SW.controller, updated = false;

  function isOff() { try { return localStorage.getItem(OFF_KEY) === "1"; } catch (e) { return false; } }
  function setOff(off) {
    if (window.SiteOffline) window.SiteOffline.keep = !off;
    try { if (off) localStorage.setItem(OFF_KEY, "1"); else localStorage.removeItem(OFF_KEY); } catch (e) { /* private mode */ }
  }
  function register() { return SW.register(ROOT + "sw.js", { scope: ROOT }); }
  function size(bytes) { return bytes >= 1e6 ? (bytes / 1e6).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1e3)) + " KB"; }

  if (!isOff()) register().catch(function () { /* e.g. storage disabled: the site works as before */ });
  // Resolves once this page is controlled, or after 3 s, or at once when no worker will come; never rejects.
  // The engine does not wait for it (it starts at once); tests and the benchmark use it to start controlled.
  // keep: the reader has not turned offline copies off (the engine keeps what it downloads before the worker
  // controls the page).
  window.SiteOffline = { keep: !isOff(), controlled: new Promise(function (resolve) {
    if (SW.controller || isOff()) { resolve(); return; }
    SW.addEventListener("controllerchange", function () { resolve(); });
    setTimeout(resolve, 3000);
  }) };
  // A new site version took over: the next link loads a whole page, so old glue never meets new files.
  SW.addEventListener("controllerchange", function () { if (hadController) updated = true; hadController = true; });

  function ask(msg, onMessage) {
    // Send msg to the active worker; onMessage sees each progress report; resolves with the final reply.
    // Fails after 10 s without a worker.
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("no service worker")); }, 10000);
      SW.ready.then(function (reg) {
        clearTimeout(timer);
        var ch = new MessageChannel();
        ch.port1.onmessage = function (e) {
          if (e.data.type === "progress") { if (onMessage) onMessage(e.data); } else resolve(e.data);
        };
        reg.active.postMessage(msg, [ch.port2]);
      });
    });
  }

  /* ---- Offline links ---- */
  // The live region exists (empty, invisible) before anything is said into it, so screen readers announce it.
  var notice = document.createElement("div");
  notice.className = "md-typeset offline-notice";
  notice.setAttribute("role", "status");
  (function (s) {
    s.position = "fixed"; s.left = "0.5rem"; s.right = "0.5rem"; s.bottom = "0.5rem"; s.zIndex = "10";
    s.maxWidth = "36rem"; s.margin = "0 auto";
  })(notice.style);
  function attach() { if (!notice.parentNode) document.body.appendChild(notice); }
  // While the fixed notice is shown, the page keeps room below the focused control (scroll-padding), so a
  // link focused with the keyboard is never hidden behind it (390 px wide phones: the notice is tall).
  function room() {
    var h = notice.firstChild ? notice.offsetHeight + 16 : 0;
    document.documentElement.style.scrollPaddingBottom = h ? h + "px" : "";
    document.body.style.paddingBottom = h ? h + "px" : "";
  }
  document.addEventListener("focusin", function (ev) {
    if (!notice.firstChild || notice.contains(ev.target) || !ev.target.getBoundingClientRect) return;
    var r = ev.target.getBoundingClientRect(), top = notice.getBoundingClientRect().top;
    if (r.bottom > top - 8) window.scrollBy(0, r.bottom - top + 16);
  });
  if (document.body) attach(); else document.addEventListener("DOMContentLoaded", attach);

  function say(text, heading) {
    attach();
    notice.textContent = "";
    var box = document.createElement("div"), title = document.createElement("p"), p = document.createElement("p");
    var close = document.createElement("button");
    box.className = "admonition warning";
    box.style.margin = "0";
    title.className = "admonition-title"; title.textContent = heading || "没有网络，这一页打不开";
    p.textContent = text;
    close.type = "button"; close.className = "md-button"; close.textContent = "知道了";
    close.addEventListener("click", function () { notice.textContent = ""; room(); });
    box.appendChild(title); box.appendChild(p); box.appendChild(close);
    notice.appendChild(box);
    room();
  }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && notice.firstChild) { notice.textContent = ""; room(); } });

  function sitePage(a, ev) {
    // A same-site link to another page that this script may take over; null for everything else.
    if (!a || ev.defaultPrevented || ev.button || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return null;
    if (a.target || a.hasAttribute("download") || a.hasAttribute("data-o") || a.hasAttribute("data-offline-skip")) return null;
    var url;
    try { url = new URL(a.href); } catch (e) { return null; }
    if (url.href.indexOf(ROOT) !== 0 || url.search) return null;
    if (url.pathname === location.pathname) return null; // an anchor on this page
    return url;
  }

  function probe(a, url) {
    // The page behind a plan link, tried before leaving the plan: answered → the click goes on as usual
    // (navigation.instant or a page load); failed or no answer in PROBE_MS → the plan stays, with a notice.
    var name = (a.textContent || "这一页").trim();
    var timer, settled = false;
    function fail() {
      if (settled) return;
      settled = true;
      say("「" + name + "」现在打不开：网络连不上，或者太慢。你的行动清单还在这里；网络好了再点一次。", "网络不通，这一页现在打不开");
    }
    timer = setTimeout(fail, PROBE_MS);
    fetch(url.href.split("#")[0], { credentials: "same-origin" }).then(function (resp) {
      clearTimeout(timer);
      if (settled) return;
      if (!resp.ok) { fail(); return; }
      settled = true;
      a.setAttribute("data-offline-probed", "1");
      try { a.click(); } finally { a.removeAttribute("data-offline-probed"); }
    }, function () { clearTimeout(timer); fail(); });
  }

  document.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a[href]") : null;
    var url = sitePage(a, ev);
    if (!url) return;
    if (navigator.onLine !== false && !updated && a.closest(".triage") && !a.hasAttribute("data-offline-probed")) {
      ev.preventDefault();
      ev.stopPropagation(); // navigation.instant would leave the plan for an error, or wait without a word
      probe(a, url);
      return;
    }
    if (a.hasAttribute("data-offline-probed")) return;
    if (navigator.onLine === false) {
      ev.preventDefault();
      ev.stopPropagation(); // navigation.instant would replace this page with an error
      var page = url.href.split("#")[0];
      caches.match(page).then(function (hit) {
        if (hit) location.assign(url.href);
        else say("「" + (a.textContent || "这一页").trim() + "」还没有保存在这台设备上，暂时打不开。你现在看的页面还在；联网后再点一次。");
      });
    } else if (updated) {
      ev.preventDefault();
      ev.stopPropagation();
      location.assign(url.href);
    }
  }, true);

  /* ---- 「保存全站以便离线阅读」 and 「删除离线副本」 ---- */
  function $(root, sel) { return root.querySelector(sel); }

  function widget(root) {
    if (root.getAttribute("data-enhanced")) return;
    root.setAttribute("data-enhanced", "1");
    var ui = $(root, ".offline-save__ui"), go = $(root, ".offline-save__go"), del = $(root, ".offline-save__delete");
    var runtime = $(root, ".offline-save__runtime"), bar = $(root, ".offline-save__progress");
    var sizeText = $(root, ".offline-save__size"), live = $(root, ".offline-save__status");
    var label = go.textContent, info = null;
    $(root, ".offline-save__nojs").hidden = true;
    ui.hidden = false;

    function announce(text) { live.textContent = text; }
    function show(st) {
      info = st;
      go.disabled = false;
      go.textContent = label + "（约 " + size(st.siteBytes) + "）";
      $(root, ".offline-save__runtime-size").textContent = "约 " + size(st.runtimeBytes);
      sizeText.textContent = st.saved
        ? "这台设备上已经保存了全站 " + st.pages + " 个页面" + (st.savedRuntime ? "和自助工具的运行环境" : "") + "，断网也能阅读。再点一次会重新下载最新版本，约 " + size(st.siteBytes) + "。"
        : "全站 " + st.pages + " 个页面和它们需要的文件，下载约 " + size(st.siteBytes) + "。点按钮之前不会下载。";
    }
    function refresh() {
      if (isOff()) { sizeText.textContent = "你删除过离线副本，本站现在不在这台设备上保存页面。点下面的按钮会重新开启。"; go.disabled = false; return; }
      ask({ type: "status" }).then(show, function () {
        sizeText.textContent = "这个浏览器现在不能保存离线副本（可能关闭了网站数据）。本站照常可以联网阅读。";
      });
    }

    go.addEventListener("click", function () {
      var withRuntime = runtime.checked, total = info ? info.siteBytes + (withRuntime ? info.runtimeBytes : 0) : 0;
      go.disabled = true;
      bar.hidden = false; bar.value = 0;
      announce("开始保存" + (total ? "，约 " + size(total) : "") + "。可以继续阅读，全部存好后会告诉你。");
      setOff(false);
      register().then(function () {
        return ask({ type: "save", runtime: withRuntime }, function (m) {
          bar.max = m.total; bar.value = m.done; bar.setAttribute("aria-valuetext", "已保存 " + m.done + " / " + m.total);
        });
      }).then(function () { return ask({ type: "status" }); }).then(function (st) {
        show(st);
        bar.hidden = true;
        announce(st.saved ? "保存完成：全站 " + st.pages + " 个页面现在断网也能阅读。"
                          : "有些文件没有保存成功（可能网络断了）。已保存的页面断网也能读；联网后可以再点一次。");
      }, function () {
        go.disabled = false; bar.hidden = true;
        announce("没能保存。这个浏览器可能不允许网站保存数据。本站照常可以联网阅读。");
      });
    });

    del.addEventListener("click", function () {
      setOff(true);
      var forget = SW.controller ? ask({ type: "forget" }).catch(function () {}) : Promise.resolve();
      forget.then(function () { return SW.getRegistrations(); }).then(function (regs) {
        return Promise.all(regs.filter(function (r) { return r.scope.indexOf(ROOT) === 0; }).map(function (r) { return r.unregister(); }));
      }).then(function () { return caches.keys(); }).then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("xlh-") === 0; }).map(function (n) { return caches.delete(n); }));
      }).then(function () {
        info = null;
        go.textContent = label;
        refresh();
        announce("离线副本已删除。本站不会再在这台设备上保存页面，除非你再点「保存全站」。");
      }, function () { announce("没能删除。请在浏览器设置里清除本站的网站数据。"); });
    });
    refresh();
  }

  function keptList(list) { // the offline page: which pages this device can open now, only for a saved site
    if (list.getAttribute("data-enhanced") || isOff()) return;
    list.setAttribute("data-enhanced", "1");
    ask({ type: "status" }).then(function (st) {
      list.textContent = "";
      if (!st.saved) return; // no list of the pages this reader happened to open
      for (var i = 0; i < st.kept.length; i++) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = st.kept[i].url; a.textContent = st.kept[i].title;
        li.appendChild(a); list.appendChild(li);
      }
      if (st.kept.length) list.parentNode.hidden = false;
    }, function () {});
  }

  function init() {
    var w = document.querySelectorAll(".offline-save");
    for (var i = 0; i < w.length; i++) widget(w[i]);
    var lists = document.querySelectorAll(".offline-kept-list");
    for (var j = 0; j < lists.length; j++) keptList(lists[j]);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init); // navigation.instant
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
