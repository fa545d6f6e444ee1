/* A letter builder (letter.html): the form's values go to the engine's `letter` call; when the engine cannot
   start, the letter is filled in plainly here from data-template (what the reader typed, blanks marked).
   The complaint letter can take a summary of the evidence log (evidence/evidence.js, SiteTools.evidence).
   Uses tool/tools.js (window.SiteTools), loaded before it. */
const PLAIN_AFTER_MS = 8000; // a letter never waits longer for the engine: it is filled plainly, then checked
const UNCHECKED = "未经检查：工具还在准备，这封信是把你填的内容直接填进去的。请核对日期、金额和每一项。工具准备好后会自动检查。";
const { $, el, button, values, setValues, showErrors, say, run, quietly, copy, save, printOnly, fallen, register } = window.SiteTools;
const { today } = window.SiteKit;

/* The plain fill: the same rule as the engine's triage/letters.py `render` (keep the two in step; the browser
   test test_wechat_browser.py compares them): a run of template lines starting with "?" is left out, with
   the blank line before it, when every field in it is empty; other lines are printed with the values, and a
   field still empty there (only ever in this unchecked fill: a required field left blank) shows as （未填写）. */
const FIELD = /\{([a-z][a-z0-9_]*)\}/g;
function fillPlain(template, v) {
  const blocks = [];
  for (const line of template.split("\n")) {
    const optional = line.startsWith("?"), last = blocks[blocks.length - 1];
    if (optional && last && last.optional) last.lines.push(line.slice(1));
    else blocks.push({ optional, lines: [optional ? line.slice(1) : line] });
  }
  const kept = [], filled = (id) => String(v[id] || "").trim() !== "";
  for (const b of blocks) {
    if (b.optional && ![...b.lines.join("\n").matchAll(FIELD)].some((m) => filled(m[1]))) {
      if (kept.length && !kept[kept.length - 1].trim()) kept.pop();
      continue;
    }
    kept.push(...b.lines);
  }
  while (kept.length && !kept[0].trim()) kept.shift();
  return kept.join("\n").replace(FIELD, (m, id) => String(v[id] || "").trim() || "（未填写）");
}

function letter(root) {
  const form = $(root, "form"), out = $(root, ".tool-output"), title = root.getAttribute("data-title");
  function show(text, note, focus = true) {
    const pre = el("pre", "letter-output", text), bar = el("p", "tool-actions");
    const b1 = button("md-button", "复制"), b2 = button("md-button", "下载为文本文件"), b3 = button("md-button", "打印");
    b1.onclick = () => quietly(copy(root, text, b1));
    b2.onclick = () => save(b2, `${title}.txt`, text, "text/plain");
    b3.onclick = () => printOnly(root, title, el("pre", "letter-output", text), b3, text);
    bar.append(b1, " ", b2, " ", b3);
    out.replaceChildren(el("h3", null, "你的信件（可以再修改上面的内容后重新生成）"));
    if (note) out.appendChild(el("p", "tool-note", note));
    out.append(pre, bar);
    out.hidden = false;
    pre.setAttribute("tabindex", "-1");
    if (focus) pre.focus();
  }
  function plainFill() { // without the engine: the reader's words as typed
    return fillPlain(root.getAttribute("data-template"), values(form));
  }
  const sumBtn = $(root, ".tool-fill-summary");
  if (sumBtn) {
    sumBtn.hidden = fallen();
    sumBtn.onclick = () => quietly((async () => {
      const { state: evidence, loadStore } = window.SiteTools.evidence;
      await loadStore(root);
      if (!evidence.entries.length) { say(root, "证据记录里还没有内容。请先在“证据记录”工具里添加（并勾选在本设备保存）。", true); return; }
      const r = await run(root, "evidence_summary", { entries: evidence.entries });
      form.querySelector("[name='evidence_summary']").value = r.text;
      say(root, "已填入证据摘要。");
    })());
  }
  form.onsubmit = (ev) => {
    ev.preventDefault();
    if (fallen()) { show(plainFill(), "这封信是把你填的内容直接填进去的，没有经过检查：请核对日期、金额和每一项内容。"); return; }
    const typed = values(form), E = window.PyEngine;
    let plain = false; // the engine was still loading after PLAIN_AFTER_MS: the reader got the plain fill
    const timer = E && !E.ready ? setTimeout(() => {
      if (fallen()) return;
      plain = true;
      show(plainFill(), UNCHECKED);
      say(root, "工具还没准备好，先把你填的内容直接填进了信里（未经检查）。准备好后会自动检查。");
    }, PLAIN_AFTER_MS) : null;
    quietly((async () => {
      let r;
      try { r = await run(root, "letter", { letter: root.getAttribute("data-letter"), values: typed, today: today() }); } finally { clearTimeout(timer); }
      // Checked later, quietly: nothing moves the reader's focus, and a form changed since is checked on its next tap.
      if (plain && JSON.stringify(values(form)) !== JSON.stringify(typed)) return;
      if (r.errors) {
        showErrors(form, r.errors, !plain);
        say(root, plain ? "检查完了：有几项需要修改，请看标红的说明，改好后再点“生成信件”。" : "有几项需要修改，请看标红的说明。");
        return;
      }
      showErrors(form, {});
      show(r.text, null, !plain);
      say(root, plain ? "检查完了，信件已换成检查过的版本。" : "信件已生成。");
    })());
  };
}

window.SiteTools.plainLetter = fillPlain;
register("letter", letter, {
  fallback: "点“生成信件”会把你填的内容直接填进信里（不做检查），请自己核对后再复制、下载或打印。",
  onFallback: (root) => { for (const b of root.querySelectorAll(".tool-fill-summary")) b.hidden = true; },
});
