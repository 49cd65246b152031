"""Reference values for the Core and Regularization layers (PyTorch): each case computes the Keras 3 layer's formula with
torch ops on fixed inputs (and fixed weights, which the tests set with SetWeights)."""

import torch
import torch.nn.functional as F

from refgen import Cases, rand, randint

c = Cases("core_layers.json")

# Activation: the layer applies keras.activations.get(name) ("gelu" is exact there).
x = rand(2, 3, 4, lo=-3.0, hi=3.0)
for name, fn in {
    "relu": F.relu,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "selu": F.selu,
    "gelu": lambda t: F.gelu(t, approximate="none"),
    "softmax": lambda t: torch.softmax(t, dim=-1),
    "softplus": F.softplus,
}.items():
    c.add(f"activation_{name}", [x], fn(x), op="activation", activation=name)

# Flatten: channels_first moves the channel axis last before flattening.
for shape, fmt in [((2, 3, 4, 5), "channels_last"), ((2, 3, 4, 5), "channels_first"), ((2, 3, 4), "channels_first"),
                   ((3, 4), "channels_first"), ((4,), "channels_last")]:
    t = rand(*shape)
    if fmt == "channels_first" and t.dim() > 2:
        t_last = t.permute(0, *range(2, t.dim()), 1)
    else:
        t_last = t
    out = t_last.reshape(shape[0], -1)
    c.add(f"flatten_{'x'.join(map(str, shape))}_{fmt}", [t], out, op="flatten", data_format=fmt)

# Reshape: the target excludes the batch axis; one entry may be -1.
for shape, target in [((2, 12), (3, 4)), ((2, 3, 4), (-1, 2)), ((2, 6), (2, -1, 3)), ((3, 2, 2), (4,))]:
    t = rand(*shape)
    c.add(f"reshape_{'x'.join(map(str, shape))}_to_{'x'.join(map(str, target))}", [t], t.reshape(shape[0], *target),
          op="reshape", target_shape=list(target))

# Permute: 1-based dims over the sample axes.
for shape, dims in [((2, 3, 4), (2, 1)), ((2, 3, 4, 5), (3, 1, 2)), ((2, 3, 4, 5), (1, 2, 3))]:
    t = rand(*shape)
    c.add(f"permute_{'x'.join(map(str, shape))}_{''.join(map(str, dims))}", [t], t.permute(0, *dims), op="permute", dims=list(dims))

# RepeatVector: (batch, features) -> (batch, n, features).
t = rand(2, 3)
c.add("repeat_vector_4", [t], t.unsqueeze(1).repeat(1, 4, 1), op="repeat_vector", n=4)

# Masking: a timestep is masked when all its features equal mask_value; masked timesteps are zeroed.
for mask_value in (0.0, -1.0):
    t = rand(2, 5, 3)
    t[0, 1, :] = mask_value
    t[1, 3, :] = mask_value
    t[1, 4, 0] = mask_value  # only one feature equal: not masked
    keep = (t != mask_value).any(dim=-1)
    c.add(f"masking_{mask_value:g}", [t], [t * keep.unsqueeze(-1).to(t.dtype), keep.to(torch.float32)], op="masking",
          mask_value=mask_value)

# Embedding: row lookup in the (input_dim, output_dim) matrix; with mask_zero the mask is indices != 0.
weights = rand(10, 4)
indices = randint(0, 10, 2, 5)
indices[0, 3:] = 0
c.add("embedding", [indices, weights], [F.embedding(indices.long(), weights), (indices != 0).to(torch.float32)],
      op="embedding", input_dim=10, output_dim=4)
indices1 = randint(0, 10, 6)
c.add("embedding_rank1", [indices1, weights], [F.embedding(indices1.long(), weights), (indices1 != 0).to(torch.float32)],
      op="embedding", input_dim=10, output_dim=4)

# ActivityRegularization: the output is the input; the loss is l1 * sum|x| + l2 * sum x^2.
t = rand(3, 4)
for l1, l2 in [(0.01, 0.0), (0.0, 0.02), (0.05, 0.1)]:
    loss = l1 * t.abs().sum() + l2 * t.square().sum()
    c.add(f"activity_regularization_{l1:g}_{l2:g}", [t], [t, loss], op="activity_regularization", l1=l1, l2=l2)

# AlphaDropout: a kept element becomes a*x + b, a dropped one a*alpha' + b (Keras's affine correction, in float64).
alpha = 1.6732632423543772848170429916717
scale = 1.0507009873554804934193349852946
alpha_p = -alpha * scale
t = rand(4, 6, lo=-3.0, hi=3.0)
for rate in (0.1, 0.5):
    a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
    b = -a * alpha_p * rate
    kept = a * t.double() + b
    dropped = torch.full_like(t, a * alpha_p + b, dtype=torch.float64)
    c.add(f"alpha_dropout_{rate:g}", [t], [kept, dropped], op="alpha_dropout", rate=rate)

c.write()
