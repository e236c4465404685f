#!/usr/bin/env python3
"""Trains, prunes and exports the real models of this folder (issue 20), one command per model.

    /usr/bin/python3 models/train.py lenet5-han-fmnist      # or lenet5-ssl-fmnist, cifarnet-ssl-fmnist, resnet20-fmnist
    /usr/bin/python3 models/train.py readme                 # models/README.md from the models/*.json manifests

Each model command writes, next to this file:
  <name>.npz   <layer>.weight (float32, PyTorch layout) and <layer>.input (uint16, already quantized with the
               simulator's rule for float inputs) for the first EXPORT_BATCH images of the Fashion-MNIST test set;
  <name>.yaml  the network file (layer names = the npz's);
  <name>.json  the manifest: recipe, wall time, accuracies, per-layer sparsity and input statistics, SHA-256s.

Data: Debian's dataset-fashion-mnist (IDX files in /usr/share/datasets/fashion-mnist/, MIT licence), read with
numpy. Everything is seeded (torch.manual_seed, a torch.Generator for the shuffles, single-process batching,
torch.use_deterministic_algorithms(True)) and runs on 2 CPU threads; results may still differ across PyTorch
versions, BLAS/oneDNN builds, CPUs and thread counts.
"""
import gzip
import hashlib
import json
import math
import os
import platform
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/share/datasets/fashion-mnist"
DATA_FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
              "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
MEAN, STD = 0.2860, 0.3530      # Fashion-MNIST training-set pixel mean and std (of x / 255)
EXPORT_BATCH = 16               # the first 16 test images, the same for every model
THREADS = 1                     # see the README: 2 OpenMP threads ran 2-4x slower on the shared, loaded machine
INPUT_BITS, WEIGHT_BITS = 16, 16


# ----------------------------------------------------------------------------------------------------------------
# Data

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(split, pad):
    """Images [N, 1, 28+2pad, 28+2pad] normalised with MEAN/STD (padding = black pixels), labels [N]."""
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(DATA, prefix + "-images-idx3-ubyte.gz"))
    y = read_idx(os.path.join(DATA, prefix + "-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(x.astype(np.float32) / 255.0).unsqueeze(1)
    if pad:
        x = F.pad(x, (pad, pad, pad, pad))
    return (x - MEAN) / STD, torch.from_numpy(y.astype(np.int64))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------------------------------------------
# Networks (module names = layer names of the network files)

class LeNet(nn.Module):
    """Caffe's LeNet (examples/mnist) shapes with a ReLU after every conv, 1x28x28."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.conv2 = nn.Conv2d(20, 50, 5)
        self.ip1 = nn.Linear(800, 500)
        self.ip2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)      # 20x12x12
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)      # 50x4x4
        x = F.relu(self.ip1(x.flatten(1)))
        return self.ip2(x)

    def yaml_layers(self):
        return [dict(name="conv1", type="conv", out=20, kernel=5, stride=1, padding=0),
                dict(name="pool1", type="pool", kernel=2, stride=2),
                dict(name="conv2", type="conv", out=50, kernel=5, stride=1, padding=0),
                dict(name="pool2", type="pool", kernel=2, stride=2),
                dict(name="ip1", type="fc", out=500),
                dict(name="ip2", type="fc", out=10)]


class CifarNet(nn.Module):
    """Caffe's cifar10_full shapes on 1x32x32, without its two LRN layers. Caffe pools with ceil rounding
    (32 -> 16 -> 8 -> 4): ceil_mode=True here; the network file writes it as padding 1 (floor formula)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 5, padding=2)
        self.conv2 = nn.Conv2d(32, 32, 5, padding=2)
        self.conv3 = nn.Conv2d(32, 64, 5, padding=2)
        self.ip1 = nn.Linear(1024, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 3, 2, ceil_mode=True))      # 32x16x16
        x = F.avg_pool2d(F.relu(self.conv2(x)), 3, 2, ceil_mode=True)      # 32x8x8
        x = F.avg_pool2d(F.relu(self.conv3(x)), 3, 2, ceil_mode=True)      # 64x4x4
        return self.ip1(x.flatten(1))

    def yaml_layers(self):
        return [dict(name="conv1", type="conv", out=32, kernel=5, stride=1, padding=2),
                dict(name="pool1", type="pool", kernel=3, stride=2, padding=1),
                dict(name="conv2", type="conv", out=32, kernel=5, stride=1, padding=2),
                dict(name="pool2", type="pool", kernel=3, stride=2, padding=1),
                dict(name="conv3", type="conv", out=64, kernel=5, stride=1, padding=2),
                dict(name="pool3", type="pool", kernel=3, stride=2, padding=1),
                dict(name="ip1", type="fc", out=10)]


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:      # option B: 1x1 projection where the shape changes
            self.downsample = nn.Conv2d(cin, cout, 1, stride, 0, bias=False)
            self.downsample_bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        shortcut = x if self.downsample is None else self.downsample_bn(self.downsample(x))
        return F.relu(out + shortcut)


class ResNet20(nn.Module):
    """CIFAR-style ResNet-20 (He et al. 2016, section 4.2) on 1x32x32 with 1x1 projection shortcuts."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        stages, cin = [], 16
        for s, c in enumerate([16, 32, 64]):
            blocks = []
            for b in range(3):
                blocks.append(BasicBlock(cin, c, 2 if (s > 0 and b == 0) else 1))
                cin = c
            stages.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = stages
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))

    def yaml_layers(self):
        # As the built-in resnet18: a downsample conv is listed after its block's conv2, reads the block input
        # with 'from' and has the block's output shape, so the next block reads the right shape.
        layers = [dict(name="conv1", type="conv", out=16, kernel=3, stride=1, padding=1)]
        block_input = "conv1"
        for s, c in enumerate([16, 32, 64], start=1):
            for b in range(3):
                p = "layer%d.%d." % (s, b)
                down = s > 1 and b == 0
                layers.append(dict(name=p + "conv1", type="conv", out=c, kernel=3, stride=2 if down else 1,
                                   padding=1))
                layers.append(dict(name=p + "conv2", type="conv", out=c, kernel=3, stride=1, padding=1))
                block_input_next = p + "conv2"
                if down:
                    layers.append(dict(name=p + "downsample", type="conv", out=c, kernel=1, stride=2, padding=0,
                                       **{"from": block_input}))
                    block_input_next = p + "downsample"
                block_input = block_input_next
        layers.append(dict(name="avgpool", type="pool", kernel=8, stride=1))
        layers.append(dict(name="fc", type="fc", out=10))
        return layers


def matrix_layers(model):
    """(name, module, batchnorm to fold or None) of every Conv2d/Linear, in forward order."""
    out = []
    for name, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            bn = None
            if isinstance(model, ResNet20):
                parent_name, _, leaf = name.rpartition(".")
                parent = model.get_submodule(parent_name) if parent_name else model
                bn = getattr(parent, {"conv1": "bn1", "conv2": "bn2", "downsample": "downsample_bn"}.get(leaf, ""),
                             None)
            out.append((name, m, bn))
    return out


# ----------------------------------------------------------------------------------------------------------------
# Training, pruning

def setup(seed):
    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    np.random.seed(seed)


def evaluate(model, x, y, bs=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), bs):
            correct += (model(x[i:i + bs]).argmax(1) == y[i:i + bs]).sum().item()
    return correct / len(x)


def apply_masks(masks):
    with torch.no_grad():
        for w, m in masks:
            w.mul_(m)


def train(model, x, y, epochs, lr, gen, bs=128, wd=5e-4, masks=None, prox=None, log=None, tag="", limit=None):
    """SGD, momentum 0.9, cosine learning rate per step; masks re-applied and the proximal step (group lasso)
    taken after every step. An epoch is a fresh shuffle of the training set, cut to its first `limit` images."""
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=wd)
    n = min(len(x), limit or len(x))
    steps = epochs * math.ceil(n / bs)
    step = 0
    for ep in range(epochs):
        model.train()
        perm = torch.randperm(len(x), generator=gen)[:n]
        total, count = 0.0, 0
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            cur = lr * 0.5 * (1 + math.cos(math.pi * step / steps))
            for g in opt.param_groups:
                g["lr"] = cur
            loss = F.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if prox is not None:
                prox(cur)
            if masks:
                apply_masks(masks)
            total += loss.item() * len(idx)
            count += len(idx)
            step += 1
        msg = "%s epoch %d/%d loss %.4f (%.0f s)" % (tag, ep + 1, epochs, total / count, time.time() - T0)
        print(msg, flush=True)
        if log is not None:
            log.append(msg)


def magnitude_mask(w, fraction):
    """Mask zeroing exactly round(fraction * numel) smallest magnitudes (stable order on ties)."""
    k = int(round(fraction * w.numel()))
    flat = w.detach().abs().flatten()
    order = torch.from_numpy(np.argsort(flat.numpy(), kind="stable"))
    mask = torch.ones_like(flat)
    mask[order[:k]] = 0
    return mask.view_as(w)


def group_norms(w):
    """(filter norms [Cout], shape norms [K]) of a conv [Cout, Cin, kh, kw] or fc [out, in] weight."""
    m = w.detach().reshape(w.shape[0], -1)
    return m.norm(dim=1), m.norm(dim=0)


def ssl_prox(weights, lam_filter, lam_shape, first_layer_factor=0.5):
    """Proximal step of the SSL group lasso (Wen et al. 2016): sum over filters (rows of the Cout x K matrix) and
    shapes (its columns, (c, ky, kx) positions / fc inputs) of lam_l * ||group||_2, group soft thresholding,
    filters first, then shapes. Per-layer weights lam_l = lam x the layer's mean group norm when SSL starts (so
    every layer feels the same relative pressure; fixed group weights left the small conv groups untouched), x
    first_layer_factor for the first layer."""
    refs = []
    for i, w in enumerate(weights):
        fn, sn = group_norms(w)
        f = first_layer_factor if i == 0 else 1.0
        refs.append((lam_filter * f * fn.mean().item(), lam_shape * f * sn.mean().item()))

    def step(lr):
        with torch.no_grad():
            for w, (tf, ts) in zip(weights, refs):
                m = w.data.view(w.shape[0], -1)
                m.mul_(torch.clamp(1 - lr * tf / m.norm(dim=1, keepdim=True).clamp_min(1e-12), min=0))
                m.mul_(torch.clamp(1 - lr * ts / m.norm(dim=0, keepdim=True).clamp_min(1e-12), min=0))
    return step


def ssl_masks(weights, rel):
    """Masks zeroing the filters and shapes whose L2 norm is below rel x the layer's largest group norm."""
    masks = []
    for w in weights:
        fn, sn = group_norms(w)
        keep_f = (fn >= rel * fn.max()).float()
        keep_s = (sn >= rel * sn.max()).float()
        masks.append((w, (keep_f[:, None] * keep_s[None, :]).view_as(w)))
    return masks


# ----------------------------------------------------------------------------------------------------------------
# Export and statistics

def quantize_inputs(x):
    """The simulator's rule for float inputs (ImportedWorkload.inputs), one scale for the whole batch, in double:
    offset = -min if min < 0 else 0; q = Math.round((x + offset) * 65535 / max(x + offset))."""
    v = x.astype(np.float64)
    mn = v.min()
    offset = -mn if mn < 0 else 0.0
    largest = (v + offset).max()
    scale = 0.0 if largest == 0 else float((1 << INPUT_BITS) - 1) / largest
    return np.floor((v + offset) * scale + 0.5).astype(np.uint16)   # Java Math.round = floor(v + 0.5)


def quantized_weight_zero_fraction(w):
    """Fraction of zeros after the simulator's rule for float weights: round(w * 32767 / max|w|)."""
    v = w.astype(np.float64)
    largest = np.abs(v).max()
    scale = 0.0 if largest == 0 else float((1 << (WEIGHT_BITS - 1)) - 1) / largest
    return float((np.floor(v * scale + 0.5) == 0).mean())


def export(model, images, path):
    """Weights (BN folded for ResNet) and quantized inputs of every conv/fc layer for `images`."""
    model.eval()
    arrays, raw, hooks = {}, {}, []
    for name, m, bn in matrix_layers(model):
        w = m.weight.detach()
        if bn is not None:     # folded weight = w * gamma / sqrt(var + eps); a zero stays zero
            w = w * (bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)).view(-1, 1, 1, 1)
        arrays[name + ".weight"] = w.numpy().astype(np.float32)

        def hook(mod, inp, out, name=name):
            x = inp[0].detach()
            raw[name] = (x.flatten(1) if isinstance(mod, nn.Linear) else x).numpy().astype(np.float32)
        hooks.append(m.register_forward_hook(hook))
    with torch.no_grad():
        logits = model(images)
    for h in hooks:
        h.remove()
    for name, m, bn in matrix_layers(model):
        if bn is not None:     # check the folding: conv_folded(x) + bias == bn(conv(x))
            x = torch.from_numpy(raw[name])
            ref = bn(m(x))
            bias = bn.bias - bn.running_mean * bn.weight / torch.sqrt(bn.running_var + bn.eps)
            folded = F.conv2d(x, torch.from_numpy(arrays[name + ".weight"]), bias, m.stride, m.padding)
            err = (folded - ref).abs().max().item()
            assert err < 1e-3 * max(1.0, ref.abs().max().item()), (name, err)
        arrays[name + ".input"] = quantize_inputs(raw[name])
    np.savez_compressed(path, **arrays)
    return arrays, raw, logits


def layer_stats(model, arrays, raw):
    rows = []
    for name, m, bn in matrix_layers(model):
        w = arrays[name + ".weight"]
        q = arrays[name + ".input"]
        mat = w.reshape(w.shape[0], -1)
        nz = q[q != 0]
        ones = popcount(nz)
        rows.append(dict(
            layer=name, type="conv" if w.ndim == 4 else "fc", weight_shape=list(w.shape),
            input_shape=list(q.shape[1:]), bn_folded=bn is not None,
            filter_sparsity=float((np.abs(mat).sum(axis=1) == 0).mean()),
            shape_sparsity=float((np.abs(mat).sum(axis=0) == 0).mean()),
            element_sparsity=float((w == 0).mean()),
            element_sparsity_q16=quantized_weight_zero_fraction(w),
            activation_density=float((q != 0).mean()),
            float_input_density=float((raw[name] != 0).mean()),
            one_bit_fraction=ones / (INPUT_BITS * nz.size) if nz.size else 0.0,
            one_bit_fraction_per_image_mean=one_bit_per_image_mean(q)))
    return rows


def popcount(values):
    return int(np.unpackbits(np.ascontiguousarray(values, dtype=np.uint16).view(np.uint8)).sum())


def one_bit_per_image_mean(q):
    """The mean over the batch of each image's one-bit fraction: what `simulate` reports as input_one_bit_fraction
    for a batch (Batches.java averages the per-sample rows); one_bit_fraction pools all images."""
    fractions = []
    for image in q:
        nz = image[image != 0]
        fractions.append(popcount(nz) / (INPUT_BITS * nz.size) if nz.size else 0.0)
    return float(np.mean(fractions))


def restat(name):
    """Adds one_bit_fraction_per_image_mean to a manifest from its committed npz (no retraining)."""
    js = os.path.join(HERE, name + ".json")
    with open(js) as f:
        info = json.load(f)
    with np.load(os.path.join(HERE, name + ".npz")) as z:
        for r in info["layers"]:
            r["one_bit_fraction_per_image_mean"] = one_bit_per_image_mean(z[r["layer"] + ".input"])
    with open(js, "w") as f:
        json.dump(info, f, indent=1)
        f.write("\n")


def write_yaml(path, name, input_shape, layers):
    def fmt(d):
        return "{" + ", ".join("%s: %s" % (k, v) for k, v in d.items()) + "}"
    with open(path, "w") as f:
        f.write("# Written by models/train.py %s; weights and inputs in %s.npz.\n" % (name, name))
        f.write("name: %s\ninput: [%s]\nlayers:\n" % (name, ", ".join(map(str, input_shape))))
        for layer in layers:
            f.write("  - %s\n" % fmt(layer))


# ----------------------------------------------------------------------------------------------------------------
# Recipes

def lenet5_han(log, info):
    setup(1)
    x, y = load("train", 0)
    xt, yt = load("test", 0)
    gen = torch.Generator().manual_seed(1)
    model = LeNet()
    train(model, x, y, 3, 0.05, gen, log=log, tag="dense")
    info["dense_accuracy"] = evaluate(model, xt, yt)
    targets = {"conv1": 0.34, "conv2": 0.88, "ip1": 0.92, "ip2": 0.81}   # Han et al. NIPS 2015, Table 2
    schedule = [0.5, 0.8, 1.0]
    info["recipe"] = ("dense SGD 3 epochs (lr 0.05 cosine, momentum 0.9, wd 5e-4, batch 128); iterative magnitude "
                      "pruning per layer to %s of Han's zero fractions %s (exactly round(f x n) smallest "
                      "magnitudes), each round followed by retraining on 20k shuffled training images (lr 0.01 "
                      "cosine) with the masks enforced after every step" % (schedule, targets))
    info["rounds"] = []
    for r in schedule:
        masks = []
        for name, m, _ in matrix_layers(model):
            mask = magnitude_mask(m.weight, targets[name] * r)
            masks.append((m.weight, mask))
        apply_masks(masks)
        acc0 = evaluate(model, xt, yt)
        train(model, x, y, 1, 0.01, gen, masks=masks, log=log, tag="prune %.2f" % r, limit=20000)
        info["rounds"].append(dict(fraction_of_target=r, accuracy_before_retrain=acc0,
                                   accuracy_after_retrain=evaluate(model, xt, yt)))
    info["pruned_accuracy"] = evaluate(model, xt, yt)
    return model, xt


def ssl_recipe(model, pad, dense, ssl, retrain, lam_f, lam_s, rel, log, info):
    """dense, ssl, retrain: (epochs, images per epoch or None for all 60k)."""
    setup(1)
    x, y = load("train", pad)
    xt, yt = load("test", pad)
    gen = torch.Generator().manual_seed(1)
    train(model, x, y, dense[0], 0.05, gen, log=log, tag="dense", limit=dense[1])
    info["dense_accuracy"] = evaluate(model, xt, yt)
    weights = [m.weight for _, m, _ in matrix_layers(model)]
    train(model, x, y, ssl[0], 0.02, gen, prox=ssl_prox(weights, lam_f, lam_s), log=log, tag="ssl", limit=ssl[1])
    info["ssl_accuracy_before_threshold"] = evaluate(model, xt, yt)
    masks = ssl_masks(weights, rel)
    apply_masks(masks)
    info["ssl_accuracy_after_threshold"] = evaluate(model, xt, yt)
    train(model, x, y, retrain[0], 0.01, gen, masks=masks, log=log, tag="retrain", limit=retrain[1])
    info["pruned_accuracy"] = evaluate(model, xt, yt)

    def phase(p):
        return "%d epoch(s)%s" % (p[0], " of %d shuffled images" % p[1] if p[1] else "")
    info["recipe"] = ("dense SGD %s (lr 0.05 cosine, momentum 0.9, wd 5e-4, batch 128); SSL %s (lr 0.02 cosine) "
                      "with the group lasso lam_l*||g||_2 over the filters (lam %g) and shapes (lam %g) of "
                      "every conv/fc layer (lam_l = lam x the layer's mean group norm at the start of SSL, x 0.5 for "
                      "the first layer), applied as a proximal (group soft-threshold) step after every SGD step; "
                      "then filters and shapes with norm < %g x the layer's largest group norm zeroed and the net "
                      "retrained %s (lr 0.01 cosine) with that mask enforced"
                      % (phase(dense), phase(ssl), lam_f, lam_s, rel, phase(retrain)))
    return model, xt


def lenet5_ssl(log, info):
    return ssl_recipe(LeNet(), 0, (2, None), (2, 30000), (1, 30000), LENET_LAM, LENET_LAM, 0.05, log, info)


def cifarnet_ssl(log, info):
    return ssl_recipe(CifarNet(), 2, (1, None), (2, 30000), (1, 30000), CIFAR_LAM, CIFAR_LAM, 0.05, log, info)


LENET_LAM = 0.12
CIFAR_LAM = 0.12


def resnet20(log, info):
    setup(1)
    x, y = load("train", 2)
    xt, yt = load("test", 2)
    gen = torch.Generator().manual_seed(1)
    model = ResNet20()
    train(model, x, y, 1, 0.1, gen, log=log, tag="dense", limit=20000)
    info["dense_accuracy"] = evaluate(model, xt, yt)
    convs = [(n, m) for n, m, _ in matrix_layers(model) if isinstance(m, nn.Conv2d)]
    target = {n: (0.3 if n == "conv1" else 0.75) for n, _ in convs}
    schedule = [0.6, 1.0]
    info["rounds"] = []
    for r in schedule:
        masks = [(m.weight, magnitude_mask(m.weight, target[n] * r)) for n, m in convs]
        apply_masks(masks)
        train(model, x, y, 1, 0.02, gen, masks=masks, log=log, tag="prune %.2f" % r, limit=6000)
    info["pruned_accuracy"] = evaluate(model, xt, yt)
    info["recipe"] = ("dense SGD 1 epoch of 20k shuffled images (lr 0.1 cosine, momentum 0.9, wd 5e-4, batch 128, "
                      "BatchNorm in train mode); magnitude pruning of every conv weight (3x3 and 1x1 shortcuts) per "
                      "layer to 75 %% zeros (first conv 30 %%, fc unpruned) in rounds %s of the target, each followed "
                      "by retraining on 6k shuffled training images (lr 0.02 cosine) with the masks enforced; "
                      "BatchNorm (running statistics) folded into the exported conv weights; a short budget because "
                      "the machine was loaded (see the wall time)" % schedule)
    return model, xt


RECIPES = {
    "lenet5-han-fmnist": (lenet5_han, [1, 28, 28]),
    "lenet5-ssl-fmnist": (lenet5_ssl, [1, 28, 28]),
    "cifarnet-ssl-fmnist": (cifarnet_ssl, [1, 32, 32]),
    "resnet20-fmnist": (resnet20, [1, 32, 32]),
}


def run(name):
    global T0
    T0 = time.time()
    cpu0 = time.process_time()
    recipe, input_shape = RECIPES[name]
    log, info = [], {"model": name}
    model, xt = recipe(log, info)
    wall = time.time() - T0
    cpu = time.process_time() - cpu0
    load = os.getloadavg()
    npz, yml, js = (os.path.join(HERE, name + ext) for ext in (".npz", ".yaml", ".json"))
    arrays, raw, _ = export(model, xt[:EXPORT_BATCH], npz)
    write_yaml(yml, name, input_shape, model.yaml_layers())
    info.update(
        command="/usr/bin/python3 models/train.py " + name,
        training_wall_seconds=round(wall, 1),
        training_cpu_seconds=round(cpu, 1),
        load_average_at_end=[round(v, 2) for v in load],
        export_batch="Fashion-MNIST test images 0..%d (t10k order)" % (EXPORT_BATCH - 1),
        input_encoding="uint16, quantized with the simulator's float-input rule (per layer, one scale per batch)",
        weight_encoding="float32, PyTorch layout" + (", BatchNorm folded" if isinstance(model, ResNet20) else ""),
        layers=layer_stats(model, arrays, raw),
        files={os.path.basename(p): dict(sha256=sha256(p), bytes=os.path.getsize(p)) for p in (npz, yml)},
        data={f: sha256(os.path.join(DATA, f)) for f in DATA_FILES},
        environment=dict(python=platform.python_version(), torch=torch.__version__, numpy=np.__version__,
                         threads=torch.get_num_threads(), cpu=cpu_name(), machine=platform.machine()),
        log=log)
    with open(js, "w") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    print(json.dumps({k: info[k] for k in ("dense_accuracy", "pruned_accuracy", "training_wall_seconds")}))
    for r in info["layers"]:
        print("%-22s filt %.3f shape %.3f elem %.3f | act %.3f one-bit %.3f" % (
            r["layer"], r["filter_sparsity"], r["shape_sparsity"], r["element_sparsity"], r["activation_density"],
            r["one_bit_fraction"]))


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


# ----------------------------------------------------------------------------------------------------------------
# README

def readme():
    out = [README_HEAD]
    for name in RECIPES:
        js = os.path.join(HERE, name + ".json")
        if not os.path.exists(js):
            out.append("## %s\n\nNot trained yet.\n" % name)
            continue
        with open(js) as f:
            info = json.load(f)
        out.append("## %s\n" % name)
        out.append("* Recipe: `%s` (%s)." % (info["command"], info["recipe"]))
        out.append("* Training wall time on this machine: %.1f min (training and evaluation, export excluded; %s, %d "
                   "thread(s), %.1f CPU-min; load average at the end %s)."
                   % (info["training_wall_seconds"] / 60, info["environment"]["cpu"], info["environment"]["threads"],
                      info.get("training_cpu_seconds", float("nan")) / 60, info.get("load_average_at_end", "n/a")))
        out.append("* Test accuracy (full 10k test set): dense %.2f %%, pruned %.2f %%."
                   % (100 * info["dense_accuracy"], 100 * info["pruned_accuracy"]))
        extra = []
        for k in ("ssl_accuracy_before_threshold", "ssl_accuracy_after_threshold"):
            if k in info:
                extra.append("%s %.2f %%" % (k.replace("_", " "), 100 * info[k]))
        for r in info.get("rounds", []):
            extra.append("round %.2f of target: %.2f %% before / %.2f %% after retraining"
                         % (r["fraction_of_target"], 100 * r["accuracy_before_retrain"],
                            100 * r["accuracy_after_retrain"]))
        if extra:
            out.append("* Intermediate: " + "; ".join(extra) + ".")
        out.append("* Export: %s; weights %s; inputs %s." % (info["export_batch"], info["weight_encoding"],
                                                              info["input_encoding"]))
        out.append("")
        out.append("| layer | weight shape | input shape | filter sp. | shape sp. | element sp. | element sp. "
                   "(16-bit) | activation density | one-bit fraction | one-bit, mean per image |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for r in info["layers"]:
            out.append("| %s | %s | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |" % (
                r["layer"], "x".join(map(str, r["weight_shape"])), "x".join(map(str, r["input_shape"])),
                r["filter_sparsity"], r["shape_sparsity"], r["element_sparsity"], r["element_sparsity_q16"],
                r["activation_density"], r["one_bit_fraction"], r["one_bit_fraction_per_image_mean"]))
        out.append("")
        out.append("| file | bytes | SHA-256 |")
        out.append("|---|---|---|")
        files = dict(info["files"])
        files[name + ".json"] = dict(sha256=sha256(js), bytes=os.path.getsize(js))
        for f, d in files.items():
            out.append("| `%s` | %d | `%s` |" % (f, d["bytes"], d["sha256"]))
        out.append("")
    out.append("`train.py` SHA-256: `%s`.\n" % sha256(os.path.abspath(__file__)))
    with open(os.path.join(HERE, "README.md"), "w") as f:
        f.write("\n".join(out))


README_HEAD = """# Real trained and pruned models

Written by [`train.py`](train.py) (this file by `/usr/bin/python3 models/train.py readme` from the `*.json`
manifests; every number below comes from them). Each model: `<name>.yaml` (network file), `<name>.npz` (export),
`<name>.json` (manifest). Open one with

    java -jar target/sre.jar simulate --network models/lenet5-han-fmnist.yaml --data models/lenet5-han-fmnist.npz

**Data.** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; MIT licence), Debian package `dataset-fashion-mnist`,
IDX files in `/usr/share/datasets/fashion-mnist/` (SHA-256s in the manifests), read with numpy; pixels / 255,
normalised with mean 0.2860 and std 0.3530; the 32x32 models pad the 28x28 images with 2 black pixels per side
before normalising. Training uses all 60k training images; accuracies are on the full 10k test set.

**Export.** `<layer>.weight`: float32 in PyTorch layout (conv `[Cout, Cin, kh, kw]`, fc `[out, in]`); the
simulator quantizes it by its largest magnitude (`round(w * 32767 / max|w|)`), which can zero a few more tiny
weights (column "element sp. (16-bit)"). `<layer>.input`: the input the layer's crossbar sees (captured with
forward hooks, after ReLU/pooling; fc inputs flattened) for the first 16 test images, `[16, Cin, H, W]` /
`[16, in]`, stored **already quantized as uint16** with the simulator's own rule for float inputs (per layer,
one scale for the whole batch: `offset = -min if min < 0 else 0`, `q = Math.round((x + offset) * 65535 /
max(x + offset))`, `Math.round` = floor(v + 0.5)), so the simulator reads them as they are and gives the same
numbers as from the float export (not float16: it would drop low-order bits and fake bit-level sparsity).
The first layer's input is the normalised image: its minimum (the black background) becomes 0.

**Columns.** filter sp. = fraction of all-zero output filters (rows of the Cout x K matrix); shape sp. = fraction
of all-zero (c, ky, kx) positions / fc input columns; element sp. = fraction of zero weights; activation density
= fraction of non-zero quantized inputs over the 16 images; one-bit fraction = fraction of 1-bits among the 16
bits of the non-zero quantized inputs, pooled over the 16 images (as `profile` measures it); "one-bit, mean per
image" = the mean over the images of each image's fraction, which is what `simulate --data` prints as
`input_one_bit_fraction` (it averages per-sample rows). `activation_density` of `simulate` equals the column
here exactly (checked for every layer of every model).

**Reproducibility.** Seeds fixed (`torch.manual_seed(1)`, a seeded `torch.Generator` for the shuffles, batches
sliced in one process), `torch.use_deterministic_algorithms(True)`, **one** intra-op thread: the machine (2
cores) was shared with Java builds (load average 10-12 during training), and there 2 OpenMP threads trained
LeNet 2-4x slower than 1 (10.8 vs 2.8 ms per image, measured), so the wall times below are for 1 thread on a
loaded machine; the CPU seconds of the training process are given too. Trained with Debian's PyTorch
1.13.1 (`torch.__version__` = 1.13.0a0, OpenMP, oneDNN, no MKL) on the CPU named in each section; results
(weights, accuracies, the statistics below) may differ across PyTorch versions, CPUs, BLAS builds and thread
counts. Training is not part of CI; the exports are committed.
"""


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "restat" and sys.argv[2] in RECIPES:
        restat(sys.argv[2])
    elif len(sys.argv) != 2 or sys.argv[1] not in list(RECIPES) + ["readme"]:
        sys.exit("usage: train.py {%s|readme}" % "|".join(RECIPES))
    elif sys.argv[1] == "readme":
        readme()
    else:
        run(sys.argv[1])
