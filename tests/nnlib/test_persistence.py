"""Tests for nnlib.persistence: round trips, plain-array files only, refusing bad files."""

import re
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.activations import ACTIVATIONS
from nnlib.logistic import LogisticRegression
from nnlib.mlp import INITS, MLP, OUTPUTS
from nnlib.training import train
from nnlib.persistence import FORMAT, FORMAT_VERSION, FORMATS, load_model, save_model

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def model():
    m = MLP([4, 5, 3, 3], activation=["tanh", "relu"], output="softmax", seed=7, lam=0.01)
    params = m.get_params()
    params["b1"] += 0.25  # trained-looking: biases no longer zero
    m.set_params(params)
    return m


@pytest.fixture
def X():
    return np.random.default_rng(0).normal(size=(6, 4))


def rewrite(path, **changes):
    """Copy the archive at `path` with some entries replaced (value None removes the key)."""
    with np.load(path, allow_pickle=False) as archive:
        data = {key: archive[key] for key in archive.files}
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    np.savez(path, **data)
    return path


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_round_trip_gives_identical_predictions(tmp_path, model, X, dtype):
    model = model.astype(dtype)
    path = save_model(model, tmp_path / "net.npz")
    loaded = load_model(path)
    assert repr(loaded) == repr(model) and loaded.dtype == dtype
    assert (loaded.sizes, loaded.activations, loaded.output, loaded.lam, loaded.init,
            loaded.seed) == (model.sizes, model.activations, model.output, model.lam,
                             model.init, model.seed)
    for name in model.param_names:
        assert loaded.params[name].dtype == dtype
        np.testing.assert_array_equal(loaded.params[name], model.params[name])
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    y = np.array([0, 1, 2, 0, 1, 2])
    assert loaded.loss(X, y) == model.loss(X, y)  # lam came along too


@pytest.mark.parametrize("sizes, activation, output", [
    ([2, 1], "relu", "sigmoid"),  # no hidden layer: an empty list of activations
    ([3, 4, 2], "leaky_relu", "linear"),
])
def test_round_trip_other_architectures(tmp_path, sizes, activation, output):
    model = MLP(sizes, activation=activation, output=output, init="glorot", seed=3)
    X = np.random.default_rng(1).normal(size=(5, sizes[0]))
    loaded = load_model(save_model(model, tmp_path / "m.npz"))
    assert repr(loaded) == repr(model) and loaded.init == "glorot"
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


def test_file_holds_plain_arrays_only(tmp_path, model):
    path = save_model(model, tmp_path / "net.npz")
    with np.load(path, allow_pickle=False) as archive:  # would raise on pickled objects
        data = {key: archive[key] for key in archive.files}
    assert all(value.dtype != object for value in data.values())
    assert int(data["format_version"]) == FORMAT_VERSION and str(data["format"]) == "nnlib.mlp"
    assert data["sizes"].tolist() == [4, 5, 3, 3]
    assert data["activations"].tolist() == ["tanh", "relu"]
    assert {"param_W1", "param_b1", "param_W3", "param_b3"} <= set(data)


def test_path_without_npz_suffix_gets_it_appended(tmp_path, model, X):
    path = save_model(model, tmp_path / "net")
    assert path == tmp_path / "net.npz" and path.exists() and not (tmp_path / "net").exists()
    assert save_model(model, str(tmp_path / "net.v2")) == tmp_path / "net.v2.npz"
    # load_model accepts the name it was given to save_model
    np.testing.assert_array_equal(load_model(tmp_path / "net").predict(X), model.predict(X))
    np.testing.assert_array_equal(load_model(str(tmp_path / "net.v2")).predict(X),
                                  model.predict(X))


def test_saving_overwrites(tmp_path, model, X):
    path = save_model(MLP([4, 3]), tmp_path / "net.npz")
    save_model(model, path)
    np.testing.assert_array_equal(load_model(path).predict(X), model.predict(X))


# --- files that are not what they should be ---------------------------------------------

def test_tampered_version(tmp_path, model):
    # version 1 files had lam in the old convention (λ/2 ||W||² on the mean loss)
    path = rewrite(save_model(model, tmp_path / "net.npz"), format_version=np.array(1))
    with pytest.raises(ValueError, match=r"has format version 1; this nnlib reads "
                                         r"'nnlib.mlp' files of format version 2 only"):
        load_model(path)
    rewrite(path, format_version=None)
    with pytest.raises(ValueError, match="has format no version"):
        load_model(path)


def test_wrong_shape(tmp_path, model):
    path = rewrite(save_model(model, tmp_path / "net.npz"), param_W2=np.zeros((5, 3)))
    message = r"does not fit its architecture MLP\(4-5-3-3.*params\['W2'\] must have shape"
    with pytest.raises(ValueError, match=message + r" \(3, 5\), got \(5, 3\)"):
        load_model(path)


def test_changed_sizes_no_longer_fit_the_parameters(tmp_path, model):
    path = rewrite(save_model(model, tmp_path / "net.npz"), sizes=np.array([4, 6, 3, 3]))
    with pytest.raises(ValueError, match=r"params\['W1'\] must have shape \(6, 4\), got "
                                         r"\(5, 4\)"):
        load_model(path)


def test_missing_keys(tmp_path, model):
    path = save_model(model, tmp_path / "net.npz")
    rewrite(path, param_b3=None)
    with pytest.raises(ValueError, match=re.escape("missing ['b3']")):
        load_model(path)
    path = save_model(model, tmp_path / "net.npz")
    rewrite(path, output=None)
    with pytest.raises(ValueError, match=re.escape("is missing the entries ['output']")):
        load_model(path)


def test_wrong_dtype_or_architecture_values(tmp_path, model):
    path = save_model(model, tmp_path / "net.npz")
    rewrite(path, param_W1=model.params["W1"].astype(np.float32))
    with pytest.raises(ValueError, match="parameter W1 has dtype float32, but the model's "
                                         "dtype is float64"):
        load_model(path)
    path = rewrite(save_model(model, tmp_path / "net.npz"), output=np.array("softplus"))
    with pytest.raises(ValueError, match="stores an invalid architecture: unknown output "
                                         "'softplus'"):
        load_model(path)


def test_a_random_npz_is_refused(tmp_path):
    path = tmp_path / "data.npz"
    np.savez(path, X=np.zeros((3, 2)), y=np.arange(3))
    with pytest.raises(ValueError, match=r"not a model saved by nnlib.save_model \(no 'format'"
                                         r" = 'nnlib.mlp' or 'nnlib.logistic' entry; "
                                         r"keys: X, y\)"):
        load_model(path)


def test_pickled_objects_are_never_loaded(tmp_path):
    path = tmp_path / "evil.npz"
    np.savez(path, format=np.array("nnlib.mlp"), payload=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="is not a model saved by nnlib.save_model; reading "
                                         "it failed"):
        load_model(path)


@pytest.mark.parametrize("content", [b"hello, not a zip file", b"PK\x03\x04 broken zip"])
def test_files_that_are_not_archives(tmp_path, content):
    path = tmp_path / "junk.npz"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="is not an .npz archive saved by nnlib.save_model"):
        load_model(path)


def test_a_single_npy_array_is_refused(tmp_path):
    path = tmp_path / "one.npy"
    np.save(path, np.zeros(3))
    with pytest.raises(ValueError, match=r"\(it holds a single array\)"):
        load_model(path)


def test_missing_file_and_bad_arguments(tmp_path, model):
    with pytest.raises(FileNotFoundError, match="no model file at"):
        load_model(tmp_path / "nothing.npz")
    with pytest.raises(TypeError, match=r"model must be one of: nnlib.mlp.MLP, "
                                        r"nnlib.logistic.LogisticRegression; got dict"):
        save_model({"W1": np.zeros(2)}, tmp_path / "x.npz")
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, got int"):
        save_model(model, 3)
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, got NoneType"):
        load_model(None)


def test_the_file_is_an_ordinary_zip_of_npy_files(tmp_path, model):
    path = save_model(model, tmp_path / "net.npz")
    assert zipfile.is_zipfile(path)
    assert "param_W1.npy" in zipfile.ZipFile(path).namelist()


def test_format_names():
    assert FORMATS == {MLP: ("nnlib.mlp", 2), LogisticRegression: ("nnlib.logistic", 1)}
    assert (FORMAT, FORMAT_VERSION) == ("nnlib.mlp", 2)  # the names from before FORMATS


def test_mlp_files_keep_their_keys(tmp_path, model):
    """The MLP format's keys (version 2 added n_train, which its λ is shared over)."""
    with np.load(save_model(model, tmp_path / "net.npz"), allow_pickle=False) as archive:
        assert sorted(archive.files) == sorted(
            ["format", "format_version", "sizes", "activations", "output", "init", "seed",
             "dtype", "lam", "n_train"] + [f"param_{name}" for name in model.param_names])
        assert archive["sizes"].dtype == archive["seed"].dtype == archive["n_train"].dtype \
            == np.int64


def test_a_trained_mlp_keeps_the_n_its_penalty_is_shared_over(tmp_path):
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(12, 3)), rng.integers(0, 2, 12)
    model = MLP([3, 4, 2], activation="tanh", lam=0.5, seed=1)
    train(model, X, y, epochs=2, batch_size=5, progress=False)
    loaded = load_model(save_model(model, tmp_path / "trained.npz"))
    assert loaded.n_train_ == model.n_train_ == 12
    assert loaded.loss(X[:3], y[:3]) == model.loss(X[:3], y[:3])  # λ/(2 · 12) ||W||²
    assert load_model(save_model(MLP([3, 2]), tmp_path / "new.npz")).n_train_ is None


# --- stored integers must be integers ----------------------------------------------------

@pytest.mark.parametrize("key, value, shown", [
    ("sizes", np.array([2.5, 3, 2]), "float64 array of shape (3,): [2.5 3.  2. ]"),
    ("sizes", np.array([4.0, 5.0, 3.0, 3.0]), "float64 array of shape (4,)"),  # no rounding
    ("sizes", np.array([True, True]), "bool array of shape (2,)"),
    ("sizes", np.array(4), "int64 array of shape ()"),
    ("seed", np.array(7.0), "float64 array of shape (): 7."),
    ("seed", np.array(True), "bool array of shape ()"),
    ("activations", np.array([1, 2]), "int64 array of shape (2,)"),
    ("lam", np.array(False), "bool array of shape ()"),
])
def test_mlp_architecture_entries_of_the_wrong_dtype(tmp_path, model, key, value, shown):
    path = rewrite(save_model(model, tmp_path / "net.npz"), **{key: value})
    with pytest.raises(ValueError, match=re.escape(f"stores an invalid architecture: entry "
                                                   f"{key!r} must be a ") + ".* array, got a "
                                         + re.escape(shown)):
        load_model(path)


# --- logistic regression -----------------------------------------------------------------

@pytest.fixture
def logreg():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(30, 3))
    y = np.where(X @ [1.0, -2.0, 0.5] + 0.3 + rng.normal(size=30) > 0, 1, -1)
    return LogisticRegression(lam=0.5).fit(X, y, lr=0.5, epochs=20, progress=False), X, y


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_logistic_round_trip(tmp_path, fit_intercept):
    X = np.array([[-1.0, 0.5], [0.0, -1.0], [1.0, 1.0], [2.0, 0.0], [0.5, 0.5]])
    y = np.array([-1, -1, 1, 1, -1])
    model = LogisticRegression(lam=0.25, fit_intercept=fit_intercept).fit(
        X, y, method="sgd", batch_size=2, lr=0.5, epochs=5, progress=False)
    loaded = load_model(save_model(model, tmp_path / "logreg"))
    assert type(loaded) is LogisticRegression and repr(loaded) == repr(model)
    assert (loaded.lam, loaded.fit_intercept, loaded.n_train_) == (0.25, fit_intercept, 5)
    assert sorted(loaded.params) == (["b", "w"] if fit_intercept else ["w"])
    for name, value in model.params.items():
        assert loaded.params[name].dtype == np.float64
        np.testing.assert_array_equal(loaded.params[name], value)
    np.testing.assert_array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert loaded.loss(X, y) == model.loss(X, y)  # n_train_ came along: same penalty share
    with np.load(tmp_path / "logreg.npz", allow_pickle=False) as archive:
        assert str(archive["format"]) == "nnlib.logistic" and int(archive["d"]) == 2
        assert int(archive["format_version"]) == 1 and archive["n_train"].dtype == np.int64


def test_logistic_with_params_but_no_n_train(tmp_path):
    model = LogisticRegression()
    model.params = {"w": np.array([1.0, -2.0]), "b": np.array(0.5)}  # set by hand, no fit
    loaded = load_model(save_model(model, tmp_path / "m.npz"))
    assert loaded.n_train_ is None and repr(loaded) == repr(model)


def test_unfitted_or_odd_logistic_regression_is_refused_at_save(tmp_path):
    with pytest.raises(ValueError, match=re.escape(
            "cannot save LogisticRegression(lam=0): it is not fitted yet (no params); "
            "call fit(X, y) first")):
        save_model(LogisticRegression(), tmp_path / "m.npz")
    model = LogisticRegression()
    model.params = {"w": np.array([1.0, 2.0], dtype=np.float32), "b": np.array(0.0)}
    with pytest.raises(ValueError, match=r"cannot save .*params\['w'\] must be a float64 "
                                         r"array, got float32"):
        save_model(model, tmp_path / "m.npz")
    model.params = {"w": np.zeros((2, 1)), "b": np.array(0.0)}
    with pytest.raises(ValueError, match=re.escape("params['w'] must have shape (d,), "
                                                   "got (2, 1)")):
        save_model(model, tmp_path / "m.npz")
    assert not (tmp_path / "m.npz").exists()  # nothing half-written


def test_logistic_tampered_version(tmp_path, logreg):
    path = rewrite(save_model(logreg[0], tmp_path / "m.npz"), format_version=np.array(2))
    with pytest.raises(ValueError, match=r"has format version 2; this nnlib reads "
                                         r"'nnlib.logistic' files of format version 1 only"):
        load_model(path)
    rewrite(path, format_version=np.array(1.0))
    with pytest.raises(ValueError, match="has format version 1.0; "):
        load_model(path)
    rewrite(path, format_version=None)
    with pytest.raises(ValueError, match="has format no version; "):
        load_model(path)


@pytest.mark.parametrize("changes, message", [
    ({"param_w": np.zeros((3, 1))}, r"params['w'] must have shape (3,), got (3, 1)"),
    ({"param_w": np.zeros(4)}, r"params['w'] must have shape (3,), got (4,)"),
    ({"d": np.array(4)}, r"params['w'] must have shape (4,), got (3,)"),
    ({"param_b": np.zeros(1)}, r"params['b'] must have shape (), got (1,)"),
    ({"param_w": np.zeros(3, dtype=np.float32)}, "params['w'] must be a float64 array, got "
                                                 "float32"),
    ({"param_w": np.array([0.0, np.nan, 1.0])}, "params['w'] must be finite"),
    ({"fit_intercept": np.array(False)}, "missing [], unexpected ['b']"),
])
def test_logistic_wrong_shape_or_dtype(tmp_path, logreg, changes, message):
    path = rewrite(save_model(logreg[0], tmp_path / "m.npz"), **changes)
    fits = r"does not fit its architecture LogisticRegression\(lam=0.5.*\): .*"
    with pytest.raises(ValueError, match=fits + re.escape(message)):
        load_model(path)


def test_logistic_missing_keys(tmp_path, logreg):
    path = save_model(logreg[0], tmp_path / "m.npz")
    rewrite(path, param_b=None)
    with pytest.raises(ValueError, match=re.escape("missing ['b'], unexpected []")):
        load_model(path)
    for key in ("d", "fit_intercept", "n_train", "lam"):
        rewrite(save_model(logreg[0], path), **{key: None})
        with pytest.raises(ValueError, match=re.escape(f"is missing the entries [{key!r}]")):
            load_model(path)


@pytest.mark.parametrize("key, value, message", [
    ("d", np.array(3.0), "entry 'd' must be a 0-d (single) integer array, got a float64"),
    ("d", np.array(-3), "d must be an integer >= 0, got -3"),
    ("n_train", np.array(True), "entry 'n_train' must be a 0-d (single) integer array, "
                                "got a bool"),
    ("n_train", np.array(30.5), "entry 'n_train' must be a 0-d (single) integer array"),
    ("fit_intercept", np.array(1), "entry 'fit_intercept' must be a 0-d (single) boolean"),
    ("lam", np.array(-1.0), "lam must be a finite number >= 0"),
    ("lam", np.array([0.5]), "entry 'lam' must be a 0-d (single) real array, got a float64 "
                             "array of shape (1,)"),
])
def test_logistic_invalid_architecture(tmp_path, logreg, key, value, message):
    path = rewrite(save_model(logreg[0], tmp_path / "m.npz"), **{key: value})
    with pytest.raises(ValueError, match="stores an invalid architecture: " + re.escape(message)):
        load_model(path)


def test_a_logistic_file_relabelled_as_an_mlp_is_refused(tmp_path, logreg):
    path = rewrite(save_model(logreg[0], tmp_path / "m.npz"), format=np.array("nnlib.mlp"),
                   format_version=np.array(FORMATS[MLP][1]))  # the MLP's version, too
    with pytest.raises(ValueError, match=re.escape("is missing the entries ['sizes', "
                                                   "'activations', 'output', 'init', 'seed', "
                                                   "'dtype']")):
        load_model(path)


# --- properties: any model survives a round trip ----------------------------------------

def _accepted(name):
    try:
        MLP([1, 1, 1], activation=name, output="linear")
    except (TypeError, ValueError):
        return False
    return True


HIDDEN = [name for name in ACTIVATIONS if _accepted(name)]  # those the MLP accepts
ROUND_TRIPS = settings(max_examples=25, deadline=None, database=None)


def save_and_load(model):
    with tempfile.TemporaryDirectory() as folder:  # not tmp_path: hypothesis runs many examples
        return load_model(save_model(model, Path(folder) / "model"))


@st.composite
def mlps(draw):
    """A random MLP (1-3 layers) whose parameters are random too, not the seed's initial ones:
    a load that rebuilt the model from its seed and ignored the stored parameters would fail."""
    output = draw(st.sampled_from(sorted(OUTPUTS)))
    k = 1 if output == "sigmoid" else draw(st.integers(2 if output == "softmax" else 1, 4))
    hidden = draw(st.lists(st.integers(1, 6), max_size=2))
    model = MLP([draw(st.integers(1, 5))] + hidden + [k],
                activation=draw(st.lists(st.sampled_from(HIDDEN), min_size=len(hidden),
                                         max_size=len(hidden))),
                output=output, init=draw(st.sampled_from(INITS)),
                seed=draw(st.integers(0, 2**32 - 1)),
                dtype=draw(st.sampled_from([np.float32, np.float64])),
                lam=draw(st.floats(0, 10)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    model.set_params({name: rng.normal(size=value.shape) for name, value in model.params.items()})
    return model


@ROUND_TRIPS
@given(model=mlps(), data_seed=st.integers(0, 2**32 - 1))
def test_any_mlp_survives_a_round_trip(model, data_seed):
    loaded = save_and_load(model)
    assert type(loaded) is MLP and repr(loaded) == repr(model)
    assert (loaded.sizes, loaded.activations, loaded.output, loaded.init, loaded.seed,
            loaded.dtype, loaded.lam) == (model.sizes, model.activations, model.output,
                                          model.init, model.seed, model.dtype, model.lam)
    assert list(loaded.params) == list(model.params)
    for name, value in model.params.items():
        assert loaded.params[name].dtype == value.dtype
        np.testing.assert_array_equal(loaded.params[name], value)
    X = np.random.default_rng(data_seed).normal(size=(7, model.sizes[0]))
    np.testing.assert_array_equal(loaded.logits(X), model.logits(X))
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))


@ROUND_TRIPS
@given(d=st.integers(1, 5), n=st.integers(5, 30), lam=st.floats(0, 2),
       fit_intercept=st.booleans(), method=st.sampled_from(["gd", "sgd"]),
       data_seed=st.integers(0, 2**32 - 1))
def test_any_logistic_regression_survives_a_round_trip(d, n, lam, fit_intercept, method,
                                                       data_seed):
    rng = np.random.default_rng(data_seed)
    X = rng.normal(size=(n, d))
    y = np.where(X @ rng.normal(size=d) + rng.normal(size=n) > 0, 1, -1)
    model = LogisticRegression(lam=lam, fit_intercept=fit_intercept).fit(
        X, y, method=method, lr=0.1, epochs=3, progress=False)
    loaded = save_and_load(model)
    assert type(loaded) is LogisticRegression and repr(loaded) == repr(model)
    assert (loaded.lam, loaded.fit_intercept, loaded.n_train_) == (lam, fit_intercept, n)
    assert list(loaded.params) == list(model.params)
    for name, value in model.params.items():
        assert loaded.params[name].dtype == value.dtype
        np.testing.assert_array_equal(loaded.params[name], value)
    np.testing.assert_array_equal(loaded.decision_function(X), model.decision_function(X))
    np.testing.assert_array_equal(loaded.predict(X), model.predict(X))
    assert loaded.loss(X, y) == model.loss(X, y)
