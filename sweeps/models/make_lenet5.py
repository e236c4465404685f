"""Writes lenet5-pruned.npz, the example model of sweeps/imported.yaml (run from this folder).

The export layout of the README recipe for the built-in lenet5: <layer>.weight in PyTorch layout,
magnitude-pruned to 70 % zeros per layer (c1: 30 %), and <layer>.input with a batch of 4
inferences: c1 reads 32x32 "images", later layers ReLU-like activations (half zero). Weights and
activations are random draws (seed 0) standing in for a trained model; replace the file with your
own export.
"""
import numpy as np

rng = np.random.default_rng(0)
B = 4
layers = {  # name: (weight shape, single-input shape)
    "c1": ((6, 1, 5, 5), (1, 32, 32)),
    "c3": ((16, 6, 5, 5), (6, 14, 14)),
    "c5": ((120, 16, 5, 5), (16, 5, 5)),
    "f6": ((84, 120), (120,)),
    "f7": ((10, 84), (84,)),
}
arrays = {}
for name, (wshape, ishape) in layers.items():
    w = rng.laplace(size=wshape).astype(np.float32)
    ratio = 0.3 if name == "c1" else 0.7
    w[np.abs(w) < np.quantile(np.abs(w), ratio)] = 0
    arrays[name + ".weight"] = w.astype(np.float16)
    if name == "c1":
        x = rng.integers(0, 256, size=(B,) + ishape).astype(np.uint8)
    else:
        x = np.maximum(rng.normal(size=(B,) + ishape), 0).astype(np.float16)
    arrays[name + ".input"] = x
np.savez_compressed("lenet5-pruned.npz", **arrays)
