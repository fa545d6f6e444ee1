"""Walk the flow in a terminal: `python -m triage [data/flow.yaml] [--paths]`; print a court deadline:
`python -m triage --deadline 起诉状副本 2026-12-01`.

Reading YAML needs PyYAML (installed with the project); the engine itself stays standard-library only.
"""
import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from .engine import paths, plan, walk
from .flow import from_dict
from .model import Flow, Situation
from .validate import check

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "flow.yaml"


def read(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    import yaml  # only for the maintainer's YAML source
    return yaml.safe_load(text)


def distribution(flow: Flow) -> str:
    """How many questions each complete path asks: the count of paths by length, the median and the maximum."""
    lengths = [len(answers) for answers in paths(flow)]
    by_length = Counter(lengths)
    rows = [f"{len(lengths)} complete paths", "questions  paths"]
    rows += [f"{n:>9}  {by_length[n]:>5}" for n in sorted(by_length)]
    rows.append(f"median {statistics.median(lengths):g}, max {max(lengths)}")
    return "\n".join(rows)


def show(situation: Situation, say, number: int | None = None) -> None:
    say(f"\n{f'{number}. ' if number else ''}{situation.title}\n   {situation.summary}")
    for st in situation.steps:
        say(f"   - {st.do}  → {st.link}")


def interactive(flow: Flow, ask=input, say=print) -> dict:
    """The same walk as the browser, in a terminal. Cards marked at_once are shown as soon as an answer adds them."""
    answers: dict[str, str] = {}
    shown: set[str] = set()
    while True:
        state = walk(flow, answers)
        for s in plan(flow, state.situations):
            if s.at_once and s.id not in shown:
                show(s, say)
                shown.add(s.id)
        if state.current is None:
            say("\n你的行动清单（按紧急程度排序）：")
            for i, s in enumerate(plan(flow, state.situations), 1):
                show(s, say, i)
            return answers
        q = state.current
        # Paths differ in length, so the site shows no question numbers; here the count is only for orientation.
        say(f"\n（已答 {len(state.answered)} 题）{q.text}" + (f"\n  （{q.help}）" if q.help else ""))
        for i, o in enumerate(q.options, 1):
            say(f"  {i}. {o.label}")
        raw = ask("选择编号（b 返回上一题，q 退出）：").strip().lower()
        if raw == "q":
            return answers
        if raw == "b" and state.answered:
            answers.pop(state.answered[-1].question.id, None)
        elif raw.isdigit() and 1 <= int(raw) <= len(q.options):
            answers[q.id] = q.options[int(raw) - 1].id


def deadline(paper: str, received: str, say=print) -> int:
    """The same answer as the browser's, from the same data files, loaded and checked as the build does."""
    root = DEFAULT.parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from sitegen.content.statutes import load_all
    from sitegen.content.deadlines import load_deadlines, load_holidays

    from . import deadlines
    texts = load_deadlines(root / "data" / "deadlines.yaml", load_all(root / "data" / "statutes"))
    holidays = load_holidays(root / "data" / "holidays.yaml")
    pid = deadlines.find_paper(texts, paper)
    if pid is None:
        say(f"不认识的文书：{paper}。可以写：" + "；".join(f"{k}（{p.label}）" for k, p in texts.papers.items()))
        return 2
    out = deadlines.compute(texts, holidays, {"paper": pid, "received": received}, None)
    if "errors" in out:
        say("\n".join(out["errors"].values()))
        return 2
    r = out["result"]
    lines = [f"{r['label']}" + (f"，{r['received']} 收到" if r["received"] else "")]
    if r["last_day"]:
        lines += [r["summary"], r["caveat"], r["rule"], r["counting"], *r["notes"]]
    lines.append(r["todo"])
    say("\n".join(lines))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m triage", description="走一遍自测流程 / walk the triage flow")
    ap.add_argument("flow", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--paths", action="store_true", help="print how many questions each path asks, and exit")
    ap.add_argument("--deadline", nargs=2, metavar=("PAPER", "RECEIVED"),
                    help="print the last day after a court paper arrived (e.g. 起诉状副本 2026-12-01), and exit")
    args = ap.parse_args(argv)
    if args.deadline:
        return deadline(*args.deadline)
    flow = from_dict(read(args.flow))
    check(flow)
    if args.paths:
        print(f"{args.flow}:\n{distribution(flow)}")
        return 0
    try:
        interactive(flow)
    except (EOFError, KeyboardInterrupt):
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
