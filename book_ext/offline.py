"""Sphinx extension: keep every page offline.

Jupyter Book always loads sphinx-thebe, which puts a CDN URL for thebe into every page
(twice, with a ``const`` that then fails to redeclare). The book does not offer thebe,
so its scripts are dropped. Any other script or stylesheet that would load from another
host fails the build, naming the file: the site must make zero requests off the machine.
"""

from __future__ import annotations

from sphinx.errors import ExtensionError


def _is_thebe(asset) -> bool:
    name = getattr(asset, "filename", "") or ""
    body = (getattr(asset, "attributes", {}) or {}).get("body", "")
    return "thebe" in name or "THEBE_JS_URL" in body


def _remote(asset) -> bool:
    name = getattr(asset, "filename", "") or ""
    return name.startswith(("http://", "https://", "//"))


def keep_offline(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets is None:
            continue
        kept = [a for a in assets if not _is_thebe(a)]
        remote = [a.filename for a in kept if _remote(a)]
        if remote:
            raise ExtensionError(f"page {pagename!r} would load {remote} from another host; "
                                 "install it with npm and vendor it (scripts/vendor.py)")
        assets[:] = kept


def drop_thebe_config(app, doctree, docname) -> None:
    """Remove the inert thebe configuration block sphinx-thebe adds to each page."""
    from docutils import nodes

    for node in list(doctree.findall(nodes.raw)):
        if "x-thebe-config" in node.astext():
            node.parent.remove(node)


def drop_source_maps(app, exception) -> None:
    """Ship no source maps: no page needs them (the theme's and Sphinx's *.map files)."""
    if exception is None and app.builder.format == "html":
        from pathlib import Path

        for path in Path(app.outdir, "_static").rglob("*.map"):
            path.unlink()


def setup(app):
    app.connect("build-finished", drop_source_maps)
    app.connect("html-page-context", keep_offline, priority=900)
    app.connect("doctree-resolved", drop_thebe_config, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
