"""Reference values for the pooling layers over 1, 2 and 3 spatial axes (MaxPooling1D/2D/3D, AveragePooling1D/2D/3D,
GlobalMaxPooling1D/2D/3D, GlobalAveragePooling1D/2D/3D), channels_last and channels_first, computed by PyTorch.

PyTorch pools channels_first (N, C, *spatial) tensors natively; channels_last cases permute around it. 'same' padding is
Keras's split (the smaller half before): -inf for max pooling, and average pooling divides each window's sum by its count of
in-input elements, as Keras does. Each case has inputs [x, dy] (plus a (batch, steps) 0/1 mask for the masked
GlobalAveragePooling1D case) and outputs [y, dx], dx being the gradient of sum(y * dy).
"""
import math

import torch
import torch.nn.functional as F

from refgen import Cases, rand

c = Cases("pooling_layers.json")


def same_pads(size, window, stride):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def to_first(x):
    return x.permute(0, x.dim() - 1, *range(1, x.dim() - 1))


def to_last(x):
    return x.permute(0, *range(2, x.dim()), 1)


def pool(max_pool, xt, pool_size, strides, padding):
    """Pooling of a channels_first tensor with Keras's semantics."""
    spatial = xt.dim() - 2
    pads = (0, 0) * spatial
    if padding == "same":
        pads = ()
        for axis in reversed(range(spatial)):
            pads += same_pads(xt.shape[axis + 2], pool_size[axis], strides[axis])
    if max_pool:
        fn = (F.max_pool1d, F.max_pool2d, F.max_pool3d)[spatial - 1]
        return fn(F.pad(xt, pads, value=-math.inf), pool_size, strides)
    # Sums over windows by a ones kernel (avg_pool1d has no divisor_override), divided by the in-input counts.
    fn = (F.conv1d, F.conv2d, F.conv3d)[spatial - 1]
    channels = xt.shape[1]
    ones = torch.ones(channels, 1, *pool_size)
    sums = fn(F.pad(xt, pads), ones, stride=strides, groups=channels)
    counts = fn(F.pad(torch.ones_like(xt), pads), ones, stride=strides, groups=channels)
    return sums / counts


def distinct(shape):
    # Distinct values 0.05 apart, so finite differences (step 0.01) never swap a window's maximum.
    return torch.randperm(math.prod(shape)).reshape(shape).to(torch.float32) * 0.05 - 1.0


def add(name, layer, x, forward, inputs_after=(), **args):
    x = x.requires_grad_()
    y = forward(x)
    dy = rand(*y.shape)
    (dx,) = torch.autograd.grad((y * dy).sum(), [x])
    c.add(name, [x.detach(), dy, *inputs_after], [y.detach(), dx], op=layer, **args)


for name, (dims, xs, pool_size, strides, padding, fmt) in {
    "1d_default": (1, (2, 9, 3), (2,), None, "valid", "channels_last"),
    "1d_3_stride2_same": (1, (2, 8, 2), (3,), (2,), "same", "channels_last"),
    "1d_channels_first_same": (1, (2, 3, 7), (2,), (1,), "same", "channels_first"),
    "2d_default": (2, (2, 5, 7, 3), (2, 2), None, "valid", "channels_last"),
    "2d_3x2_stride1_same": (2, (1, 5, 6, 2), (3, 2), (1, 1), "same", "channels_last"),
    "2d_channels_first": (2, (2, 3, 6, 5), (2, 2), None, "valid", "channels_first"),
    "2d_channels_first_3x3_stride2_same": (2, (1, 2, 7, 6), (3, 3), (2, 2), "same", "channels_first"),
    "3d_default": (3, (2, 4, 5, 4, 2), (2, 2, 2), None, "valid", "channels_last"),
    "3d_rect_same": (3, (1, 5, 4, 6, 3), (3, 2, 2), (2, 1, 2), "same", "channels_last"),
    "3d_channels_first_same": (3, (1, 2, 4, 5, 3), (2, 2, 2), (1, 2, 2), "same", "channels_first"),
}.items():
    s = strides or pool_size
    for kind in ("Max", "Average"):
        is_max = kind == "Max"
        x = distinct(xs) if is_max else rand(*xs)
        first = fmt == "channels_first"
        forward = (lambda t, m=is_max: pool(m, t, pool_size, s, padding)) if first else \
            (lambda t, m=is_max: to_last(pool(m, to_first(t), pool_size, s, padding)))
        args = {"pool_size": list(pool_size), "padding": padding, "data_format": fmt}
        if strides is not None:
            args["strides"] = list(strides)
        add(f"{kind.lower()}_pooling{name}", f"{kind}Pooling{dims}D", x, forward, **args)

for dims, xs in ((1, (2, 5, 3)), (2, (2, 4, 5, 3)), (3, (2, 3, 4, 2, 3))):
    for kind in ("Max", "Average"):
        for fmt in ("channels_last", "channels_first"):
            for keep in (False, True):
                x = distinct(xs) if kind == "Max" else rand(*xs)
                axes = tuple(range(1, dims + 1)) if fmt == "channels_last" else tuple(range(2, dims + 2))
                reduce = (lambda t, a=axes, k=keep: t.amax(dim=a, keepdim=k)) if kind == "Max" else \
                    (lambda t, a=axes, k=keep: t.mean(dim=a, keepdim=k))
                add(f"global_{kind.lower()}_pooling{dims}d_{fmt}_{'keepdims' if keep else 'flat'}", f"Global{kind}Pooling{dims}D",
                    x, reduce, data_format=fmt, keepdims=keep)

# Keras's masked mean: where(mask, x, 0) summed over steps, divided by the number of unmasked steps.
mask = torch.tensor([[1, 1, 0, 1, 0, 0], [1, 1, 1, 1, 1, 1], [0, 1, 0, 0, 0, 0]], dtype=torch.float32)
for fmt, xs, axis in (("channels_last", (3, 6, 4), 1), ("channels_first", (3, 4, 6), 2)):
    for keep in (False, True):
        m = mask.unsqueeze(2 if fmt == "channels_last" else 1)
        add(f"global_average_pooling1d_masked_{fmt}_{'keepdims' if keep else 'flat'}", "GlobalAveragePooling1D", rand(*xs),
            lambda t, m=m, a=axis, k=keep: torch.where(m.bool(), t, 0).sum(a, keepdim=k) / m.sum(a, keepdim=k),
            inputs_after=(mask,), data_format=fmt, keepdims=keep)
c.write()
