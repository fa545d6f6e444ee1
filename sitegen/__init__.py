"""Build-time helpers for the site: statute data, citations, the quiz's static pages and assets."""
