"""Reference values for Bidirectional(LSTM/GRU) computed by PyTorch.

Each direction's weights are drawn in Keras 3's layout (kernel (input, gates*units), recurrent_kernel (units, gates*units),
bias; GRU reset_after with a (2, 3*units) bias) and converted to torch's (transposed; GRU gates reordered from Keras's
z, r, h to torch's r, z, n). Each direction runs with Keras's masking rule (a masked step keeps the previous states and
output); unmasked runs are cross-checked against torch's bidirectional nn.LSTM / nn.GRU. The backward sequence is put back in
time order before merging, as Keras does. Outputs: the merged output(s), then the forward states, then the backward states.
"""
import torch

from refgen import Cases, rand

c = Cases("bidirectional.json")
B, T, F, U = 2, 4, 3, 3


def gru_to_torch(w):
    # Keras z, r, h -> torch r, z, n along the last axis
    return torch.cat([w[..., U:2 * U], w[..., :U], w[..., 2 * U:]], dim=-1)


def torch_weights(kind, kernel, rk, bias):
    if kind == "lstm":
        return kernel.T.clone(), rk.T.clone(), bias.clone(), torch.zeros(4 * U)
    return gru_to_torch(kernel).T.clone(), gru_to_torch(rk).T.clone(), gru_to_torch(bias[0]).clone(), gru_to_torch(bias[1]).clone()


def run(kind, weights, x, mask, backwards):
    cell = torch.nn.LSTMCell(F, U) if kind == "lstm" else torch.nn.GRUCell(F, U)
    cell.weight_ih.data, cell.weight_hh.data, cell.bias_ih.data, cell.bias_hh.data = torch_weights(kind, *weights)
    states = [torch.zeros(B, U) for _ in range(2 if kind == "lstm" else 1)]
    prev = torch.zeros(B, U)
    outs = []
    for t in (range(T - 1, -1, -1) if backwards else range(T)):
        new = list(cell(x[:, t], tuple(states))) if kind == "lstm" else [cell(x[:, t], states[0])]
        out = new[0]
        if mask is not None:
            m = mask[:, t:t + 1].bool()
            new = [torch.where(m, n, s) for n, s in zip(new, states)]
            out = torch.where(m, out, prev)
        prev = out
        outs.append(out)
        states = new
    return torch.stack(outs, dim=1), states  # in processing order


def check_module(kind, fw, bw, x, y, y_rev):
    m = (torch.nn.LSTM if kind == "lstm" else torch.nn.GRU)(F, U, batch_first=True, bidirectional=True)
    m.weight_ih_l0.data, m.weight_hh_l0.data, m.bias_ih_l0.data, m.bias_hh_l0.data = torch_weights(kind, *fw)
    m.weight_ih_l0_reverse.data, m.weight_hh_l0_reverse.data, m.bias_ih_l0_reverse.data, m.bias_hh_l0_reverse.data = torch_weights(kind, *bw)
    out, _ = m(x)
    assert torch.allclose(out, torch.cat([y, y_rev], dim=-1), atol=1e-6), kind


def add(name, kind, merge_mode, return_sequences, masked=False):
    g = 4 if kind == "lstm" else 3

    def weights():
        bias = rand(2, g * U, lo=-0.5, hi=0.5) if kind == "gru" else rand(g * U, lo=-0.5, hi=0.5)
        return rand(F, g * U, lo=-0.7, hi=0.7), rand(U, g * U, lo=-0.7, hi=0.7), bias

    x = rand(B, T, F)
    fw, bw = weights(), weights()
    mask = torch.tensor([[1, 1, 0, 1], [1, 1, 1, 0]], dtype=torch.int32) if masked else None
    with torch.no_grad():
        y, fstates = run(kind, fw, x, mask, backwards=False)
        y_back, bstates = run(kind, bw, x, mask, backwards=True)
        y_rev = torch.flip(y_back, dims=[1])
        if not masked:
            check_module(kind, fw, bw, x, y, y_rev)
        if not return_sequences:
            y, y_rev = y[:, -1], y_back[:, -1]
        merged = {"concat": [torch.cat([y, y_rev], dim=-1)], "sum": [y + y_rev], "mul": [y * y_rev],
                  "ave": [(y + y_rev) / 2], None: [y, y_rev]}[merge_mode]
    inputs = [x, *fw, *bw] + ([mask] if masked else [])
    c.add(name, inputs, merged + fstates + bstates, op=kind, units=U, merge_mode=merge_mode,
          return_sequences=return_sequences, masked=masked)


for mode in ("concat", "sum", "mul", "ave", None):
    add(f"lstm_{mode or 'none'}_sequences", "lstm", mode, True)
add("lstm_concat_last", "lstm", "concat", False)
add("lstm_concat_sequences_masked", "lstm", "concat", True, masked=True)
add("lstm_sum_last_masked", "lstm", "sum", False, masked=True)
add("gru_concat_sequences", "gru", "concat", True)
add("gru_ave_last", "gru", "ave", False)
add("gru_concat_sequences_masked", "gru", "concat", True, masked=True)
c.write()
