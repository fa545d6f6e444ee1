/* The reader tools' shared part: what every tool widget (letter/, evidence/, limitation/) needs, as
   window.SiteTools. The forms' values go only to the Python engine in this page's Web Worker
   (engine/engine.js); nothing typed is ever sent over the network. Text is inserted with textContent only.
   Download, copy, print and today's date are the site's own helpers (assets/site.js, window.SiteKit).

   The markup comes from overrides/components/<tool>/*.html with tool/macros.html. A widget is
   `.tool[data-tool=letter|evidence|limitation]` with data-built, the engine's data-* URLs (see engine.js),
   and whatever its own script reads. Inside: form.tool-form (hidden until a script takes it over),
   .tool-field[data-field] with [name] and .tool-error, .tool-status, .tool-output, .tool-nojs.

   Each tool's script calls SiteTools.register(kind, setup, {fallback, onFallback}) (fallback: a text, or a
   function of the widget giving one); its widgets are set up
   on every page (navigation.instant included). Work survives a failed engine: when the engine fails for
   good every tool switches to its fallback (forms and typed values stay). Module scripts, loaded in order
   (this one first): browsers too old for modules keep the no-JavaScript version. */
const LOADING = "正在准备工具……";
const RETRY = "这一步没有成功，请再试一次。你填写的内容都还在。";
const kinds = {}; // kind -> {fallback: text, onFallback(root)}
let failed = false;
const fallen = () => failed;
const Kit = window.SiteKit;

const $ = (root, sel) => root.querySelector(sel);
function el(tag, cls, text) {
  const n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text != null) n.textContent = text;
  return n;
}
function button(cls, text) { const b = el("button", cls, text); b.type = "button"; return b; }
function values(form) {
  const out = {};
  for (const f of form.querySelectorAll("input[name], textarea[name], select[name]")) out[f.name] = f.value;
  return out;
}
function setValues(form, v) {
  for (const f of form.querySelectorAll("[name]")) if (f.name in v) f.value = v[f.name];
}
function showErrors(form, errors, focus = true) { // a message next to each field; what the reader typed stays as it is
  let first = null;
  for (const field of form.querySelectorAll(".tool-field")) {
    const msg = errors[field.getAttribute("data-field")] || "", control = $(field, "[name]");
    $(field, ".tool-error").textContent = msg;
    if (msg) { control.setAttribute("aria-invalid", "true"); first = first || control; } else control.removeAttribute("aria-invalid");
  }
  if (first && focus) first.focus();
  return !!first;
}
const loading = new Set(); // tools whose status says the engine is still loading (updated with its progress)
function say(root, text, focus) { loading.delete(root); Kit.say($(root, ".tool-status"), text, focus); }
const mb = (n) => (n / 1e6).toFixed(1);
function loadingText(p) {
  return p && p.total ? `正在准备工具：已下载 ${mb(p.done)} / ${mb(p.total)} MB` : LOADING;
}
let shownAt = 0, listening = false;
function showProgress(p) { // about once a second (the status is a live region), and always the last figure
  const now = Date.now();
  if (p.done < p.total && now - shownAt < 1000) return;
  shownAt = now;
  for (const root of loading) $(root, ".tool-status").textContent = loadingText(p);
}

/* The engine. `run` rejects after saying what happened; callers only stop. */
const Py = () => window.PyEngine;
async function run(root, fn, args) {
  const E = Py();
  if (failed || !E) throw new Error("engine unavailable");
  E.start(root);
  if (!E.ready) { say(root, loadingText(E.progress)); loading.add(root); }
  try {
    const result = await E.call(fn, args);
    if (loading.has(root)) say(root, ""); // keep any newer message
    return result;
  } catch (err) {
    loading.delete(root);
    if (E.failed) fallBack(E.reason); else say(root, RETRY, true);
    throw err;
  }
}
function quietly(promise) { return promise.catch(() => {}); } // the reader has already been told

function fallBack(reason) {
  const first = !failed;
  failed = true;
  for (const root of document.querySelectorAll(".tool.tool-js")) {
    if (root.classList.contains("tool-fallback")) continue;
    root.classList.add("tool-fallback");
    const kind = kinds[root.getAttribute("data-tool")] || {};
    if (kind.onFallback) kind.onFallback(root);
    say(root, `工具没能在这个浏览器里启动，你填写的内容都还在。${fallbackText(root)}`, first && root.contains(document.activeElement));
  }
  if (first && window.console) console.info("reader tools: engine unavailable:", reason);
}

// What a tool says it can still do without the engine: its registered text, or what a function of the widget
// makes of it (the limitation helper adds its rule sentence from the page).
function fallbackText(root) {
  const text = (kinds[root.getAttribute("data-tool")] || {}).fallback || "";
  return typeof text === "function" ? text(root) : text;
}

/* Taking the work away: copy (where in-app browsers block downloads) and print; download is SiteKit's. */
function copy(root, text) { // resolves true when copied
  return new Promise((resolve) => Kit.copy(text, (result) => {
    const ok = result === "copied";
    // "selected": the text is shown selected beside the button (SiteKit.copy); focus stays on it, the page stays put
    say(root, ok ? "已复制，可以粘贴到微信、短信或备忘录里。" : result === "selected" ? "已选中文字，请长按或按 Ctrl+C 复制。"
      : "没能自动复制，请长按或拖选文字复制。", result !== "selected");
    resolve(ok);
  }));
}
function printOnly(root, title, node) { // print this content alone, with the site version and the notice
  const area = document.getElementById("print-area") || document.body.appendChild(el("div"));
  area.id = "print-area"; area.replaceChildren(el("h1", null, title), node,
    el("p", "print-foot", `由“小米贷款逾期被催收怎么办”网站生成 · 网站版本 ${root.getAttribute("data-built")} · 本站提供一般性法律信息，不构成法律意见。`));
  // after the dialog closes: back to normal, and the printed copy leaves the page
  Kit.print("print-one", () => area.replaceChildren());
}

/* Setting up every widget of one kind on this page, now and after each instant navigation. */
function enhance(kind, setup) {
  const roots = document.querySelectorAll(`.tool[data-tool="${kind}"]`);
  const E = Py();
  for (const root of roots) {
    if (root.getAttribute("data-enhanced")) continue;
    root.setAttribute("data-enhanced", "1");
    root.classList.add("tool-js");
    $(root, "form").hidden = false;
    setup(root);
    if (E) root.addEventListener("focusin", () => { if (!failed) E.start(root); });
  }
  if (!roots.length) return;
  if (!E || !E.supported()) fallBack("unsupported");
  else {
    E.onfail(fallBack);
    if (!listening) E.onprogress(showProgress);
    listening = true;
    preload(roots[0]);
  }
  if (failed) fallBack("already failed"); // widgets on a page reached by instant navigation after a failure
}

/* Ready before it is needed: on a good connection the engine loads once the page is idle; on Save-Data, 2G/3G
   or a browser that does not say, only on the first tap into a form (focusin, above): the reader then spends
   far longer filling it in than the download takes on 4G. */
function preload(root) {
  const c = navigator.connection;
  if (!c || c.saveData || c.effectiveType !== "4g") return;
  const go = () => { if (!failed && root.isConnected) Py().start(root); };
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(go, { timeout: 5000 }) : setTimeout(go, 1000));
  if (document.readyState === "complete") idle(); else window.addEventListener("load", idle, { once: true });
}
function register(kind, setup, options = {}) {
  kinds[kind] = options;
  const go = () => enhance(kind, setup);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(go); // navigation.instant
  else go(); // module scripts run after the document is parsed
}

// Quick exit (site-wide button): forget everything on screen; each tool forgets what it holds.
document.addEventListener("site-exit", () => {
  loading.clear();
  for (const root of document.querySelectorAll(".tool")) {
    for (const f of root.querySelectorAll("form")) f.reset();
    for (const n of root.querySelectorAll(".tool-output, .ev-table, .ev-summary, .tool-status")) n.replaceChildren();
  }
});

window.SiteTools = { $, el, button, values, setValues, showErrors, say, run, quietly, copy, printOnly, fallen, fallbackText, register };
