"""Triage engine: routes a reader's answers to an ordered action plan.

Standard library only, so the same code runs in CPython (build, tests, terminal) and in Pyodide.
  model.py     typed, immutable flow objects
  flow.py      plain data (dict from YAML/JSON) -> Flow, with structural checks
  validate.py  graph checks: unknown targets, unreachable nodes, cycles, path length
  engine.py    answers -> next question or plan; every path
  browser.py   the JSON boundary used by the Web Worker
"""
from .engine import State, Step, paths, plan, state_id, walk
from .flow import FlowError, from_dict
from .model import Flow, Option, Question, Situation

__all__ = ["Flow", "FlowError", "Option", "Question", "Situation", "State", "Step",
           "from_dict", "paths", "plan", "state_id", "walk"]
