"""Reference values for the stateful metrics of Keras 3 (keras/src/metrics/*.py and the per-sample functions of
keras/src/losses/losses.py), re-implemented with PyTorch from Keras's formulas.

Each case accumulates two or three batches: "inputs" holds, batch after batch, y_true, y_pred and (when args.weighted) the
sample weights (Mean and Sum take values instead of y_true and y_pred), and "outputs" holds metric.result() after each batch.
"args" holds the constructor arguments under Keras's names. Statistics are computed in float64 from the float32 inputs, except
where Keras's float32 arithmetic decides a discrete outcome (the bucket of a prediction for evenly spaced thresholds).
"""
import numpy as np
import torch

from refgen import RNG, Cases, rand

EPSILON = 1e-7  # keras.backend.epsilon()
NEG_INF = -1e10  # metrics_utils.NEG_INF
f64 = torch.float64
c = Cases("metrics.json")


# ---- shared helpers (keras/src/losses/loss.py, keras/src/metrics/reduction_metrics.py) ----

def squeeze_or_expand(x1, x2, expand_rank_1=True):
    r1, r2 = x1.dim(), x2.dim()
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = x2.unsqueeze(-1)
        else:
            x1 = x1.squeeze(-1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = x1.unsqueeze(-1)
        else:
            x2 = x2.squeeze(-1)
    return x1, x2


def reduce_to_samplewise(values, sw, reduce_fn):
    values = values.to(f64)
    if sw is not None:
        sw = sw.to(f64)
        values, sw = squeeze_or_expand(values, sw)
        w_nd, v_nd = sw.dim(), values.dim()
        if v_nd > w_nd:
            values = reduce_fn(values, list(range(w_nd, v_nd)))
        sw = torch.broadcast_to(sw, values.shape)
        values = values * sw
        if w_nd > 1:
            sw = reduce_fn(sw, list(range(1, w_nd)))
    if values.dim() > 1:
        values = reduce_fn(values, list(range(1, values.dim())))
    return values, sw


def t_mean(x, axes):
    return torch.mean(x, dim=axes)


def t_sum(x, axes):
    return torch.sum(x, dim=axes)


class MeanState:
    def __init__(self):
        self.total = 0.0
        self.count = 0.0

    def update(self, values, sw):
        values, sw = reduce_to_samplewise(values, sw, t_mean)
        self.total += float(torch.sum(values))
        if sw is not None:
            self.count += float(torch.sum(sw))
        elif values.dim() >= 1:
            self.count += values.shape[0]
        else:
            self.count += 1

    def result(self):
        return 0.0 if self.count == 0 else self.total / self.count


# ---- per-sample functions (keras/src/metrics/accuracy_metrics.py, keras/src/losses/losses.py) ----

def accuracy(t, p):
    t, p = squeeze_or_expand(t.to(f64), p.to(f64))
    return torch.mean((t == p).to(f64), dim=-1)


def binary_accuracy(t, p, threshold=0.5):
    t, p = squeeze_or_expand(t.to(f64), p.to(f64))
    return torch.mean((t == (p > threshold).to(f64)).to(f64), dim=-1)


def class_matches(labels, p, only_size_one):
    org = labels.shape
    reshape = labels.dim() == p.dim() and (not only_size_one or labels.shape[-1] == 1)
    if reshape:
        labels = labels.squeeze(-1)
    m = (labels.to(f64) == torch.argmax(p, dim=-1).to(f64)).to(f64)
    return m.reshape(org) if reshape else m


def categorical_accuracy(t, p):
    return class_matches(torch.argmax(t, dim=-1), p, False)


def sparse_categorical_accuracy(t, p):
    m = class_matches(t, p, True)
    return m.squeeze(-1) if m.dim() > 1 and m.shape[-1] == 1 else m


def in_top_k(targets, predictions, k):
    kth = torch.topk(predictions, k, dim=-1).values[:, -1:]
    target_values = torch.take_along_dim(predictions, targets.long()[:, None], dim=-1)
    return (target_values >= kth).squeeze(-1).to(f64)


def top_k_matches(labels, p, k):
    org = labels.shape
    if p.dim() > 2:
        p = p.reshape(-1, p.shape[-1])
    if labels.dim() > 1:
        labels = labels.reshape(-1)
    m = in_top_k(labels, p, k)
    return m.reshape(org) if len(org) > 1 else m


def top_k_categorical_accuracy(t, p, k=5):
    return top_k_matches(torch.argmax(t, dim=-1), p, k)


def sparse_top_k_categorical_accuracy(t, p, k=5):
    return top_k_matches(t, p, k)


def mse(t, p):
    t, p = squeeze_or_expand(t.to(f64), p.to(f64))
    return torch.mean((t - p) ** 2, dim=-1)


def mae(t, p):
    t, p = squeeze_or_expand(t.to(f64), p.to(f64))
    return torch.mean(torch.abs(t - p), dim=-1)


def mape(t, p):
    t, p = squeeze_or_expand(t.to(f64), p.to(f64))
    return 100.0 * torch.mean(torch.abs((t - p) / torch.clamp(torch.abs(t), min=EPSILON)), dim=-1)


def msle(t, p):
    t, p = squeeze_or_expand(t.to(f64), p.to(f64))
    return torch.mean((torch.log(torch.clamp(p, min=EPSILON) + 1) - torch.log(torch.clamp(t, min=EPSILON) + 1)) ** 2, dim=-1)


def binary_crossentropy(t, p, from_logits=False, label_smoothing=0.0):
    t, p = t.to(f64), p.to(f64)
    if label_smoothing:
        t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        e = torch.nn.functional.binary_cross_entropy_with_logits(p, t, reduction="none")
    else:
        e = torch.nn.functional.binary_cross_entropy(torch.clamp(p, EPSILON, 1.0 - EPSILON), t, reduction="none")
    return torch.mean(e, dim=-1)


def log_probabilities(p, from_logits, axis):
    if from_logits:
        return torch.log_softmax(p, dim=axis)
    return torch.log(torch.clamp(p / torch.sum(p, dim=axis, keepdim=True), EPSILON, 1.0 - EPSILON))


def categorical_crossentropy(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    t, p = t.to(f64), p.to(f64)
    if label_smoothing:
        t = t * (1.0 - label_smoothing) + label_smoothing / t.shape[-1]
    return -torch.sum(t * log_probabilities(p, from_logits, axis), dim=axis)


def sparse_categorical_crossentropy(t, p, from_logits=False, axis=-1):
    p = p.to(f64)
    if t.dim() == p.dim() and t.shape[-1] == 1:
        t = t.squeeze(-1)
    logp = log_probabilities(p, from_logits, axis)
    return -torch.take_along_dim(logp, t.long().unsqueeze(axis), dim=axis).squeeze(axis)


# ---- confusion matrix (keras/src/metrics/metrics_utils.py) ----

def is_evenly_distributed(thresholds):
    n = len(thresholds)
    if n < 3:
        return False
    even = np.arange(n, dtype=np.float32) / (n - 1)
    return bool(np.allclose(thresholds, even, atol=EPSILON))


def filter_top_k(x, k):
    idx = torch.topk(x, k, dim=-1).indices
    mask = torch.zeros_like(x).scatter_(-1, idx, 1.0)
    return x * mask + NEG_INF * (1 - mask)


def confusion_update(state, y_true, y_pred, thresholds, evenly, sw=None, top_k=None, class_id=None, multi_label=False,
                     label_weights=None):
    """Adds tp, fp, tn, fn (arrays of shape (thresholds,) or (thresholds, labels)) to state, as Keras does."""
    y_true = y_true.to(torch.float32)
    y_pred = y_pred.to(torch.float32)
    with_epsilon = evenly and (thresholds[0] < 0.0 or thresholds[-1] > 1.0)
    y_pred, y_true = squeeze_or_expand(y_pred, y_true)
    if sw is not None:
        _, sw = squeeze_or_expand(y_true, sw.to(torch.float32).unsqueeze(-1), expand_rank_1=False)
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id, None]
        y_pred = y_pred[..., class_id, None]
    n = len(thresholds)
    weights = torch.ones(y_pred.shape, dtype=f64)
    if sw is not None:
        weights = weights * torch.broadcast_to(sw.to(f64), y_pred.shape)
    if label_weights is not None and not multi_label:
        weights = weights * torch.broadcast_to(torch.tensor(label_weights, dtype=f64)[None, :], y_pred.shape)
    labels = (y_true != 0).to(f64)
    if not multi_label:
        labels, y_pred, weights = labels.reshape(-1, 1), y_pred.reshape(-1, 1), weights.reshape(-1, 1)
    columns = y_pred.shape[1]
    if evenly:
        p = torch.clamp(y_pred, 0.0, 1.0)
        bucket = torch.ceil(p * torch.tensor(n - 1, dtype=torch.float32)) - 1  # float32, as Keras
        if with_epsilon:
            bucket = torch.relu(bucket)
        bucket = bucket.long()
        tp_b = torch.zeros(n, columns, dtype=f64)
        fp_b = torch.zeros(n, columns, dtype=f64)
        for col in range(columns):
            keep = bucket[:, col] >= 0
            tp_b[:, col].index_add_(0, bucket[keep, col], (labels * weights)[keep, col])
            fp_b[:, col].index_add_(0, bucket[keep, col], ((1 - labels) * weights)[keep, col])
        tp = torch.flip(torch.cumsum(torch.flip(tp_b, [0]), 0), [0])
        fp = torch.flip(torch.cumsum(torch.flip(fp_b, [0]), 0), [0])
        tn = torch.sum((1 - labels) * weights, 0)[None, :] - fp
        fn = torch.sum(labels * weights, 0)[None, :] - tp
    else:
        th = torch.tensor(thresholds, dtype=torch.float32)[:, None, None]
        pos = (y_pred[None] > th).to(f64)
        tp = torch.sum(pos * labels * weights, 1)
        fp = torch.sum(pos * (1 - labels) * weights, 1)
        tn = torch.sum((1 - pos) * (1 - labels) * weights, 1)
        fn = torch.sum((1 - pos) * labels * weights, 1)
    for key, value in (("tp", tp), ("fp", fp), ("tn", tn), ("fn", fn)):
        value = value if multi_label else value[:, 0]
        state[key] = state.get(key, torch.zeros_like(value)) + value


def divide_no_nan(x, y):
    return torch.where(y == 0, torch.zeros_like(x), x / torch.where(y == 0, torch.ones_like(y), y))


# ---- metric objects with Keras's update_state/result ----

class WrapperMetric:
    def __init__(self, fn, **kwargs):
        self.fn, self.kwargs, self.state = fn, kwargs, MeanState()

    def update(self, t, p, sw):
        self.state.update(self.fn(t, p, **self.kwargs), sw)

    def result(self):
        return torch.tensor(self.state.result())


class RootMeanSquared:
    def __init__(self):
        self.state = MeanState()

    def update(self, t, p, sw):
        t, p = squeeze_or_expand(t.to(f64), p.to(f64))
        self.state.update((p - t) ** 2, sw)

    def result(self):
        return torch.tensor(np.sqrt(self.state.result()))


class MeanMetric:
    def __init__(self):
        self.state = MeanState()

    def update(self, values, sw):
        self.state.update(values, sw)

    def result(self):
        return torch.tensor(self.state.result())


class SumMetric:
    def __init__(self):
        self.total = 0.0

    def update(self, values, sw):
        values, _ = reduce_to_samplewise(values, sw, t_sum)
        self.total += float(torch.sum(values))

    def result(self):
        return torch.tensor(self.total)


def parse_thresholds(thresholds, default):
    if thresholds is None:
        return [default]
    return list(thresholds) if isinstance(thresholds, (list, tuple)) else [thresholds]


class ConditionCount:
    def __init__(self, key, thresholds=None):
        self.key = key
        self.thresholds = parse_thresholds(thresholds, 0.5)
        self.evenly = is_evenly_distributed(self.thresholds)
        self.state = {}

    def update(self, t, p, sw):
        confusion_update(self.state, t, p, self.thresholds, self.evenly, sw)

    def result(self):
        v = self.state[self.key]
        return v[0] if len(self.thresholds) == 1 else v


class PrecisionRecall:
    def __init__(self, other, thresholds=None, top_k=None, class_id=None):
        self.other = other
        self.thresholds = parse_thresholds(thresholds, 0.5 if top_k is None else NEG_INF)
        self.evenly = is_evenly_distributed(self.thresholds)
        self.top_k, self.class_id = top_k, class_id
        self.state = {}

    def update(self, t, p, sw):
        confusion_update(self.state, t, p, self.thresholds, self.evenly, sw, self.top_k, self.class_id)

    def result(self):
        r = divide_no_nan(self.state["tp"], self.state["tp"] + self.state[self.other])
        return r[0] if len(self.thresholds) == 1 else r


class Auc:
    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", thresholds=None,
                 multi_label=False, label_weights=None, from_logits=False):
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            inner = sorted(thresholds)
            self.evenly = is_evenly_distributed(np.array([0.0] + inner + [1.0]))
        else:
            self.num_thresholds = num_thresholds
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.evenly = True
        self.thresholds = [0.0 - EPSILON] + inner + [1.0 + EPSILON]
        self.curve, self.summation = curve, summation_method
        self.multi_label, self.label_weights, self.from_logits = multi_label, label_weights, from_logits
        self.state = {}

    def update(self, t, p, sw):
        if self.from_logits:
            p = torch.sigmoid(p)
        confusion_update(self.state, t, p, self.thresholds, self.evenly, sw, multi_label=self.multi_label,
                         label_weights=None if self.multi_label else self.label_weights)

    def result(self):
        tp, fp, tn, fn = (self.state[k] for k in ("tp", "fp", "tn", "fn"))
        if self.curve == "PR" and self.summation == "interpolation":
            dtp = tp[:-1] - tp[1:]
            p = tp + fp
            dp = p[:-1] - p[1:]
            slope = divide_no_nan(dtp, torch.clamp(dp, min=0))
            intercept = tp[1:] - slope * p[1:]
            ratio = torch.where((p[:-1] > 0) & (p[1:] > 0), divide_no_nan(p[:-1], torch.clamp(p[1:], min=0)), torch.ones_like(p[1:]))
            terms = divide_no_nan(slope * (dtp + intercept * torch.log(ratio)), torch.clamp(tp[1:] + fn[1:], min=0))
        else:
            recall = divide_no_nan(tp, tp + fn)
            if self.curve == "ROC":
                x, y = divide_no_nan(fp, fp + tn), recall
            else:
                x, y = recall, divide_no_nan(tp, tp + fp)
            if self.summation == "interpolation":
                heights = (y[:-1] + y[1:]) / 2
            elif self.summation == "minoring":
                heights = torch.minimum(y[:-1], y[1:])
            else:
                heights = torch.maximum(y[:-1], y[1:])
            terms = (x[:-1] - x[1:]) * heights
        if not self.multi_label:
            return torch.sum(terms)
        by_label = torch.sum(terms, 0)
        if self.label_weights is None:
            return torch.mean(by_label)
        lw = torch.tensor(self.label_weights, dtype=f64)
        return divide_no_nan(torch.sum(by_label * lw), torch.sum(lw))


class FBeta:
    def __init__(self, average=None, beta=1.0, threshold=None):
        self.average, self.beta, self.threshold = average, beta, threshold
        self.tp = self.fp = self.fn = self.iw = 0.0

    def update(self, t, p, sw):
        t, p = t.to(f64), p.to(torch.float32)
        if self.threshold is None:
            pred = (p >= torch.max(p, dim=-1, keepdim=True).values) & (torch.abs(p) > 1e-9)
        else:
            pred = p > self.threshold
        pred = pred.to(f64)
        axis = None if self.average == "micro" else 0

        def weighted_sum(v):
            if sw is not None:
                v = v * sw.to(f64)[:, None]
            return torch.sum(v) if axis is None else torch.sum(v, dim=0)

        self.tp = self.tp + weighted_sum(pred * t)
        self.fp = self.fp + weighted_sum(pred * (1 - t))
        self.fn = self.fn + weighted_sum((1 - pred) * t)
        self.iw = self.iw + weighted_sum(t)

    def result(self):
        precision = self.tp / (self.tp + self.fp + EPSILON)
        recall = self.tp / (self.tp + self.fn + EPSILON)
        b2 = self.beta ** 2
        f = precision * recall / (b2 * precision + recall + EPSILON) * (1 + b2)
        if self.average == "weighted":
            return torch.sum(f * self.iw / (torch.sum(self.iw) + EPSILON))
        if self.average is not None:
            return torch.mean(f)
        return f


class R2:
    def __init__(self, class_aggregation="uniform_average", num_regressors=0):
        self.aggregation, self.regressors = class_aggregation, num_regressors
        self.sum = self.sq = self.res = self.count = 0.0
        self.samples = 0

    def update(self, t, p, sw):
        t, p = squeeze_or_expand(t.to(f64), p.to(f64))
        w = torch.tensor(1.0, dtype=f64) if sw is None else sw.to(f64)
        if w.dim() == 1:
            w = w[:, None]
        w = torch.broadcast_to(w, t.shape)
        self.sum = self.sum + torch.sum(t * w, 0)
        self.sq = self.sq + torch.sum(t * t * w, 0)
        self.res = self.res + torch.sum((t - p) ** 2 * w, 0)
        self.count = self.count + torch.sum(w, 0)
        self.samples += t.numel()

    def result(self):
        mean = self.sum / self.count
        total = self.sq - self.sum * mean
        raw = 1 - self.res / total
        raw = torch.where(torch.isinf(raw), torch.zeros_like(raw), raw)
        if self.aggregation == "uniform_average":
            r2 = torch.mean(raw)
        elif self.aggregation == "variance_weighted_average":
            r2 = torch.sum(total * raw) / torch.sum(total)
        else:
            r2 = raw
        n, p = float(self.samples), float(self.regressors)
        if self.regressors != 0 and p < n - 1:
            r2 = 1 - (1 - r2) * (n - 1) / (n - p - 1)
        return r2


# ---- data ----

def probs(*shape):
    return rand(*shape, lo=0.0, hi=1.0)


def labels01(*shape):
    return torch.tensor(RNG.integers(0, 2, size=shape).astype(np.float32))


def one_hot(classes, *shape):
    idx = torch.tensor(RNG.integers(0, classes, size=shape))
    return torch.nn.functional.one_hot(idx, classes).to(torch.float32)


def int_labels(classes, *shape):
    return torch.tensor(RNG.integers(0, classes, size=shape).astype(np.int32))


def softmax_probs(*shape):
    return torch.softmax(rand(*shape), dim=-1)


def noisy_scores(labels, classes):
    """Scores that favour the labelled class, so that accuracies are neither 0 nor 1."""
    hot = torch.nn.functional.one_hot(labels.reshape(labels.shape[0]).long(), classes).to(torch.float32)
    return rand(labels.shape[0], classes, lo=0.0, hi=1.0) + 0.6 * hot


def weights(*shape):
    return rand(*shape, lo=0.0, hi=2.0)


def add(name, op, metric, batches, weighted=False, values=False, **args):
    """Accumulates the batches [(y_true, y_pred, sw) or (values, sw)] and records the result after each."""
    inputs, outputs = [], []
    for batch in batches:
        if values:
            v, sw = batch
            metric.update(v, sw if weighted else None)
            inputs += [v] + ([sw] if weighted else [])
        else:
            t, p, sw = batch
            metric.update(t, p, sw if weighted else None)
            inputs += [t, p] + ([sw] if weighted else [])
        outputs.append(metric.result())
    c.add(name, inputs, outputs, op=op, batches=len(batches), weighted=weighted, **args)


def both(name, op, make, batches, **args):
    """The case without and with sample weights."""
    add(name, op, make(), batches, weighted=False, **args)
    add(name + "_weighted", op, make(), batches, weighted=True, **args)


# Mean and Sum: values of rank 1 and 2, weights of rank 0, 1 and 2.
for op, make in (("Mean", MeanMetric), ("Sum", SumMetric)):
    both(f"{op.lower()}_rank1", op, make, [(rand(4), weights(4)), (rand(3), weights(3)), (rand(5), weights(5))], values=True)
    both(f"{op.lower()}_rank2", op, make, [(rand(4, 3), weights(4)), (rand(2, 3), weights(2))], values=True)
    add(f"{op.lower()}_elementwise_weights", op, make(), [(rand(4, 3), weights(4, 3)), (rand(2, 3), weights(2, 3))], weighted=True, values=True)
    add(f"{op.lower()}_scalar_weight", op, make(), [(rand(4), torch.tensor(0.5)), (rand(3), torch.tensor(2.0))], weighted=True, values=True)
    add(f"{op.lower()}_column_weights", op, make(), [(rand(4, 3), weights(4, 1)), (rand(3, 3), weights(3, 1))], weighted=True, values=True)

# Accuracies.
acc_t = [torch.tensor([[1.0], [2.0], [3.0], [4.0]]), torch.tensor([[0.0], [1.0], [1.0]])]
acc_p = [torch.tensor([[0.0], [2.0], [3.0], [4.0]]), torch.tensor([[0.0], [2.0], [1.0]])]
both("accuracy_column", "Accuracy", lambda: WrapperMetric(accuracy), [(acc_t[0], acc_p[0], weights(4)), (acc_t[1], acc_p[1], weights(3))])
both("accuracy_rank1_per_batch", "Accuracy", lambda: WrapperMetric(accuracy),
     [(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 0.0, 3.0]), torch.tensor(2.0)), (torch.tensor([1.0, 2.0]), torch.tensor([0.0, 0.0]), torch.tensor(1.0))])
for threshold in (0.5, 0.7):
    args = {} if threshold == 0.5 else {"threshold": threshold}
    tag = "" if threshold == 0.5 else "_threshold"
    both(f"binary_accuracy_column{tag}", "BinaryAccuracy", lambda: WrapperMetric(binary_accuracy, threshold=threshold),
         [(labels01(5, 1), probs(5, 1), weights(5)), (labels01(3, 1), probs(3, 1), weights(3))], **args)
both("binary_accuracy_rank1_labels", "BinaryAccuracy", lambda: WrapperMetric(binary_accuracy),
     [(labels01(5), probs(5, 1), weights(5)), (labels01(4), probs(4, 1), weights(4))])
both("binary_accuracy_multilabel", "BinaryAccuracy", lambda: WrapperMetric(binary_accuracy),
     [(labels01(4, 3), probs(4, 3), weights(4)), (labels01(3, 3), probs(3, 3), weights(3))])
both("categorical_accuracy", "CategoricalAccuracy", lambda: WrapperMetric(categorical_accuracy),
     [(one_hot(4, 6), softmax_probs(6, 4), weights(6)), (one_hot(4, 5), rand(5, 4), weights(5))])
both("categorical_accuracy_sequence", "CategoricalAccuracy", lambda: WrapperMetric(categorical_accuracy),
     [(one_hot(3, 2, 4), rand(2, 4, 3), weights(2, 4)), (one_hot(3, 3, 4), rand(3, 4, 3), weights(3, 4))])
both("sparse_categorical_accuracy", "SparseCategoricalAccuracy", lambda: WrapperMetric(sparse_categorical_accuracy),
     [(int_labels(4, 6), softmax_probs(6, 4), weights(6)), (int_labels(4, 5), rand(5, 4), weights(5))])
column_labels = [int_labels(4, 6, 1), int_labels(4, 5, 1).to(torch.float32)]
both("sparse_categorical_accuracy_column_labels", "SparseCategoricalAccuracy", lambda: WrapperMetric(sparse_categorical_accuracy),
     [(column_labels[0], noisy_scores(column_labels[0], 4), weights(6)), (column_labels[1], noisy_scores(column_labels[1], 4), weights(5))])
both("top_k_categorical_accuracy_k2", "TopKCategoricalAccuracy", lambda: WrapperMetric(top_k_categorical_accuracy, k=2),
     [(one_hot(5, 6), rand(6, 5), weights(6)), (one_hot(5, 4), rand(4, 5), weights(4))], k=2)
both("top_k_categorical_accuracy_default_k", "TopKCategoricalAccuracy", lambda: WrapperMetric(top_k_categorical_accuracy),
     [(one_hot(8, 6), rand(6, 8), weights(6)), (one_hot(8, 4), rand(4, 8), weights(4))])
both("sparse_top_k_categorical_accuracy_k3", "SparseTopKCategoricalAccuracy", lambda: WrapperMetric(sparse_top_k_categorical_accuracy, k=3),
     [(int_labels(6, 6), rand(6, 6), weights(6)), (int_labels(6, 4), rand(4, 6), weights(4))], k=3)
both("sparse_top_k_categorical_accuracy_sequence", "SparseTopKCategoricalAccuracy", lambda: WrapperMetric(sparse_top_k_categorical_accuracy, k=2),
     [(int_labels(5, 2, 3), rand(2, 3, 5), weights(2, 3)), (int_labels(5, 1, 3), rand(1, 3, 5), weights(1, 3))], k=2)

# Regression errors.
for op, fn in (("MeanSquaredError", mse), ("MeanAbsoluteError", mae), ("MeanAbsolutePercentageError", mape), ("MeanSquaredLogarithmicError", msle)):
    snake = {"MeanSquaredError": "mse", "MeanAbsoluteError": "mae", "MeanAbsolutePercentageError": "mape", "MeanSquaredLogarithmicError": "msle"}[op]
    both(f"{snake}_rank2", op, lambda fn=fn: WrapperMetric(fn), [(rand(4, 3), rand(4, 3), weights(4)), (rand(3, 3), rand(3, 3), weights(3))])
    add(f"{snake}_timestep_weights", op, WrapperMetric(fn), [(rand(4, 2, 3), rand(4, 2, 3), weights(4, 2)), (rand(2, 2, 3), rand(2, 2, 3), weights(2, 2))], weighted=True)
both("mse_column_vs_vector", "MeanSquaredError", lambda: WrapperMetric(mse), [(rand(4, 1), rand(4), weights(4)), (rand(3, 1), rand(3), weights(3))])
add("mse_rank1_per_batch", "MeanSquaredError", WrapperMetric(mse), [(rand(4), rand(4), None), (rand(3), rand(3), None)])
both("rmse_rank2", "RootMeanSquaredError", RootMeanSquared, [(rand(4, 3), rand(4, 3), weights(4)), (rand(3, 3), rand(3, 3), weights(3))])
both("rmse_column", "RootMeanSquaredError", RootMeanSquared, [(rand(5, 1), rand(5, 1), weights(5)), (rand(2, 1), rand(2, 1), weights(2))])

# Crossentropies.
extreme = torch.tensor([[0.0, 1.0, 0.5], [1.0, 0.0, 1e-9]])
both("binary_crossentropy", "BinaryCrossentropy", lambda: WrapperMetric(binary_crossentropy),
     [(labels01(4, 3), probs(4, 3), weights(4)), (labels01(2, 3), extreme, weights(2))])
both("binary_crossentropy_logits", "BinaryCrossentropy", lambda: WrapperMetric(binary_crossentropy, from_logits=True),
     [(labels01(4, 3), rand(4, 3, lo=-8, hi=8), weights(4)), (labels01(2, 3), torch.tensor([[30.0, -30.0, 0.0], [-20.0, 20.0, 5.0]]), weights(2))], from_logits=True)
both("binary_crossentropy_label_smoothing", "BinaryCrossentropy", lambda: WrapperMetric(binary_crossentropy, label_smoothing=0.2),
     [(labels01(4, 2), probs(4, 2), weights(4)), (labels01(3, 2), probs(3, 2), weights(3))], label_smoothing=0.2)
both("categorical_crossentropy", "CategoricalCrossentropy", lambda: WrapperMetric(categorical_crossentropy),
     [(one_hot(5, 4), softmax_probs(4, 5), weights(4)), (one_hot(5, 2), torch.tensor([[0.0, 0.2, 0.3, 0.4, 0.1], [1.0, 2.0, 0.5, 0.5, 1.0]]), weights(2))])
both("categorical_crossentropy_logits_smoothing", "CategoricalCrossentropy",
     lambda: WrapperMetric(categorical_crossentropy, from_logits=True, label_smoothing=0.1),
     [(one_hot(5, 4), rand(4, 5, lo=-5, hi=5), weights(4)), (one_hot(5, 3), rand(3, 5, lo=-5, hi=5), weights(3))], from_logits=True, label_smoothing=0.1)
both("categorical_crossentropy_axis1", "CategoricalCrossentropy", lambda: WrapperMetric(categorical_crossentropy, axis=1),
     [(one_hot(4, 3, 2).transpose(1, 2).contiguous(), probs(3, 4, 2), weights(3)), (one_hot(4, 2, 2).transpose(1, 2).contiguous(), probs(2, 4, 2), weights(2))], axis=1)
both("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", lambda: WrapperMetric(sparse_categorical_crossentropy),
     [(int_labels(5, 4), softmax_probs(4, 5), weights(4)), (int_labels(5, 3, 1), probs(3, 5), weights(3))])
both("sparse_categorical_crossentropy_logits", "SparseCategoricalCrossentropy", lambda: WrapperMetric(sparse_categorical_crossentropy, from_logits=True),
     [(int_labels(5, 4), rand(4, 5, lo=-6, hi=6), weights(4)), (int_labels(5, 3).to(torch.float32), rand(3, 5, lo=-6, hi=6), weights(3))], from_logits=True)
both("sparse_categorical_crossentropy_sequence", "SparseCategoricalCrossentropy", lambda: WrapperMetric(sparse_categorical_crossentropy),
     [(int_labels(4, 2, 3), softmax_probs(2, 3, 4), weights(2, 3)), (int_labels(4, 1, 3), softmax_probs(1, 3, 4), weights(1, 3))])

# Confusion-matrix metrics: binary data with predictions on the thresholds themselves, and multi-class data for top_k/class_id.
on_grid = torch.tensor([0.0, 0.25, 0.5, 0.75, 1.0, 0.3, 0.8, 0.5])


def binary_batches():
    return [(labels01(8), torch.cat([on_grid[:4], probs(4)]), weights(8)), (labels01(6), torch.cat([on_grid[4:], probs(2)]), weights(6))]


def column_batches():
    return [(labels01(5, 1), probs(5, 1), weights(5)), (labels01(4, 1), probs(4, 1), weights(4))]


def multiclass_batches():
    return [(labels01(4, 5), probs(4, 5), weights(4)), (labels01(3, 5), probs(3, 5), weights(3))]


for op, key in (("TruePositives", "tp"), ("FalsePositives", "fp"), ("TrueNegatives", "tn"), ("FalseNegatives", "fn")):
    snake = {"tp": "true_positives", "fp": "false_positives", "tn": "true_negatives", "fn": "false_negatives"}[key]
    both(snake, op, lambda key=key: ConditionCount(key), binary_batches())
    both(f"{snake}_thresholds", op, lambda key=key: ConditionCount(key, [0.2, 0.5, 0.8]), binary_batches(), thresholds=[0.2, 0.5, 0.8])
    add(f"{snake}_even_thresholds", op, ConditionCount(key, [0.0, 0.5, 1.0]), binary_batches(), weighted=True, thresholds=[0.0, 0.5, 1.0])

for op, other in (("Precision", "fp"), ("Recall", "fn")):
    snake = op.lower()
    both(snake, op, lambda other=other: PrecisionRecall(other), binary_batches())
    both(f"{snake}_column", op, lambda other=other: PrecisionRecall(other), column_batches())
    both(f"{snake}_threshold", op, lambda other=other: PrecisionRecall(other, 0.3), binary_batches(), thresholds=0.3)
    both(f"{snake}_thresholds", op, lambda other=other: PrecisionRecall(other, [0.1, 0.6, 0.35]), binary_batches(), thresholds=[0.1, 0.6, 0.35])
    both(f"{snake}_even_thresholds", op, lambda other=other: PrecisionRecall(other, [0.0, 0.25, 0.5, 0.75, 1.0]), binary_batches(),
         thresholds=[0.0, 0.25, 0.5, 0.75, 1.0])
    both(f"{snake}_top_k", op, lambda other=other: PrecisionRecall(other, top_k=2), multiclass_batches(), top_k=2)
    both(f"{snake}_class_id", op, lambda other=other: PrecisionRecall(other, class_id=1), multiclass_batches(), class_id=1)
    both(f"{snake}_top_k_class_id", op, lambda other=other: PrecisionRecall(other, top_k=2, class_id=0), multiclass_batches(), top_k=2, class_id=0)

auc_variants = [
    ("auc_roc", {}),
    ("auc_pr", {"curve": "PR"}),
    ("auc_roc_minoring", {"summation_method": "minoring"}),
    ("auc_roc_majoring", {"summation_method": "majoring"}),
    ("auc_pr_minoring", {"curve": "PR", "summation_method": "minoring"}),
    ("auc_pr_majoring", {"curve": "PR", "summation_method": "majoring"}),
    ("auc_3_thresholds", {"num_thresholds": 3}),
    ("auc_pr_10_thresholds", {"curve": "PR", "num_thresholds": 10}),
    ("auc_uneven_thresholds", {"thresholds": [0.6, 0.1, 0.3]}),
    ("auc_even_thresholds", {"thresholds": [0.25, 0.5, 0.75]}),
    ("auc_pr_uneven_thresholds", {"curve": "PR", "thresholds": [0.2, 0.45, 0.7, 0.9]}),
]
for name, args in auc_variants:
    both(name, "AUC", lambda args=args: Auc(**args), binary_batches(), **args)
both("auc_from_logits", "AUC", lambda: Auc(from_logits=True),
     [(labels01(6), rand(6, lo=-4, hi=4), weights(6)), (labels01(5), rand(5, lo=-4, hi=4), weights(5))], from_logits=True)
both("auc_multilabel", "AUC", lambda: Auc(multi_label=True), multiclass_batches(), multi_label=True)
both("auc_multilabel_pr_label_weights", "AUC", lambda: Auc(curve="PR", multi_label=True, label_weights=[1.0, 0.5, 2.0, 0.0, 1.0]),
     multiclass_batches(), curve="PR", multi_label=True, label_weights=[1.0, 0.5, 2.0, 0.0, 1.0])
both("auc_flattened_label_weights", "AUC", lambda: Auc(label_weights=[1.0, 0.5, 2.0, 0.0, 1.0]), multiclass_batches(),
     label_weights=[1.0, 0.5, 2.0, 0.0, 1.0])
both("auc_multilabel_uneven_thresholds", "AUC", lambda: Auc(multi_label=True, thresholds=[0.7, 0.2]), multiclass_batches(),
     multi_label=True, thresholds=[0.7, 0.2])

# F-scores.
def f_batches():
    return [(labels01(5, 3), probs(5, 3), weights(5)), (labels01(4, 3), torch.tensor([[0.0, 0.0, 0.0], [0.9, 0.9, 0.2], [0.1, 0.7, 0.3], [0.6, 0.2, 0.6]]), weights(4))]


for average in (None, "micro", "macro", "weighted"):
    tag = "none" if average is None else average
    both(f"f1_{tag}", "F1Score", lambda average=average: FBeta(average), f_batches(), average=average)
    both(f"f1_{tag}_threshold", "F1Score", lambda average=average: FBeta(average, threshold=0.5), f_batches(), average=average, threshold=0.5)
both("fbeta_beta2_threshold", "FBetaScore", lambda: FBeta(None, 2.0, 0.5), f_batches(), beta=2.0, threshold=0.5)
both("fbeta_beta05_macro", "FBetaScore", lambda: FBeta("macro", 0.5), f_batches(), average="macro", beta=0.5)

# R2 score.
def r2_batches(outputs):
    return [(rand(5, outputs), rand(5, outputs), weights(5)), (rand(4, outputs), rand(4, outputs), weights(4))]


for aggregation in ("uniform_average", "variance_weighted_average", None):
    tag = "none" if aggregation is None else aggregation
    both(f"r2_{tag}", "R2Score", lambda aggregation=aggregation: R2(aggregation), r2_batches(3), class_aggregation=aggregation)
both("r2_adjusted", "R2Score", lambda: R2(num_regressors=2), r2_batches(2), num_regressors=2)
add("r2_adjusted_falls_back", "R2Score", R2(num_regressors=30), r2_batches(2), num_regressors=30)
add("r2_elementwise_weights", "R2Score", R2(), [(rand(5, 2), rand(5, 2), weights(5, 2)), (rand(3, 2), rand(3, 2), weights(3, 2))], weighted=True)
add("r2_single_output_vector_predictions", "R2Score", R2(), [(rand(5, 1), rand(5), None), (rand(4, 1), rand(4), None)])
c.write()
