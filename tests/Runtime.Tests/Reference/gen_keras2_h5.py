"""Writes legacy .h5 files in exactly Keras 2.x's layout (tf.keras 2.x legacy_h5_format), with h5py, plus inputs and
expected outputs computed here with PyTorch/numpy from the same weights.

Run with Debian's interpreter (python3-h5py, python3-torch):  /usr/bin/python3 gen_keras2_h5.py
Output: keras2/*.h5, keras2/*.json (Keras 2 to_json), keras2/*.in0.npy, keras2/*.out0.npy, and keras2/hostile_*.h5
(broken variants of keras2_mlp.h5 for the hostile-file tests)

Layout reproduced (tf.keras 2.x save_model_to_hdf5 / save_weights_to_hdf5_group):
- root attrs keras_version, backend, model_config (JSON bytes {"class_name", "config"}), training_config (JSON bytes);
- group model_weights with attrs layer_names (numpy array of fixed-length bytes, every layer in model.layers), backend,
  keras_version; one group per layer (created in sorted name order) with attr weight_names, datasets at those names
  ("dense/kernel:0" makes nested groups); a weights-only file (save_weights) puts those attrs on the root;
- attributes larger than 64512 bytes split into name0, name1... (save_attributes_to_hdf5_group);
- an empty name list is np.asarray([]), a float64 array of shape (0,).
"""
import json
import os

import h5py
import numpy as np
import torch

HDF5_OBJECT_HEADER_LIMIT = 64512
KERAS_VERSION = b"2.11.0"
BACKEND = b"tensorflow"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras2")
RNG = np.random.default_rng(2)


def rand(*shape, scale=0.5):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


def save_attributes_to_hdf5_group(group, name, data):
    """tf.keras 2.x's helper, verbatim in behaviour."""
    data_npy = np.asarray(data)
    num_chunks = 1
    chunked_data = np.array_split(data_npy, num_chunks)
    while any(x.nbytes > HDF5_OBJECT_HEADER_LIMIT for x in chunked_data):
        num_chunks += 1
        chunked_data = np.array_split(data_npy, num_chunks)
    if num_chunks > 1:
        for chunk_id, chunk_data in enumerate(chunked_data):
            group.attrs["%s%d" % (name, chunk_id)] = chunk_data
    else:
        group.attrs[name] = data


def save_subset_weights(group, weights):
    """weights: list of (name such as 'dense/kernel:0', array)."""
    names = [n.encode("utf8") for n, _ in weights]
    save_attributes_to_hdf5_group(group, "weight_names", names)
    for name, value in zip(names, [v for _, v in weights]):
        dset = group.create_dataset(name, value.shape, dtype=value.dtype)
        dset[:] = value


def save_weights_to_hdf5_group(f, layers):
    """layers: list of (layer name, [(weight name, array)]) in model.layers order."""
    save_attributes_to_hdf5_group(f, "layer_names", [name.encode("utf8") for name, _ in layers])
    f.attrs["backend"] = BACKEND
    f.attrs["keras_version"] = KERAS_VERSION
    for name, weights in sorted(layers, key=lambda x: x[0]):
        save_subset_weights(f.create_group(name), weights)
    save_subset_weights(f.create_group("top_level_model_weights"), [])


def save_model(path, model_config, layers, training_config=None):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = KERAS_VERSION
        f.attrs["backend"] = BACKEND
        f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        if training_config is not None:
            f.attrs["training_config"] = json.dumps(training_config).encode("utf8")
        save_weights_to_hdf5_group(f.create_group("model_weights"), layers)


def save_weights(path, layers):
    with h5py.File(path, "w") as f:
        save_weights_to_hdf5_group(f, layers)


def write_json(name, model_config):
    """Keras 2's model.to_json(): the model config plus keras_version and backend."""
    doc = dict(model_config, keras_version=KERAS_VERSION.decode(), backend=BACKEND.decode())
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f)


def glorot():
    return {"class_name": "GlorotUniform", "config": {"seed": None}}


def zeros():
    return {"class_name": "Zeros", "config": {}}


def ones():
    return {"class_name": "Ones", "config": {}}


def dense(name, units, activation, **extra):
    config = {"name": name, "trainable": True, "dtype": "float32", **extra, "units": units, "activation": activation,
              "use_bias": True, "kernel_initializer": glorot(), "bias_initializer": zeros(), "kernel_regularizer": None,
              "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}
    return {"class_name": "Dense", "config": config}


def batch_norm(name, axis):
    config = {"name": name, "trainable": True, "dtype": "float32", "axis": axis, "momentum": 0.99, "epsilon": 0.001,
              "center": True, "scale": True, "beta_initializer": zeros(), "gamma_initializer": ones(),
              "moving_mean_initializer": zeros(), "moving_variance_initializer": ones(), "beta_regularizer": None,
              "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}
    return {"class_name": "BatchNormalization", "config": config}


def input_layer(name, batch_input_shape):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": batch_input_shape, "dtype": "float32",
                                                   "sparse": False, "ragged": False, "name": name}}


def act(name, x):
    return {"relu": lambda v: np.maximum(v, 0), "tanh": np.tanh, "linear": lambda v: v,
            "softmax": lambda v: np.exp(v - v.max(-1, keepdims=True)) / np.exp(v - v.max(-1, keepdims=True)).sum(-1, keepdims=True)}[name](x)


def save_io(name, x, y):
    np.save(os.path.join(OUT, name + ".in0.npy"), x.astype(np.float32))
    np.save(os.path.join(OUT, name + ".out0.npy"), y.astype(np.float32))


def mlp():
    """Sequential in Keras 2.4+ form (InputLayer first), compiled with Adam, mse and the mae metric."""
    w = {"dense": (rand(5, 7), rand(7)), "dense_1": (rand(7, 3), rand(3))}
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        input_layer("dense_input", [None, 5]), dense("dense", 7, "relu"), dense("dense_1", 3, "softmax")]}}
    training = {"loss": "mse", "metrics": [[{"class_name": "MeanMetricWrapper", "config": {
        "name": "mae", "dtype": "float32", "fn": "mean_absolute_error"}}]], "weighted_metrics": None, "loss_weights": None,
        "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.0010000000474974513,
                                                               "decay": 0.0, "beta_1": 0.8999999761581421,
                                                               "beta_2": 0.9990000128746033, "epsilon": 1e-07, "amsgrad": False}}}
    layers = [(n, [(f"{n}/kernel:0", k), (f"{n}/bias:0", b)]) for n, (k, b) in w.items()]
    save_model(os.path.join(OUT, "keras2_mlp.h5"), config, layers, training)
    write_json("keras2_mlp", config)
    x = rand(4, 5, scale=1.0)
    y = act("softmax", act("relu", x @ w["dense"][0] + w["dense"][1]) @ w["dense_1"][0] + w["dense_1"][1])
    save_io("keras2_mlp", x, y)


def nested():
    """Functional model (Keras 2 node lists) holding a Sequential in the old form (batch_input_shape on its first layer),
    which holds a BatchNormalization: the nested model's weights are its trainable then its non-trainable ones."""
    d1k, d1b = rand(6, 8), rand(8)
    gamma, beta = 1 + rand(8, scale=0.1), rand(8, scale=0.1)
    mean, var = rand(8, scale=0.2), (0.5 + RNG.uniform(0, 1, 8)).astype(np.float32)
    d2k, d2b = rand(8, 4), rand(4)
    ok, ob = rand(4, 2), rand(2)
    inner = {"class_name": "Sequential", "config": {"name": "encoder", "layers": [
        dense("dense_1", 8, "linear", batch_input_shape=[None, 6]), batch_norm("batch_normalization", [1]),
        dense("dense_2", 4, "tanh")]}, "name": "encoder", "inbound_nodes": [[["input_1", 0, 0, {}]]]}
    out = dict(dense("head", 2, "linear"), name="head", inbound_nodes=[[["encoder", 1, 0, {}]]])
    inp = dict(input_layer("input_1", [None, 6]), name="input_1", inbound_nodes=[])
    config = {"class_name": "Functional", "config": {"name": "model", "layers": [inp, inner, out],
                                                     "input_layers": [["input_1", 0, 0]], "output_layers": [["head", 0, 0]]}}
    layers = [("input_1", []),
              ("encoder", [("dense_1/kernel:0", d1k), ("dense_1/bias:0", d1b), ("batch_normalization/gamma:0", gamma),
                           ("batch_normalization/beta:0", beta), ("dense_2/kernel:0", d2k), ("dense_2/bias:0", d2b),
                           ("batch_normalization/moving_mean:0", mean), ("batch_normalization/moving_variance:0", var)]),
              ("head", [("head/kernel:0", ok), ("head/bias:0", ob)])]
    save_model(os.path.join(OUT, "keras2_nested.h5"), config, layers)
    write_json("keras2_nested", config)
    x = rand(3, 6, scale=1.0)
    h = x @ d1k + d1b
    h = (h - mean) / np.sqrt(var + 0.001) * gamma + beta
    y = np.tanh(h @ d2k + d2b) @ ok + ob
    save_io("keras2_nested", x, y)


def lstm():
    """Sequential (old form) with an LSTM whose weights are named lstm/lstm_cell/kernel:0 as in Keras 2."""
    units, features, steps = 4, 3, 5
    kernel, recurrent, bias = rand(features, 4 * units), rand(units, 4 * units), rand(4 * units)
    dk, db = rand(units, 2), rand(2)
    cell = {"name": "lstm", "trainable": True, "dtype": "float32", "batch_input_shape": [None, steps, features],
            "return_sequences": False, "return_state": False, "go_backwards": False, "stateful": False, "unroll": False,
            "time_major": False, "units": units, "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True,
            "kernel_initializer": glorot(), "recurrent_initializer": {"class_name": "Orthogonal", "config": {"gain": 1.0, "seed": None}},
            "bias_initializer": zeros(), "unit_forget_bias": True, "kernel_regularizer": None, "recurrent_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "recurrent_constraint": None,
            "bias_constraint": None, "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}
    config = {"class_name": "Sequential", "config": {"name": "sequential_1", "layers": [
        {"class_name": "LSTM", "config": cell}, dense("dense", 2, "linear")]}}
    layers = [("lstm", [("lstm/lstm_cell/kernel:0", kernel), ("lstm/lstm_cell/recurrent_kernel:0", recurrent),
                        ("lstm/lstm_cell/bias:0", bias)]),
              ("dense", [("dense/kernel:0", dk), ("dense/bias:0", db)])]
    save_model(os.path.join(OUT, "keras2_lstm.h5"), config, layers)
    x = rand(2, steps, features, scale=1.0)
    # Keras's gate order i, f, c, o is PyTorch's i, f, g, o; Keras has one bias, so PyTorch's second is zero.
    torch_lstm = torch.nn.LSTM(features, units, batch_first=True)
    with torch.no_grad():
        torch_lstm.weight_ih_l0.copy_(torch.from_numpy(kernel.T))
        torch_lstm.weight_hh_l0.copy_(torch.from_numpy(recurrent.T))
        torch_lstm.bias_ih_l0.copy_(torch.from_numpy(bias))
        torch_lstm.bias_hh_l0.zero_()
        _, (h, _) = torch_lstm(torch.from_numpy(x))
    y = h[0].numpy() @ dk + db
    save_io("keras2_lstm", x, y)


def split_names():
    """A weights-only file (save_weights) of a model with many layers whose long names make layer_names exceed the
    HDF5 header limit, so that it is split into layer_names0, layer_names1. Only two layers have weights."""
    first_k, first_b, last_k, last_b = rand(4, 5), rand(5), rand(5, 3), rand(3)
    names = ["dense"] + [f"activation_{i:03d}_" + "x" * 490 for i in range(130)] + ["dense_1"]
    layers = [(n, []) for n in names]
    layers[0] = ("dense", [("dense/kernel:0", first_k), ("dense/bias:0", first_b)])
    layers[-1] = ("dense_1", [("dense_1/kernel:0", last_k), ("dense_1/bias:0", last_b)])
    save_weights(os.path.join(OUT, "keras2_split_names.h5"), layers)
    with h5py.File(os.path.join(OUT, "keras2_split_names.h5"), "r") as f:
        assert "layer_names" not in f.attrs and "layer_names1" in f.attrs, "the layer names were expected to be split"
    x = rand(2, 4, scale=1.0)
    save_io("keras2_split_names", x, (x @ first_k + first_b) @ last_k + last_b)


def hostile():
    """Broken and hostile variants of keras2_mlp.h5, each of which must give a clear error (never a crash or a huge
    allocation): the loader must check shapes, types and links before reading any data."""
    with h5py.File(os.path.join(OUT, "keras2_mlp.h5"), "r") as f:
        config = f.attrs["model_config"]

    def variant(name, edit):
        path = os.path.join(OUT, f"hostile_{name}.h5")
        with h5py.File(os.path.join(OUT, "keras2_mlp.h5"), "r") as src, h5py.File(path, "w") as dst:
            for key, value in src.attrs.items():
                dst.attrs[key] = value
            src.copy("model_weights", dst)
            edit(dst)

    def absurd_shape(f):
        # 2^40 float32 elements declared, none written: the file stays small, reading it would need 4 TB.
        del f["model_weights/dense/dense/kernel:0"]
        f["model_weights/dense/dense"].create_dataset("kernel:0", shape=(2 ** 20, 2 ** 20), dtype="float32", chunks=(1, 16))

    def missing_dataset(f):
        del f["model_weights/dense_1/dense_1/bias:0"]

    def names_not_strings(f):
        f["model_weights"].attrs["layer_names"] = np.arange(3, dtype=np.int64)

    def config_not_json(f):
        f.attrs["model_config"] = config[: len(config) // 2]

    def no_weights_group(f):
        del f["model_weights"]

    def unknown_layer(f):
        f.attrs["model_config"] = config.replace(b'"Dense"', b'"CuDNNLSTM"', 1) if isinstance(config, bytes) else \
            config.replace('"Dense"', '"CuDNNLSTM"', 1)

    def integer_weights(f):
        del f["model_weights/dense/dense/bias:0"]
        f["model_weights/dense/dense"].create_dataset("bias:0", data=np.arange(7, dtype=np.int32))

    for name, edit in [("absurd_shape", absurd_shape), ("missing_dataset", missing_dataset),
                       ("names_not_strings", names_not_strings), ("config_not_json", config_not_json),
                       ("no_weights_group", no_weights_group), ("unknown_layer", unknown_layer),
                       ("integer_weights", integer_weights)]:
        variant(name, edit)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    mlp()
    nested()
    lstm()
    split_names()
    hostile()
    print("wrote", sorted(os.listdir(OUT)))
