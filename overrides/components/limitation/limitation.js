/* The limitation-period helper (limitation.html): the engine's `limitation` call explains the dates; there
   is no fallback calculation, only the rule in words (the widget's .lim-rule: the rule's one sentence). Uses tool/tools.js (window.SiteTools), loaded before it. */
const { $, el, button, values, setValues, showErrors, say, run, quietly, copy, printOnly, fallen, register } = window.SiteTools;
const { today, download } = window.SiteKit;
// Then the widget's own .lim-rule, the rule's one sentence from quiz/limitation.yaml (also in the no-JS text).
const FALLBACK = "推算暂时用不了。规则见下面“规则是什么”：一般三年。";
const fallbackText = (root) => { const rule = $(root, ".lim-rule"); return FALLBACK + (rule ? rule.textContent : ""); };

function limitation(root) {
  const form = $(root, "form"), out = $(root, ".tool-output");
  form.onsubmit = (ev) => {
    ev.preventDefault();
    if (fallen()) { say(root, `工具没能启动。${fallbackText(root)}`, true); return; }
    quietly((async () => {
      const r = await run(root, "limitation", { values: values(form), today: today() });
      if (r.errors) { showErrors(form, r.errors); out.hidden = true; say(root, "有几项需要修改，请看标红的说明。"); return; }
      showErrors(form, {});
      const res = r.result, list = el("ol");
      for (const step of res.steps) list.appendChild(el("li", null, step));
      out.replaceChildren(el("h3", null, "推算结果"), el("p", "lim-summary", res.summary), list);
      if (res.after) out.appendChild(el("p", "lim-after", res.after));
      out.appendChild(el("p", "lim-reminder", res.reminder));
      out.hidden = false;
      say(root, res.summary);
    })());
  };
}

register("limitation", limitation, { fallback: fallbackText });
