"""Triage engine: routes a reader's answers to an ordered action plan.

Standard library only, so the same code runs in CPython (build, tests, terminal) and in Pyodide.
  model.py     typed, immutable flow objects
  flow.py      plain data (dict from YAML/JSON) -> Flow, with structural checks
  validate.py  graph checks: unknown targets, unreachable nodes, cycles, path length
  engine.py    answers -> next question or plan; every path
  states.py    every state a reader can see (checks, the build's state table, tests)
  fields.py    form fields and their validation (reader tools)
  letters.py   letter templates filled from fields
  evidence.py  the reader's evidence log: entries, import/export, summary
  limitation.py  limitation-period dates (民法典 188/189/192/195): interruptions only inside the period
  render.py    the one HTML renderer of the quiz (the build ships its fragments)
  browser.py   the JSON boundary used by the Web Worker (the tools)
  errors.py    ContentError, the one error type for bad data
"""
