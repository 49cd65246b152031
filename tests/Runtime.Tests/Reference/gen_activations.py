"""Reference values for the activations, the unary math ops and softmax / log-softmax (PyTorch).

Writes activations.json, unary_math.json and softmax.json. Every case has inputs [x, upstream] and outputs [y, dx], where
dx = upstream * dy/dx by PyTorch autograd. Values are computed in float64 from the float32 inputs and rounded to float32, so
the references carry no float32 rounding of their own. Keras-specific definitions (relu with max_value/threshold, hard_sigmoid,
hard_silu) are written with torch from Keras 3's formulas.

Case-name suffixes tell the tests what to check: "_large" (large-magnitude inputs: forward and autograd gradient, no finite
differences) and "_special" (inf/nan/zero inputs: forward only).
"""
import math

import torch
import torch.nn.functional as F

from refgen import Cases, rand

torch.set_default_dtype(torch.float64)


def away(x, points, margin=0.1):
    """Moves values within `margin` of a kink to `margin` from it, so finite differences never straddle one."""
    x = x.clone()
    for p in points:
        near = (x - p).abs() < margin
        x[near] = torch.where(x[near] >= p, torch.tensor(p + margin, dtype=x.dtype), torch.tensor(p - margin, dtype=x.dtype))
    return x


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


def add(cases, name, fn, x, op=None, grad=True, **args):
    """Adds a case: y = fn(x) and dx for a fixed random upstream gradient, both computed in float64."""
    upstream = rand(*x.shape, lo=-1.0, hi=1.0)
    x64 = x.to(torch.float64).requires_grad_(grad)
    y = fn(x64)
    if grad:
        (dx,) = torch.autograd.grad(y, x64, upstream.to(torch.float64))
    else:
        dx = torch.zeros_like(y)
    cases.add(name, [x, upstream], [y.detach().float(), dx.float()], op=op, **args)


def keras_relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """keras.activations.relu (keras/src/activations/activations.py, ReLU.static_call), step by step."""
    if negative_slope != 0.0:
        if max_value is None and threshold == 0:
            return F.leaky_relu(x, negative_slope)
        negative_part = F.relu(-x + threshold) if threshold != 0 else F.relu(-x)
    clip_max = max_value is not None
    if threshold != 0:
        x = x * (x > threshold).to(x.dtype)
    elif max_value == 6:
        x = F.relu6(x)
        clip_max = False
    else:
        x = F.relu(x)
    if clip_max:
        x = torch.clamp(x, 0.0, max_value)
    if negative_slope != 0.0:
        x = x - negative_slope * negative_part
    return x


def softplus(x):
    return F.softplus(x)  # log1p(e^x) in float64 below its threshold of 20, x above: exact to float32 precision


def gelu_exact(x):
    return 0.5 * x * torch.special.erfc(-x / math.sqrt(2.0))  # erfc keeps the lower tail, where 1 + erf(x) cancels


def hard_sigmoid(x):
    return F.relu6(x + 3.0) / 6.0


# Large magnitudes where naive formulas overflow or cancel: e^80 is near float32's limit, e^-80 is tiny but normal.
LARGE = f32([-80.0, -30.0, -12.0, -5.0, 0.5, 5.0, 12.0, 30.0, 80.0]).reshape(3, 3)

# ---------------------------------------------------------------------------------------------------------------- activations
act = Cases("activations.json")
smooth = {
    "elu": (lambda x: F.elu(x), {}),
    "elu_alpha": (lambda x: F.elu(x, alpha=0.5), {"alpha": 0.5}),
    "selu": (F.selu, {}),
    "gelu": (gelu_exact, {"approximate": False}),
    "gelu_tanh": (lambda x: F.gelu(x, approximate="tanh"), {"approximate": True}),
    "sigmoid": (torch.sigmoid, {}),
    "silu": (F.silu, {}),
    "tanh": (torch.tanh, {}),
    "softplus": (softplus, {}),
    "softsign": (F.softsign, {}),
    "mish": (lambda x: x * torch.tanh(softplus(x)), {}),
}
ops_of = {"elu_alpha": "elu", "gelu_tanh": "gelu"}
for name, (fn, args) in smooth.items():
    op = ops_of.get(name, name)
    kinks = [0.0] if op in ("elu", "selu") else []
    add(act, name, fn, away(rand(3, 5, lo=-4.0, hi=4.0), kinks), op=op, **args)
    add(act, f"{name}_rank3", fn, away(rand(2, 3, 4, lo=-3.0, hi=3.0), kinks), op=op, **args)
    add(act, f"{name}_scalar", fn, f32(-0.7), op=op, **args)
    add(act, f"{name}_empty", fn, rand(0, 3), op=op, **args)
    add(act, f"{name}_large", fn, LARGE, op=op, **args)

piecewise = {
    # name: (function, kinks, input range, args)
    "relu": (lambda x: keras_relu(x), [0.0], (-4.0, 4.0), {}),
    "relu_slope": (lambda x: keras_relu(x, negative_slope=0.1), [0.0], (-4.0, 4.0), {"negative_slope": 0.1}),
    "relu_max": (lambda x: keras_relu(x, max_value=2.5), [0.0, 2.5], (-2.0, 4.0), {"max_value": 2.5}),
    "relu_max6": (lambda x: keras_relu(x, max_value=6.0), [0.0, 6.0], (-2.0, 8.0), {"max_value": 6.0}),
    "relu_threshold": (lambda x: keras_relu(x, threshold=0.5), [0.5], (-3.0, 3.0), {"threshold": 0.5}),
    "relu_negative_threshold": (lambda x: keras_relu(x, threshold=-0.7), [-0.7], (-3.0, 3.0), {"threshold": -0.7}),
    "relu_all": (lambda x: keras_relu(x, negative_slope=0.3, max_value=4.0, threshold=1.0), [0.0, 1.0, 4.0], (-3.0, 6.0),
                 {"negative_slope": 0.3, "max_value": 4.0, "threshold": 1.0}),
    "relu6": (F.relu6, [0.0, 6.0], (-3.0, 9.0), {}),
    "leaky_relu": (lambda x: F.leaky_relu(x, 0.2), [0.0], (-4.0, 4.0), {}),
    "leaky_relu_slope": (lambda x: F.leaky_relu(x, 0.05), [0.0], (-4.0, 4.0), {"negative_slope": 0.05}),
    "hard_sigmoid": (hard_sigmoid, [-3.0, 3.0], (-5.0, 5.0), {}),
    "hard_silu": (lambda x: x * hard_sigmoid(x), [-3.0, 3.0], (-5.0, 5.0), {}),
}
for name, (fn, kinks, (lo, hi), args) in piecewise.items():
    op = "relu" if name.startswith("relu_") else "leaky_relu" if name.startswith("leaky_relu") else name
    add(act, name, fn, away(rand(4, 6, lo=lo, hi=hi), kinks), op=op, **args)
    add(act, f"{name}_scalar", fn, f32(lo + 0.3 * (hi - lo) + 0.05), op=op, **args)
    add(act, f"{name}_large", fn, LARGE, op=op, **args)
add(act, "relu_special", F.relu, f32([float("nan"), float("inf"), float("-inf"), 0.0]), op="relu", grad=False)
add(act, "sigmoid_special", torch.sigmoid, f32([float("inf"), float("-inf"), 0.0, 100.0, -100.0]), op="sigmoid", grad=False)
add(act, "softplus_special", softplus, f32([float("inf"), float("-inf"), 0.0, 100.0, -100.0]), op="softplus", grad=False)
add(act, "tanh_special", torch.tanh, f32([float("inf"), float("-inf"), 0.0, 1e-6, -1e-6]), op="tanh", grad=False)
act.write()

# ---------------------------------------------------------------------------------------------------------------- unary math
um = Cases("unary_math.json")
unary = {
    # name: (function, kinks, normal range, large values)
    "exp": (torch.exp, [], (-4.0, 4.0), LARGE),
    "log": (torch.log, [], (0.05, 5.0), f32([1e-30, 1e-10, 1e-3, 7.5, 1e10, 1e30])),
    "sqrt": (torch.sqrt, [], (0.05, 5.0), f32([1e-30, 1e-10, 1e-3, 7.5, 1e10, 1e30])),
    "square": (torch.square, [], (-4.0, 4.0), f32([-1e15, -3e5, 1e-10, 2e5, 1e15])),
    "abs": (torch.abs, [0.0], (-4.0, 4.0), f32([-1e30, -1e-30, 1e-30, 1e30])),
}
for name, (fn, kinks, (lo, hi), large) in unary.items():
    add(um, name, fn, away(rand(3, 5, lo=lo, hi=hi), kinks))
    add(um, f"{name}_rank3", fn, away(rand(2, 3, 4, lo=lo, hi=hi), kinks), op=name)
    add(um, f"{name}_scalar", fn, f32(0.3 * lo + 0.7 * hi), op=name)
    add(um, f"{name}_empty", fn, rand(0, 3), op=name)
    add(um, f"{name}_large", fn, large, op=name)
special = f32([0.0, -1.0, float("inf"), float("-inf"), float("nan")])
for name, fn in {"exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt, "square": torch.square, "abs": torch.abs}.items():
    add(um, f"{name}_special", fn, special, op=name, grad=False)
um.write()

# ---------------------------------------------------------------------------------------------------------------- softmax
sm = Cases("softmax.json")
layouts = [
    ("vector", (5,), -1),
    ("matrix_last", (3, 4), -1),
    ("matrix_first", (3, 4), 0),
    ("rank3_axis0", (2, 3, 4), 0),
    ("rank3_axis1", (2, 3, 4), 1),
    ("rank3_axis2", (2, 3, 4), 2),
    ("rank3_axis_minus2", (2, 3, 4), -2),
    ("rank4_axis1", (2, 3, 2, 5), 1),
    ("rank4_axis3", (2, 3, 2, 5), 3),
    ("size1_axis", (3, 1), -1),
    ("size1_outer", (1, 1, 6), -1),
    ("empty_batch", (0, 4), -1),
]
for opname, fn in (("softmax", torch.softmax), ("log_softmax", torch.log_softmax)):
    for name, shape, axis in layouts:
        add(sm, f"{opname}_{name}", lambda x: fn(x, dim=axis), rand(*shape, lo=-3.0, hi=3.0), op=opname, axis=axis)
    logits = f32([[80.0, -80.0, 30.0, 0.0, -30.0, 79.0],
                  [1000.0, 999.0, -1000.0, 0.0, 998.5, 1000.0],
                  [-1000.0, -1000.0, -1000.0, -1000.0, -1000.0, -1000.0]])
    add(sm, f"{opname}_large", lambda x: fn(x, dim=-1), logits, op=opname, axis=-1)
    add(sm, f"{opname}_large_axis0", lambda x: fn(x, dim=0), logits, op=opname, axis=0)
sm.write()
