"""The Pyodide runtime the reader tools run on: assets (what goes into site/engine/), trim (the trimmed, precompiled
standard library, built under Node by trim.mjs and inside.py), calls (one example call per engine API name)."""
