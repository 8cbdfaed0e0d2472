"""The PyTorch side of the accuracy comparison (see README.md here): a user's CNN on Fashion-MNIST.

Writes, into OUT:
  cnn.pt        the CNN's TorchScript with its initial weights (the Orchestrator side starts from these),
  data.npz      x_train/y_train/x_test/y_test (uint8 [N, 1, 28, 28], int64 labels) from Debian's dataset-fashion-mnist,
  sweep.json    the ten-line sweep Orchestrator runs (same model, optimizer, lr, batch, epochs; no early stop),
  pytorch.json  PyTorch's test accuracy after each epoch, per seed.
Run with Debian's python: /usr/bin/python3 pytorch_side.py OUT [--train 6000] [--epochs 5] [--seeds 0 1 2]
"""
import argparse
import gzip
import json
import time

import numpy as np
import torch
from torch import nn

IDX = "/usr/share/datasets/fashion-mnist/{}-{}-idx{}-ubyte.gz"


def idx(split: str, kind: str) -> np.ndarray:
    dims = 3 if kind == "images" else 1
    with gzip.open(IDX.format(split, kind, dims), "rb") as f:
        data = f.read()
    offset = 4 + 4 * dims
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=offset).reshape(shape)


class UserCnn(nn.Module):
    """conv 1→8 (3×3) → ReLU → pool → conv 8→16 → ReLU → pool → fc 784→64 → ReLU → fc 64→10; the connectome is the 64 units."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc1 = nn.Linear(16 * 7 * 7, 64)
        self.fc2 = nn.Linear(64, 10)

    def features(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = nn.functional.max_pool2d(torch.relu(self.conv2(x)), 2)
        return torch.relu(self.fc1(x.flatten(1)))

    def forward(self, x):
        return self.fc2(self.features(x))

    @torch.jit.export
    def connectome(self, x):
        return self.features(x)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--train", type=int, default=6000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args()
    torch.set_num_threads(2)

    x_train, y_train = idx("train", "images"), idx("train", "labels").astype(np.int64)
    x_test, y_test = idx("t10k", "images"), idx("t10k", "labels").astype(np.int64)
    # The first N training images: Orchestrator's fraction 1.0 of this file trains on all of them, as PyTorch does here.
    x_train, y_train = x_train[: args.train], y_train[: args.train]
    np.savez(f"{args.out}/data.npz", x_train=x_train[:, None], y_train=y_train, x_test=x_test[:, None], y_test=y_test)

    torch.manual_seed(0)
    torch.jit.script(UserCnn()).save(f"{args.out}/cnn.pt")
    xt = torch.from_numpy(x_train[:, None].astype(np.float32) / 255)
    yt = torch.from_numpy(y_train)
    xe = torch.from_numpy(x_test[:, None].astype(np.float32) / 255)
    ye = torch.from_numpy(y_test)

    results = {}
    for seed in args.seeds:
        model = torch.jit.load(f"{args.out}/cnn.pt")  # the same initial weights as Orchestrator's run
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
        generator = torch.Generator().manual_seed(seed)
        accuracies, start = [], time.perf_counter()
        for _ in range(args.epochs):
            model.train()
            order = torch.randperm(len(xt), generator=generator)
            for i in range(0, len(xt), args.batch):
                batch = order[i: i + args.batch]
                optimizer.zero_grad(set_to_none=True)
                nn.functional.cross_entropy(model(xt[batch]), yt[batch]).backward()
                optimizer.step()
            model.eval()
            with torch.no_grad():
                accuracies.append(float((model(xe).argmax(1) == ye).float().mean()))
        results[str(seed)] = {"accuracy": accuracies, "seconds": time.perf_counter() - start}
        print(f"seed {seed}: test accuracy per epoch {accuracies}", flush=True)

    with open(f"{args.out}/pytorch.json", "w") as f:
        json.dump({"torch": torch.__version__, "train": args.train, "epochs": args.epochs, "lr": args.lr, "batch": args.batch, "seeds": results}, f, indent=1)
    sweep = {
        "name": "user-cnn-accuracy",
        "dataset": {"npz": "data.npz"},
        "model": {"torchscript": "cnn.pt"},
        "grid": {"optimizer": ["sgd"], "lr": [args.lr], "momentum": [0.9], "batchSize": [args.batch], "seed": args.seeds},
        "stopping": ["none"],
        "maxEpochs": args.epochs,
        "probeSize": 500,
        "recordTestAccuracy": True,
    }
    with open(f"{args.out}/sweep.json", "w") as f:
        json.dump(sweep, f, indent=1)


if __name__ == "__main__":
    main()
