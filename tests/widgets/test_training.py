"""Tests for nnlib.widgets.training (the chapter *Training: gradient descent and minibatch
SGD*): its data functions with the chapter's numbers. tests/widgets/test_registry.py checks
that every widget builds, renders, responds and fits its page; the exercises are tried in
tests/book/test_exercises.py.
"""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from nnlib.widgets.training import (
    BATCH_SIZES, batch_size_data, descent_data, descent_surface, landscape_data, surface,
)


def test_descent_regimes_on_the_bowl_follow_two_over_m():
    assert surface("quadratic").max_lr == 1.0
    assert descent_data("quadratic", 0.05, 40)["loss"][-1] > 0.1            # too small
    assert descent_data("quadratic", 0.45, 40)["loss"][-1] < 1e-8           # right
    assert descent_data("quadratic", 0.95, 40)["diverged"] is None          # oscillates, converges
    for lr in (1.05, 1.15):
        assert descent_data("quadratic", lr, 40)["diverged"].startswith("diverged at step")
    assert descent_data("quadratic", 1.05, 20)["diverged"] is None          # not yet at step 20


def test_a_diverged_run_says_where_it_stopped_not_just_the_step_reached():
    d = descent_data("quadratic", 1.05, 40)
    assert d["t"] == len(d["w"]) - 1 == 28 < d["steps"]            # diverged at step 29
    assert descent_data("quadratic", 1.05, 20)["t"] == 20
    fig = descent_surface()
    fig.update(lr=1.05, steps=40)
    assert fig.figure.get_suptitle() == "α = 1.05, 2/M = 1: stopped at t = 28 of 40 (diverged)"
    assert fig.describe(fig.values, fig.data).endswith("the path shown ends at t = 28 of 40")
    fig.update(lr=1.05, steps=20)
    assert fig.figure.get_suptitle() == "quadratic bowl: α = 1.05, 2/M = 1, t = 20"


def test_descent_static_grid_has_a_message_only_where_it_diverges():
    for name in ("quadratic", "logistic"):
        for lr in np.round(np.arange(0.05, 1.16, 0.1), 2):
            d = descent_data(name, lr, 40)
            assert (d["diverged"] is not None) == (name == "quadratic" and lr > 1.0)
    with pytest.raises(ValueError, match="learning rate"):
        descent_data("quadratic", 0.0, 10)


def test_batch_size_counts_gradient_evaluations_and_full_is_gd():
    for batch in BATCH_SIZES:
        d = batch_size_data(batch, 200)
        per_step = 512 if batch == "full" else int(batch)
        assert d["evaluations"][-1] == 200 * per_step
    full = batch_size_data("full", 200)
    np.testing.assert_array_equal(full["w"], full["gd_w"])
    assert batch_size_data("128", 200)["loss"][-1] < 0.37 < batch_size_data("1", 200)["loss"][-1]


def test_landscape_centre_is_the_trained_loss_and_runs_end_in_two_basins():
    d = landscape_data("0", 8)
    assert d["center_loss"] == pytest.approx(d["loss"].min(), abs=1e-3)
    ends = np.round(d["ends"], 1)
    assert {tuple(e) for e in ends} == {(0.0, 0.0), (-0.7, -0.5)}
