/* The court-deadline helper (deadlines.html): which paper arrived and on which day go to the engine's `deadline`
   call (triage.deadlines, in the page's Web Worker); the date and what to do come back from it. This script
   counts nothing itself: without the engine the rules in words and how to count stay on screen (.dl-counting).
   Its widgets are set up wherever they appear: on the tool page, and in the quiz's court-papers card, which the
   quiz script puts into the page later (a MutationObserver notices it; the quiz script knows nothing of this).
   The engine starts loading as soon as a widget is shown, except on Save-Data or 2G/3G, where it waits for the
   first tap into the form (tools.js). Uses tool/tools.js (window.SiteTools), loaded before it. */
const { $, el, say, run, quietly, showErrors, fallen, register } = window.SiteTools;
const { today } = window.SiteKit;

const FALLBACK = "日期暂时算不了。请按上面的规则自己数：";
const fallbackText = (root) => { const c = $(root, ".dl-counting"); return FALLBACK + (c ? c.textContent.replace(/^怎样数：/, "") : ""); };

function slow() { // Save-Data or a 2G/3G connection: load the engine only when the reader starts filling in
  const c = navigator.connection;
  return !!(c && (c.saveData || /(^|-)(2g|3g)$/.test(c.effectiveType || "")));
}

function deadlines(root) {
  const form = $(root, "form"), out = $(root, ".tool-output"), date = $(root, "[name=received]");
  const paper = () => { const r = form.querySelector("input[name=paper]:checked"); return r ? r.value : ""; };
  let asked = 0; // only the newest answer is shown

  function show(res) {
    const parts = [el("p", "dl-summary", res.summary)];
    if (res.days != null) {
      parts.push(el("p", "dl-caveat", res.caveat + "。"));
      parts.push(el("p", "dl-todo", "在这一天之前：" + res.todo));
      for (const note of res.notes) parts.push(el("p", "dl-note", note));
    }
    out.replaceChildren(...parts);
    out.hidden = false;
    say(root, res.summary);
  }

  function compute(strict) { // strict: the reader asked (submit), so say what is missing
    if (fallen()) { if (strict) say(root, `工具没能启动。${fallbackText(root)}`, true); return; }
    const values = { paper: paper(), received: date.value };
    if (!strict && !values.paper) return;
    const tell = strict || values.received.trim() !== ""; // a date typed wrong is worth a word; an empty one not yet
    const mine = ++asked;
    quietly((async () => {
      const r = await run(root, "deadline", { values, today: today() });
      if (mine !== asked) return;
      if (r.errors) {
        out.hidden = true;
        if (tell) { showErrors(form, r.errors, strict); say(root, "有几项需要修改，请看标红的说明。"); }
        return;
      }
      showErrors(form, {}, false);
      show(r.result);
    })());
  }

  form.onsubmit = (ev) => { ev.preventDefault(); compute(true); };
  form.addEventListener("change", () => compute(false)); // the engine says whether a date is still needed
  $(root, ".dl-today-button").onclick = () => { date.value = today(); compute(false); };
  // shown: start now (a widget in a hidden part of the page, like the static quiz's other cards, waits for a tap)
  if (!slow() && !fallen() && window.PyEngine && root.getClientRects().length) window.PyEngine.start(root);
}

const scan = register("deadlines", deadlines, { fallback: fallbackText });
// Widgets that arrive later (the quiz's plan): set up when they appear.
const fresh = () => document.querySelector('.tool[data-tool="deadlines"]:not([data-enhanced])');
new MutationObserver(() => { if (fresh()) scan(); }).observe(document.documentElement, { childList: true, subtree: true });
