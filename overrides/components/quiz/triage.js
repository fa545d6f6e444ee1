/* The quiz's glue. Everything the reader can see was rendered at build time by the Python engine
   (triage.render) and ships inside the page as <template> fragments plus a state table; this script only
   follows the table, swaps fragments in, moves focus and keeps the plan. It never waits for the network and
   never loads the Python runtime. Without JavaScript the first question's options are links into the static
   version (quiz/static/), made of the same fragments. Download, copy, print and the date come from
   assets/site.js (window.SiteKit).
   ES5 on purpose: old WeChat (X5) browsers must run it. */
(function () {
  "use strict";

  function Quiz(root) {
    this.root = root;
    this.view = root.querySelector(".triage-view");
    this.status = root.querySelector(".triage-status");
    this.controls = root.querySelector(".triage-controls");
    this.keep = root.querySelector(".triage-keep");
    // JSON in an attribute (see widget.html); state 0 is the start
    var table = JSON.parse(root.querySelector(".triage-table").getAttribute("data-table"));
    this.states = table.states; // state 0 is the start
    this.adds = table.adds;     // several-answer question -> option -> the situations it adds
    this.parts = {};
    var t = root.querySelectorAll("template[data-part]");
    for (var i = 0; i < t.length; i++) this.parts[t[i].getAttribute("data-part")] = t[i].innerHTML;
    this.answers = {}; // question id -> option id (an array of them for tick boxes); kept when an earlier answer changes
    this.draft = {};   // ticks of a several-answer question being changed (修改), shown ticked again
    this.shown = null;
  }

  Quiz.prototype.say = function (text) { SiteKit.say(this.status, text); };

  // Follow the reader's answers through the table: the state to show, the path that led there and what the
  // ticked answers add. A several-answer question has one next state (a number); its ticks are an overlay.
  Quiz.prototype.walk = function () {
    var id = 0, path = [], ticked = {}, st, a, i, j, adds;
    while ((st = this.states[id]).q && (a = this.answers[st.q])) {
      if (typeof st.next === "number") {
        if (typeof a === "string" || !a.length) break;
        adds = this.adds[st.q];
        for (i = 0; i < a.length; i++) for (j = 0; j < adds[a[i]].length; j++) ticked[adds[a[i]][j]] = true;
        path.push({ q: st.q, picks: a });
        id = st.next;
      } else {
        if (typeof a !== "string" || !st.next[a]) break;
        path.push({ q: st.q, o: a });
        id = st.next[a];
      }
    }
    return { id: id, state: st, path: path, ticked: ticked };
  };

  // A plan's cards, already in the engine's order: those in `pick` only if a ticked answer adds them.
  Quiz.prototype.planIds = function (st, ticked) {
    var pick = {}, out = [], i;
    for (i = 0; st.pick && i < st.pick.length; i++) pick[st.pick[i]] = true;
    for (i = 0; i < st.plan.length; i++) if (!pick[st.plan[i]] || ticked[st.plan[i]]) out.push(st.plan[i]);
    return out;
  };

  // 「你的回答」: one line per answer with its 修改; a several-answer line lists the ticked answers.
  Quiz.prototype.review = function (path) {
    var dl, spans, i, j;
    if (!path.length) return;
    this.view.insertAdjacentHTML("beforeend", this.parts.review);
    dl = this.view.querySelector(".triage-review dl");
    for (i = 0; i < path.length; i++) {
      if (path[i].o) { dl.insertAdjacentHTML("beforeend", this.parts["a:" + path[i].q + "." + path[i].o]); continue; }
      dl.insertAdjacentHTML("beforeend", this.parts["a:" + path[i].q]);
      spans = dl.querySelectorAll(".triage-picked");
      for (j = 0; j < path[i].picks.length; j++)
        spans[spans.length - 1].insertAdjacentHTML("beforeend", this.parts["l:" + path[i].q + "." + path[i].picks[j]]);
    }
  };

  // Append a frame fragment to the view, then the given fragments into its list (<ol> or <dl>); each
  // fragment is parsed once, straight into place.
  Quiz.prototype.frame = function (key, inner, into) {
    var lists, list;
    this.view.insertAdjacentHTML("beforeend", this.parts[key]);
    lists = this.view.querySelectorAll(into);
    list = lists[lists.length - 1];
    for (var i = 0; i < inner.length; i++) list.insertAdjacentHTML("beforeend", this.parts[inner[i]]);
  };

  Quiz.prototype.cards = function (ids) {
    var out = [];
    for (var i = 0; i < ids.length; i++) out.push("c:" + ids[i]);
    return out;
  };

  Quiz.prototype.show = function () {
    var w = this.walk(), st = w.state, before = this.shown, focus, i, boxes, draft, plan;
    this.view.innerHTML = "";
    if (st.q) { // at-once cards, the earlier answers with 修改, 第 n 题，最多 m 题, the question
      if (st.now.length) this.frame("now", this.cards(st.now), "ol");
      this.review(w.path);
      this.view.insertAdjacentHTML("beforeend", this.parts["p:" + st.n + "/" + st.of] + this.parts["q:" + st.q]);
      draft = this.draft[st.q];
      boxes = this.view.querySelectorAll(".triage-tick");
      for (i = 0; draft && i < boxes.length; i++) boxes[i].checked = draft.indexOf(boxes[i].value) >= 0;
    } else {
      plan = this.planIds(st, w.ticked);
      this.frame("plan", this.cards(plan), "ol");
      this.review(w.path);
    }
    this.shown = st;
    this.controls.hidden = !w.path.length;
    this.keep.hidden = !!st.q;
    // Focus what changed: a newly added at-once card (safety, crisis) first, so a screen reader announces it.
    var fresh = st.q && st.now.length && !(before && before.now && before.now.join() === st.now.join());
    focus = this.view.querySelector(fresh ? ".triage-card--at-once .triage-card-title" : ".triage-q");
    if (st.q) this.say("");
    else this.say("自测完成，下面是你的行动清单，共 " + plan.length + " 项。");
    if (focus) focus.focus();
  };

  Quiz.prototype.restart = function () {
    this.answers = {};
    this.draft = {};
    this.shown = null;
    this.show();
    this.say("已重新开始。");
  };

  Quiz.prototype.clear = function () { // quick exit: forget every answer and what is on screen
    this.answers = {};
    this.draft = {};
    this.view.innerHTML = "";
  };

  // The plan as plain text, for copy and download: titles, summaries and every step whole. A phone number
  // stays written out where it stands in the step (it is a tel: link on screen); every other link is followed
  // by its full address, absolute from this page's location, so the text works on paper and in a chat.
  Quiz.prototype.planText = function () {
    var lines = ["我的行动清单（" + document.title + "）", ""], cards = this.view.querySelectorAll(".triage-plan > .triage-card");
    for (var i = 0; i < cards.length; i++) {
      lines.push((i + 1) + ". " + flat(cards[i].querySelector(".triage-card-title")));
      var summary = cards[i].querySelector(".triage-card-title ~ p");
      if (summary) lines.push("   " + flat(summary));
      var steps = cards[i].querySelectorAll(".triage-steps > li");
      for (var j = 0; j < steps.length; j++) lines.push("   - " + flat(steps[j]));
      // a court deadline the reader has worked out in this card (deadlines/) goes with the plan, as on paper
      var worked = cards[i].querySelectorAll(".dl-output:not([hidden]) > p");
      for (var k = 0; k < worked.length; k++) lines.push("   " + flat(worked[k]));
      lines.push("");
    }
    var meta = this.root.querySelector(".triage-print-meta");
    lines.push(meta.textContent.replace(/打印日期：\s*·\s*/, "").trim());
    return lines.join("\n");
  };

  // One element's text with its links written out: "拨打 12356" stays as it is, "怎样报警" becomes
  // "怎样报警（https://…/guide/complaints/#police-110）". White space is folded to single spaces.
  function flat(node) {
    var out = "", n, href;
    for (n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) out += n.nodeValue;
      else if (n.nodeType !== 1 || n.tagName === "TEMPLATE" || n.tagName === "SCRIPT") continue;
      else if (n.tagName === "A" && (href = n.href) && !/^tel:/i.test(href)) out += flat(n) + "（" + href + "）"; // .href: absolute
      else out += flat(n);
    }
    return out.replace(/\s+/g, " ").trim();
  }

  Quiz.prototype.copy = function () {
    var self = this;
    // in-app browsers often refuse the clipboard: the text is then shown selected, to copy by hand
    SiteKit.copy(this.planText(), function (result) {
      self.say(result === "copied" ? "已复制。可以粘贴到备忘录或发给你信任的人。" : "已选中清单文字，请长按或按 Ctrl+C 复制。");
    }, { after: this.keep, className: "triage-copy-box", label: "清单文字" });
  };

  Quiz.prototype.download = function () {
    try {
      SiteKit.download("我的行动清单.txt", this.planText(), "text/plain");
      this.say("已下载“我的行动清单.txt”。如果没有看到文件，请用“复制清单文字”。");
    } catch (e) { this.copy(); }
  };

  Quiz.prototype.print = function () {
    this.root.querySelector(".triage-print-date").textContent = SiteKit.today();
    addresses(this.view);
    SiteKit.print("triage-printing");
  };

  // 下一步 on a several-answer question: the ticked answers, or a request for at least one.
  Quiz.prototype.next = function () {
    var boxes = this.view.querySelectorAll(".triage-tick"), picks = [], i;
    for (i = 0; i < boxes.length; i++) if (boxes[i].checked) picks.push(boxes[i].value);
    if (!picks.length) {
      this.say("请至少勾选一项。都没有，就勾「都没有」。");
      if (boxes.length) boxes[0].focus();
      return;
    }
    this.answers[this.shown.q] = picks;
    delete this.draft[this.shown.q];
    this.show();
  };

  // 都没有 clears the other ticks; any other tick clears 都没有.
  Quiz.prototype.onChange = function (ev) {
    var box = ev.target, none, boxes, i;
    if (!box || !box.checked || (" " + box.className + " ").indexOf(" triage-tick ") < 0) return;
    none = box.getAttribute("data-none") === "1";
    boxes = this.view.querySelectorAll(".triage-tick");
    for (i = 0; i < boxes.length; i++)
      if (boxes[i] !== box && (none || boxes[i].getAttribute("data-none") === "1")) boxes[i].checked = false;
  };

  // On paper every link shows its full address after its label (triage.css prints data-print-href).
  function addresses(view) {
    var links = view.querySelectorAll(".triage-plan a[href]");
    for (var i = 0; i < links.length; i++) if (!/^tel:/i.test(links[i].href)) links[i].setAttribute("data-print-href", links[i].href);
  }

  Quiz.prototype.onClick = function (ev) {
    var el = ev.target, cls;
    while (el && el !== this.root && !/^(A|BUTTON)$/.test(el.tagName)) el = el.parentNode;
    if (!el || el === this.root) return;
    cls = " " + el.className + " ";
    if (cls.indexOf(" triage-option ") >= 0) {
      var q = this.shown ? this.shown.q : this.states[0].q;
      this.answers[q] = el.getAttribute("data-o");
      this.show();
    } else if (cls.indexOf(" triage-next ") >= 0) this.next();
    else if (cls.indexOf(" triage-change ") >= 0) {
      var changed = el.getAttribute("data-q");
      if (typeof this.answers[changed] === "object") this.draft[changed] = this.answers[changed];
      delete this.answers[changed];
      this.show();
    } else if (cls.indexOf(" triage-restart ") >= 0) this.restart();
    else if (cls.indexOf(" triage-copy ") >= 0) this.copy();
    else if (cls.indexOf(" triage-download ") >= 0) this.download();
    else if (cls.indexOf(" triage-print ") >= 0) this.print();
    else return; // plan links and anything else behave as plain links
    ev.preventDefault();
    ev.stopPropagation(); // keep navigation.instant from following the first question's links
  };

  /* Keeping the plan within the tab (issue 16). Each view the reader reaches is one history entry of this page
     (history.pushState with an opaque state, {triage: n}), so Back and the phone's Back gesture step back one
     question, as the static version's #fragments do without JavaScript. The answers behind entry n are in
     sessionStorage under this page's path: they survive a plan link and Back, Forward and a reload, and go
     with the tab. Never in the address, in Cache Storage or on a server. 「重新开始」 and the quick exit
     ("site-exit", and the "site-exited" stamp the inline exit leaves) erase them. These functions only wrap
     show() and restart(): they keep whatever this.answers holds, as JSON. */
  var KEPT = "triage-kept:", current = null, store = null;
  try { store = window.sessionStorage; } catch (e) { store = null; } // blocked storage: the quiz still works, unkept

  function keyFor() { return KEPT + location.pathname; }

  function exitedAt() {
    try { return Number(store && store.getItem("site-exited")) || 0; } catch (e) { return 0; }
  }

  function forgetAll() { // every kept plan of this tab, whichever page it was on
    if (!store) return;
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var k = store.key(i);
        if (k && k.indexOf(KEPT) === 0) store.removeItem(k);
      }
    } catch (e) { /* nothing kept then */ }
  }

  // The material theme writes the scroll offset into history.state (replaceState({x, y})) as the reader
  // scrolls and before it leaves for another page: keep this page's {triage: n} in it, or Back loses its place.
  (function () {
    var replace = history.replaceState;
    if (!replace) return;
    history.replaceState = function (state) {
      var args = Array.prototype.slice.call(arguments), old = history.state;
      if (old && typeof old.triage === "number" && state && typeof state === "object" && !("triage" in state)) {
        var merged = {};
        for (var k in state) if (Object.prototype.hasOwnProperty.call(state, k)) merged[k] = state[k];
        merged.triage = old.triage;
        args[0] = merged;
      }
      return replace.apply(history, args);
    };
  })();

  function entry(n) { // this history entry marked as view n, the theme's scroll offset kept
    var st = history.state, out = {};
    if (st && typeof st === "object") for (var k in st) if (Object.prototype.hasOwnProperty.call(st, k)) out[k] = st[k];
    out.triage = n;
    return out;
  }

  Quiz.prototype.load = function () {
    var kept = null;
    try { kept = store && JSON.parse(store.getItem(keyFor()) || "null"); } catch (e) { kept = null; }
    if (kept && (!kept.views || !kept.views.length || !(kept.at > exitedAt()))) kept = null; // kept before an exit: gone
    return kept;
  };

  Quiz.prototype.save = function () {
    if (!store) return;
    try { store.setItem(keyFor(), JSON.stringify({ views: this.views, n: this.n, at: Date.now() })); } catch (e) { /* full */ }
  };

  // After each view the reader moves to: a new history entry, unless the view is the one this entry holds.
  Quiz.prototype.remember = function () {
    var now = JSON.stringify(this.answers);
    if (now === this.views[this.n]) return;
    this.n += 1;
    this.views = this.views.slice(0, this.n);
    this.views.push(now);
    history.pushState({ triage: this.n }, "");
    this.save();
  };

  // Show view n of this tab's history (Back, Forward, a reload, a return from a plan link).
  Quiz.prototype.recall = function (n) {
    var views = this.views;
    if (!(n >= 0 && n < views.length)) n = 0;
    this.n = n;
    try { this.answers = JSON.parse(views[n]) || {}; } catch (e) { this.answers = {}; }
    this.replaying = true;
    try { this.show(); } finally { this.replaying = false; }
    this.save();
  };

  Quiz.prototype.forget = function () {
    this.views = ["{}"];
    this.n = 0;
    if (store) try { store.removeItem(keyFor()); } catch (e) { /* nothing kept */ }
    try { history.replaceState(entry(0), ""); } catch (e) { /* the view is still gone */ }
  };

  // At start: the view this history entry held (Back or Forward to it, a reload); a page reached anew (a link,
  // the address typed) starts at the first question. Nothing after a quick exit.
  Quiz.prototype.resume = function () {
    var kept = this.load(), st = history.state, x = window.pageXOffset, y = window.pageYOffset;
    this.views = ["{}"];
    this.n = 0;
    if (!kept || !st || typeof st.triage !== "number") { history.replaceState(entry(0), ""); return; }
    this.views = kept.views;
    this.recall(st.triage);
    history.replaceState(entry(this.n), "");
    if (this.n) window.scrollTo(x, y); // the theme has put the page back where it was; show() moved focus only
  };

  (function () {
    var show = Quiz.prototype.show, restart = Quiz.prototype.restart, clear = Quiz.prototype.clear;
    Quiz.prototype.show = function () {
      show.apply(this, arguments);
      if (!this.replaying && this.views) this.remember();
    };
    Quiz.prototype.restart = function () {
      this.forget();
      restart.apply(this, arguments);
    };
    Quiz.prototype.clear = function () {
      this.forget();
      clear.apply(this, arguments);
    };
  })();

  window.addEventListener("popstate", function (ev) {
    var st = ev.state;
    if (!current || !current.root.isConnected || !st || typeof st.triage !== "number") return;
    current.recall(st.triage);
  });

  document.addEventListener("site-exit", forgetAll);

  function init() {
    var root = document.getElementById("triage");
    if (root && !root.getAttribute("data-enhanced") && root.querySelector(".triage-table")) {
      root.setAttribute("data-enhanced", "1");
      var quiz = new Quiz(root);
      current = quiz;
      quiz.resume();
      root.addEventListener("click", function (ev) { quiz.onClick(ev); });
      root.addEventListener("change", function (ev) { quiz.onChange(ev); });
      document.addEventListener("site-exit", function () { quiz.clear(); });
    }
    // The static version: with JavaScript, as without it, each state is a history entry (#fragment), so Back
    // steps back one question, as in the enhanced quiz above.
    var stat = document.querySelector(".triage-static");
    if (stat && !stat.getAttribute("data-enhanced")) {
      stat.setAttribute("data-enhanced", "1");
      stat.addEventListener("click", function (ev) {
        var a = ev.target;
        while (a && a !== stat && a.tagName !== "A") a = a.parentNode;
        // navigation.instant makes every href absolute: a state link is one to this page with a #fragment
        if (!a || a === stat || !a.hash || a.pathname !== location.pathname) return;
        var href = a.hash, h = document.getElementById(href.slice(1));
        ev.preventDefault();
        ev.stopPropagation(); // navigation.instant would push its own entry and not move :target
        location.assign(href);
        if (h && /\btriage-via\b/.test(h.className)) // a plan's link to a card: its id ends in v<card number>
          h = stat.querySelectorAll(".triage-card-section")[+h.id.slice(h.id.lastIndexOf("v") + 1)];
        h = h && h.querySelector(".triage-q, .triage-card-title");
        if (h) h.focus();
      });
    }
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init); // navigation.instant
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
