"""Reference values for reductions (reductions.json) and for binary math, selection and comparisons (binary_math.json), by PyTorch.

Run with Debian's interpreter (it has python3-torch):  /usr/bin/python3 gen_reductions.py
"""
import itertools

import numpy as np
import torch

from refgen import RNG, Cases, rand

# ---------------------------------------------------------------------------------------------------------------- reductions


def distinct(*shape, lo=-2.0, step=0.1):
    """Distinct values at least `step` apart (no ties, so max/min gradients are well defined for finite differences)."""
    n = int(np.prod(shape))
    values = lo + step * RNG.permutation(n).astype(np.float32) + step / 2
    return torch.tensor(values.reshape(shape).astype(np.float32))


def signed_factors(*shape):
    """Magnitudes in [0.5, 1.5] with random signs: products of a few dozen stay moderate."""
    mags = RNG.uniform(0.5, 1.5, size=shape)
    signs = RNG.choice([-1.0, 1.0], size=shape)
    return torch.tensor((mags * signs).astype(np.float32))


def reduce_torch(op, x, axes, keep):
    dims = list(range(x.dim())) if axes is None else [a % x.dim() for a in axes]
    if op == "mean":
        out = x.mean(dim=dims, keepdim=True)
    elif op == "max":
        out = torch.amax(x, dim=dims, keepdim=True) if dims else x
    elif op == "min":
        out = torch.amin(x, dim=dims, keepdim=True) if dims else x
    elif op == "prod":
        out = x
        for d in dims:
            out = out.prod(dim=d, keepdim=True)
    elif op == "var":
        out = x.var(dim=dims, unbiased=False, keepdim=True)
    elif op == "std":
        out = x.std(dim=dims, unbiased=False, keepdim=True)
    else:
        raise ValueError(op)
    if not keep:
        out = out.reshape([s for i, s in enumerate(x.shape) if i not in dims])
    return out


def axes_name(axes):
    return "all" if axes is None else ("none" if len(axes) == 0 else "_".join(str(a) for a in axes).replace("-", "m"))


r = Cases("reductions.json")
inputs = {
    "mean": rand(2, 3, 4),
    "max": distinct(2, 3, 4),
    "min": distinct(2, 3, 4),
    "prod": signed_factors(2, 3, 4),
    "var": rand(2, 3, 4),
    "std": rand(2, 3, 4),
}
axis_sets = [None, [0], [1], [2], [-1], [0, 1], [0, 2], [1, 2], [-3, -1], [0, 1, 2]]
for op, x in inputs.items():
    for axes in axis_sets:
        for keep in (False, True):
            name = f"{op}_{axes_name(axes)}_{'keep' if keep else 'drop'}"
            r.add(name, [x], reduce_torch(op, x, axes, keep), op=op, axes=axes, keepdims=keep, grad=True)
    # rank 0, size-1 axes, and a reduction over no axes (NumPy's axis=(): the identity)
    s = torch.tensor(1.25) if op != "max" and op != "min" else torch.tensor(-0.75)
    r.add(f"{op}_rank0", [s], reduce_torch(op, s, None, False), op=op, axes=None, keepdims=False, grad=True)
    x1 = distinct(3, 1, 4) if op in ("max", "min") else (signed_factors(3, 1, 4) if op == "prod" else rand(3, 1, 4))
    r.add(f"{op}_size1_axis", [x1], reduce_torch(op, x1, [1], False), op=op, axes=[1], keepdims=False, grad=True)
    r.add(f"{op}_size1_keep", [x1], reduce_torch(op, x1, [0, 1], True), op=op, axes=[0, 1], keepdims=True, grad=True)
    no_axes = torch.zeros_like(x1) if op in ("var", "std") else x1  # NumPy's axis=(): each element alone
    r.add(f"{op}_no_axes", [x1], no_axes, op=op, axes=[], keepdims=False, grad=op not in ("var", "std"))
    # larger: vectorized row accumulation (inner > 1) and contiguous rows
    big = distinct(3, 13, 37, step=0.001) if op in ("max", "min") else (signed_factors(3, 13, 37) if op == "prod" else rand(3, 13, 37))
    r.add(f"{op}_large_middle", [big], reduce_torch(op, big, [1], False), op=op, axes=[1], keepdims=False, grad=False)
    r.add(f"{op}_large_last", [big], reduce_torch(op, big, [2], True), op=op, axes=[2], keepdims=True, grad=False)
    r.add(f"{op}_large_outer_inner", [big], reduce_torch(op, big, [0, 2], False), op=op, axes=[0, 2], keepdims=False, grad=False)

# ties: forward values (gradients of ties are checked separately)
ties = torch.tensor(RNG.integers(0, 3, size=(3, 4, 5)).astype(np.float32))
for op in ("max", "min"):
    for axes in ([1], [0, 2], None):
        r.add(f"{op}_ties_{axes_name(axes)}", [ties], reduce_torch(op, ties, axes, False), op=op, axes=axes, keepdims=False, grad=False)

# zeros in prod: rows with one zero and rows with two (the gradient check covers both)
z = signed_factors(4, 5)
z[0, 2] = 0.0
z[1, 1] = 0.0
z[1, 4] = 0.0
z[3, 0] = 0.0
r.add("prod_zeros_rows", [z], reduce_torch("prod", z, [1], False), op="prod", axes=[1], keepdims=False, grad=True)
r.add("prod_zeros_cols", [z], reduce_torch("prod", z, [0], True), op="prod", axes=[0], keepdims=True, grad=True)
r.add("prod_zeros_all", [z], reduce_torch("prod", z, None, False), op="prod", axes=None, keepdims=False, grad=True)

# NaN propagates through max/min/mean
n = rand(2, 3)
n[0, 1] = float("nan")
for op in ("max", "min", "mean"):
    r.add(f"{op}_nan", [n], reduce_torch(op, n, [1], False), op=op, axes=[1], keepdims=False, grad=False)

# empty reductions: sum-like identities and NaN means (as NumPy/PyTorch)
e = torch.zeros(0, 3)
r.add("mean_empty_axis", [e], e.mean(dim=0), op="mean", axes=[0], keepdims=False, grad=False)
r.add("prod_empty_axis", [e], e.prod(dim=0), op="prod", axes=[0], keepdims=False, grad=False)
r.add("var_empty_axis", [e], e.var(dim=0, unbiased=False), op="var", axes=[0], keepdims=False, grad=False)
r.add("max_empty_output", [e], torch.amax(e, dim=1), op="max", axes=[1], keepdims=False, grad=False)

# argmax/argmin: first occurrence on ties, NaN counts as the extreme (PyTorch and NumPy agree on both)
for op, fn, npfn in (("argmax", torch.argmax, np.argmax), ("argmin", torch.argmin, np.argmin)):
    for name, x in (("distinct", distinct(3, 4, 5)), ("ties", ties)):
        for axis in (None, 0, 1, 2, -1):
            for keep in (False, True):
                if axis is None:
                    out = np.argmax(x.numpy(), keepdims=keep) if op == "argmax" else np.argmin(x.numpy(), keepdims=keep)
                    assert int(fn(x)) == int(np.asarray(out).reshape(-1)[0])
                    out = torch.tensor(np.asarray(out).astype(np.int32))
                else:
                    out = fn(x, dim=axis, keepdim=keep).to(torch.int32)
                    assert np.array_equal(out.numpy(), npfn(x.numpy(), axis=axis, keepdims=keep))
                tag = "all" if axis is None else str(axis).replace("-", "m")
                r.add(f"{op}_{name}_{tag}_{'keep' if keep else 'drop'}", [x], out, op=op, axis=axis, keepdims=keep)
    r.add(f"{op}_nan", [n], fn(n, dim=1).to(torch.int32), op=op, axis=1, keepdims=False)
    nc = distinct(4, 11)
    nc[1, 3] = nc[2, 3] = nc[3, 9] = float("nan")  # vectorized columns: the first NaN wins
    r.add(f"{op}_nan_columns", [nc], fn(nc, dim=0).to(torch.int32), op=op, axis=0, keepdims=False)
    r.add(f"{op}_rank0", [torch.tensor(3.0)], torch.tensor(0, dtype=torch.int32), op=op, axis=None, keepdims=False)
    big = distinct(3, 13, 37, step=0.001)
    r.add(f"{op}_large_middle", [big], fn(big, dim=1).to(torch.int32), op=op, axis=1, keepdims=False)
    r.add(f"{op}_large_last", [big], fn(big, dim=2).to(torch.int32), op=op, axis=2, keepdims=False)
r.write()

# ------------------------------------------------------------------------------------------- binary math, where, comparisons


def grid(*shape, offset=0.0):
    """Multiples of 0.1 plus an offset in [-2, 2]: two grids offset by 0.05 never tie and stay 0.05 apart."""
    return torch.tensor((RNG.integers(-20, 20, size=shape) * 0.1 + offset).astype(np.float32))


b = Cases("binary_math.json")
pairs = {
    "same": ((3, 4), (3, 4)),
    "scalar_rhs": ((2, 3), ()),
    "scalar_lhs": ((), (2, 3)),
    "row": ((4, 5), (5,)),
    "column": ((4, 1), (1, 5)),
    "middle": ((2, 1, 3), (2, 4, 1)),
}
for pname, (sa, sb) in pairs.items():
    base = rand(*sa, lo=0.5, hi=2.0)
    exponent = rand(*sb)
    b.add(f"power_{pname}", [base, exponent], torch.pow(base, exponent), op="power", grad=True)
    x, y = grid(*sa), grid(*sb, offset=0.05)
    b.add(f"maximum_{pname}", [x, y], torch.maximum(x, y), op="maximum", grad=True)
    b.add(f"minimum_{pname}", [x, y], torch.minimum(x, y), op="minimum", grad=True)

neg = torch.tensor([[-2.0, -1.5, -0.5, 0.0, 1.5]])
ints = torch.tensor([[3.0], [2.0], [0.0], [-1.0]])
b.add("power_negative_base_integer_exponent", [neg, ints], torch.pow(neg, ints), op="power", grad=False)
b.add("power_zero_to_zero", [torch.tensor([0.0, 2.0]), torch.tensor([0.0, 0.0])], torch.tensor([1.0, 1.0]), op="power", grad=False)
xs = rand(3, 4, lo=0.5, hi=2.0)
for e in (2.0, 0.5, -1.0, 3.0):
    b.add(f"power_scalar_{str(e).replace('-', 'm').replace('.', 'p')}", [xs], torch.pow(xs, e), op="power_scalar", exponent=e, grad=True)

xg = grid(3, 5, offset=0.05)
b.add("maximum_scalar_zero", [xg], torch.clamp(xg, min=0.0), op="maximum_scalar", value=0.0, grad=True)
b.add("minimum_scalar_one", [xg], torch.clamp(xg, max=1.0), op="minimum_scalar", value=1.0, grad=True)
tx = torch.tensor([1.0, 2.0, float("nan"), 3.0])
ty = torch.tensor([1.0, float("nan"), 0.5, 3.0])
b.add("maximum_ties_nan", [tx, ty], torch.maximum(tx, ty), op="maximum", grad=False)
b.add("minimum_ties_nan", [tx, ty], torch.minimum(tx, ty), op="minimum", grad=False)

for lo, hi in ((-0.5, 1.0), (0.0, 0.0), (2.0, 1.0)):
    tag = f"{lo}_{hi}".replace("-", "m").replace(".", "p")
    b.add(f"clip_{tag}", [xg], torch.clamp(xg, min=lo, max=hi), op="clip", min=lo, max=hi, grad=True)
cn = torch.tensor([-3.0, float("nan"), 0.25, 3.0, float("inf"), float("-inf")])
b.add("clip_nan_inf", [cn], torch.clamp(cn, min=-1.0, max=1.0), op="clip", min=-1.0, max=1.0, grad=False)

# where: int32 or float condition (non-zero is true, NaN too), broadcast among the three
where_cases = {
    "same_int": ((3, 4), (3, 4), (3, 4), "int"),
    "broadcast_int": ((3, 1), (1, 4), (3, 4), "int"),
    "broadcast_all": ((1, 4), (3, 1), (2, 1, 1), "int"),
    "scalar_y_float": ((2, 3), (2, 3), (), "float"),
    "scalar_condition": ((), (2, 3), (2, 3), "int"),
    "float_nan_condition": ((2, 3), (2, 3), (2, 3), "nan"),
}
for wname, (sc, sx, sy, kind) in where_cases.items():
    if kind == "int":
        cond = torch.tensor(RNG.integers(0, 2, size=sc).astype(np.int32))
    else:
        cond = torch.tensor(RNG.choice([0.0, -0.5, 2.0], size=sc).astype(np.float32))
        if kind == "nan":
            cond.view(-1)[1] = float("nan")
            cond.view(-1)[2] = 0.0
    x, y = rand(*sx), rand(*sy)
    b.add(f"where_{wname}", [cond, x, y], torch.where(cond != 0, x, y), op="where", grad=True)

# comparisons: float32 0/1 masks; ties, NaN and broadcasting; int32 operands
ca = torch.tensor([[1.0, 2.0, float("nan"), -0.0, 3.0], [0.5, 2.0, 1.0, 0.0, float("inf")]])
cb = torch.tensor([1.0, 1.5, float("nan"), 0.0, 3.0])
cmp_ops = {
    "greater": torch.gt, "greater_equal": torch.ge, "less": torch.lt,
    "less_equal": torch.le, "equal": torch.eq, "not_equal": torch.ne,
}
for cname, fn in cmp_ops.items():
    b.add(f"{cname}_broadcast_nan", [ca, cb], fn(ca, cb).float(), op=cname)
    b.add(f"{cname}_scalar", [ca], fn(ca, 1.0).float(), op=f"{cname}_scalar", value=1.0)
    xl = torch.tensor(RNG.integers(0, 4, size=(2, 5)).astype(np.int32))
    yl = torch.tensor(RNG.integers(0, 4, size=(5,)).astype(np.int32))
    b.add(f"{cname}_int32", [xl, yl], fn(xl, yl).float(), op=cname)
b.write()
