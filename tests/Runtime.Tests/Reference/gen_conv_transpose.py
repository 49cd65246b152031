"""Reference values for keras.ops.conv_transpose and the Conv1DTranspose, Conv2DTranspose and Conv3DTranspose layers, computed
by PyTorch's conv_transpose1d/2d/3d cropped to Keras's output lengths (conv_ref.py).

Op cases ("op_*", channels_last) have inputs [x, kernel, dy] and outputs [y, dx, dkernel]; layer cases inputs [x, kernel,
bias, dy] and outputs [y, dx, dkernel, dbias], y = activation(conv_transpose(x) + bias). Gradients are those of sum(y * dy).
"""
import torch

from conv_ref import conv_transpose, from_torch, to_torch
from refgen import Cases, rand

c = Cases("conv_transpose.json")

# name: (input shape channels_last, kernel window, filters, strides, padding, output_padding, dilation)
OPS = {
    "op_1d_valid": ((2, 5, 3), (3,), 4, (1,), "valid", None, (1,)),
    "op_1d_same_stride2": ((2, 5, 3), (3,), 2, (2,), "same", None, (1,)),
    "op_1d_same_even_kernel_stride3": ((1, 4, 2), (4,), 3, (3,), "same", None, (1,)),
    "op_1d_valid_kernel_below_stride": ((1, 4, 2), (2,), 2, (3,), "valid", None, (1,)),
    "op_1d_valid_output_padding": ((1, 4, 2), (3,), 2, (2,), "valid", (1,), (1,)),
    "op_1d_same_output_padding": ((1, 4, 2), (4,), 2, (2,), "same", (1,), (1,)),
    "op_1d_same_output_padding_zero": ((1, 4, 2), (3,), 2, (2,), "same", (0,), (1,)),
    "op_1d_same_dilated": ((1, 6, 2), (3,), 2, (1,), "same", None, (2,)),
    "op_2d_same_stride2": ((2, 3, 4, 3), (3, 3), 4, (2, 2), "same", None, (1, 1)),
    "op_2d_mixed_output_padding": ((1, 3, 3, 2), (3, 2), 2, (2, 3), "same", (1, 0), (1, 1)),
    "op_2d_valid_dilated": ((1, 3, 4, 2), (3, 3), 2, (1, 1), "valid", None, (2, 1)),
    "op_3d_same_stride2": ((1, 2, 3, 2, 2), (3, 3, 3), 2, (2, 2, 2), "same", None, (1, 1, 1)),
    "op_3d_valid_strides": ((1, 2, 2, 3, 2), (2, 2, 2), 3, (1, 2, 1), "valid", None, (1, 1, 1)),
}

for name, (xs, window, filters, strides, padding, output_padding, dilation) in OPS.items():
    x = rand(*xs).requires_grad_()
    k = (rand(*window, filters, xs[-1]) * 0.5).requires_grad_()
    y = from_torch(conv_transpose(to_torch(x, "channels_last"), k, strides, padding, output_padding, dilation), "channels_last")
    dy = rand(*y.shape)
    dx, dk = torch.autograd.grad((y * dy).sum(), [x, k])
    args = {"strides": list(strides), "padding": padding, "dilation_rate": list(dilation)}
    if output_padding is not None:
        args["output_padding"] = list(output_padding)
    c.add(name, [x.detach(), k.detach(), dy], [y.detach(), dx, dk], op="conv_transpose", **args)

ACTIVATIONS = {"linear": lambda t: t, "relu": torch.relu, "tanh": torch.tanh}

# name: (class, input shape in its data format, window, filters, strides, padding, output_padding, dilation, data_format, activation)
LAYERS = {
    "conv1d_transpose_same_stride2_relu": ("Conv1DTranspose", (2, 5, 3), (3,), 4, (2,), "same", None, (1,), "channels_last", "relu"),
    "conv1d_transpose_channels_first_dilated": ("Conv1DTranspose", (1, 3, 6), (3,), 2, (1,), "same", None, (2,), "channels_first", "linear"),
    "conv2d_transpose_valid_stride2": ("Conv2DTranspose", (2, 3, 4, 2), (3, 3), 3, (2, 2), "valid", None, (1, 1), "channels_last", "tanh"),
    "conv2d_transpose_channels_first_output_padding": ("Conv2DTranspose", (1, 2, 3, 3), (3, 2), 2, (2, 3), "same", (1, 0), (1, 1), "channels_first", "linear"),
    "conv3d_transpose_same_stride2": ("Conv3DTranspose", (1, 2, 3, 2, 2), (3, 3, 3), 2, (2, 2, 2), "same", None, (1, 1, 1), "channels_last", "linear"),
    "conv3d_transpose_channels_first_valid": ("Conv3DTranspose", (1, 2, 2, 3, 2), (2, 2, 2), 3, (1, 2, 1), "valid", None, (1, 1, 1), "channels_first", "relu"),
}

for name, (kind, xs, window, filters, strides, padding, output_padding, dilation, data_format, activation) in LAYERS.items():
    x = rand(*xs).requires_grad_()
    channels = xs[1] if data_format == "channels_first" else xs[-1]
    k = (rand(*window, filters, channels) * 0.5).requires_grad_()
    b = rand(filters).requires_grad_()
    z = conv_transpose(to_torch(x, data_format), k, strides, padding, output_padding, dilation)
    z = z + b.reshape(1, filters, *([1] * len(window)))
    y = from_torch(ACTIVATIONS[activation](z), data_format)
    dy = rand(*y.shape)
    dx, dk, db = torch.autograd.grad((y * dy).sum(), [x, k, b])
    args = {"filters": filters, "kernel_size": list(window), "strides": list(strides), "padding": padding,
            "dilation_rate": list(dilation), "data_format": data_format, "activation": activation}
    if output_padding is not None:
        args["output_padding"] = list(output_padding)
    c.add(name, [x.detach(), k.detach(), b.detach(), dy], [y.detach(), dx, dk, db], op=kind, **args)
c.write()
