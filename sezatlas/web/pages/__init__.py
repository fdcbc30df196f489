"""Server-rendered pages (Jinja2 + htmx) and their vendored static assets, in five languages.

`mount.py` adds them to the app; this package's `__init__` imports nothing, so a module of the web layer
can use `pages.rendering` without loading every page.
"""
