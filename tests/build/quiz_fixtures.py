"""Broken flows, each with the error the build must report (used by test_quiz_flow_errors.py)."""
# (name, old text in data/flow.yaml, new text, the words the error must contain)
BROKEN_FLOWS = [
    ("unknown target", "        next: conduct\n", "        next: nowhere\n", ["flow.yaml:", "[papers.court]", "'nowhere'"]),
    ("duplicate id", "  - id: conduct\n", "  - id: papers\n", ["flow.yaml:", "duplicate question id 'papers'"]),
    ("empty text", "    text: 你的欠款现在是什么情况？\n", "    text: ''\n", ["flow.yaml:", "[debt]", "'text' is missing or empty"]),
    ("cycle", "        situations: [pay-official]\n        next: papers\n", "        situations: [pay-official]\n        next: danger\n",
     ["flow.yaml:", "loops", "danger"]),
    ("unreachable node", "        label: 已经还清了\n        next: chased\n", "        label: 已经还清了\n        next: papers\n",
     ["flow.yaml:", "[chased]", "never be reached"]),
    ("unknown situation", "        situations: [danger]\n", "        situations: [dangr]\n", ["flow.yaml:", "[danger.yes]", "unknown situation 'dangr'"]),
    ("old key adds", "        situations: [danger]\n", "        adds: [danger]\n", ["flow.yaml:", "[danger.yes]", "'adds' is now called 'situations'"]),
    ("dead page link", "        link: guide/lawsuit.md#deadlines\n", "        link: guide/lawsuits.md#deadlines\n",
     ["flow.yaml:", "[court-papers]", "docs/guide/lawsuits.md does not exist"]),
    ("dead anchor link", "        link: guide/lawsuit.md#deadlines\n", "        link: guide/lawsuit.md#deadline\n",
     ["flow.yaml:", "[court-papers]", "has no section {#deadline}"]),
    ("step is not a mapping", "      - do: 马上拨打 110，说清楚你在哪里、发生了什么。\n        link: guide/complaints.md#police-110\n",
     "      - 马上拨打 110\n", ["flow.yaml:", "[danger]", "each with do and link"]),
    ("unknown widget", "    widget: deadlines\n", "    widget: deadline\n", ["flow.yaml:", "[court-papers]", "unknown widget 'deadline'"]),
    ("reserved id", "  - id: chased\n", "  - id: plan\n", ["flow.yaml:", "reserved"]),
    # the lower of two options with the same outcome is the one named
    ("dead option", "        situations: [harassment, third-party]\n", "        situations: [harassment]\n",
     ["flow.yaml:", "[conduct.both]", "never changes the plan"]),
    # both answers to 「现在还有人找你要这笔钱吗？」 give the same card: the question changes nothing
    ("question that cannot change the plan", "        label: 有，还在催我还钱\n        situations: [repaid]\n        next: papers\n",
     "        label: 有，还在催我还钱\n        situations: [settled]\n        next: end\n",
     ["flow.yaml:", "[chased]", "no answer can change the plan"]),
]
