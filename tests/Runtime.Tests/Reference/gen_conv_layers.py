"""Reference values for the 2-D convolution and pooling layers (Conv2D, MaxPooling2D, AveragePooling2D, GlobalMaxPooling2D,
GlobalAveragePooling2D), channels_last, computed by PyTorch.

Conv2D cases have inputs [x, kernel (HWIO), bias, dy] and outputs [y, dx, dkernel, dbias]; pooling cases inputs [x, dy] and
outputs [y, dx]; gradients are those of sum(y * dy). 'same' padding is Keras's split (the smaller half before).
"""
import math

import torch
import torch.nn.functional as F

from refgen import Cases, rand

c = Cases("conv_layers.json")


def same_pads(size, window, stride, dilation=1):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (window - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def padding_of(x, window, strides, padding, dilation=(1, 1)):
    if padding == "valid":
        return (0, 0, 0, 0)
    top, bottom = same_pads(x.shape[1], window[0], strides[0], dilation[0])
    left, right = same_pads(x.shape[2], window[1], strides[1], dilation[1])
    return (left, right, top, bottom)


ACTIVATIONS = {"linear": lambda t: t, "relu": torch.relu, "sigmoid": torch.sigmoid}

for name, (xs, ks, strides, padding, dilation, activation) in {
    "conv2d_relu_valid": ((2, 6, 6, 2), (3, 3, 2, 4), (1, 1), "valid", (1, 1), "relu"),
    "conv2d_same_stride2_sigmoid": ((2, 7, 6, 3), (3, 3, 3, 4), (2, 2), "same", (1, 1), "sigmoid"),
    "conv2d_rect_dilated_linear": ((1, 8, 9, 2), (3, 2, 2, 3), (1, 1), "same", (2, 2), "linear"),
}.items():
    x = rand(*xs).requires_grad_()
    k = (rand(*ks) * 0.5).requires_grad_()
    b = rand(ks[3]).requires_grad_()
    xt = F.pad(x.permute(0, 3, 1, 2), padding_of(x, ks, strides, padding, dilation))
    z = F.conv2d(xt, k.permute(3, 2, 0, 1).contiguous(), bias=b, stride=strides, dilation=dilation)
    y = ACTIVATIONS[activation](z).permute(0, 2, 3, 1)
    dy = rand(*y.shape)
    dx, dk, db = torch.autograd.grad((y * dy).sum(), [x, k, b])
    c.add(name, [x.detach(), k.detach(), b.detach(), dy], [y.detach(), dx, dk, db], op="Conv2D",
          filters=ks[3], kernel_size=list(ks[:2]), strides=list(strides), padding=padding,
          dilation_rate=list(dilation), activation=activation)

for name, (kind, xs, pool, strides, padding) in {
    "max_pooling2d_default": ("MaxPooling2D", (2, 5, 7, 3), (2, 2), None, "valid"),
    "max_pooling2d_3x3_stride2_same": ("MaxPooling2D", (1, 7, 6, 2), (3, 3), (2, 2), "same"),
    "average_pooling2d_default": ("AveragePooling2D", (2, 5, 7, 3), (2, 2), None, "valid"),
    "average_pooling2d_3x2_stride1_same": ("AveragePooling2D", (1, 5, 6, 2), (3, 2), (1, 1), "same"),
}.items():
    s = strides or pool
    x = rand(*xs)
    if kind == "MaxPooling2D":
        # Distinct values 0.05 apart, so finite differences never swap a window's maximum.
        x = torch.randperm(x.numel()).reshape(xs).to(torch.float32) * 0.05 - 1.0
    x = x.requires_grad_()
    pads = padding_of(x, pool, s, padding)
    xt = x.permute(0, 3, 1, 2)
    if kind == "MaxPooling2D":
        y = F.max_pool2d(F.pad(xt, pads, value=-math.inf), pool, s)
    else:
        y = F.avg_pool2d(F.pad(xt, pads), pool, s, divisor_override=1) / \
            F.avg_pool2d(F.pad(torch.ones_like(xt), pads), pool, s, divisor_override=1)
    y = y.permute(0, 2, 3, 1)
    dy = rand(*y.shape)
    (dx,) = torch.autograd.grad((y * dy).sum(), [x])
    args = {"pool_size": list(pool), "padding": padding}
    if strides is not None:
        args["strides"] = list(strides)
    c.add(name, [x.detach(), dy], [y.detach(), dx], op=kind, **args)

for kind, reduce in (("GlobalMaxPooling2D", lambda t: t.amax(dim=(1, 2), keepdim=True)),
                     ("GlobalAveragePooling2D", lambda t: t.mean(dim=(1, 2), keepdim=True))):
    for keep in (False, True):
        x = rand(2, 4, 5, 3)
        if kind == "GlobalMaxPooling2D":
            x = torch.randperm(x.numel()).reshape(x.shape).to(torch.float32) * 0.05 - 1.0
        x = x.requires_grad_()
        y = reduce(x)
        if not keep:
            y = y.reshape(y.shape[0], y.shape[3])
        dy = rand(*y.shape)
        (dx,) = torch.autograd.grad((y * dy).sum(), [x])
        c.add(f"{kind}_{'keepdims' if keep else 'flat'}", [x.detach(), dy], [y.detach(), dx], op=kind, keepdims=keep)
c.write()
