"""Turn the MyST directives and roles of chapter markdown into plain Markdown/HTML for slides.

nbconvert renders notebook markdown with a CommonMark renderer that knows nothing of MyST,
so ```{exercise}``` or ```{literalinclude}``` would appear as raw code on a slide. This
module rewrites the few constructs the book uses (see CONTRIBUTING.md) into what
reveal.js shows well:

* ``exercise`` -> a bold heading and the body;
* ``admonition`` -> a quote, or ``<details>`` when it has ``:class: dropdown``;
* ``literalinclude`` (with ``:pyobject:``) -> a Python code block with the real source;
* ``list-table`` -> a Markdown table;
* ``solution-start`` / ``solution-end`` fences -> removed (solutions are not on slides);
* roles such as ``{doc}`x``` -> their plain text; ``{numref}`fig-x``` -> "the figure".

An unknown directive raises ``ValueError``, so a new construct cannot slip into a deck
unconverted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor

FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>[^\n]*)\n", re.M)
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<text>[^`]*)`")


def _split_options(body: str) -> tuple[dict[str, str], str]:
    options, lines = {}, body.split("\n")
    while lines and lines[0].startswith(":"):
        key, _, value = lines.pop(0)[1:].partition(":")
        options[key.strip()] = value.strip()
    return options, "\n".join(lines).strip("\n")


def _pyobject_source(path: Path, name: str) -> str:
    """Source of a top-level function or class, or of ``Class.method`` (as Sphinx finds it)."""
    source = path.read_text()
    scope: list = ast.parse(source).body
    node = None
    for part in name.split("."):
        node = next((n for n in scope if isinstance(n, (ast.FunctionDef, ast.ClassDef))
                     and n.name == part), None)
        if node is None:
            raise ValueError(f"{path} has no function or class {name!r}")
        scope = node.body
    start = min([d.lineno for d in node.decorator_list] + [node.lineno])
    lines = source.splitlines()[start - 1: node.end_lineno]
    indent = len(lines[0]) - len(lines[0].lstrip())
    return "\n".join(line[indent:] for line in lines)


def _list_table(arg: str, options: dict, body: str) -> str:
    rows, row = [], None
    for line in body.splitlines():
        if line.startswith("* - "):
            row = [line[4:].strip()]
            rows.append(row)
        elif line.startswith("  - ") and row is not None:
            row.append(line[4:].strip())
        elif line.strip() and row is not None:
            row[-1] += " " + line.strip()
    if not rows:
        return ""
    header = rows[0] if options.get("header-rows") == "1" else [""] * len(rows[0])
    body_rows = rows[1:] if options.get("header-rows") == "1" else rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in body_rows]
    caption = f"**{arg}**\n\n" if arg else ""
    return caption + "\n".join(lines)


def convert(text: str, base: Path) -> str:
    """Rewrite MyST directives and roles in `text` (relative paths resolve from `base`)."""
    out, pos = [], 0
    while (m := FENCE.search(text, pos)) is not None:
        out.append(text[pos:m.start()])
        fence, name, arg = m.group("fence"), m.group("name"), m.group("arg").strip()
        close = re.compile(rf"^{re.escape(fence)}[ \t]*$", re.M).search(text, m.end())
        end = close.start() if close else len(text)
        options, body = _split_options(text[m.end():end])
        after = close.end() if close else len(text)
        if name == "exercise":
            out.append(f"**Exercise: {arg}**\n\n{convert(body, base)}")
        elif name == "admonition":
            inner = convert(body, base)
            if "dropdown" in options.get("class", ""):
                out.append(f"<details><summary>{arg}</summary>\n\n{inner}\n\n</details>")
            else:
                out.append(f"> **{arg}**\n>\n" + "\n".join(f"> {ln}" for ln in inner.splitlines()))
        elif name == "literalinclude":
            path = (base / arg).resolve()
            code = _pyobject_source(path, options["pyobject"]) if "pyobject" in options else path.read_text()
            out.append(f"```{options.get('language', 'python')}\n{code}\n```")
        elif name == "list-table":
            out.append(_list_table(arg, options, body))
        elif name in ("solution-start", "solution-end", "solution"):
            pass
        else:
            raise ValueError(f"no slide conversion for the MyST directive {{{name}}}: add one in {__file__}")
        pos = after
    out.append(text[pos:])
    return ROLE.sub(_role_text, "".join(out))


def _role_text(match: re.Match) -> str:
    """Plain text for a role: ``{numref}`fig-x``` -> "the figure", ``{doc}`T <p>``` -> "T"."""
    text = match.group("text").split("<")[0].strip()
    if match.group("role") == "numref" and "<" not in match.group("text"):
        return "the table" if text.startswith("tab") else "the figure"
    return text


class MystForSlides(Preprocessor):
    """nbconvert preprocessor applying :func:`convert` to every markdown cell."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            base = Path(resources.get("metadata", {}).get("path") or ".")
            cell.source = convert(cell.source, base)
        return cell, resources
