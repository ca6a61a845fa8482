"""The instructors' map from every topic of the lecture to the section and slide that cover it.

`TOPICS` is the maintained part: each lecture topic with the chapter and the heading that
teaches it (or the slug of the chapter that will). Everything else is computed from the
notebooks: the section's id on the website and the deck slide (reveal.js ``#/h/v``) that
holds the heading, counted from the cells' slide types the way nbconvert builds the decks.

    python scripts/topic_map.py           # print the table
    python scripts/topic_map.py --write   # replace it in instructors.md

`tests/book/test_instructors.py` fails when instructors.md is out of date and checks, on the built
site, that every link lands on its heading.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from docutils.nodes import make_id

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- topic-map:start -->", "<!-- topic-map:end -->"

#: (topic of the lecture, chapter notebook stem or a planned chapter's slug, heading text
#: [, the deck's heading]). A deck written as a deck (slide-only cells, CONTRIBUTING) has its
#: own headline for the section: give it as the fourth item.
TOPICS = [
    ("Step activation; why it cannot be trained by gradient descent", "01_activations",
     "The step function: the neuron as a switch"),
    ("Sigmoid, a soft step: $\\sigma(z) = 1/(1 + e^{-z})$", "01_activations", "Sigmoid: a soft step"),
    ("Tanh", "01_activations", "Tanh: a centred sigmoid"),
    ("ReLU", "01_activations", "ReLU: the modern default"),
    ("Logistic regression: $p(y = 1 \\mid \\mathbf{x}) = \\sigma(\\mathbf{w}^T\\mathbf{x})$", "02_logistic_regression",
     "A neuron that outputs a probability"),
    ("Maximum likelihood training", "02_logistic_regression", "Maximum likelihood"),
    ("Separable data: many solutions", "02_logistic_regression", "Separable data: the likelihood has no top"),
    ("MAP with an L2 penalty; convexity; (stochastic) gradient descent", "02_logistic_regression",
     "MAP: a prior that prefers small weights"),
    ("XOR: the limits of one neuron", "03_xor", "Why no line separates XOR"),
    ("Learning XOR with one hidden layer", "03_xor", "Two layers: XOR by hand"),
    ("Why a nonlinear activation", "03_xor", "Why the hidden layer needs a nonlinearity"),
    ("Multilayer perceptron: layers, depth", "04_mlp", "Input, hidden and output layers",
     "Input, hidden, output"),
    ("Matrix notation: $\\mathbf{h} = \\sigma(\\mathbf{W}^{(1)}\\mathbf{x} + \\mathbf{b})$", "04_mlp",
     "From neurons to a matrix", "One layer is one matrix"),
    ("Why a nonlinear activation: linear layers collapse", "04_mlp", "Why a nonlinear activation?",
     "Without σ, layers collapse"),
    ("k outputs for k-way classification", "04_mlp", "Several outputs", "$k$ outputs: one score per class"),
    ("Multiple hidden layers", "04_mlp", "Many hidden layers", "Stacking layers"),
    ("k outputs for k classes (ImageNet: k = 1000)", "05_softmax", "k output units"),
    ("Softmax: $p(y \\mid \\mathbf{x}) = \\exp f_y / \\sum_i \\exp f_i$", "05_softmax",
     "Softmax: from scores to probabilities"),
    ("Cross-entropy (softmax) loss $\\sum_j -y_j \\log p_j$", "05_softmax", "Cross-entropy loss"),
    ("Training loss $\\frac{1}{\\lvert D\\rvert}\\sum_i \\ell(\\mathbf{x}_i, y_i)$; binary cross-entropy", "06_training",
     "The training loss"),
    ("Gradient descent: $\\mathbf{w}_t = \\mathbf{w}_{t-1} - \\alpha\\, \\partial L / \\partial \\mathbf{w}_{t-1}$", "06_training",
     "Gradient descent"),
    ("The learning rate; when gradient descent diverges", "06_training", "The learning rate"),
    ("Minibatch SGD: $D$ can be very large", "06_training", "Minibatch SGD"),
    ("Non-convex optimisation (a 2018 loss-landscape figure)", "06_training",
     "Convex and non-convex landscapes"),
    ("The gradient on one data point: chain rule on a computational graph", "07_backprop",
     "The gradient on one data point"),
    ("Two layers: $\\partial l / \\partial a_{11}$, $\\partial l / \\partial w^{(1)}_{11}$, "
     "$\\partial l / \\partial x_1$ over two paths", "07_backprop", "Two layers"),
    ("Homework: MNIST", "08_mnist", "The homework"),
]


def _heading_text(line: str) -> str:
    return line.lstrip("#").strip()


def _has_heading(cell, heading: str) -> bool:
    return cell.cell_type == "markdown" and any(
        line.startswith("#") and _heading_text(line) == heading for line in cell.source.splitlines())


def locate(chapter: Path, heading: str, deck_heading: str | None = None) -> tuple[str, int, int, int]:
    """(section id on the website, deck h, deck v, slide number) of the heading `heading`.

    The slide number is what the deck shows in its corner (reveal.js ``c/t``: slides and
    sub-slides counted in order, from 1). The slide is the one holding `deck_heading` (a
    slide-only cell's headline) when given, else `heading`; the book's section is `heading`
    in a cell the book shows (not slide-only).
    """
    nb = nbformat.read(chapter, as_version=4)
    if not any(_has_heading(c, heading) for c in nb.cells
               if "slide-only" not in c.metadata.get("tags", [])):
        raise ValueError(f"{chapter.name} has no heading {heading!r} in the book: "
                         f"update scripts/topic_map.py")
    if deck_heading is not None:
        heading_on_slide = deck_heading
    else:
        heading_on_slide = heading
    h, v, number = -1, 0, 0
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind == "skip" or "remove-cell" in cell.metadata.get("tags", []):
            continue
        if kind == "slide" or h < 0:
            h, v, number = h + 1, 0, number + 1
        elif kind == "subslide":
            v, number = v + 1, number + 1
        if _has_heading(cell, heading_on_slide):
            return _section_id(heading), h, v, number
    raise ValueError(f"{chapter.name} has no heading {heading_on_slide!r} on a slide: "
                     f"update scripts/topic_map.py")


def _section_id(heading: str) -> str:
    """The id Sphinx gives the heading: maths written without its dollars."""
    return make_id(heading.replace("$", ""))


def table() -> str:
    lines = ["| lecture topic | section of the book | slide |", "|---|---|---|"]
    for topic, chapter, heading, *deck in TOPICS:
        path = ROOT / "chapters" / f"{chapter}.ipynb"
        if heading is None:
            lines.append(f"| {topic} | the `{chapter}` chapter (planned) | |")
            continue
        section, h, v, number = locate(path, heading, *deck)
        lines.append(f'| {topic} | <a href="chapters/{chapter}.html#{section}">{heading.replace("$", "")}</a> | '
                     f'<a href="slides/{chapter}.slides.html#/{h}/{v}">{number}</a> |')
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = table()
    if "--write" not in argv:
        print(text)
        return 0
    page = ROOT / "instructors.md"
    content = page.read_text()
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(content):
        print(f"instructors.md has no {START} ... {END} block", file=sys.stderr)
        return 1
    page.write_text(pattern.sub(lambda _: f"{START}\n{text}\n{END}", content))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
