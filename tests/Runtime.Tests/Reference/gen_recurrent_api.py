"""Reference values for the recurrent API: stacked LSTM cells and a cell reading constants, computed by PyTorch.

stacked_lstm: RNN(StackedRNNCells([LSTMCell, LSTMCell])) against torch.nn.LSTM(num_layers=2); Keras 3's LSTM layout
(kernel (input, 4 units), recurrent_kernel (units, 4 units), bias (4 units,), gates i, f, c, o as torch's i, f, g, o) is
transposed into torch's, with torch's second bias zero.
attention: the tests' attention cell, run over time with a constant memory (batch, M, d) given at every step:
q = h·query; a = softmax_m(memory[m]·q); context = Σ_m a[m] memory[m]; h' = tanh(x·kernel + h·recurrent_kernel + context·context_kernel + bias).
"""
import torch

from refgen import Cases, rand

c = Cases("recurrent_api.json")
B, T, F = 2, 4, 3


def stacked_lstm(name, units, go_backwards=False):
    x = rand(B, T, F)
    weights = []
    m = torch.nn.LSTM(F, units, num_layers=2, batch_first=True)
    for layer, inputs in enumerate((F, units)):
        kernel = rand(inputs, 4 * units, lo=-0.7, hi=0.7)
        rk = rand(units, 4 * units, lo=-0.7, hi=0.7)
        bias = rand(4 * units, lo=-0.5, hi=0.5)
        weights += [kernel, rk, bias]
        getattr(m, f"weight_ih_l{layer}").data = kernel.T.clone()
        getattr(m, f"weight_hh_l{layer}").data = rk.T.clone()
        getattr(m, f"bias_ih_l{layer}").data = bias.clone()
        getattr(m, f"bias_hh_l{layer}").data.zero_()
    with torch.no_grad():
        # go_backwards: the sequence is read last step first and the outputs are emitted in processing order.
        seq, (h, cs) = m(torch.flip(x, [1]) if go_backwards else x)
    c.add(name, [x] + weights, [seq, h[0], cs[0], h[1], cs[1]], op="stacked_lstm", units=units, go_backwards=go_backwards)


def attention(name, units, memory_steps, d, initial_state=False):
    x = rand(B, T, F)
    memory = rand(B, memory_steps, d)
    kernel = rand(F, units, lo=-0.7, hi=0.7)
    rk = rand(units, units, lo=-0.7, hi=0.7)
    query = rand(units, d, lo=-0.7, hi=0.7)
    ck = rand(d, units, lo=-0.7, hi=0.7)
    bias = rand(units, lo=-0.5, hi=0.5)
    h = rand(B, units, lo=-1, hi=1) if initial_state else torch.zeros(B, units)
    outs = []
    with torch.no_grad():
        h0 = h
        for t in range(T):
            q = h @ query
            a = torch.softmax((memory * q[:, None, :]).sum(-1), dim=-1)
            context = (a[:, :, None] * memory).sum(1)
            h = torch.tanh(x[:, t] @ kernel + h @ rk + context @ ck + bias)
            outs.append(h)
    inputs = [x, memory, kernel, rk, query, ck, bias] + ([h0] if initial_state else [])
    c.add(name, inputs, [torch.stack(outs, dim=1), h], op="attention", units=units, initial_state=initial_state)


stacked_lstm("stacked_lstm", 4)
stacked_lstm("stacked_lstm_backwards", 3, go_backwards=True)
attention("attention", 5, 6, 3)
attention("attention_initial_state", 4, 3, 2, initial_state=True)
c.write()
