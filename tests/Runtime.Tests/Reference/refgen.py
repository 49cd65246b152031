"""Shared helpers for the reference generators: every gen_*.py writes one JSON file of cases computed by PyTorch.

Run a generator with Debian's interpreter (it has python3-torch):  /usr/bin/python3 gen_arithmetic.py
"""
import json
import math
import os

import numpy as np
import torch

torch.manual_seed(0)
RNG = np.random.default_rng(0)


def rand(*shape, lo=-2.0, hi=2.0):
    return torch.tensor(RNG.uniform(lo, hi, size=shape).astype(np.float32))


def randint(lo, hi, *shape):
    return torch.tensor(RNG.integers(lo, hi, size=shape).astype(np.int32))


def _value(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def tensor_json(t):
    t = torch.as_tensor(t)
    if t.dtype in (torch.int32, torch.int64, torch.bool, torch.uint8):
        return {"shape": list(t.shape), "dtype": "int32", "data": [int(v) for v in t.reshape(-1).tolist()]}
    data = t.detach().to(torch.float32).reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": "float32", "data": [_value(float(v)) for v in data]}


class Cases:
    def __init__(self, file):
        self.file = file
        self.cases = []

    def add(self, name, inputs, output, op=None, **args):
        case = {"name": name, "op": op or name, "args": args, "inputs": [tensor_json(t) for t in inputs]}
        if isinstance(output, (list, tuple)):
            case["outputs"] = [tensor_json(t) for t in output]
        else:
            case["output"] = tensor_json(output)
        self.cases.append(case)

    def write(self):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), self.file)
        with open(path, "w") as f:
            json.dump({"generator": f"PyTorch {torch.__version__}", "cases": self.cases}, f, separators=(",", ":"))
        print(f"wrote {len(self.cases)} cases to {self.file}")
