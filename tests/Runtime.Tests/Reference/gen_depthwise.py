"""Reference values for depthwise and separable convolution, computed by PyTorch (conv with groups = channels).

depthwise_ops.json: keras.ops.depthwise_conv / separable_conv, channels_last over 1, 2 and 3 spatial axes. Kernels are in
Keras's layout: depthwise (*window, channels, multiplier) with output channel c * multiplier + m, pointwise (*ones,
channels * multiplier, filters). Depthwise cases have inputs [x, kernel, dy] and outputs [y, dx, dkernel]; separable cases
inputs [x, depthwise, pointwise, dy] and outputs [y, dx, ddepthwise, dpointwise].

depthwise_layers.json: the DepthwiseConv1D/2D and SeparableConv1D/2D layers (bias, activation, channels_last and
channels_first). Inputs [x, *kernels, bias, dy], outputs [y, dx, *dkernels, dbias].

Gradients are those of sum(y * dy); 'same' padding is Keras's split (the smaller half before).
"""
import math

import torch
import torch.nn.functional as F

from refgen import Cases, rand

ops = Cases("depthwise_ops.json")
layers = Cases("depthwise_layers.json")
CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
ACTIVATIONS = {"linear": lambda t: t, "relu": torch.relu, "tanh": torch.tanh}


def same_pads(size, window, stride, dilation):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (window - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def depthwise_first(xt, kernel, strides, padding, dilation):
    """Depthwise conv of a channels_first tensor by a Keras (*window, channels, multiplier) kernel."""
    spatial = xt.dim() - 2
    channels, multiplier = kernel.shape[-2], kernel.shape[-1]
    weight = kernel.reshape(*kernel.shape[:spatial], channels * multiplier).permute(spatial, *range(spatial)).unsqueeze(1)
    pads = ()
    if padding == "same":
        for axis in reversed(range(spatial)):
            pads += same_pads(xt.shape[axis + 2], kernel.shape[axis], strides[axis], dilation[axis])
        xt = F.pad(xt, pads)
    return CONV[spatial](xt, weight, stride=strides, dilation=dilation, groups=channels)


def pointwise_first(xt, kernel):
    spatial = xt.dim() - 2
    return CONV[spatial](xt, kernel.permute(spatial + 1, spatial, *range(spatial)))


def to_first(x):
    return x.permute(0, x.dim() - 1, *range(1, x.dim() - 1))


def to_last(x):
    return x.permute(0, *range(2, x.dim()), 1)


def grads(y, wrt):
    dy = rand(*y.shape)
    return dy, list(torch.autograd.grad((y * dy).sum(), wrt))


for name, (xs, window, multiplier, strides, padding, dilation) in {
    "1d_valid": ((2, 9, 3), (3,), 1, (1,), "valid", (1,)),
    "1d_same_stride2_mult2": ((2, 8, 3), (4,), 2, (2,), "same", (1,)),
    "1d_dilated_same": ((1, 10, 2), (3,), 3, (1,), "same", (2,)),
    "2d_valid": ((2, 6, 7, 3), (3, 3), 1, (1, 1), "valid", (1, 1)),
    "2d_same_stride2_mult2": ((2, 7, 6, 3), (3, 3), 2, (2, 2), "same", (1, 1)),
    "2d_rect_dilated_same": ((1, 8, 9, 2), (3, 2), 1, (1, 1), "same", (2, 3)),
    "2d_many_channels": ((1, 5, 5, 19), (3, 3), 1, (1, 1), "same", (1, 1)),
    "2d_rect_stride_mult3": ((1, 7, 8, 4), (2, 3), 3, (2, 1), "valid", (1, 1)),
    "3d_same_mult2": ((1, 4, 5, 4, 3), (2, 3, 2), 2, (1, 2, 1), "same", (1, 1, 1)),
    "3d_valid_dilated": ((2, 5, 5, 5, 2), (2, 2, 2), 1, (1, 1, 1), "valid", (2, 1, 2)),
}.items():
    x = rand(*xs).requires_grad_()
    k = (rand(*window, xs[-1], multiplier) * 0.5).requires_grad_()
    y = to_last(depthwise_first(to_first(x), k, strides, padding, dilation))
    dy, (dx, dk) = grads(y, [x, k])
    ops.add(f"depthwise_conv_{name}", [x.detach(), k.detach(), dy], [y.detach(), dx, dk], op="depthwise_conv",
            strides=list(strides), padding=padding, dilation_rate=list(dilation))

for name, (xs, window, multiplier, filters, strides, padding, dilation) in {
    "1d_same": ((2, 8, 3), (3,), 2, 4, (1,), "same", (1,)),
    "2d_valid_stride2": ((2, 7, 7, 2), (3, 3), 1, 5, (2, 2), "valid", (1, 1)),
    "2d_same_dilated_mult2": ((1, 6, 6, 3), (3, 3), 2, 4, (1, 1), "same", (2, 2)),
}.items():
    x = rand(*xs).requires_grad_()
    dk = (rand(*window, xs[-1], multiplier) * 0.5).requires_grad_()
    pk = (rand(*(1,) * len(window), xs[-1] * multiplier, filters) * 0.5).requires_grad_()
    y = to_last(pointwise_first(depthwise_first(to_first(x), dk, strides, padding, dilation), pk))
    dy, (dx, ddk, dpk) = grads(y, [x, dk, pk])
    ops.add(f"separable_conv_{name}", [x.detach(), dk.detach(), pk.detach(), dy], [y.detach(), dx, ddk, dpk], op="separable_conv",
            strides=list(strides), padding=padding, dilation_rate=list(dilation))
ops.write()

for name, (rank, separable, xs, window, multiplier, filters, strides, padding, dilation, fmt, activation) in {
    "depthwise_conv1d_same_mult2_relu": (1, False, (2, 9, 3), (3,), 2, None, (1,), "same", (1,), "channels_last", "relu"),
    "depthwise_conv1d_channels_first_stride2": (1, False, (2, 3, 9), (2,), 1, None, (2,), "valid", (1,), "channels_first", "linear"),
    "depthwise_conv2d_valid_tanh": (2, False, (2, 6, 6, 3), (3, 3), 1, None, (1, 1), "valid", (1, 1), "channels_last", "tanh"),
    "depthwise_conv2d_same_stride2_mult2": (2, False, (1, 7, 6, 2), (3, 3), 2, None, (2, 2), "same", (1, 1), "channels_last", "linear"),
    "depthwise_conv2d_channels_first_dilated_mult3": (2, False, (1, 2, 8, 7), (3, 2), 3, None, (1, 1), "same", (2, 2), "channels_first", "tanh"),
    "separable_conv1d_same_mult2": (1, True, (2, 8, 3), (3,), 2, 4, (1,), "same", (1,), "channels_last", "relu"),
    "separable_conv1d_channels_first_dilated": (1, True, (1, 2, 10), (3,), 1, 3, (1,), "valid", (2,), "channels_first", "linear"),
    "separable_conv2d_valid_stride2": (2, True, (2, 7, 7, 2), (3, 3), 1, 5, (2, 2), "valid", (1, 1), "channels_last", "tanh"),
    "separable_conv2d_channels_first_same_mult2": (2, True, (1, 3, 6, 5), (3, 3), 2, 4, (1, 1), "same", (1, 1), "channels_first", "linear"),
}.items():
    first = fmt == "channels_first"
    channels = xs[1] if first else xs[-1]
    x = rand(*xs).requires_grad_()
    dk = (rand(*window, channels, multiplier) * 0.5).requires_grad_()
    kernels = [dk]
    if separable:
        kernels.append((rand(*(1,) * rank, channels * multiplier, filters) * 0.5).requires_grad_())
    b = rand(filters if separable else channels * multiplier).requires_grad_()
    z = depthwise_first(x if first else to_first(x), dk, strides, padding, dilation)
    if separable:
        z = pointwise_first(z, kernels[1])
    z = z + b.reshape(1, -1, *(1,) * rank)
    y = ACTIVATIONS[activation](z)
    y = y if first else to_last(y)
    dy, gradients = grads(y, [x, *kernels, b])
    args = {"kernel_size": list(window), "strides": list(strides), "padding": padding, "dilation_rate": list(dilation),
            "depth_multiplier": multiplier, "data_format": fmt, "activation": activation}
    if separable:
        args["filters"] = filters
    kind = ("SeparableConv" if separable else "DepthwiseConv") + f"{rank}D"
    layers.add(name, [x.detach(), *(k.detach() for k in kernels), b.detach(), dy], [y.detach(), *gradients], op=kind, **args)
layers.write()
