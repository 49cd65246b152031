"""Reference values for the recurrent layers (SimpleRNN, LSTM, GRU) computed by PyTorch's cells.

Weights are drawn in Keras 3's layout (kernel (input, gates*units), recurrent_kernel (units, gates*units), bias) and converted
to torch's (transposed; GRU gates reordered from Keras's z, r, h to torch's r, z, n). The time loop applies Keras's rules:
go_backwards emits outputs in processing order; a masked step keeps the previous states and repeats the previous output
(zeros before the first step), or outputs zeros with zero_output_for_mask. Unmasked forward runs are also checked against
torch's whole-sequence modules (nn.RNN, nn.LSTM, nn.GRU). GRU with reset_after=false has no torch module: it is computed
by hand from Keras's equations.
"""
import torch

from refgen import Cases, rand

c = Cases("recurrent.json")
B, T, F = 2, 4, 3


def gates(kind):
    return {"simple_rnn": 1, "lstm": 4, "gru": 3}[kind]


def gru_to_torch(w, u):
    # Keras z, r, h -> torch r, z, n along the last axis
    return torch.cat([w[..., u:2 * u], w[..., :u], w[..., 2 * u:]], dim=-1)


def make_step(kind, units, kernel, rk, bias, reset_after):
    if kind == "simple_rnn":
        cell = torch.nn.RNNCell(F, units)
        cell.weight_ih.data = kernel.T.clone(); cell.weight_hh.data = rk.T.clone()
        cell.bias_ih.data = bias.clone(); cell.bias_hh.data.zero_()
        return lambda x, s: [cell(x, s[0])]
    if kind == "lstm":
        cell = torch.nn.LSTMCell(F, units)
        cell.weight_ih.data = kernel.T.clone(); cell.weight_hh.data = rk.T.clone()
        cell.bias_ih.data = bias.clone(); cell.bias_hh.data.zero_()
        return lambda x, s: list(cell(x, (s[0], s[1])))
    if reset_after:
        cell = torch.nn.GRUCell(F, units)
        cell.weight_ih.data = gru_to_torch(kernel, units).T.clone(); cell.weight_hh.data = gru_to_torch(rk, units).T.clone()
        cell.bias_ih.data = gru_to_torch(bias[0], units).clone(); cell.bias_hh.data = gru_to_torch(bias[1], units).clone()
        return lambda x, s: [cell(x, s[0])]

    def gru_reset_before(x, s):
        h = s[0]
        xz, xr, xh = torch.split(x @ kernel + bias, units, dim=1)
        rz, rr = torch.split(h @ rk[:, :2 * units], units, dim=1)
        z = torch.sigmoid(xz + rz)
        r = torch.sigmoid(xr + rr)
        hh = torch.tanh(xh + (r * h) @ rk[:, 2 * units:])
        return [z * h + (1 - z) * hh]
    return gru_reset_before


def run(kind, units, x, kernel, rk, bias, reset_after, go_backwards, mask, zero_output, initial):
    step = make_step(kind, units, kernel, rk, bias, reset_after)
    states = [s.clone() for s in initial]
    prev_out = torch.zeros(x.shape[0], units)
    outs = []
    order = range(T - 1, -1, -1) if go_backwards else range(T)
    for t in order:
        new = step(x[:, t], states)
        out = new[0]
        if mask is not None:
            m = mask[:, t:t + 1].bool()
            new = [torch.where(m, n, s) for n, s in zip(new, states)]
            out = torch.where(m, out, prev_out)
        prev_out = out
        emitted = torch.where(mask[:, t:t + 1].bool(), out, torch.zeros_like(out)) if (mask is not None and zero_output) else out
        outs.append(emitted)
        states = new
    return torch.stack(outs, dim=1), states


def check_module(kind, units, x, kernel, rk, bias, reset_after, seq, states):
    # cross-check the loop against torch's whole-sequence module on unmasked forward runs
    if kind == "simple_rnn":
        m = torch.nn.RNN(F, units, batch_first=True)
    elif kind == "lstm":
        m = torch.nn.LSTM(F, units, batch_first=True)
    elif reset_after:
        m = torch.nn.GRU(F, units, batch_first=True)
    else:
        return
    if kind == "gru":
        m.weight_ih_l0.data = gru_to_torch(kernel, units).T.clone(); m.weight_hh_l0.data = gru_to_torch(rk, units).T.clone()
        m.bias_ih_l0.data = gru_to_torch(bias[0], units).clone(); m.bias_hh_l0.data = gru_to_torch(bias[1], units).clone()
    else:
        m.weight_ih_l0.data = kernel.T.clone(); m.weight_hh_l0.data = rk.T.clone()
        m.bias_ih_l0.data = bias.clone(); m.bias_hh_l0.data.zero_()
    out, _ = m(x)
    assert torch.allclose(out, seq, atol=1e-6), kind


def add(name, kind, units=5, reset_after=True, go_backwards=False, masked=False, zero_output=False, initial_state=False):
    g = gates(kind)
    x = rand(B, T, F)
    kernel = rand(F, g * units, lo=-0.7, hi=0.7)
    rk = rand(units, g * units, lo=-0.7, hi=0.7)
    bias = rand(2, g * units, lo=-0.5, hi=0.5) if (kind == "gru" and reset_after) else rand(g * units, lo=-0.5, hi=0.5)
    n_states = 2 if kind == "lstm" else 1
    initial = [rand(B, units, lo=-1, hi=1) for _ in range(n_states)] if initial_state else [torch.zeros(B, units)] * n_states
    mask = torch.tensor([[1, 1, 0, 1], [1, 0, 0, 0]], dtype=torch.int32) if masked else None
    with torch.no_grad():
        seq, states = run(kind, units, x, kernel, rk, bias, reset_after, go_backwards, mask, zero_output, initial)
        if not masked and not go_backwards and not initial_state:
            check_module(kind, units, x, kernel, rk, bias, reset_after, seq, states)
    inputs = [x, kernel, rk, bias] + ([mask] if masked else []) + (initial if initial_state else [])
    c.add(name, inputs, [seq] + states, op=kind, units=units, reset_after=reset_after, go_backwards=go_backwards,
          masked=masked, zero_output_for_mask=zero_output, initial_state=initial_state)


for kind in ("simple_rnn", "lstm", "gru"):
    add(f"{kind}_forward", kind)
    add(f"{kind}_backwards", kind, go_backwards=True)
    add(f"{kind}_masked", kind, masked=True)
    add(f"{kind}_masked_zero_output", kind, masked=True, zero_output=True)
    add(f"{kind}_initial_state", kind, initial_state=True)
    add(f"{kind}_masked_backwards", kind, masked=True, go_backwards=True)
add("gru_reset_before_forward", "gru", reset_after=False)
add("gru_reset_before_backwards", "gru", reset_after=False, go_backwards=True)
add("gru_reset_before_masked", "gru", reset_after=False, masked=True)
c.write()
