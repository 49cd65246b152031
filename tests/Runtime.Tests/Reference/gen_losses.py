"""Reference values for the losses: Keras 3's formulas (keras/src/losses/losses.py, the weighting and reductions of loss.py,
the clipping of its backends' crossentropies at epsilon = 1e-7) written independently in PyTorch, in float32 as Keras computes.

Each case: op = the Keras class name, args = its Keras config (without name) plus "weighted"/"masked" flags telling whether
inputs[2] is a sample weight and the last input a Keras mask on y_pred; inputs = [y_true, y_pred, (sample_weight), (mask)].
Cases whose name ends in "_extreme" sit on clipping boundaries or kinks: forward only, no finite-difference gradient.
"""
import torch
import torch.nn.functional as F

from refgen import Cases, rand, randint

EPS = 1e-7  # keras.backend.epsilon()


def squeeze_or_expand(x1, x2):
    """keras.src.losses.loss.squeeze_or_expand_to_same_rank with expand_rank_1=True."""
    r1, r2 = x1.dim(), x2.dim()
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1:
            x2 = x2.unsqueeze(-1)
        else:
            x1 = x1.squeeze(-1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1:
            x1 = x1.unsqueeze(-1)
        else:
            x2 = x2.squeeze(-1)
    return x1, x2


def reduce_values(values, sample_weight, reduction):
    if reduction == "none" or values.dim() == 0 or tuple(values.shape) == (0,):
        return values
    loss = values.sum()
    if reduction == "sum":
        return loss
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        divisor = sample_weight.sum()
    else:
        divisor = torch.tensor(float(values.numel()))
    return loss / divisor if float(divisor) != 0 else torch.tensor(0.0)


def apply_mask(sample_weight, mask, reduction):
    if mask is None:
        return sample_weight
    mask = mask.float()
    if reduction in ("mean", "sum_over_batch_size"):
        valid = mask.sum()
        mask = mask * (float(mask.numel()) / valid if float(valid) != 0 else torch.tensor(0.0))
    if sample_weight is None:
        return mask
    mask, sample_weight = squeeze_or_expand(mask, sample_weight)
    return sample_weight * mask


def reduce_weighted_values(values, sample_weight, mask, reduction):
    sample_weight = apply_mask(sample_weight, mask, reduction)
    if sample_weight is not None:
        values, sample_weight = squeeze_or_expand(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


# ---- the loss functions (Keras's keras.losses.*), each returning (per-sample values, mask or None) ----

def bce_elements(t, p, from_logits):
    if from_logits:
        return F.binary_cross_entropy_with_logits(p, t, reduction="none")
    o = p.clamp(EPS, 1 - EPS)
    return -(t * torch.log(o) + (1 - t) * torch.log(1 - o))


def smooth_binary(t, ls):
    return t * (1 - ls) + 0.5 * ls if ls else t


def smooth_categorical(t, ls):
    return t * (1 - ls) + ls / t.shape[-1] if ls else t


def hinge_labels(t):
    return 2 * t - 1 if bool(((t == 0) | (t == 1)).all()) else t


def l2_normalize(x, axis):
    inv = torch.rsqrt((x * x).sum(axis, keepdim=True))
    return x * torch.minimum(inv, torch.tensor(1 / EPS))


def categorical(t, p, from_logits, axis):
    if from_logits:
        return -(t * F.log_softmax(p, dim=axis)).sum(axis)
    o = (p / p.sum(axis, keepdim=True)).clamp(EPS, 1 - EPS)
    return -(t * torch.log(o)).sum(axis)


def binary_focal(t, p, a):
    t = smooth_binary(t, a.get("label_smoothing", 0.0))
    if a.get("from_logits", False):
        p = torch.sigmoid(p)
    bce = bce_elements(t, p, False)
    p_t = t * p + (1 - t) * (1 - p)
    focal = (1 - p_t) ** a.get("gamma", 2.0) * bce
    if a.get("apply_class_balancing", False):
        alpha = a.get("alpha", 0.25)
        focal = (t * alpha + (1 - t) * (1 - alpha)) * focal
    return focal.mean(a.get("axis", -1))


def categorical_focal(t, p, a):
    axis = a.get("axis", -1)
    t = smooth_categorical(t, a.get("label_smoothing", 0.0))
    if a.get("from_logits", False):
        p = torch.softmax(p, dim=axis)
    o = (p / p.sum(axis, keepdim=True)).clamp(EPS, 1 - EPS)
    cce = -t * torch.log(o)
    weight = (1 - o) ** a.get("gamma", 2.0) * torch.tensor(a.get("alpha", 0.25))
    return (weight * cce).sum(axis)


def sparse_categorical(t, p, a):
    if t.dim() == p.dim() and t.shape[-1] == 1:
        t = t.squeeze(-1)
    labels = t.long()
    ignore = a.get("ignore_class")
    valid = None if ignore is None else labels != ignore
    if valid is not None:
        labels = labels * valid
    if a.get("from_logits", False):
        log_prob = F.log_softmax(p, dim=-1)
    else:
        log_prob = torch.log((p / p.sum(-1, keepdim=True)).clamp(EPS, 1 - EPS))
    result = -log_prob.gather(-1, labels.unsqueeze(-1)).squeeze(-1)
    if valid is None:
        return result, None
    return torch.where(valid, result, torch.tensor(0.0)), valid.float()


LOSSES = {
    "MeanSquaredError": lambda t, p, a: ((t - p) ** 2).mean(-1),
    "MeanAbsoluteError": lambda t, p, a: (t - p).abs().mean(-1),
    "MeanAbsolutePercentageError": lambda t, p, a: 100.0 * ((t - p) / t.abs().clamp(min=EPS)).abs().mean(-1),
    "MeanSquaredLogarithmicError": lambda t, p, a: (torch.log(p.clamp(min=EPS) + 1) - torch.log(t.clamp(min=EPS) + 1)).pow(2).mean(-1),
    "KLDivergence": lambda t, p, a: (t.clamp(EPS, 1) * torch.log(t.clamp(EPS, 1) / p.clamp(EPS, 1))).sum(-1),
    "Poisson": lambda t, p, a: (p - t * torch.log(p + EPS)).mean(-1),
    "CosineSimilarity": lambda t, p, a: -(l2_normalize(t, a.get("axis", -1)) * l2_normalize(p, a.get("axis", -1))).sum(a.get("axis", -1)),
    "Huber": lambda t, p, a: torch.where((p - t).abs() <= a.get("delta", 1.0), 0.5 * (p - t) ** 2,
                                         a.get("delta", 1.0) * (p - t).abs() - 0.5 * a.get("delta", 1.0) ** 2).mean(-1),
    "LogCosh": lambda t, p, a: torch.log(torch.cosh(p - t)).mean(-1),
    "Hinge": lambda t, p, a: (1 - hinge_labels(t) * p).clamp(min=0).mean(-1),
    "SquaredHinge": lambda t, p, a: (1 - hinge_labels(t) * p).clamp(min=0).pow(2).mean(-1),
    "CategoricalHinge": lambda t, p, a: (((1 - t) * p).max(-1).values - (t * p).sum(-1) + 1).clamp(min=0),
    "BinaryCrossentropy": lambda t, p, a: bce_elements(smooth_binary(t, a.get("label_smoothing", 0.0)), p, a.get("from_logits", False)).mean(a.get("axis", -1)),
    "BinaryFocalCrossentropy": binary_focal,
    "CategoricalCrossentropy": lambda t, p, a: categorical(smooth_categorical(t, a.get("label_smoothing", 0.0)), p, a.get("from_logits", False), a.get("axis", -1)),
    "CategoricalFocalCrossentropy": categorical_focal,
}

c = Cases("losses.json")


def case(name, cls, y_true, y_pred, sample_weight=None, mask=None, reduction="sum_over_batch_size", **args):
    t = y_true.float()  # Loss.__call__ converts y_true to the loss's dtype
    if cls == "SparseCategoricalCrossentropy":
        values, out_mask = sparse_categorical(t, y_pred, args)
    else:
        t, p = squeeze_or_expand(t, y_pred)  # LossFunctionWrapper.call
        values, out_mask = LOSSES[cls](t, p, args), None
    if mask is not None and out_mask is not None:
        combined = mask * out_mask
    else:
        combined = mask if mask is not None else out_mask
    output = reduce_weighted_values(values, sample_weight, combined, reduction)
    inputs = [y_true, y_pred] + ([sample_weight] if sample_weight is not None else []) + ([mask] if mask is not None else [])
    c.add(name, inputs, output, op=cls, reduction=reduction, weighted=sample_weight is not None, masked=mask is not None, **args)


def probs(*shape):
    return torch.softmax(rand(*shape, lo=-2, hi=2), dim=-1)


def one_hot(labels, classes):
    return F.one_hot(labels.long(), classes).float()


REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]
weights = torch.tensor([0.5, 1.0, 2.0, 0.0])

# Regression-style losses: basic, weighted, every reduction for MSE, 3-D inputs with per-step weights.
for cls, make in {
    "MeanSquaredError": lambda *s: (rand(*s), rand(*s)),
    "MeanAbsoluteError": lambda *s: (rand(*s), rand(*s)),
    "MeanAbsolutePercentageError": lambda *s: (rand(*s, lo=0.5, hi=3), rand(*s)),
    "MeanSquaredLogarithmicError": lambda *s: (rand(*s, lo=0, hi=3), rand(*s, lo=0.1, hi=3)),
    "KLDivergence": lambda *s: (probs(*s), probs(*s)),
    "Poisson": lambda *s: (rand(*s, lo=0, hi=4).round(), rand(*s, lo=0.2, hi=4)),
    "CosineSimilarity": lambda *s: (rand(*s), rand(*s)),
    "Huber": lambda *s: (rand(*s, lo=-3, hi=3), rand(*s, lo=-3, hi=3)),
    "LogCosh": lambda *s: (rand(*s, lo=-3, hi=3), rand(*s, lo=-3, hi=3)),
    "Hinge": lambda *s: (torch.sign(rand(*s)), rand(*s)),
    "SquaredHinge": lambda *s: (torch.sign(rand(*s)), rand(*s)),
    "CategoricalHinge": lambda *s: (one_hot(randint(0, s[-1], *s[:-1]), s[-1]), rand(*s)),
}.items():
    y_true, y_pred = make(4, 3)
    case(f"{cls}_basic", cls, y_true, y_pred)
    case(f"{cls}_weighted", cls, y_true, y_pred, sample_weight=weights)
    y_true, y_pred = make(2, 3, 4)
    case(f"{cls}_rank3_step_weights", cls, y_true, y_pred, sample_weight=rand(2, 3, lo=0, hi=2))

y_true, y_pred = rand(4, 3), rand(4, 3)
for reduction in REDUCTIONS:
    case(f"MeanSquaredError_{reduction}", "MeanSquaredError", y_true, y_pred, sample_weight=weights, reduction=reduction)
    case(f"MeanSquaredError_{reduction}_unweighted", "MeanSquaredError", y_true, y_pred, reduction=reduction)
case("MeanSquaredError_weights_column", "MeanSquaredError", y_true, y_pred, sample_weight=weights.reshape(4, 1))
case("MeanSquaredError_scalar_weight", "MeanSquaredError", y_true, y_pred, sample_weight=torch.tensor(0.5))
case("MeanSquaredError_rank1", "MeanSquaredError", rand(5), rand(5))
case("MeanSquaredError_labels_column", "MeanSquaredError", rand(4), rand(4, 1))
case("MeanSquaredError_mean_with_sample_weight_zero_weights", "MeanSquaredError", y_true, y_pred,
     sample_weight=torch.zeros(4), reduction="mean_with_sample_weight")
case("MeanSquaredError_empty_batch", "MeanSquaredError", rand(0, 3), rand(0, 3))

# Masks (a Keras mask on y_pred, as Masking/Embedding(mask_zero) leave on sequence outputs).
y_true, y_pred = rand(2, 4, 3), rand(2, 4, 3)
mask = torch.tensor([[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 1.0, 0.0]])
for reduction in ["sum_over_batch_size", "sum", "mean_with_sample_weight", "none"]:
    case(f"MeanSquaredError_masked_{reduction}", "MeanSquaredError", y_true, y_pred, mask=mask, reduction=reduction)
case("MeanSquaredError_masked_weighted", "MeanSquaredError", y_true, y_pred, sample_weight=rand(2, 4, lo=0, hi=2), mask=mask)

case("MeanAbsolutePercentageError_zero_targets_extreme", "MeanAbsolutePercentageError",
     torch.tensor([[0.0, 1.0, -2.0], [0.0, 0.0, 3.0]]), rand(2, 3))
case("MeanSquaredLogarithmicError_negative_extreme", "MeanSquaredLogarithmicError",
     torch.tensor([[-1.0, 0.5, 2.0], [0.0, 1.0, -0.5]]), torch.tensor([[0.5, -2.0, 1.0], [0.0, 2.0, 0.3]]))
case("KLDivergence_zeros_extreme", "KLDivergence", torch.tensor([[0.0, 1.0, 0.0], [0.2, 0.0, 0.8]]),
     torch.tensor([[0.1, 0.9, 0.0], [0.3, 0.3, 0.4]]))
case("CosineSimilarity_axis0", "CosineSimilarity", rand(4, 3), rand(4, 3), axis=0)
case("CosineSimilarity_zero_vector_extreme", "CosineSimilarity", torch.tensor([[0.0, 0.0], [1.0, 1.0]]),
     torch.tensor([[1.0, 0.0], [-1.0, -1.0]]))
case("Huber_delta_half", "Huber", rand(4, 3, lo=-2, hi=2), rand(4, 3, lo=-2, hi=2), delta=0.5)
case("Hinge_binary_labels", "Hinge", randint(0, 2, 4, 3).float(), rand(4, 3))
case("SquaredHinge_binary_labels", "SquaredHinge", randint(0, 2, 4, 3).float(), rand(4, 3))
case("LogCosh_large_errors", "LogCosh", rand(4, 3, lo=-20, hi=20), rand(4, 3, lo=-20, hi=20))

# Binary crossentropies.
labels = randint(0, 2, 4, 3).float()
case("BinaryCrossentropy_probs", "BinaryCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95))
case("BinaryCrossentropy_logits", "BinaryCrossentropy", labels, rand(4, 3, lo=-4, hi=4), from_logits=True)
case("BinaryCrossentropy_smoothing", "BinaryCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95), label_smoothing=0.2)
case("BinaryCrossentropy_logits_smoothing", "BinaryCrossentropy", labels, rand(4, 3, lo=-4, hi=4), from_logits=True, label_smoothing=0.1)
case("BinaryCrossentropy_axis0", "BinaryCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95), axis=0)
case("BinaryCrossentropy_rank1_labels", "BinaryCrossentropy", randint(0, 2, 5).float(), rand(5, 1, lo=0.05, hi=0.95))
case("BinaryCrossentropy_int_labels", "BinaryCrossentropy", randint(0, 2, 4, 1), rand(4, 1, lo=-3, hi=3), from_logits=True)
case("BinaryCrossentropy_rank3_weighted", "BinaryCrossentropy", randint(0, 2, 2, 3, 4).float(), rand(2, 3, 4, lo=0.05, hi=0.95),
     sample_weight=rand(2, 3, lo=0, hi=2))
for reduction in REDUCTIONS:
    case(f"BinaryCrossentropy_{reduction}", "BinaryCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95), sample_weight=weights,
         reduction=reduction)
extreme_labels = torch.tensor([[0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0]])
extreme_probs = torch.tensor([[0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 1e-9, 0.9999999]])
case("BinaryCrossentropy_probs_extreme", "BinaryCrossentropy", extreme_labels, extreme_probs)
case("BinaryCrossentropy_logits_extreme", "BinaryCrossentropy", extreme_labels, torch.tensor([[-40.0, 40.0, 30.0, -30.0], [0.0, 0.0, 90.0, -90.0]]),
     from_logits=True)

case("BinaryFocalCrossentropy_default", "BinaryFocalCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95))
case("BinaryFocalCrossentropy_logits", "BinaryFocalCrossentropy", labels, rand(4, 3, lo=-4, hi=4), from_logits=True)
case("BinaryFocalCrossentropy_balanced", "BinaryFocalCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95), apply_class_balancing=True, alpha=0.3)
case("BinaryFocalCrossentropy_gamma0_weighted", "BinaryFocalCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95), gamma=0.0,
     sample_weight=weights)
case("BinaryFocalCrossentropy_logits_balanced_smoothing", "BinaryFocalCrossentropy", labels, rand(4, 3, lo=-4, hi=4), from_logits=True,
     apply_class_balancing=True, gamma=3.0, label_smoothing=0.1)
case("BinaryFocalCrossentropy_axis0_sum", "BinaryFocalCrossentropy", labels, rand(4, 3, lo=0.05, hi=0.95), axis=0, reduction="sum")
case("BinaryFocalCrossentropy_probs_extreme", "BinaryFocalCrossentropy", extreme_labels, extreme_probs)

# Categorical crossentropies.
classes = randint(0, 4, 5)
targets = one_hot(classes, 4)
case("CategoricalCrossentropy_probs", "CategoricalCrossentropy", targets, probs(5, 4))
case("CategoricalCrossentropy_unnormalized", "CategoricalCrossentropy", targets, rand(5, 4, lo=0.1, hi=2))
case("CategoricalCrossentropy_logits", "CategoricalCrossentropy", targets, rand(5, 4, lo=-3, hi=3), from_logits=True)
case("CategoricalCrossentropy_smoothing", "CategoricalCrossentropy", targets, probs(5, 4), label_smoothing=0.1)
case("CategoricalCrossentropy_logits_smoothing_weighted", "CategoricalCrossentropy", targets, rand(5, 4, lo=-3, hi=3), from_logits=True,
     label_smoothing=0.2, sample_weight=rand(5, lo=0, hi=2))
case("CategoricalCrossentropy_soft_targets", "CategoricalCrossentropy", probs(5, 4), probs(5, 4))
case("CategoricalCrossentropy_axis1", "CategoricalCrossentropy", one_hot(randint(0, 3, 2, 4), 3).permute(0, 2, 1).contiguous(),
     torch.softmax(rand(2, 3, 4), dim=1), axis=1)
case("CategoricalCrossentropy_rank3", "CategoricalCrossentropy", one_hot(randint(0, 4, 2, 3), 4), probs(2, 3, 4),
     sample_weight=rand(2, 3, lo=0, hi=2))
for reduction in REDUCTIONS:
    case(f"CategoricalCrossentropy_{reduction}", "CategoricalCrossentropy", one_hot(randint(0, 3, 4), 3), probs(4, 3), sample_weight=weights,
         reduction=reduction)
case("CategoricalCrossentropy_probs_extreme", "CategoricalCrossentropy", torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
     torch.tensor([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0]]))
case("CategoricalCrossentropy_logits_extreme", "CategoricalCrossentropy", torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
     torch.tensor([[80.0, -80.0, 0.0], [100.0, 0.0, -100.0]]), from_logits=True)

case("CategoricalFocalCrossentropy_default", "CategoricalFocalCrossentropy", targets, probs(5, 4))
case("CategoricalFocalCrossentropy_logits", "CategoricalFocalCrossentropy", targets, rand(5, 4, lo=-3, hi=3), from_logits=True)
case("CategoricalFocalCrossentropy_alpha_list", "CategoricalFocalCrossentropy", targets, probs(5, 4), alpha=[0.1, 0.2, 0.3, 0.4])
case("CategoricalFocalCrossentropy_gamma0_smoothing", "CategoricalFocalCrossentropy", targets, probs(5, 4), gamma=0.0, label_smoothing=0.1,
     alpha=1.0)
case("CategoricalFocalCrossentropy_logits_weighted", "CategoricalFocalCrossentropy", targets, rand(5, 4, lo=-3, hi=3), from_logits=True,
     gamma=1.5, sample_weight=rand(5, lo=0, hi=2), reduction="sum")
case("CategoricalFocalCrossentropy_probs_extreme", "CategoricalFocalCrossentropy", torch.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
     torch.tensor([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]))

# Sparse categorical crossentropy.
labels = randint(0, 4, 5)
case("SparseCategoricalCrossentropy_probs", "SparseCategoricalCrossentropy", labels, probs(5, 4))
case("SparseCategoricalCrossentropy_logits", "SparseCategoricalCrossentropy", labels, rand(5, 4, lo=-3, hi=3), from_logits=True)
case("SparseCategoricalCrossentropy_unnormalized", "SparseCategoricalCrossentropy", labels, rand(5, 4, lo=0.1, hi=2))
case("SparseCategoricalCrossentropy_labels_column", "SparseCategoricalCrossentropy", labels.reshape(5, 1), probs(5, 4))
case("SparseCategoricalCrossentropy_float_labels", "SparseCategoricalCrossentropy", labels.float(), rand(5, 4, lo=-3, hi=3), from_logits=True)
case("SparseCategoricalCrossentropy_rank3_weighted", "SparseCategoricalCrossentropy", randint(0, 4, 2, 3), rand(2, 3, 4, lo=-3, hi=3),
     from_logits=True, sample_weight=rand(2, 3, lo=0, hi=2))
for reduction in REDUCTIONS:
    case(f"SparseCategoricalCrossentropy_{reduction}", "SparseCategoricalCrossentropy", randint(0, 3, 4), rand(4, 3, lo=-3, hi=3),
         from_logits=True, sample_weight=weights, reduction=reduction)
ignored = torch.tensor([2, -1, 0, 1, -1], dtype=torch.int32)
case("SparseCategoricalCrossentropy_ignore_class", "SparseCategoricalCrossentropy", ignored, rand(5, 3, lo=-3, hi=3), from_logits=True,
     ignore_class=-1)
case("SparseCategoricalCrossentropy_ignore_class_probs_sum", "SparseCategoricalCrossentropy", ignored, probs(5, 3), ignore_class=-1,
     reduction="sum")
case("SparseCategoricalCrossentropy_ignore_class_rank3_weighted", "SparseCategoricalCrossentropy",
     torch.tensor([[0, 255, 1], [255, 2, 2]], dtype=torch.int32), rand(2, 3, 3, lo=-3, hi=3), from_logits=True, ignore_class=255,
     sample_weight=torch.tensor([1.5, 0.5]).reshape(2, 1))
case("SparseCategoricalCrossentropy_ignore_class_masked", "SparseCategoricalCrossentropy",
     torch.tensor([[0, 255, 1], [255, 2, 2]], dtype=torch.int32), rand(2, 3, 3, lo=-3, hi=3), from_logits=True, ignore_class=255,
     mask=torch.tensor([[1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]))
case("SparseCategoricalCrossentropy_probs_extreme", "SparseCategoricalCrossentropy", torch.tensor([1, 0, 2], dtype=torch.int32),
     torch.tensor([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0]]))

# The examples of Keras's docstrings, with the values Keras prints: they check this generator against Keras itself.
def doc_example(name, cls, y_true, y_pred, expected, sample_weight=None, **args):
    case(name, cls, torch.tensor(y_true), torch.tensor(y_pred), sample_weight=None if sample_weight is None else torch.tensor(sample_weight), **args)
    got = c.cases[-1]["output"]["data"]
    assert all(abs(g - e) <= 1e-3 * max(1.0, abs(e)) for g, e in zip(got, expected)), f"{name}: {got} vs Keras's {expected}"


bce_true, bce_logits = [[0.0, 1.0], [0.0, 0.0]], [[-18.6, 0.51], [2.94, -12.8]]
doc_example("keras_doc_bce_logits", "BinaryCrossentropy", bce_true, bce_logits, [0.8654], from_logits=True)
doc_example("keras_doc_bce_logits_weighted", "BinaryCrossentropy", bce_true, bce_logits, [0.243], sample_weight=[0.8, 0.2], from_logits=True)
doc_example("keras_doc_bce_logits_none", "BinaryCrossentropy", bce_true, bce_logits, [0.235, 1.496], from_logits=True, reduction="none")
doc_example("keras_doc_bfce_gamma3", "BinaryFocalCrossentropy", bce_true, bce_logits, [0.647], gamma=3.0, from_logits=True)
doc_example("keras_doc_bfce_balanced_gamma3_weighted", "BinaryFocalCrossentropy", bce_true, bce_logits, [0.097],
            sample_weight=[0.8, 0.2], apply_class_balancing=True, gamma=3.0, from_logits=True)
doc_example("keras_doc_bfce_gamma5_none", "BinaryFocalCrossentropy", bce_true, bce_logits, [0.0017, 1.1561], gamma=5.0, from_logits=True,
            reduction="none")
cce_true, cce_pred = [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]
doc_example("keras_doc_cce", "CategoricalCrossentropy", cce_true, cce_pred, [1.177])
doc_example("keras_doc_cce_weighted", "CategoricalCrossentropy", cce_true, cce_pred, [0.814], sample_weight=[0.3, 0.7])
doc_example("keras_doc_cfce", "CategoricalFocalCrossentropy", cce_true, cce_pred, [0.23315276])
doc_example("keras_doc_cfce_weighted", "CategoricalFocalCrossentropy", cce_true, cce_pred, [0.1632], sample_weight=[0.3, 0.7])
doc_example("keras_doc_scce_none", "SparseCategoricalCrossentropy", [1, 2], cce_pred, [0.0513, 2.303], reduction="none")
doc_example("keras_doc_bce_probs", "BinaryCrossentropy", [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]], [0.916, 0.714], reduction="none")
doc_example("keras_doc_huber", "Huber", [[0.0, 1.0], [0.0, 0.0]], [[0.6, 0.4], [0.4, 0.6]], [0.155])
doc_example("keras_doc_log_cosh", "LogCosh", [[0.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [0.0, 0.0]], [0.108])
doc_example("keras_doc_cosine_similarity", "CosineSimilarity", [[0.0, 1.0], [1.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0], [-1.0, -1.0]],
            [0.0, -0.99999994, 0.99999994], reduction="none")

c.write()
