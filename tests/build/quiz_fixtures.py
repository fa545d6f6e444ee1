"""Broken flows, each with the error the build must report (used by test_quiz_flow_errors.py)."""
# (name, old text in quiz/flow.yaml, new text, the words the error must contain)
BROKEN_FLOWS = [
    ("unknown target", "        next: caller\n", "        next: nowhere\n", ["flow.yaml:", "[papers.court]", "'nowhere'"]),
    ("duplicate id", "  - id: caller\n", "  - id: papers\n", ["flow.yaml:", "duplicate question id 'papers'"]),
    ("empty text", "    text: 你的欠款现在是什么情况？\n", "    text: ''\n", ["flow.yaml:", "[debt]", "'text' is missing or empty"]),
    ("cycle", "        situations: [pay-official]\n        next: credit\n", "        situations: [pay-official]\n        next: danger\n",
     ["flow.yaml:", "loops", "danger"]),
    ("unreachable node", "        next: old-contact\n", "        next: credit\n", ["flow.yaml:", "[old-contact]", "never be reached"]),
    ("unknown situation", "        situations: [danger]\n", "        situations: [dangr]\n", ["flow.yaml:", "[danger.yes]", "unknown situation 'dangr'"]),
    ("dead page link", "        link: guide/lawsuit.md#deadlines\n", "        link: guide/lawsuits.md#deadlines\n",
     ["flow.yaml:", "[court-papers]", "docs/guide/lawsuits.md does not exist"]),
    ("dead anchor link", "        link: guide/lawsuit.md#deadlines\n", "        link: guide/lawsuit.md#deadline\n",
     ["flow.yaml:", "[court-papers]", "has no section {#deadline}"]),
    ("step is not a mapping", "      - do: 马上拨打 110，说清楚地址、对方是谁、说了什么或做了什么。\n        link: guide/complaints.md#police-110\n",
     "      - 马上拨打 110\n", ["flow.yaml:", "[danger]", "each with do and link"]),
    ("reserved id", "  - id: old-contact\n", "  - id: plan\n", ["flow.yaml:", "reserved"]),
]
