"""Reference values for the regularizer and constraint formulas of Keras 3 (keras/src/regularizers/regularizers.py,
keras/src/constraints/constraints.py) and for the sign-corrected QR behind the Orthogonal initializer, computed by PyTorch in
float64 from float32 inputs."""
import torch

from refgen import Cases, rand

EPSILON = 1e-7  # keras.backend.epsilon()
c = Cases("catalogs.json")
f64 = torch.float64


def norms(w, axis):
    return torch.sqrt(torch.sum(w.to(f64) ** 2, dim=axis, keepdim=True))


# Regularizers: a scalar penalty.
for shape in [(4, 5), (3, 2, 4)]:
    tag = "x".join(map(str, shape))
    x = rand(*shape)
    c.add(f"l1_{tag}", [x], 0.3 * torch.sum(torch.abs(x.to(f64))), op="l1", l1=0.3)
    c.add(f"l2_{tag}", [x], 0.2 * torch.sum(x.to(f64) ** 2), op="l2", l2=0.2)
    c.add(f"l1_l2_{tag}", [x], 0.3 * torch.sum(torch.abs(x.to(f64))) + 0.2 * torch.sum(x.to(f64) ** 2), op="l1_l2", l1=0.3, l2=0.2)
x = rand(4, 5)
c.add("l1_l2_only_l2", [x], 0.1 * torch.sum(x.to(f64) ** 2), op="l1_l2", l1=0.0, l2=0.1)


def orthogonal_penalty(w, factor, mode):
    w = w.to(f64)
    axis = 1 if mode == "rows" else 0
    inverse_norm = torch.clamp(torch.rsqrt(torch.sum(w ** 2, dim=axis, keepdim=True)), max=1.0 / EPSILON)
    unit = w * inverse_norm
    product = unit @ unit.T if mode == "rows" else unit.T @ unit
    size = w.shape[0] if mode == "rows" else w.shape[1]
    off_diagonal = product * (1.0 - torch.eye(size, dtype=f64))
    return factor * 0.5 * torch.sum(torch.abs(off_diagonal)) / (size * (size - 1.0) / 2.0)


for shape in [(4, 6), (6, 4), (5, 5)]:
    x = rand(*shape)
    for mode in ("rows", "columns"):
        c.add(f"orthogonal_regularizer_{mode}_{shape[0]}x{shape[1]}", [x], orthogonal_penalty(x, 0.1, mode),
              op="orthogonal_regularizer", factor=0.1, mode=mode)


# Constraints: the projected weights.
def max_norm(w, max_value, axis):
    n = norms(w, axis)
    return w.to(f64) * (torch.clamp(n, 0, max_value) / (EPSILON + n))


def min_max_norm(w, min_value, max_value, rate, axis):
    n = norms(w, axis)
    desired = rate * torch.clamp(n, min_value, max_value) + (1 - rate) * n
    return w.to(f64) * (desired / (EPSILON + n))


def unit_norm(w, axis):
    return w.to(f64) / (EPSILON + norms(w, axis))


w = rand(4, 5)
small = rand(4, 5, lo=-0.3, hi=0.3)
kernel = rand(3, 3, 2, 4)
c.add("max_norm_axis0", [w], max_norm(w, 1.5, [0]), op="max_norm", max_value=1.5, axis=[0])
c.add("max_norm_axis1", [w], max_norm(w, 1.5, [1]), op="max_norm", max_value=1.5, axis=[1])
c.add("max_norm_below_max", [small], max_norm(small, 2.0, [0]), op="max_norm", max_value=2.0, axis=[0])
c.add("max_norm_conv_kernel", [kernel], max_norm(kernel, 2.0, [0, 1, 2]), op="max_norm", max_value=2.0, axis=[0, 1, 2])
c.add("max_norm_negative_axis", [kernel], max_norm(kernel, 1.0, [-1]), op="max_norm", max_value=1.0, axis=[-1])
c.add("min_max_norm_strict", [w], min_max_norm(w, 0.5, 1.0, 1.0, [0]), op="min_max_norm", min_value=0.5, max_value=1.0, rate=1.0, axis=[0])
c.add("min_max_norm_small", [small], min_max_norm(small, 0.5, 1.0, 1.0, [0]), op="min_max_norm", min_value=0.5, max_value=1.0, rate=1.0, axis=[0])
c.add("min_max_norm_rate_half", [w], min_max_norm(w, 0.5, 1.0, 0.5, [1]), op="min_max_norm", min_value=0.5, max_value=1.0, rate=0.5, axis=[1])
c.add("min_max_norm_conv_kernel", [kernel], min_max_norm(kernel, 1.0, 2.0, 1.0, [0, 1, 2]), op="min_max_norm", min_value=1.0, max_value=2.0, rate=1.0, axis=[0, 1, 2])
c.add("unit_norm_axis0", [w], unit_norm(w, [0]), op="unit_norm", axis=[0])
c.add("unit_norm_axis_last", [w], unit_norm(w, [-1]), op="unit_norm", axis=[-1])
c.add("unit_norm_conv_kernel", [kernel], unit_norm(kernel, [0, 1, 2]), op="unit_norm", axis=[0, 1, 2])
c.add("non_neg", [w], torch.clamp(w, min=0), op="non_neg")

# The Orthogonal initializer's Q: QR of an m x n normal matrix (m >= n), columns multiplied by sign(diag(R)).
torch.manual_seed(0)
for m, n in [(6, 4), (5, 5), (40, 17), (3, 1), (64, 48)]:
    a = torch.randn(m, n, dtype=torch.float32)
    q, r = torch.linalg.qr(a.to(f64))
    c.add(f"qr_{m}x{n}", [a], q * torch.sign(torch.diagonal(r)), op="qr")
c.write()
