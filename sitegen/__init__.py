"""The build (MkDocs hooks): hooks.py is the one entry; content/ loads and checks data, components/ feeds widget
templates, runtime/ builds the trimmed Pyodide runtime, site/ runs whole-site passes (CSP, tel links, offline, dist)."""
