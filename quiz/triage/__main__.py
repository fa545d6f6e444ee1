"""Walk the flow in a terminal: `python -m triage [quiz/flow.yaml] [--paths]`.

Reading YAML needs PyYAML (installed with the project); the engine itself stays standard-library only.
"""
import argparse
import json
import sys
from pathlib import Path

from .flow import from_dict
from .engine import paths
from .validate import check
from .views import view

DEFAULT = Path(__file__).resolve().parent.parent / "flow.yaml"


def read(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    import yaml  # only for the maintainer's YAML source
    return yaml.safe_load(text)


def interactive(flow, ask=input, say=print) -> dict:
    answers: dict[str, str] = {}
    while True:
        v = view(flow, answers)
        if "plan" in v:
            say("\n你的行动清单（按紧急程度排序）：")
            for i, s in enumerate(v["plan"], 1):
                say(f"\n{i}. {s['title']}\n   {s['summary']}")
                for st in s["steps"]:
                    say(f"   - {st['do']}  → {st['link']}")
            return answers
        q = v["question"]
        say(f"\n第 {q['number']} 题：{q['text']}" + (f"\n  （{q['help']}）" if q["help"] else ""))
        for i, o in enumerate(q["options"], 1):
            say(f"  {i}. {o['label']}")
        raw = ask("选择编号（b 返回上一题，q 退出）：").strip().lower()
        if raw == "q":
            return answers
        if raw == "b" and v["answered"]:
            answers.pop(v["answered"][-1]["question"], None)
        elif raw.isdigit() and 1 <= int(raw) <= len(q["options"]):
            answers[q["id"]] = q["options"][int(raw) - 1]["id"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m triage", description="走一遍自测流程 / walk the triage flow")
    ap.add_argument("flow", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--paths", action="store_true", help="only count every complete path and exit")
    args = ap.parse_args(argv)
    flow = from_dict(read(args.flow))
    check(flow)
    if args.paths:
        print(f"{sum(1 for _ in paths(flow))} complete paths in {args.flow}")
        return 0
    try:
        interactive(flow)
    except (EOFError, KeyboardInterrupt):
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
