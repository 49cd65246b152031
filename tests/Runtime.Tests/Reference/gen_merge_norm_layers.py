"""Reference values for the merge and normalization layers: Keras 3's formulas computed with PyTorch.

Each case's "op" is the Keras layer class; "args" are its constructor arguments (plus "masks": which inputs carry a mask);
"inputs" are the layer inputs followed by the masks and then the layer weights in Keras order; "outputs" are the output,
then (when the layer has a mask) the output mask, then (for BatchNormalization in training) the updated non-trainable weights.
"""
import torch
import torch.nn.functional as F

from refgen import Cases, rand

c = Cases("merge_norm_layers.json")


def bool_mask(*shape):
    m = rand(*shape, lo=0.0, hi=1.0) > 0.35
    m.view(-1)[0] = False  # at least one masked-out position
    return m


# ---------------------------------------------------------------- merge layers (no weights)


def to_same_rank(xs):
    """Keras's Merge: inputs of lower rank get size-1 axes inserted after the batch axis."""
    rank = max(x.dim() for x in xs)
    out = []
    for x in xs:
        while x.dim() < rank:
            x = x.unsqueeze(1)
        out.append(x)
    return out


def fold(fn, xs):
    out = xs[0]
    for x in xs[1:]:
        out = fn(out, x)
    return out


elementwise = {
    "Add": lambda xs: fold(torch.add, xs),
    "Multiply": lambda xs: fold(torch.mul, xs),
    "Average": lambda xs: fold(torch.add, xs) / len(xs),
    "Maximum": lambda xs: fold(torch.maximum, xs),
    "Minimum": lambda xs: fold(torch.minimum, xs),
}
for op, fn in elementwise.items():
    xs = [rand(2, 3, 4) for _ in range(3)]
    c.add(f"{op.lower()}_three", xs, [fn(xs)], op=op)
    xs = [rand(2, 3, 4), rand(2, 1, 4)]
    c.add(f"{op.lower()}_broadcast", xs, [fn(xs)], op=op)
    xs = [rand(2, 3, 4), rand(2, 4)]
    c.add(f"{op.lower()}_rank_mismatch", xs, [fn(to_same_rank(xs))], op=op)
xs = [rand(2, 5), rand(2, 5)]
c.add("subtract", xs, [xs[0] - xs[1]], op="Subtract")

for name, shapes, axis in [
    ("concatenate_last", [(2, 3), (2, 5)], -1),
    ("concatenate_three", [(2, 2), (2, 1), (2, 3)], -1),
    ("concatenate_axis1", [(2, 2, 4), (2, 3, 4)], 1),
]:
    xs = [rand(*s) for s in shapes]
    c.add(name, xs, [torch.cat(xs, dim=axis)], op="Concatenate", axis=axis)


def batch_dot(x, y, a0, a1):
    """Keras's batch_dot for a single contraction axis per input: (batch, x-rest..., y-rest...), at least (batch, 1)."""
    xl = "abcdefgh"[: x.dim()]
    yl = "a" + "ijklmnop"[: y.dim() - 1]
    yl = yl[:a1] + xl[a0] + yl[a1 + 1:]
    rest = [ch for i, ch in enumerate(xl) if i != a0] + [ch for i, ch in enumerate(yl) if i not in (0, a1)]
    out = torch.einsum(f"{xl},{yl}->{''.join(rest)}", x, y)
    return out.unsqueeze(1) if out.dim() == 1 else out


def l2_normalize(x, axis):
    """Keras's ops.normalize(order=2): x * min(rsqrt(sum(x²)), 1 / 1e-7)."""
    inv = torch.rsqrt((x * x).sum(dim=axis, keepdim=True))
    return x * torch.clamp(inv, max=1e7)


for name, sx, sy, axes, normalize in [
    ("dot_vectors", (2, 5), (2, 5), 1, False),
    ("dot_axes_1_2", (2, 3, 5), (2, 4, 3), [1, 2], False),
    ("dot_rank2_rank3", (2, 4), (2, 4, 3), [1, 1], False),
    ("dot_rank3_rank2", (2, 3, 4), (2, 4), -1, False),
    ("dot_rank4", (2, 3, 2, 4), (2, 4, 5), [3, 1], False),
    ("dot_normalize", (2, 3, 4), (2, 3, 4), 2, True),
    ("dot_normalize_vectors", (3, 6), (3, 6), -1, True),
]:
    x, y = rand(*sx), rand(*sy)
    if isinstance(axes, int):
        a0, a1 = axes % x.dim(), axes % y.dim()
    else:
        a0, a1 = axes
    if normalize:
        xn, yn = l2_normalize(x, a0), l2_normalize(y, a1)
    else:
        xn, yn = x, y
    c.add(name, [x, y], [batch_dot(xn, yn, a0, a1)], op="Dot", axes=axes, normalize=normalize)


# Masked merges (masks over (batch, time), inputs (batch, time, features)): Keras's merge formulas with torch.where.
def merge_skipping_masked(fn, xs, masks):
    """Keras's _apply_merge_op_and_or_mask (Maximum, Minimum)."""
    output, output_mask = xs[0], None if masks[0] is None else masks[0].unsqueeze(-1).expand_as(xs[0])
    for x, m in zip(xs[1:], masks[1:]):
        m = None if m is None else m.unsqueeze(-1).expand_as(x)
        if m is not None:
            x = torch.where(m, x, output)
        if output_mask is not None:
            output = torch.where(output_mask, output, x)
        output_mask = (output_mask | m) if (m is not None and output_mask is not None) else None
        output = fn(output, x)
    return output


def multiply_masked(xs, masks):
    has_output_mask = all(m is not None for m in masks)
    output, output_mask = None, None
    for x, m in zip(xs, masks):
        if m is not None:
            m = m.unsqueeze(-1).expand_as(x)
            x = torch.where(m, x, torch.ones_like(x))
            if has_output_mask:
                output_mask = m if output_mask is None else (output_mask | m)
        output = x if output is None else output * x
    if has_output_mask:
        output = torch.where(output_mask, output, torch.zeros_like(output))
    return output


def or_masks(masks):
    return fold(torch.logical_or, masks)


xs = [rand(2, 3, 4), rand(2, 3, 4)]
ms = [bool_mask(2, 3), bool_mask(2, 3)]
c.add("add_masked", xs + ms, [xs[0] + xs[1], or_masks(ms)], op="Add", masks=[0, 1])
c.add("maximum_masked", xs + ms, [merge_skipping_masked(torch.maximum, xs, ms), or_masks(ms)], op="Maximum", masks=[0, 1])
c.add("minimum_one_masked", xs + ms[:1], [merge_skipping_masked(torch.minimum, xs, [ms[0], None])], op="Minimum", masks=[0])
c.add("multiply_masked", xs + ms, [multiply_masked(xs, ms), or_masks(ms)], op="Multiply", masks=[0, 1])
c.add("multiply_one_masked", xs + ms[:1], [multiply_masked(xs, [ms[0], None])], op="Multiply", masks=[0])
xs = [rand(2, 3, 4), rand(2, 2, 4)]
m = bool_mask(2, 3)
concat_mask = torch.cat([m.unsqueeze(-1).expand(2, 3, 4), torch.ones(2, 2, 4, dtype=torch.bool)], dim=1).any(dim=-1)
c.add("concatenate_masked", xs + [m], [torch.cat(xs, dim=1), concat_mask], op="Concatenate", axis=1, masks=[0])


# ---------------------------------------------------------------- normalization layers (weights set to known values)

EPS = 1e-3


def channels_first(x, axis):
    """Moves `axis` to position 1, where torch's batch_norm/group_norm expect the channels."""
    return x.movedim(axis, 1)


def bn_weights(channels, center=True, scale=True):
    w = []
    if scale:
        w.append(rand(channels, lo=0.5, hi=1.5))
    if center:
        w.append(rand(channels, lo=-0.5, hi=0.5))
    w.append(rand(channels, lo=-0.3, hi=0.3))  # moving_mean
    w.append(rand(channels, lo=0.5, hi=1.5))  # moving_variance
    return w


for name, shape, axis, center, scale, momentum in [
    ("bn_dense", (6, 3), -1, True, True, 0.99),
    ("bn_channels_last", (3, 4, 4, 2), -1, True, True, 0.9),
    ("bn_channels_first", (3, 2, 4, 5), 1, True, True, 0.99),
    ("bn_no_center_no_scale", (5, 4), -1, False, False, 0.99),
    ("bn_scale_only", (5, 4), -1, False, True, 0.8),
]:
    x = rand(*shape)
    weights = bn_weights(shape[axis], center, scale)
    gamma = weights[0] if scale else None
    beta = weights[1 if scale else 0] if center else None
    mm, mv = weights[-2], weights[-1]
    xc = channels_first(x, axis)
    train = F.batch_norm(xc, mm.clone(), mv.clone(), gamma, beta, training=True, eps=EPS).movedim(1, axis)
    reduce = [d for d in range(x.dim()) if d != axis % x.dim()]
    mean = x.mean(dim=reduce)
    var = x.var(dim=reduce, unbiased=False)
    new_mm = mm * momentum + mean * (1 - momentum)
    new_mv = mv * momentum + var * (1 - momentum)  # Keras 3 uses the biased batch variance
    c.add(name + "_training", [x] + weights, [train, new_mm, new_mv], op="BatchNormalization",
          axis=axis, center=center, scale=scale, momentum=momentum, training=True)
    infer = F.batch_norm(xc, mm, mv, gamma, beta, training=False, eps=EPS).movedim(1, axis)
    c.add(name + "_inference", [x] + weights, [infer], op="BatchNormalization",
          axis=axis, center=center, scale=scale, momentum=momentum, training=False)

# Several axes at once: statistics over the remaining axes, weights of shape (dims of the axes).
x = rand(4, 3, 2, 5)
weights = [rand(3, 2, lo=0.5, hi=1.5), rand(3, 2, lo=-0.5, hi=0.5), rand(3, 2, lo=-0.3, hi=0.3), rand(3, 2, lo=0.5, hi=1.5)]
mean = x.mean(dim=(0, 3), keepdim=True)
var = x.var(dim=(0, 3), unbiased=False, keepdim=True)
g, b = weights[0].view(1, 3, 2, 1), weights[1].view(1, 3, 2, 1)
y = g * (x - mean) / torch.sqrt(var + EPS) + b
c.add("bn_axis_list_training", [x] + weights,
      [y, weights[2] * 0.99 + mean.view(3, 2) * 0.01, weights[3] * 0.99 + var.view(3, 2) * 0.01],
      op="BatchNormalization", axis=[1, 2], center=True, scale=True, momentum=0.99, training=True)

# A mask over (batch, time) excludes padded steps from the batch statistics (Keras's masked moments).
x = rand(3, 4, 2)
mask = bool_mask(3, 4)
weights = bn_weights(2)
w = mask.float().unsqueeze(-1).expand_as(x)
total = w.sum(dim=(0, 1), keepdim=True) + 1e-7
mean = (w * x).sum(dim=(0, 1), keepdim=True) / total
var = (w * (w * x - mean) ** 2).sum(dim=(0, 1), keepdim=True) / total
y = weights[0] * (x - mean) / torch.sqrt(var + EPS) + weights[1]
c.add("bn_masked_training", [x, mask] + weights,
      [y, mask, weights[2] * 0.99 + mean.view(2) * 0.01, weights[3] * 0.99 + var.view(2) * 0.01],
      op="BatchNormalization", axis=-1, center=True, scale=True, momentum=0.99, training=True, masks=[0])

# Batch renormalization (Keras 3.15): r, d corrections from the renorm statistics, then every statistic updated.
for name, clipping in [("bn_renorm_training", {"rmax": 1.2, "rmin": 0.9, "dmax": 0.1}), ("bn_renorm_unclipped", {})]:
    x = rand(6, 3)
    gamma, beta = rand(3, lo=0.5, hi=1.5), rand(3, lo=-0.5, hi=0.5)
    mm, mv = rand(3, lo=-0.3, hi=0.3), rand(3, lo=0.5, hi=1.5)
    ms = torch.sqrt(mv)
    rmean, rstd = rand(3, lo=-0.3, hi=0.3), rand(3, lo=0.6, hi=1.4)
    mean, var = x.mean(dim=0), x.var(dim=0, unbiased=False)
    std = torch.sqrt(var + EPS)
    rstd_safe = torch.clamp(rstd, min=EPS ** 0.5)
    r, d = std / rstd_safe, (mean - rmean) / rstd_safe
    if "rmin" in clipping:
        r = torch.clamp(r, min=clipping["rmin"])
    if "rmax" in clipping:
        r = torch.clamp(r, max=clipping["rmax"])
    if "dmax" in clipping:
        d = torch.clamp(d, -clipping["dmax"], clipping["dmax"])
    y = (x - mean) / std * (r * gamma) + (d * gamma + beta)
    momentum, renorm_momentum = 0.9, 0.8
    new_ms = ms * momentum + std * (1 - momentum)
    outputs = [y, mm * momentum + mean * (1 - momentum), torch.relu(new_ms * new_ms - EPS), new_ms,
               rmean * renorm_momentum + mean * (1 - renorm_momentum), rstd * renorm_momentum + std * (1 - renorm_momentum)]
    c.add(name, [x, gamma, beta, mm, mv, ms, rmean, rstd], outputs, op="BatchNormalization", axis=-1, center=True, scale=True,
          momentum=momentum, renorm=True, renorm_clipping=clipping, renorm_momentum=renorm_momentum, training=True)

for name, shape, axis, center, scale in [
    ("ln_last", (3, 5), -1, True, True),
    ("ln_sequence", (2, 3, 6), -1, True, True),
    ("ln_two_axes", (2, 3, 4), [1, 2], True, True),
    ("ln_middle_axis", (2, 3, 4), [1], True, True),
    ("ln_no_center", (3, 5), -1, False, True),
]:
    x = rand(*shape)
    axes = [axis] if isinstance(axis, int) else axis
    wshape = tuple(shape[a] for a in axes)
    weights = ([rand(*wshape, lo=0.5, hi=1.5)] if scale else []) + ([rand(*wshape, lo=-0.5, hi=0.5)] if center else [])
    gamma = weights[0] if scale else None
    beta = weights[-1] if center else None
    if axes == list(range(len(shape) - len(axes), len(shape))) or axes == [-1]:
        y = F.layer_norm(x, wshape, gamma, beta, eps=EPS)
    else:
        bshape = [1] * len(shape)
        for a in axes:
            bshape[a] = shape[a]
        mean = x.mean(dim=axes, keepdim=True)
        var = x.var(dim=axes, unbiased=False, keepdim=True)
        y = (x - mean) / torch.sqrt(var + EPS) * gamma.view(bshape) + beta.view(bshape)
    c.add(name, [x] + weights, [y], op="LayerNormalization", axis=axis, center=center, scale=scale, rms_scaling=False)

x = rand(3, 6)
gamma = rand(6, lo=0.5, hi=1.5)
y = x * torch.rsqrt(x.var(dim=-1, unbiased=False, keepdim=True) + EPS) * gamma  # Keras 3's rms_scaling uses the variance
c.add("ln_rms_scaling", [x, gamma], [y], op="LayerNormalization", axis=-1, center=True, scale=True, rms_scaling=True)

for name, shape, groups, axis in [
    ("gn_channels_last", (2, 3, 3, 6), 3, -1),
    ("gn_sequence", (2, 5, 4), 2, -1),
    ("gn_channels_first", (2, 6, 5), 2, 1),
    ("gn_instance", (2, 5, 4), -1, -1),
    ("gn_layer", (2, 5, 4), 1, -1),
]:
    x = rand(*shape)
    channels = shape[axis]
    gamma, beta = rand(channels, lo=0.5, hi=1.5), rand(channels, lo=-0.5, hi=0.5)
    g = channels if groups == -1 else groups
    y = F.group_norm(channels_first(x, axis), g, gamma, beta, eps=EPS).movedim(1, axis)
    c.add(name, [x, gamma, beta], [y], op="GroupNormalization", groups=groups, axis=axis)

for name, shape, axis in [
    ("unit_last", (3, 5), -1),
    ("unit_two_axes", (2, 3, 4), [1, 2]),
    ("unit_first", (2, 4, 3), 1),
    ("unit_zero_sample", (3, 5), -1),
]:
    x = rand(*shape)
    if name == "unit_zero_sample":
        x[1] = 0.0  # a zero sample stays zero: the squared norm is clamped to 1e-12 (no gradient check: the clamp's kink is at 0)
    axes = [axis] if isinstance(axis, int) else axis
    y = x * torch.rsqrt(torch.clamp((x * x).sum(dim=axes, keepdim=True), min=1e-12))
    c.add(name, [x], [y], op="UnitNormalization", axis=axis)

c.write()
