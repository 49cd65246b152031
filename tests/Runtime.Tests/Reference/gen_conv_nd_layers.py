"""Reference values for the Conv1D, Conv2D and Conv3D layers over padding (valid, same, causal), strides, dilation, groups and
data_format, computed by PyTorch (conv_ref.py maps Keras's layouts and padding onto torch.nn.functional.conv1d/2d/3d).

Each case has inputs [x, kernel (Keras layout), bias, dy] and outputs [y, dx, dkernel, dbias], the gradients being those of
sum(y * dy), y = activation(conv(x) + bias).
"""
import torch

from conv_ref import conv, from_torch, to_torch
from refgen import Cases, rand

c = Cases("conv_nd_layers.json")

ACTIVATIONS = {"linear": lambda t: t, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}

# name: (class, input shape in its data format, kernel window, filters, strides, padding, dilation, groups, data_format, activation)
CASES = {
    "conv1d_valid_relu": ("Conv1D", (2, 9, 4), (3,), 6, (1,), "valid", (1,), 1, "channels_last", "relu"),
    "conv1d_same_stride2": ("Conv1D", (2, 9, 3), (4,), 5, (2,), "same", (1,), 1, "channels_last", "linear"),
    "conv1d_causal_dilated": ("Conv1D", (2, 10, 3), (3,), 4, (1,), "causal", (2,), 1, "channels_last", "tanh"),
    "conv1d_causal_groups_stride2": ("Conv1D", (1, 9, 4), (2,), 4, (2,), "causal", (1,), 2, "channels_last", "linear"),
    "conv1d_groups_channels_first": ("Conv1D", (2, 4, 9), (3,), 6, (1,), "valid", (1,), 2, "channels_first", "linear"),
    "conv1d_causal_channels_first": ("Conv1D", (1, 3, 7), (3,), 2, (1,), "causal", (1,), 1, "channels_first", "linear"),
    "conv2d_groups_same_stride2": ("Conv2D", (2, 7, 6, 4), (3, 3), 6, (2, 2), "same", (1, 1), 2, "channels_last", "linear"),
    "conv2d_channels_first_dilated_same": ("Conv2D", (1, 3, 8, 7), (3, 2), 4, (1, 1), "same", (2, 1), 1, "channels_first", "relu"),
    "conv2d_depthwise_groups_sigmoid": ("Conv2D", (1, 5, 5, 3), (3, 3), 6, (1, 1), "valid", (1, 1), 3, "channels_last", "sigmoid"),
    "conv2d_channels_first_groups_stride": ("Conv2D", (1, 4, 7, 7), (3, 3), 4, (2, 1), "valid", (1, 1), 2, "channels_first", "linear"),
    "conv3d_valid": ("Conv3D", (2, 4, 5, 5, 2), (3, 3, 3), 3, (1, 1, 1), "valid", (1, 1, 1), 1, "channels_last", "linear"),
    "conv3d_same_stride2_groups": ("Conv3D", (1, 5, 4, 6, 4), (3, 2, 3), 4, (2, 2, 1), "same", (1, 1, 1), 2, "channels_last", "relu"),
    "conv3d_channels_first_dilated": ("Conv3D", (1, 2, 5, 6, 5), (2, 2, 2), 3, (1, 1, 1), "same", (2, 2, 2), 1, "channels_first", "tanh"),
}

for name, (kind, xs, window, filters, strides, padding, dilation, groups, data_format, activation) in CASES.items():
    x = rand(*xs).requires_grad_()
    channels = xs[1] if data_format == "channels_first" else xs[-1]
    k = (rand(*window, channels // groups, filters) * 0.5).requires_grad_()
    b = rand(filters).requires_grad_()
    z = conv(to_torch(x, data_format), k, strides, padding, dilation, groups)
    z = z + b.reshape(1, filters, *([1] * len(window)))
    y = from_torch(ACTIVATIONS[activation](z), data_format)
    dy = rand(*y.shape)
    dx, dk, db = torch.autograd.grad((y * dy).sum(), [x, k, b])
    c.add(name, [x.detach(), k.detach(), b.detach(), dy], [y.detach(), dx, dk, db], op=kind,
          filters=filters, kernel_size=list(window), strides=list(strides), padding=padding, dilation_rate=list(dilation),
          groups=groups, data_format=data_format, activation=activation)
c.write()
