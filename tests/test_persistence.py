"""Tests for nnlib.persistence: round trips, plain-array files only, refusing bad files."""

import re
import zipfile

import numpy as np
import pytest

from nnlib.mlp import MLP
from nnlib.persistence import FORMAT_VERSION, load_model, save_model

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
    path = rewrite(save_model(model, tmp_path / "net.npz"), format_version=np.array(2))
    with pytest.raises(ValueError, match=r"has format version 2; this nnlib reads format "
                                         r"version 1 only"):
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
                                         r" = 'nnlib.mlp' entry; keys: X, y\)"):
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
    with pytest.raises(TypeError, match="model must be an nnlib.mlp.MLP, got dict"):
        save_model({"W1": np.zeros(2)}, tmp_path / "x.npz")
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, got int"):
        save_model(model, 3)
    with pytest.raises(TypeError, match="path must be a str or os.PathLike, got NoneType"):
        load_model(None)


def test_the_file_is_an_ordinary_zip_of_npy_files(tmp_path, model):
    path = save_model(model, tmp_path / "net.npz")
    assert zipfile.is_zipfile(path)
    assert "param_W1.npy" in zipfile.ZipFile(path).namelist()
