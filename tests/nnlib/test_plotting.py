"""The drawing vocabulary of nnlib.plotting (the package nnlib/drawing/): shapes, updates, the
class palette, the bands; and a guard that widgets draw with it instead of their own copies."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure

from nnlib import plotting
from nnlib.plotting import (
    CLASS_COLORS, CLASS_MARKERS, boundary_contour, boundary_line, boundary_segment, class_legend,
    class_prob_rgb, class_scatter, class_style, input_axes, input_mesh, loss_panel,
    mistake_rings, padded_extent, prob_image, set_boundary, set_class_points, set_contour,
    set_loss, set_mistakes, set_prob_image, set_surface, surface_contours, surface_levels,
)

#: Okabe and Ito's colour-blind-safe palette (Color Universal Design), upper case hex.
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
WIDGETS = Path(plotting.__file__).parent / "widgets"


def axes():
    return Figure().add_subplot()


def luminance(colour) -> float:
    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- the class palette ------------------------------------------------------------------------

@pytest.mark.parametrize("k", [3, 4, 5])
def test_k_classes_take_okabe_ito_colours_and_distinct_markers(k):
    styles = [class_style(j, k) for j in range(k)]
    assert {s["color"].upper() for s in styles} <= OKABE_ITO
    assert len({s["color"] for s in styles}) == k
    assert len({s["marker"] for s in styles}) == k


def test_two_classes_keep_the_ends_of_the_probability_map():
    assert [class_style(j)["color"] for j in (0, 1)] == [CLASS_COLORS[0], CLASS_COLORS[1]]
    assert class_style(0)["marker"] != class_style(1)["marker"]
    assert set(CLASS_COLORS.values()) <= set(plotting.FRAME_COLORS)  # kept exact in frames


@pytest.mark.parametrize("j, k", [(2, 2), (-1, 3), (0, 1), (0, 6)])
def test_class_style_refuses_classes_it_has_no_style_for(j, k):
    with pytest.raises(ValueError, match="class j"):
        class_style(j, k)


# --- the input mesh ---------------------------------------------------------------------------

def test_input_mesh_shapes_order_and_cache():
    mesh = input_mesh((0.0, 2.0, -1.0, 1.0), 5)
    assert mesh.x1.shape == mesh.x2.shape == (5,) and mesh.grid.shape == (25, 2)
    assert mesh.x1.tolist() == [0.0, 0.5, 1.0, 1.5, 2.0] and mesh.x2[0] == -1.0
    rows = mesh.grid[:, 1].reshape(5, 5)  # rows along x2, what prob_image shows
    assert np.all(rows[:, 0] == mesh.x2) and np.all(mesh.grid[:, 0].reshape(5, 5)[0] == mesh.x1)
    assert input_mesh((0.0, 2.0, -1.0, 1.0), 5) is mesh
    assert not mesh.grid.flags.writeable
    np.testing.assert_array_equal(input_mesh(3.0, 7).grid, input_mesh((-3, 3), 7).grid)
    with pytest.raises(ValueError, match="lim must be"):
        input_mesh((0, 1, 2), 3)


def test_padded_extent_boxes_the_points():
    assert padded_extent(np.array([[0.0, 1.0], [2.0, -1.0]]), pad=0.5) == (-0.5, 2.5, -1.5, 1.5)


# --- the probability map ----------------------------------------------------------------------

def test_prob_image_has_ten_flat_bands_paler_than_the_points():
    ax = axes()
    image = prob_image(ax, 2.0)
    assert image.cmap.N == 10
    levels = image.norm(np.linspace(0.0, 1.0, 101))
    assert levels.min() == 0 and levels.max() == 9
    assert [int(image.norm(v)) for v in (0.05, 0.15, 0.49, 0.51, 0.95)] == [0, 1, 4, 5, 9]
    colours = [to_hex(image.cmap(i)) for i in range(10)]
    assert len(set(colours)) == 10
    assert min(map(luminance, colours)) > max(map(luminance, CLASS_COLORS.values()))
    assert image.get_extent() == [-2.0, 2.0, -2.0, 2.0]


def test_set_prob_image_updates_data_extent_and_range():
    image = prob_image(axes(), 1.0)
    p = np.linspace(0, 1, 12).reshape(3, 4)
    set_prob_image(image, p, lim=(0.0, 1.0, 2.0, 3.0))
    np.testing.assert_array_equal(image.get_array(), p)
    assert image.get_extent() == [0.0, 1.0, 2.0, 3.0]
    set_prob_image(image, 5 * p, vrange=(0.0, 5.0))
    assert int(image.norm(4.9)) == 9 and int(image.norm(0.1)) == 0


def test_k_class_map_is_white_on_a_tie_and_the_class_colour_when_sure():
    rgb = class_prob_rgb(np.array([[1 / 3, 1 / 3, 1 / 3], [0.0, 1.0, 0.0]]))
    np.testing.assert_allclose(rgb[0], 1.0)
    np.testing.assert_allclose(rgb[1], 1.0 - 0.7 * (1.0 - np.array(to_rgb(class_style(1, 3)["color"]))))
    one = class_prob_rgb(np.array([0.0, 0.04, 1.0]), j=2)  # p_2 in ten bands
    np.testing.assert_allclose(one[:2], 1.0)
    np.testing.assert_allclose(one[2], to_rgb(class_style(2, 3)["color"]))
    image = prob_image(axes(), 1.0, k=3)
    set_prob_image(image, np.full((4, 4, 3), 1 / 3))
    assert image.get_array().shape == (4, 4, 3)


# --- classes, mistakes, legend ----------------------------------------------------------------

def test_class_scatter_draws_each_class_in_its_style_with_black_edges():
    ax = axes()
    points = class_scatter(ax, labels=(-1, 1), names=("minus", "plus"))
    X, y = np.arange(10.0).reshape(5, 2), np.array([-1, 1, 1, -1, 1])
    set_class_points(points, X, y)
    assert [len(a.get_offsets()) for a in points.values()] == [2, 3]
    np.testing.assert_array_equal(points[1].get_offsets(), X[y == 1])
    for j, artist in enumerate(points.values()):
        assert to_hex(artist.get_facecolor()[0]) == class_style(j)["color"]
        assert to_hex(artist.get_edgecolor()[0]) == "#000000"
    assert points[-1].get_paths()[0] != points[1].get_paths()[0]  # shapes differ
    set_class_points(points, X[:1], y[:1])
    assert [len(a.get_offsets()) for a in points.values()] == [1, 0]
    legend = class_legend(ax, image=prob_image(ax, 1.0))
    assert [t.get_text() for t in legend.get_texts()] == ["minus", "plus", "ŷ = 0", "ŷ = 1"]
    class_scatter(ax, 3, names=())  # unnamed: out of the legend
    assert len(class_legend(ax).get_texts()) == 2


def test_mistake_rings_ring_only_the_wrong_points():
    rings = mistake_rings(axes())
    X = np.arange(6.0).reshape(3, 2)
    set_mistakes(rings, X, np.array([False, True, False]))
    np.testing.assert_array_equal(rings.get_offsets(), X[1:2])
    set_mistakes(rings, X, np.zeros(3, bool))
    assert len(rings.get_offsets()) == 0


# --- the boundary -----------------------------------------------------------------------------

def test_boundary_line_follows_its_segment_and_hides_without_one():
    line = boundary_line(axes())
    set_boundary(line, boundary_segment(1.0, -1.0, 0.0, box=(-2.0, 2.0)))
    assert np.asarray(line.get_xdata()).tolist() == [-2.0, 2.0]
    assert np.asarray(line.get_ydata()).tolist() == [-2.0, 2.0]
    set_boundary(line, None)
    assert len(line.get_xdata()) == 0


def test_boundary_contour_is_where_p_crosses_one_half_and_moves_with_it():
    lines = boundary_contour(axes())
    mesh = input_mesh(1.0, 21)
    p = 1.0 / (1.0 + np.exp(-4 * (mesh.grid[:, 0] - 0.3))).reshape(21, 21)
    set_contour(lines, p, 1.0)
    first = np.concatenate(lines.get_segments())
    np.testing.assert_allclose(first[:, 0], 0.3, atol=1e-9)
    assert first[:, 1].min() == -1.0 and first[:, 1].max() == 1.0
    set_contour(lines, p.T, 1.0)  # the same map turned: the boundary is x2 = 0.3
    np.testing.assert_allclose(np.concatenate(lines.get_segments())[:, 1], 0.3, atol=1e-9)
    set_contour(lines, np.full((21, 21), 0.9), 1.0)
    assert lines.get_segments() == []


# --- the contours of a surface --------------------------------------------------------------

def test_surface_levels_crowd_near_the_minimum():
    Z = np.arange(101.0)
    levels = surface_levels(Z)
    assert len(levels) == 11 and levels[-1] == 100.0
    assert np.all(np.diff(levels) > 0) and np.all(np.diff(np.diff(levels)) > 0)  # widening gaps
    with pytest.raises(ValueError, match="n must be"):
        surface_levels(Z, n=0)


def test_surface_contours_follow_the_surface_and_replace_the_last_ones():
    ax = axes()
    contours = surface_contours(ax)
    x = np.linspace(-2.0, 2.0, 41)
    bowl = np.add.outer(x ** 2, 0.25 * x ** 2)  # rows along w2: steeper across rows
    set_surface(contours, bowl, 2.0, levels=[1.0])
    (ring,) = [p for p in contours.artist.get_paths() if len(p.vertices)]
    v = ring.vertices
    np.testing.assert_allclose(0.25 * v[:, 0] ** 2 + v[:, 1] ** 2, 1.0, atol=0.02)  # the ellipse
    assert contours.artist.get_cmap().name == "viridis"
    first = contours.artist
    set_surface(contours, bowl.T, 2.0)  # default levels: the quantiles
    assert first not in ax.get_children() and contours.artist in ax.get_children()
    np.testing.assert_allclose(contours.artist.levels, surface_levels(bowl))
    bands = surface_contours(ax, filled=True)
    set_surface(bands, bowl, (-2.0, 2.0, -2.0, 2.0), levels=[0.0, 1.0, 5.0])
    assert bands.artist.filled
    white = surface_contours(ax, colors="white", linewidths=1.8)
    set_surface(white, bowl, 2.0, levels=[1.0])
    assert to_hex(white.artist.get_edgecolor()[0]) == "#ffffff"
    with pytest.raises(ValueError, match="Z must be"):
        set_surface(contours, np.zeros(5), 1.0)


# --- the loss panel ---------------------------------------------------------------------------

def test_loss_panel_shows_the_run_the_part_so_far_and_now():
    ax = axes()
    panel = loss_panel(ax, accuracy=True)
    loss, acc = np.array([2.0, 1.0, 0.5, 0.25]), np.array([0.5, 0.6, 0.8, 0.9])
    set_loss(panel, loss, 1, acc)
    assert np.asarray(panel.full.get_ydata()).tolist() == loss.tolist()
    assert np.asarray(panel.so_far.get_ydata()).tolist() == [2.0, 1.0]
    assert np.asarray(panel.accuracy.get_ydata()).tolist() == [0.5, 0.6]
    assert (panel.now.get_xdata()[0], panel.now.get_ydata()[0]) == (1, 1.0)
    assert ax.get_xlim() == (0.0, 3.0) and ax.get_ylim() == pytest.approx((0.0, 2.1))
    set_loss(panel, loss, 3, acc)
    assert len(panel.so_far.get_ydata()) == 4 and panel.now.get_ydata()[0] == 0.25


def test_loss_panel_keeps_a_fixed_or_logarithmic_scale():
    ax = axes()
    panel = loss_panel(ax, log=True, ylim=(1e-3, 1.5))
    set_loss(panel, np.array([0.7, 0.01]), 0)
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((1e-3, 1.5))
    assert ax.get_yticks().tolist() == [1e-3, 1e-2, 1e-1, 1.0]  # a tick per decade
    ax = axes()
    panel = loss_panel(ax, ylim=(0, 12.5))
    set_loss(panel, np.array([1.0, 30.0]), 1, x=np.array([1, 2]))
    assert ax.get_ylim() == (0, 12.5) and panel.now.get_xdata()[0] == 2


def test_a_logarithmic_panel_fits_whole_decades_and_shows_a_zero_loss_at_its_floor():
    ax = axes()
    panel = loss_panel(ax, log=True)
    set_loss(panel, np.array([3.0, 0.5, 0.02]), 2)
    assert ax.get_ylim() == pytest.approx((1e-2, 10.0))
    set_loss(panel, np.array([566.0, 4.0, 0.0]), 2)  # diverged, or converged to exactly 0
    assert ax.get_ylim() == pytest.approx((1e-9, 1e3))
    assert np.all(np.asarray(panel.full.get_ydata()) > 0)  # 0 drawn at the floor, not dropped


def test_loss_panel_keeps_fixed_epochs_and_compares_with_a_reference_run():
    ax = axes()
    panel = loss_panel(ax, xlim=(0, 40), xlabel="step t", color=plotting.COLORS["vermillion"],
                       reference=True)
    assert ax.get_xlabel() == "step t" and ax.get_xticks().tolist() == [0, 20, 40]
    set_loss(panel, np.array([2.0, 1.0, 0.5]), 2, reference=([0, 40], [2.0, 0.1]))
    assert ax.get_xlim() == (0, 40)  # a run that stopped early keeps the axis
    assert np.asarray(panel.reference.get_ydata()).tolist() == [2.0, 0.1]
    assert to_hex(panel.so_far.get_color()) == plotting.COLORS["vermillion"].lower()
    assert panel.reference.zorder <= panel.so_far.zorder
    assert loss_panel(axes()).reference is None


def test_input_axes_sets_limits_labels_and_few_ticks():
    ax = input_axes(axes(), (-0.5, 1.5), ticks=[0, 1])
    assert ax.get_xlim() == (-0.5, 1.5) and ax.get_ylim() == (-0.5, 1.5)
    assert ax.get_xlabel() == "$x_1$" and list(ax.get_yticks()) == [0, 1]


# --- one vocabulary: widgets keep no drawing helpers of their own -----------------------------

#: Helpers the chapters used to define for themselves, now nnlib.plotting's.
COPIES = re.compile(r"^_?(scatter_\w*|set_\w*points|draw_(region|rings|legend)|prob_axes|"
                    r"probability_image|banded|set_line|\w*loss_panel|class_style|input_mesh)$")


def widget_modules():
    return sorted(p for p in WIDGETS.glob("*/*.py"))


def test_widget_packages_define_no_drawing_helpers_of_their_own():
    copies = []
    for path in widget_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.Assign)):
                names = ([node.name] if isinstance(node, ast.FunctionDef) else
                         [t.id for t in node.targets if isinstance(t, ast.Name)])
                copies += [f"{path.relative_to(WIDGETS)}: {name}" for name in names
                           if COPIES.match(name) or name in ("CLASS_STYLE", "K_COLORS", "K_MARKERS")]
    assert not copies, f"draw these with nnlib.plotting's vocabulary: {copies}"


def test_widgets_draw_contours_and_maps_through_the_vocabulary():
    found = []
    for path in widget_modules():
        text = path.read_text()
        if re.search(r"levels=\[0\.5\]", text):
            found.append(f"{path.relative_to(WIDGETS)}: a 0.5 contour (use boundary_contour)")
        if re.search(r"cmap=PROB_CMAP|\bPROB_CMAP\b", text):
            found.append(f"{path.relative_to(WIDGETS)}: PROB_CMAP by hand (use prob_image)")
    assert not found, found
    assert len(widget_modules()) >= 15  # the guard reads the widget packages


#: Matplotlib calls that draw contours: a widget uses surface_contours or boundary_contour.
CONTOUR_CALLS = {"contour", "contourf", "tricontour", "tricontourf"}
#: Calls that draw or move a curve: given a loss, a widget uses loss_panel / set_loss.
CURVE_CALLS = {"plot", "semilogy", "semilogx", "loglog", "step", "fill_between", "errorbar",
               "set_data", "set_ydata"}
LOSS_WORDS = re.compile(r"loss", re.I)


def _words(node) -> set[str]:
    """The names, attributes and strings an expression mentions."""
    words = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            words.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            words.add(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            words.add(sub.value)
    return words


def drawn_by_hand(source: str) -> list[str]:
    """What a module draws its own way: any contour, and any curve of a loss.

    A loss is an expression that mentions "loss" (``data["gd_loss"]``, ``losses``), or a
    name assigned from one (``shown = np.maximum(data["loss"], 1e-12)``), followed through
    the module's assignments.
    """
    tree = ast.parse(source)
    assigns = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)]
    lossy: set[str] = set()

    def is_loss(node) -> bool:
        words = _words(node)
        return bool(words & lossy) or any(LOSS_WORDS.search(w) for w in words)

    while True:  # names assigned from a loss are losses too
        more = {t.id for n in assigns if is_loss(n.value)
                for target in n.targets for t in ast.walk(target) if isinstance(t, ast.Name)}
        if more <= lossy:
            break
        lossy |= more
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr in CONTOUR_CALLS:
            found.append((node.lineno, f".{node.func.attr}() (use surface_contours or "
                                       "boundary_contour)"))
        elif node.func.attr in CURVE_CALLS and any(
                is_loss(a) for a in [*node.args, *(k.value for k in node.keywords)]):
            found.append((node.lineno, f".{node.func.attr}() of a loss (use loss_panel)"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


#: How chapter 6's widgets drew before they used the vocabulary: what the guard must catch.
HAND_DRAWN = '''
def _draw(fig):
    W1, W2, L = contour_grid("logistic")
    ax.contour(W1, W2, L, levels=np.quantile(L, np.linspace(0, 1, 12) ** 2)[1:], cmap="viridis")
    (full,) = ax_l.plot([], [], color=COLORS["grey"], lw=1, alpha=0.6)

    def update(data):
        state["artists"] = [ax.contourf(X1, X2, Z, levels=levels, cmap="viridis")]
        losses = np.maximum(data["all_loss"], 1e-12)
        full.set_data(np.arange(len(losses)), losses)
        shown = np.maximum(data["loss"], 1e-12)
        so_far.set_data(np.arange(len(shown)), shown)
        gd_curve.set_data(np.maximum(data["gd_evaluations"], 1), data["gd_loss"])
        path.set_data(w[:, 0], w[:, 1])
'''


def test_the_guard_catches_contours_and_loss_curves_drawn_by_hand():
    found = drawn_by_hand(HAND_DRAWN)
    assert [f.split(":")[0] for f in found] == ["line 4", "line 8", "line 10", "line 12", "line 13"]
    assert "contour" in found[0] and "loss_panel" in found[2]
    assert drawn_by_hand("set_loss(panel, data['loss'], t)\npath.set_data(w[:, 0], w[:, 1])") == []


def test_widgets_draw_no_contour_or_loss_curve_of_their_own():
    found = [f"{path.relative_to(WIDGETS)}, {what}" for path in widget_modules()
             for what in drawn_by_hand(path.read_text())]
    assert not found, f"draw these with nnlib.plotting's vocabulary: {found}"


def test_plotting_re_exports_the_whole_vocabulary():
    from nnlib import drawing

    assert set(drawing.__all__) <= set(plotting.__all__)
    assert all(getattr(plotting, name) is getattr(drawing, name) for name in drawing.__all__)


def test_style_context_sets_what_rc_context_sets_and_restores_it():
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    with mpl.rc_context(plotting.frame_style()):
        expected = dict(mpl.rcParams)
    with plotting.style_context():
        assert dict(mpl.rcParams) == expected
        assert mpl.rcParams["font.size"] == plotting.FRAME_TEXT_PT != before["font.size"]
    assert dict(mpl.rcParams) == before
    with pytest.raises(RuntimeError), plotting.style_context():
        raise RuntimeError("a failing update")
    assert dict(mpl.rcParams) == before

