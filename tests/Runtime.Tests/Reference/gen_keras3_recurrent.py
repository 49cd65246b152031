"""Reference values from real Keras 3 for the recurrent models of the shared Keras 3 fixtures (lstm, gru, embedding_mask_lstm).

Reads each model's Keras weights file (h5py), input and predict output (.npy) from shared/fixtures/keras3 beside the checkout,
and writes keras3_recurrent.json: one case per model with inputs [x, weight 0, weight 1, ...] in the model's weight order and
the output. It checks Keras's own semantics (gate layouts, masked timesteps) independently of the PyTorch references.

Run with Debian's interpreter (python3-numpy, python3-h5py):  /usr/bin/python3 gen_keras3_recurrent.py
"""
import json
import os

import h5py
import numpy as np

from refgen import Cases


def fixtures_dir():
    d = os.path.dirname(os.path.abspath(__file__))
    while not os.path.exists(os.path.join(d, "NotebookKeras.sln")):
        parent = os.path.dirname(d)
        if parent == d:
            raise SystemExit("NotebookKeras.sln not found above this script")
        d = parent
    return os.path.join(d, "..", "shared", "fixtures", "keras3")


root = fixtures_dir()
c = Cases("keras3_recurrent.json")
for name in ("lstm", "gru", "embedding_mask_lstm"):
    config = json.load(open(os.path.join(root, f"{name}.json")))
    weights = []
    with h5py.File(os.path.join(root, f"{name}.weights.h5"), "r") as f:
        for layer in config["config"]["layers"]:
            group = f.get(f"layers/{layer['config']['name']}")
            if group is None:
                continue
            vars_group = group["cell/vars"] if "cell" in group else group["vars"]
            weights += [np.array(vars_group[str(i)]) for i in range(len(vars_group))]
    x = np.load(os.path.join(root, f"{name}.in0.npy"))
    y = np.load(os.path.join(root, f"{name}.out0.npy"))
    c.add(name, [x] + weights, y, op="keras3_model", model=name)
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), c.file)
with open(path, "w") as f:
    json.dump({"generator": f"Keras {config.get('keras_version', '3.15.1')} fixtures", "cases": c.cases}, f, separators=(",", ":"))
print(f"wrote {len(c.cases)} cases to {c.file}")
