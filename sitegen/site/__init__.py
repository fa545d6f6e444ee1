"""Whole-site passes over built pages and files: hygiene (CSP, lang, sitemap, robots), tables (scrollable regions),
tel_links (tap-to-call), fingerprint (hashed script names), service_worker and offline_manifest (offline reading)."""
