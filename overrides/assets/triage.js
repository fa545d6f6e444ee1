/* Glue between the quiz page and the Python engine in a Web Worker.
   The first question is plain HTML whose options are links into the static version, so the quiz works with
   no JavaScript. When scripts run, clicks are handled here; Pyodide starts on the reader's first interaction.
   If the engine cannot start, the links simply work as they do without JavaScript.
   Written in ES5 on purpose: old WeChat browsers must at least reach the fallback. */
(function () {
  "use strict";
  var Py = window.PyEngine;

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = text; // flow text is always inserted as text, never as HTML
    return n;
  }
  function pageUrl(root, link) { // guide/x.md#a -> <root>guide/x/#a (matches sitegen.quiz_build.page_url)
    var parts = link.split("#"), page = parts[0].replace(/\.md$/, "");
    page = (page === "index" || /\/index$/.test(page)) ? page.replace(/index$/, "") : page + "/";
    return root + page + (parts[1] ? "#" + parts[1] : "");
  }

  function Quiz(root) {
    this.root = root;
    this.view = root.querySelector(".triage-view");
    this.status = root.querySelector(".triage-status");
    this.firstHTML = this.view.innerHTML;
    this.answers = {};   // question id -> option id; kept when an earlier answer changes
    this.fallen = false;
  }

  Quiz.prototype.say = function (text) { this.status.textContent = text; };

  Quiz.prototype.fallback = function (href) {
    // The engine could not start: the same plan is in the static version, built by the same Python code.
    this.fallen = true;
    this.say("互动版本没能启动，已改用静态版本，内容和结果完全一样。");
    if (href) {
      var next = el("a", "md-button md-button--primary triage-continue", "继续下一题");
      next.href = href;
      this.status.appendChild(document.createTextNode(" "));
      this.status.appendChild(next);
      next.focus();
    }
  };

  Quiz.prototype.ask = function (answers, href) {
    var self = this, id = (this.asked = (this.asked || 0) + 1);
    Py.start(this.root);
    if (Py.failed) { this.fallback(href); return; }
    if (!Py.ready) this.say("正在准备互动自测，第一次需要几秒钟……");
    Py.call("answer", { answers: answers }, function (err, view) {
      if (id !== self.asked) return; // a newer answer superseded this one
      if (err) { self.fallback(href); return; }
      self.render(view);
    });
  };

  Quiz.prototype.render = function (v) {
    var self = this, root = this.root.getAttribute("data-root"), box = this.view, heading;
    box.innerHTML = "";
    if (v.question) {
      var q = v.question;
      heading = el("h2", "triage-q", "第 " + q.number + " 题：" + q.text);
      box.appendChild(heading);
      if (q.help) box.appendChild(el("p", "triage-help", q.help));
      var ul = el("ul", "triage-options");
      for (var i = 0; i < q.options.length; i++) {
        var o = q.options[i], li = el("li"), a = el("a", "triage-option", o.label);
        a.href = this.root.getAttribute("data-static") + "#" + o.next;
        a.setAttribute("data-q", q.id); a.setAttribute("data-o", o.id);
        if (this.answers[q.id] === o.id) a.setAttribute("aria-current", "true");
        li.appendChild(a); ul.appendChild(li);
      }
      box.appendChild(ul);
      this.say(""); // the focused heading is read out; saying it here too would repeat it
    } else {
      heading = el("h2", "triage-q", "你的行动清单");
      box.appendChild(heading);
      box.appendChild(el("p", null, "按紧急程度排序，从第 1 项做起："));
      var ol = el("ol", "triage-plan");
      for (var j = 0; j < v.plan.length; j++) {
        var s = v.plan[j], item = el("li");
        item.appendChild(el("h3", null, s.title));
        item.appendChild(el("p", null, s.summary));
        var steps = el("ol", "triage-steps");
        for (var k = 0; k < s.steps.length; k++) {
          var st = el("li", null, s.steps[k].do + " "), link = el("a", null, "查看说明");
          link.href = pageUrl(root, s.steps[k].link);
          st.appendChild(link); steps.appendChild(st);
        }
        item.appendChild(steps); ol.appendChild(item);
      }
      box.appendChild(ol);
      this.say("自测完成，下面是你的行动清单，共 " + v.plan.length + " 项。");
    }
    if (v.answered.length) box.appendChild(this.review(v.answered));
    box.appendChild(this.controls());
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  };

  Quiz.prototype.review = function (answered) {
    var self = this, wrap = el("div", "triage-review");
    wrap.appendChild(el("h3", null, "你的回答"));
    var dl = el("dl");
    for (var i = 0; i < answered.length; i++) (function (a) {
      dl.appendChild(el("dt", null, a.text));
      var dd = el("dd", null, a.label + " "), b = el("button", "triage-change", "修改");
      b.type = "button";
      b.setAttribute("aria-label", "修改：" + a.text);
      b.onclick = function () {
        var without = {};
        for (var k in self.answers) if (k !== a.question) without[k] = self.answers[k];
        self.ask(without, null);
      };
      dd.appendChild(b); dl.appendChild(dd);
    })(answered[i]);
    wrap.appendChild(dl);
    return wrap;
  };

  Quiz.prototype.controls = function () {
    var self = this, bar = el("p", "triage-controls");
    var restart = el("button", "md-button", "重新开始"), exit = el("button", "md-button triage-exit", "清除并离开");
    restart.type = exit.type = "button";
    restart.onclick = function () { self.restart(); };
    exit.onclick = function () { self.exit(); };
    bar.appendChild(restart); bar.appendChild(document.createTextNode(" ")); bar.appendChild(exit);
    return bar;
  };

  Quiz.prototype.restart = function () {
    this.answers = {}; this.asked = (this.asked || 0) + 1;
    this.view.innerHTML = this.firstHTML;
    this.say("已重新开始。第 1 题。");
    var h = this.view.querySelector(".triage-q"); if (h) h.focus();
  };

  Quiz.prototype.exit = function () {
    // Wipe every trace the quiz holds, stop the engine, and leave without adding a history entry.
    this.answers = {}; this.asked = (this.asked || 0) + 1; this.view.innerHTML = "";
    Py.stop();
    window.location.replace("about:blank");
  };

  Quiz.prototype.onClick = function (ev) {
    var a = ev.target;
    if (a && a.className && String(a.className).indexOf("triage-exit-link") >= 0) { ev.preventDefault(); this.exit(); return; }
    while (a && a !== this.root && !(a.tagName === "A" && a.getAttribute("data-q"))) a = a.parentNode;
    if (!a || a === this.root || this.fallen) return; // plain links keep working
    ev.preventDefault();
    ev.stopPropagation(); // keep navigation.instant from following the link
    this.answers[a.getAttribute("data-q")] = a.getAttribute("data-o");
    var copy = {};
    for (var k in this.answers) copy[k] = this.answers[k];
    this.ask(copy, a.href);
  };

  function init() {
    var root = document.getElementById("triage");
    if (!root || root.getAttribute("data-enhanced")) return;
    root.setAttribute("data-enhanced", "1");
    if (!Py || !Py.supported()) {
      var s = root.querySelector(".triage-status");
      if (s) s.textContent = "你的浏览器不支持互动版本，下面的选项会带你进入静态版本，结果一样。";
      return;
    }
    var quiz = new Quiz(root);
    root.addEventListener("click", function (ev) { quiz.onClick(ev); });
    // Start loading on the first sign of interest, so the engine is often ready by the time of the click.
    var warm = function () { Py.start(root); };
    root.addEventListener("pointerdown", warm);
    root.addEventListener("focusin", warm);
    root.addEventListener("touchstart", warm);
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init); // navigation.instant
  else if (document.readyState !== "loading") init();
  else document.addEventListener("DOMContentLoaded", init);
})();
