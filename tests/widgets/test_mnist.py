"""Tests for nnlib.widgets.mnist (the chapter *The MNIST homework*).

tests/widgets/test_registry.py already checks that every registered widget builds, renders,
responds to each control and fits its page; here: the chapter's recipe (the settings its
checks and other tools share), the committed sweep against a fresh run, and the sweep's
data function with the chapter's numbers. The exercise checks are tried in
tests/book/test_exercises.py.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from nnlib.mlp import MLP
from nnlib.mnist import load_mnist
from nnlib.widgets.mnist import sweep
from nnlib.widgets.mnist.recipe import RECIPE, Recipe, recipe_model, train_recipe, train_recipe_model
from nnlib.widgets.mnist.sweep import BATCH_SIZES, HIDDEN, LRS, load_sweep, sweep_data, sweep_run

pytestmark = pytest.mark.mnist


@pytest.fixture(scope="module")
def trained():
    return train_recipe()


def test_recipe_is_the_shared_contract():
    """The interface the digit pad and the nbgrader generator rely on."""
    assert RECIPE.sizes == (784, 128, 10) and RECIPE.activation == "relu"
    assert RECIPE.output == "softmax" and RECIPE.dtype == "float32"
    assert (RECIPE.lr, RECIPE.epochs, RECIPE.batch_size, RECIPE.seed) == (0.2, 10, 64, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        RECIPE.lr = 0.1
    model = recipe_model()
    assert isinstance(model, MLP) and model.sizes == RECIPE.sizes
    assert model.dtype == np.float32 and model.n_params == 101_770


def test_recipe_reaches_the_homework_accuracy_with_margin(trained):
    model, history = trained
    X_test, y_test = load_mnist("test")
    assert len(history.epoch) == RECIPE.epochs
    assert model.score(X_test, y_test) == history.test_acc[-1] >= 0.92 + 0.015
    assert history.train_loss[-1] < history.train_loss[0]


def test_recipe_is_bitwise_deterministic(trained):
    """The chapter prints numbers from this run: a second run gives the same weights."""
    again = train_recipe_model()
    for name, W in trained[0].params.items():
        assert np.array_equal(W, again.params[name]), name


def test_recipe_with_other_settings_is_a_copy():
    smaller = dataclasses.replace(RECIPE, sizes=(784, 8, 10), epochs=1)
    model, history = train_recipe(smaller, test=False)
    assert model.sizes == (784, 8, 10) and len(history.epoch) == 1 and not history.test_acc
    assert RECIPE.sizes == (784, 128, 10)
    assert Recipe().as_dict() == RECIPE.as_dict()


def test_sweep_file_holds_the_whole_grid_with_the_recipes_settings():
    data = json.loads(sweep.SWEEP_FILE.read_text())
    settings = data["settings"]
    assert settings["epochs"] == RECIPE.epochs and settings["seed"] == RECIPE.seed
    assert settings["dtype"] == RECIPE.dtype
    assert tuple(settings["hidden"]) == HIDDEN and tuple(settings["lrs"]) == LRS
    runs = load_sweep()["runs"]
    assert set(runs) == {(m, a, b) for m in HIDDEN for a in LRS for b in BATCH_SIZES}
    for run in runs.values():
        assert run["diverged"] is None  # the static grid never diverges
        assert len(run["test_acc"]) == len(run["train_acc"]) == RECIPE.epochs
        assert all(0 <= a <= 1 for a in run["test_acc"] + run["train_acc"])


def test_sweep_file_equals_a_fresh_run():
    """The committed numbers are what the code computes (the cheapest run of the grid)."""
    assert sweep_run(16, 0.4, 256) == load_sweep()["runs"][(16, 0.4, 256)]


def test_sweep_holds_the_recipes_own_run(trained):
    run = load_sweep()["runs"][(128, RECIPE.lr, RECIPE.batch_size)]
    assert run["test_acc"] == [round(a, 4) for a in trained[1].test_acc]


def test_sweep_data_worked_example():
    d = sweep_data("128", "0.2", "64")
    assert d["run"]["hidden"] == 128 and d["run"]["test_acc"][-1] == 0.9425
    assert d["final"].shape == (len(HIDDEN),) and d["final"][HIDDEN.index(128)] == 0.9425
    # what the chapter says the sweep shows: width helps, less and less
    final = sweep_data("16", "0.2", "64")["final"]
    assert final[0] < final[2] and final[2] - final[0] > final[4] - final[2]
    # smaller batches get further in 10 epochs at the same learning rate
    acc = {b: sweep_data("128", "0.2", str(b))["run"]["test_acc"][-1] for b in BATCH_SIZES}
    assert acc[16] > acc[64] > acc[256]


@pytest.mark.parametrize("args, fragment", [
    (("100", "0.2", "64"), "no run for hidden=100"),
    (("128", "0.3", "64"), "lr in (0.05, 0.1, 0.2, 0.4)"),
    (("wide", "0.2", "64"), "must be numbers"),
])
def test_sweep_data_refuses_points_off_the_grid(args, fragment):
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        sweep_data(*args)


def test_sweep_widget_describes_the_run():
    fig = sweep.accuracy_sweep()
    assert fig.update(hidden="16", lr="0.05", batch_size="256")
    text = sweep._describe({}, fig.data)
    assert "16 hidden units, learning rate 0.05 and batch size 256" in text
    assert f"{fig.data['run']['test_acc'][-1]:.3f} after epoch 10" in text


def test_accuracy_check_takes_a_dict_of_parameters_too(trained, capsys):
    from nnlib.checks import check

    assert check("ex-mnist-accuracy", trained[0].params)
    shuffled = {**trained[0].params, "W2": trained[0].params["W2"][::-1]}  # classes swapped
    assert not check("ex-mnist-accuracy", shuffled)
    assert "✓ Correct: test accuracy 0.9425" in capsys.readouterr().out
