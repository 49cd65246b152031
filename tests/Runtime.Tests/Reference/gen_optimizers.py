"""Reference values for the optimizers and learning-rate schedules: Keras 3's formulas (keras/src/optimizers/*.py and
schedules/learning_rate_schedule.py) written with torch ops in float32, as Keras computes them.

Optimizer cases: two variables ("dense/kernel" (3, 4) and "dense/bias" (4,)) take three steps on fixed gradients. Inputs are
[kernel, bias, then the kernel and bias gradients of steps 1, 2 and 3]; outputs are [kernel and bias after step 1, kernel and
bias after step 3, then every optimizer state variable after step 3 in Keras's order, without iterations and learning_rate],
named in args["slot_names"]. args["class_name"] and args["config"] are the Keras optimizer config the tests deserialize.

Schedule cases: the schedule's value at each of args["steps"].
"""
import math

import torch

from refgen import Cases, rand

F32 = torch.float32


def f32(x):
    return torch.tensor(x, dtype=F32)


# ---------------------------------------------------------------------------------------------------------------------
# Learning-rate schedules (float32, as Keras casts everything to the initial learning rate's dtype).

def exponential_decay(cfg, step):
    p = f32(step) / f32(cfg["decay_steps"])
    if cfg.get("staircase", False):
        p = torch.floor(p)
    return f32(cfg["initial_learning_rate"]) * torch.pow(f32(cfg["decay_rate"]), p)


def piecewise_constant_decay(cfg, step):
    b, v = cfg["boundaries"], cfg["values"]
    if step <= b[0]:
        return f32(v[0])
    if step > b[-1]:
        return f32(v[-1])
    for low, high, value in zip(b[:-1], b[1:], v[1:-1]):
        if low < step <= high:
            return f32(value)
    raise AssertionError


def inverse_time_decay(cfg, step):
    p = f32(step) / f32(cfg["decay_steps"])
    if cfg.get("staircase", False):
        p = torch.floor(p)
    return f32(cfg["initial_learning_rate"]) / (f32(1.0) + f32(cfg["decay_rate"]) * p)


def polynomial_decay(cfg, step):
    initial = f32(cfg["initial_learning_rate"])
    end = f32(cfg.get("end_learning_rate", 0.0001))
    power = f32(cfg.get("power", 1.0))
    s = f32(step)
    decay_steps = f32(cfg["decay_steps"])
    if cfg.get("cycle", False):
        multiplier = f32(1.0) if step == 0 else torch.ceil(s / decay_steps)
        decay_steps = decay_steps * multiplier
    else:
        s = torch.minimum(s, decay_steps)
    p = s / decay_steps
    return (initial - end) * torch.pow(1 - p, power) + end


def cosine_decay(cfg, step):
    initial = f32(cfg["initial_learning_rate"])
    decay_steps = f32(cfg["decay_steps"])
    alpha = cfg.get("alpha", 0.0)
    s = f32(step)

    def decay(s, lr_from):
        cosine = 0.5 * (1.0 + torch.cos(f32(math.pi) * (s / decay_steps)))
        return lr_from * ((1 - alpha) * cosine + alpha)

    if cfg.get("warmup_target") is None:
        return decay(torch.minimum(s, decay_steps), initial)
    target = f32(cfg["warmup_target"])
    warmup_steps = f32(cfg.get("warmup_steps", 0))
    s = torch.minimum(s, decay_steps + warmup_steps)
    if s < warmup_steps:
        return (target - initial) * (s / warmup_steps) + initial
    return decay(s - warmup_steps, target)


def cosine_decay_restarts(cfg, step):
    initial = f32(cfg["initial_learning_rate"])
    first = f32(cfg["first_decay_steps"])
    alpha = f32(cfg.get("alpha", 0.0))
    t_mul = f32(cfg.get("t_mul", 2.0))
    m_mul = f32(cfg.get("m_mul", 1.0))
    fraction = f32(step) / first
    if t_mul == 1.0:
        i_restart = torch.floor(fraction)
        fraction = fraction - i_restart
    else:
        i_restart = torch.floor(torch.log(1.0 - fraction * (1.0 - t_mul)) / torch.log(t_mul))
        sum_r = (1.0 - torch.pow(t_mul, i_restart)) / (1.0 - t_mul)
        fraction = (fraction - sum_r) / torch.pow(t_mul, i_restart)
    m_fac = torch.pow(m_mul, i_restart)
    cosine = 0.5 * m_fac * (1.0 + torch.cos(f32(math.pi) * fraction))
    return initial * ((1 - alpha) * cosine + alpha)


SCHEDULES = {
    "ExponentialDecay": exponential_decay,
    "PiecewiseConstantDecay": piecewise_constant_decay,
    "InverseTimeDecay": inverse_time_decay,
    "PolynomialDecay": polynomial_decay,
    "CosineDecay": cosine_decay,
    "CosineDecayRestarts": cosine_decay_restarts,
}


def schedule_value(envelope, step):
    return SCHEDULES[envelope["class_name"]](envelope["config"], step)


def schedule(class_name, **config):
    return {"module": "keras.optimizers.schedules", "class_name": class_name, "config": config, "registered_name": None}


# ---------------------------------------------------------------------------------------------------------------------
# Optimizers: build(variables) returns the state in Keras's order; step(grads, vars, lr, it) updates in place.

class Sgd:
    defaults = dict(learning_rate=0.01, momentum=0.0, nesterov=False)

    def build(self, c, vs):
        self.m = [torch.zeros_like(v) for v in vs] if c["momentum"] != 0 else []
        return [("momentum", i, m) for i, m in enumerate(self.m)]

    def step(self, c, g, v, i, lr, it):
        if c["momentum"] != 0:
            mom = f32(c["momentum"])
            m = self.m[i]
            m.copy_(m * mom - g * lr)
            if c["nesterov"]:
                v.add_(m * mom - g * lr)
            else:
                v.add_(m)
        else:
            v.sub_(g * lr)


class Adam:
    defaults = dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)

    def build(self, c, vs):
        self.m = [torch.zeros_like(v) for v in vs]
        self.v = [torch.zeros_like(v) for v in vs]
        state = []
        for i in range(len(vs)):  # interleaved, as add_optimizer_variables(var_list, ["momentum", "velocity"])
            state += [("momentum", i, self.m[i]), ("velocity", i, self.v[i])]
        if c["amsgrad"]:
            self.vhat = [torch.zeros_like(v) for v in vs]
            state += [("velocity_hat", i, t) for i, t in enumerate(self.vhat)]
        return state

    def step(self, c, g, var, i, lr, it):
        t = f32(it + 1)
        b1, b2 = f32(c["beta_1"]), f32(c["beta_2"])
        alpha = lr * torch.sqrt(1 - torch.pow(b2, t)) / (1 - torch.pow(b1, t))
        m, v = self.m[i], self.v[i]
        m.add_((g - m) * (1 - b1))
        v.add_((g * g - v) * (1 - b2))
        if c["amsgrad"]:
            vh = self.vhat[i]
            vh.copy_(torch.maximum(vh, v))
            v = vh
        var.sub_((m * alpha) / (torch.sqrt(v) + f32(c["epsilon"])))


class AdamW(Adam):
    defaults = dict(Adam.defaults, weight_decay=0.004)


class RmsProp:
    defaults = dict(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)

    def build(self, c, vs):
        self.vel = [torch.zeros_like(v) for v in vs]
        self.mom = [torch.zeros_like(v) for v in vs] if c["momentum"] > 0 else []
        self.avg = [torch.zeros_like(v) for v in vs] if c["centered"] else []
        return ([("velocity", i, t) for i, t in enumerate(self.vel)] + [("momentum", i, t) for i, t in enumerate(self.mom)]
                + [("average_gradient", i, t) for i, t in enumerate(self.avg)])

    def step(self, c, g, var, i, lr, it):
        rho, eps = f32(c["rho"]), f32(c["epsilon"])
        vel = self.vel[i]
        vel.copy_(rho * vel + (1 - rho) * g * g)
        if c["centered"]:
            avg = self.avg[i]
            avg.copy_(rho * avg + (1 - rho) * g)
            denominator = vel - avg * avg + eps
        else:
            denominator = vel + eps
        increment = lr * g / torch.sqrt(denominator)
        if c["momentum"] > 0:
            mom = self.mom[i]
            mom.copy_(f32(c["momentum"]) * mom + increment)
            var.sub_(mom)
        else:
            var.sub_(increment)


class Adagrad:
    defaults = dict(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)

    def build(self, c, vs):
        self.acc = [torch.full_like(v, c["initial_accumulator_value"]) for v in vs]
        return [("accumulator", i, t) for i, t in enumerate(self.acc)]

    def step(self, c, g, var, i, lr, it):
        acc = self.acc[i]
        acc.add_(g * g)
        var.sub_(lr * g / torch.sqrt(acc + f32(c["epsilon"])))


class Adadelta:
    defaults = dict(learning_rate=0.001, rho=0.95, epsilon=1e-7)

    def build(self, c, vs):
        self.ag = [torch.zeros_like(v) for v in vs]
        self.ad = [torch.zeros_like(v) for v in vs]
        state = []
        for i in range(len(vs)):
            state += [("accumulated_grad", i, self.ag[i]), ("accumulated_delta_var", i, self.ad[i])]
        return state

    def step(self, c, g, var, i, lr, it):
        rho, eps = f32(c["rho"]), f32(c["epsilon"])
        ag, ad = self.ag[i], self.ad[i]
        ag.copy_(rho * ag + (1 - rho) * g * g)
        delta = -(torch.sqrt(ad + eps) * g) / torch.sqrt(ag + eps)
        ad.copy_(rho * ad + (1 - rho) * delta * delta)
        var.add_(lr * delta)


class Adamax:
    defaults = dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)

    def build(self, c, vs):
        self.m = [torch.zeros_like(v) for v in vs]
        self.u = [torch.zeros_like(v) for v in vs]
        state = []
        for i in range(len(vs)):
            state += [("momentum", i, self.m[i]), ("norm", i, self.u[i])]
        return state

    def step(self, c, g, var, i, lr, it):
        b1, b2 = f32(c["beta_1"]), f32(c["beta_2"])
        b1_power = torch.pow(b1, f32(it + 1))
        m, u = self.m[i], self.u[i]
        m.add_((g - m) * (1 - b1))
        u.copy_(torch.maximum(b2 * u, torch.abs(g)))
        var.sub_((lr * m) / ((1 - b1_power) * (u + f32(c["epsilon"]))))


class Nadam:
    defaults = dict(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7)

    def build(self, c, vs):
        self.m = [torch.zeros_like(v) for v in vs]
        self.v = [torch.zeros_like(v) for v in vs]
        self.u_product = f32(1.0)
        state = []
        for i in range(len(vs)):
            state += [("momentum", i, self.m[i]), ("velocity", i, self.v[i])]
        return state + [("u_product", None, self.u_product)]

    def before_steps(self, c, it):
        # Nadam's _backend_update_step: the product of the momentum schedule, updated once per step.
        self.u_product.copy_(self.u_product * f32(c["beta_1"]) * (1.0 - 0.5 * torch.pow(f32(0.96), f32(it + 1))))

    def step(self, c, g, var, i, lr, it):
        b1, b2 = f32(c["beta_1"]), f32(c["beta_2"])
        t, t1 = f32(it + 1), f32(it + 2)
        decay = f32(0.96)
        u_t = b1 * (1.0 - 0.5 * torch.pow(decay, t))
        u_t_1 = b1 * (1.0 - 0.5 * torch.pow(decay, t1))
        u_product_t = self.u_product
        u_product_t_1 = u_product_t * u_t_1
        b2_power = torch.pow(b2, t)
        m, v = self.m[i], self.v[i]
        m.add_((g - m) * (1 - b1))
        v.add_((g * g - v) * (1 - b2))
        m_hat = u_t_1 * m / (1 - u_product_t_1) + (1 - u_t) * g / (1 - u_product_t)
        v_hat = v / (1 - b2_power)
        var.sub_((m_hat * lr) / (torch.sqrt(v_hat) + f32(c["epsilon"])))


class Lion:
    defaults = dict(learning_rate=0.001, beta_1=0.9, beta_2=0.99)

    def build(self, c, vs):
        self.m = [torch.zeros_like(v) for v in vs]
        return [("momentum", i, t) for i, t in enumerate(self.m)]

    def step(self, c, g, var, i, lr, it):
        b1, b2 = f32(c["beta_1"]), f32(c["beta_2"])
        m = self.m[i]
        var.sub_(lr * torch.sign(m * b1 + g * (1.0 - b1)))
        m.copy_(m * b2 + g * (1.0 - b2))


OPTIMIZERS = {"SGD": Sgd, "Adam": Adam, "AdamW": AdamW, "RMSprop": RmsProp, "Adagrad": Adagrad, "Adadelta": Adadelta,
              "Adamax": Adamax, "Nadam": Nadam, "Lion": Lion}
BASE = dict(weight_decay=None, clipnorm=None, global_clipnorm=None, clipvalue=None, use_ema=False, ema_momentum=0.99,
            ema_overwrite_frequency=None)
PATHS = ["dense/kernel", "dense/bias"]


def clip(c, grads):
    """BaseOptimizer._clip_gradients."""
    if c["clipnorm"] and c["clipnorm"] > 0:
        out = []
        for g in grads:
            l2 = torch.sqrt(torch.sum(g * g))
            out.append(g * f32(c["clipnorm"]) / torch.maximum(l2, f32(c["clipnorm"])))
        return out
    if c["global_clipnorm"] and c["global_clipnorm"] > 0:
        norm = torch.sqrt(torch.sum(torch.stack([torch.sum(g * g) for g in grads])))
        clip_norm = f32(c["global_clipnorm"])
        scale = clip_norm * torch.minimum(1.0 / norm, 1.0 / clip_norm)
        return [g * scale for g in grads]
    if c["clipvalue"] and c["clipvalue"] > 0:
        return [torch.clamp(g, -c["clipvalue"], c["clipvalue"]) for g in grads]
    return grads


def learning_rate(c, it):
    lr = c["learning_rate"]
    return schedule_value(lr, it) if isinstance(lr, dict) else f32(lr)


def run(class_name, config, variables, steps):
    """BaseOptimizer.apply for each step: clip, weight decay, update_step, EMA; returns values after steps 1 and 3 and the state."""
    cls = OPTIMIZERS[class_name]
    c = dict(BASE, **cls.defaults)
    c.update(config)
    opt = cls()
    vs = [v.clone() for v in variables]
    averages = [torch.zeros_like(v) for v in vs] if c["use_ema"] else []
    state = [("average", i, t) for i, t in enumerate(averages)] + opt.build(c, vs)
    after = {}
    for it, grads in enumerate(steps):
        lr = learning_rate(c, it)
        grads = clip(c, grads)
        if c["weight_decay"] is not None:
            for v in vs:
                v.copy_(v - v * f32(c["weight_decay"]) * lr)
        if hasattr(opt, "before_steps"):
            opt.before_steps(c, it)
        for i, (g, v) in enumerate(zip(grads, vs)):
            opt.step(c, g, v, i, lr, it)
        if c["use_ema"]:
            momentum = f32(c["ema_momentum"]) if it != 0 else f32(0.0)
            for a, v in zip(averages, vs):
                a.copy_(momentum * a + (1 - momentum) * v)
            freq = c["ema_overwrite_frequency"]
            if freq and (it + 1) % freq == 0:
                for a, v in zip(averages, vs):
                    v.copy_(a)
        after[it + 1] = [v.clone() for v in vs]
    names = [name if i is None else f"{PATHS[i].replace('/', '_')}_{name}" for name, i, _ in state]
    return after[1] + after[len(steps)], [t.clone() for _, _, t in state], names


c = Cases("optimizers.json")

kernel = rand(3, 4, lo=-1.0, hi=1.0)
bias = rand(4, lo=-1.0, hi=1.0)
# Gradients shrink from step to step, so amsgrad's running maximum and the clipping thresholds both matter.
grads = [[rand(3, 4, lo=-2.0, hi=2.0), rand(4, lo=-2.0, hi=2.0)],
         [rand(3, 4, lo=-1.0, hi=1.0), rand(4, lo=-1.0, hi=1.0)],
         [rand(3, 4, lo=-0.3, hi=0.3), rand(4, lo=-0.3, hi=0.3)]]
inputs = [kernel, bias] + [g for step in grads for g in step]

optimizer_cases = {
    "sgd_defaults": ("SGD", {}),
    "sgd": ("SGD", {"learning_rate": 0.1}),
    "sgd_momentum": ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    "sgd_nesterov": ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    "adam_defaults": ("Adam", {}),
    "adam": ("Adam", {"learning_rate": 0.1}),
    "adam_amsgrad": ("Adam", {"learning_rate": 0.1, "beta_2": 0.5, "amsgrad": True}),
    "adamw_defaults": ("AdamW", {}),
    "adamw": ("AdamW", {"learning_rate": 0.1, "weight_decay": 0.1, "amsgrad": True}),
    "rmsprop_defaults": ("RMSprop", {}),
    "rmsprop": ("RMSprop", {"learning_rate": 0.1}),
    "rmsprop_momentum": ("RMSprop", {"learning_rate": 0.1, "momentum": 0.9}),
    "rmsprop_centered": ("RMSprop", {"learning_rate": 0.1, "centered": True}),
    "rmsprop_momentum_centered": ("RMSprop", {"learning_rate": 0.1, "rho": 0.8, "momentum": 0.5, "centered": True}),
    "adagrad_defaults": ("Adagrad", {}),
    "adagrad": ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5, "epsilon": 1e-3}),
    "adadelta_defaults": ("Adadelta", {}),
    "adadelta": ("Adadelta", {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-2}),
    "adamax_defaults": ("Adamax", {}),
    "adamax": ("Adamax", {"learning_rate": 0.1, "beta_2": 0.5}),
    "nadam_defaults": ("Nadam", {}),
    "nadam": ("Nadam", {"learning_rate": 0.1}),
    "lion_defaults": ("Lion", {}),
    "lion": ("Lion", {"learning_rate": 0.1, "beta_1": 0.5, "beta_2": 0.9}),
    "sgd_clipnorm": ("SGD", {"learning_rate": 0.1, "momentum": 0.5, "clipnorm": 1.0}),
    "adam_clipnorm": ("Adam", {"learning_rate": 0.1, "clipnorm": 0.5}),
    "sgd_clipvalue": ("SGD", {"learning_rate": 0.1, "clipvalue": 0.5}),
    "adam_clipvalue": ("Adam", {"learning_rate": 0.1, "clipvalue": 0.25}),
    "sgd_global_clipnorm": ("SGD", {"learning_rate": 0.1, "momentum": 0.5, "global_clipnorm": 1.0}),
    "rmsprop_global_clipnorm": ("RMSprop", {"learning_rate": 0.1, "global_clipnorm": 2.0}),
    "sgd_weight_decay": ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "weight_decay": 0.1}),
    "adam_weight_decay": ("Adam", {"learning_rate": 0.1, "weight_decay": 0.05}),
    "lion_weight_decay": ("Lion", {"learning_rate": 0.1, "weight_decay": 0.5}),
    "sgd_ema": ("SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.9}),
    "adam_ema_overwrite": ("Adam", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.8, "ema_overwrite_frequency": 2}),
    "sgd_exponential_decay": ("SGD", {"learning_rate": schedule("ExponentialDecay", initial_learning_rate=0.2, decay_steps=1,
                                                                decay_rate=0.5, staircase=False, name="ExponentialDecay"),
                                      "momentum": 0.5, "weight_decay": 0.1}),
    "adam_cosine_warmup": ("Adam", {"learning_rate": schedule("CosineDecay", initial_learning_rate=0.0, decay_steps=4, alpha=0.1,
                                                              name="CosineDecay", warmup_target=0.1, warmup_steps=2)}),
}
for name, (class_name, config) in optimizer_cases.items():
    values, state, names = run(class_name, config, [kernel, bias], grads)
    c.add(name, inputs, values + state, op="optimizer", class_name=class_name, config=config, slot_names=names)

schedule_cases = {
    "exponential_decay": (schedule("ExponentialDecay", initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5),
                          [0, 1, 5, 10, 15, 20, 100]),
    "exponential_decay_staircase": (schedule("ExponentialDecay", initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5,
                                             staircase=True), [0, 1, 9, 10, 15, 20, 100]),
    "piecewise_constant_decay": (schedule("PiecewiseConstantDecay", boundaries=[10, 20], values=[1.0, 0.5, 0.1]),
                                 [0, 9, 10, 11, 20, 21, 100]),
    "inverse_time_decay": (schedule("InverseTimeDecay", initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5),
                           [0, 1, 5, 10, 15, 100]),
    "inverse_time_decay_staircase": (schedule("InverseTimeDecay", initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5,
                                              staircase=True), [0, 1, 9, 10, 15, 100]),
    "polynomial_decay": (schedule("PolynomialDecay", initial_learning_rate=0.1, decay_steps=10, end_learning_rate=0.01,
                                  power=2.0), [0, 1, 5, 10, 11, 100]),
    "polynomial_decay_cycle": (schedule("PolynomialDecay", initial_learning_rate=0.1, decay_steps=10, end_learning_rate=0.01,
                                        power=0.5, cycle=True), [0, 1, 5, 10, 11, 15, 20, 25]),
    "polynomial_decay_default_end": (schedule("PolynomialDecay", initial_learning_rate=0.1, decay_steps=10), [0, 3, 10, 50]),
    "cosine_decay": (schedule("CosineDecay", initial_learning_rate=0.1, decay_steps=10, alpha=0.1), [0, 1, 5, 9, 10, 11, 100]),
    "cosine_decay_warmup": (schedule("CosineDecay", initial_learning_rate=0.0, decay_steps=10, warmup_target=0.1,
                                     warmup_steps=5), [0, 1, 2, 4, 5, 6, 10, 15, 20]),
    "cosine_decay_restarts": (schedule("CosineDecayRestarts", initial_learning_rate=0.1, first_decay_steps=10, t_mul=2.0,
                                       m_mul=0.5, alpha=0.1), [0, 1, 5, 9, 10, 11, 25, 29, 30, 31, 45, 69, 71]),
    "cosine_decay_restarts_t_mul_1": (schedule("CosineDecayRestarts", initial_learning_rate=0.1, first_decay_steps=10,
                                               t_mul=1.0, m_mul=0.8), [0, 1, 5, 9, 10, 11, 25, 30, 31]),
}
for name, (envelope, steps) in schedule_cases.items():
    values = torch.stack([schedule_value(envelope, s).reshape(()) for s in steps])
    c.add(f"schedule_{name}", [], values, op="schedule", schedule=envelope, steps=steps)

c.write()
