"""Reference values for Fit (PyTorch running Keras's training loop with Keras's formulas).

Each case trains a small model from given weights without shuffling and records what Keras's History holds per epoch
(the batch-size-weighted mean of each step's loss, computed before that step's update; metrics over the epoch's samples;
validation values with the weights at the epoch's end) and the final weights.
"""
import torch

from refgen import Cases, rand, randint

c = Cases("training.json")


def batches(n, size):
    return [(s, min(s + size, n)) for s in range(0, n, size)]


def sgd_momentum(params, lr, momentum):
    # Keras 3 SGD: m = momentum * m - lr * g; w += m.
    state = [torch.zeros_like(p) for p in params]

    def step(grads):
        with torch.no_grad():
            for p, m, g in zip(params, state, grads):
                m.mul_(momentum).sub_(lr * g)
                p.add_(m)
    return step


def adam(params, lr, b1=0.9, b2=0.999, eps=1e-7):
    # Keras 3 Adam: alpha = lr * sqrt(1 - b2^t) / (1 - b1^t); m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2); w -= alpha m / (sqrt(v) + eps).
    ms = [torch.zeros_like(p) for p in params]
    vs = [torch.zeros_like(p) for p in params]
    t = [0]

    def step(grads):
        t[0] += 1
        alpha = lr * (1 - b2 ** t[0]) ** 0.5 / (1 - b1 ** t[0])
        with torch.no_grad():
            for p, m, v, g in zip(params, ms, vs, grads):
                m.add_((g - m) * (1 - b1))
                v.add_((g * g - v) * (1 - b2))
                p.sub_(alpha * m / (v.sqrt() + eps))
    return step


# ---- 1. One output: Dense(4, tanh) -> Dense(2), MSE with sample weights, an L2 kernel penalty, SGD with momentum, an
# unweighted MAE metric, validation data.
x = rand(10, 3)
y = rand(10, 2)
sw = rand(10, lo=0.0, hi=2.0)
xv = rand(4, 3)
yv = rand(4, 2)
w1, b1, w2, b2 = rand(3, 4, lo=-1, hi=1), rand(4, lo=-0.5, hi=0.5), rand(4, 2, lo=-1, hi=1), rand(2, lo=-0.5, hi=0.5)
params = [t.clone().requires_grad_(True) for t in (w1, b1, w2, b2)]
step = sgd_momentum(params, lr=0.1, momentum=0.9)
l2 = 0.01


def forward(inp):
    return torch.tanh(inp @ params[0] + params[1]) @ params[2] + params[3]


def total_loss(inp, target, weights):
    per_sample = ((forward(inp) - target) ** 2).mean(dim=-1)
    loss = (per_sample * weights).sum() / per_sample.shape[0]
    return loss + l2 * (params[0] ** 2).sum()


history = {"loss": [], "mean_absolute_error": [], "val_loss": [], "val_mean_absolute_error": []}
for epoch in range(2):
    loss_sum, mae_sum = 0.0, 0.0
    for s, e in batches(10, 4):
        loss = total_loss(x[s:e], y[s:e], sw[s:e])
        mae_sum += float((forward(x[s:e]) - y[s:e]).abs().mean(dim=-1).sum())
        grads = torch.autograd.grad(loss, params)
        loss_sum += float(loss) * (e - s)
        step(grads)
    history["loss"].append(loss_sum / 10)
    history["mean_absolute_error"].append(mae_sum / 10)
    with torch.no_grad():
        val_loss = sum(float(total_loss(xv[s:e], yv[s:e], torch.ones(e - s))) * (e - s) for s, e in batches(4, 4)) / 4
        history["val_loss"].append(val_loss)
        history["val_mean_absolute_error"].append(float((forward(xv) - yv).abs().mean()))
c.add("sgd_momentum_mse_l2", [x, y, sw, xv, yv, w1, b1, w2, b2],
      [torch.tensor(history[k]) for k in history] + [p.detach() for p in params],
      op="fit", batch_size=4, epochs=2, learning_rate=0.1, momentum=0.9, l2=l2, keys=list(history))

# ---- 2. Two outputs: shared Dense(5, relu); "reg" Dense(1) with MSE (weight 0.5) and "cls" Dense(3) with sparse categorical
# crossentropy from logits; Adam. History: loss, per-output weighted losses.
x = rand(9, 2)
y_reg = rand(9, 1)
y_cls = randint(0, 3, 9)
ws = [rand(2, 5, lo=-1, hi=1), rand(5, lo=-0.2, hi=0.2), rand(5, 1, lo=-1, hi=1), rand(1, lo=-0.2, hi=0.2),
      rand(5, 3, lo=-1, hi=1), rand(3, lo=-0.2, hi=0.2)]
params = [t.clone().requires_grad_(True) for t in ws]
step = adam(params, lr=0.01)


def heads(inp):
    h = torch.relu(inp @ params[0] + params[1])
    return h @ params[2] + params[3], h @ params[4] + params[5]


history = {"cls_loss": [], "loss": [], "reg_loss": []}
for epoch in range(3):
    sums = {k: 0.0 for k in history}
    for s, e in batches(9, 4):
        reg, cls = heads(x[s:e])
        reg_loss = 0.5 * ((reg - y_reg[s:e]) ** 2).mean(dim=-1).mean()
        cls_loss = torch.nn.functional.cross_entropy(cls, y_cls[s:e].long())
        loss = reg_loss + cls_loss
        grads = torch.autograd.grad(loss, params)
        for k, v in (("cls_loss", cls_loss), ("loss", loss), ("reg_loss", reg_loss)):
            sums[k] += float(v) * (e - s)
        step(grads)
    for k in history:
        history[k].append(sums[k] / 9)
c.add("adam_two_outputs_keyed", [x, y_reg, y_cls] + ws,
      [torch.tensor(history[k]) for k in history] + [p.detach() for p in params],
      op="fit", batch_size=4, epochs=3, learning_rate=0.01, reg_weight=0.5, keys=list(history))

c.write()
