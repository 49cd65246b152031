"""Keras's "simple MNIST convnet" recipe on Fashion-MNIST, in PyTorch: an independent check of the accuracy that recipe reaches.

Same as `nkeras example mnist-convnet`: Conv2D 32 3x3 relu, MaxPooling 2, Conv2D 64 3x3 relu, MaxPooling 2, Flatten,
Dropout 0.5, Dense 10 softmax; Keras's initializers (glorot_uniform kernels, zero biases), categorical crossentropy, Adam
(lr 1e-3, epsilon 1e-7), batch 128, 15 epochs, validation_split 0.1 (the last 10% of the training set), shuffled batches.
Reads the files Keras downloads (Debian's dataset-fashion-mnist).
Run: /usr/bin/python3 convnet_fashion_torch.py [seed] [validation_split] [threads]
"""
import gzip
import sys

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
validation_split = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
torch.manual_seed(seed)
rng = np.random.default_rng(seed)


def idx(name, offset, shape):
    with gzip.open(f"{DATA}/{name}.gz", "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset).reshape(shape)


x_train = idx("train-images-idx3-ubyte", 16, (-1, 1, 28, 28)).astype(np.float32) / 255
y_train = idx("train-labels-idx1-ubyte", 8, (-1,)).astype(np.int64)
x_test = idx("t10k-images-idx3-ubyte", 16, (-1, 1, 28, 28)).astype(np.float32) / 255
y_test = idx("t10k-labels-idx1-ubyte", 8, (-1,)).astype(np.int64)
split = int(len(x_train) * (1 - validation_split))
x_fit, y_fit, x_val, y_val = x_train[:split], y_train[:split], x_train[split:], y_train[split:]

model = nn.Sequential(
    nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
for m in model:
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(m.weight)  # Keras's glorot_uniform: fans include the receptive field
        nn.init.zeros_(m.bias)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()


def accuracy(x, y):
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(torch.from_numpy(x[i:i + 1024])) for i in range(0, len(x), 1024)])
    return (logits.argmax(1).numpy() == y).mean()


for epoch in range(15):
    model.train()
    order = rng.permutation(len(x_fit))
    for i in range(0, len(order), 128):
        batch = order[i:i + 128]
        optimizer.zero_grad()
        loss = loss_fn(model(torch.from_numpy(x_fit[batch])), torch.from_numpy(y_fit[batch]))
        loss.backward()
        optimizer.step()
    if len(x_val):
        print(f"epoch {epoch + 1}: val_accuracy {accuracy(x_val, y_val):.4f}", flush=True)
print(f"test accuracy {accuracy(x_test, y_test):.4f}")
