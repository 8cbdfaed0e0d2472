"""Writes the TorchScript models the tests and the README example use (run with Debian's /usr/bin/python3 and python3-torch).

Each model follows Orchestrator's contract: forward(x) returns logits [batch, classes]; an exported method
(`connectome` unless the sweep names another) returns the hidden neurons' activations as one [batch, n] tensor.
The bad_* models each break one rule, for the tests of what the silo refuses.
    /usr/bin/python3 examples/torchscript/make_models.py examples/torchscript
"""
import sys

import torch
from torch import nn


class SmallMlp(nn.Module):
    """12 features -> 16 -> 8 -> 3 classes, LeakyReLU; the connectome is both hidden layers (n = 24)."""

    def __init__(self, features: int = 12, classes: int = 3):
        super().__init__()
        self.fc1 = nn.Linear(features, 16)
        self.fc2 = nn.Linear(16, 8)
        self.fc3 = nn.Linear(8, classes)
        self.drop = nn.Dropout(0.1)  # train()/eval() matter: dropout is on only while training

    def hidden(self, x):
        h1 = nn.functional.leaky_relu(self.fc1(x.flatten(1)), 0.01)
        h2 = nn.functional.leaky_relu(self.fc2(self.drop(h1)), 0.01)
        return h1, h2

    def forward(self, x):
        _, h2 = self.hidden(x)
        return self.fc3(h2)

    @torch.jit.export
    def connectome(self, x):
        h1, h2 = self.hidden(x)
        return torch.cat([h1, h2], 1)


class SmallCnn(nn.Module):
    """1x8x8 images -> conv(8) + batch norm -> pool -> 32 -> 4 classes; the connectome is the 32 hidden units.
    Batch norm has buffers (running mean/var, count) that checkpoints must restore."""

    def __init__(self, classes: int = 4):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.norm = nn.BatchNorm2d(8)
        self.fc1 = nn.Linear(8 * 4 * 4, 32)
        self.fc2 = nn.Linear(32, classes)

    def features(self, x):
        x = nn.functional.max_pool2d(nn.functional.relu(self.norm(self.conv(x))), 2)
        return nn.functional.relu(self.fc1(x.flatten(1)))

    def forward(self, x):
        return self.fc2(self.features(x))

    @torch.jit.export
    def hidden_units(self, x):
        return self.features(x)


class ConvOnly(nn.Module):
    """12 features seen as a 1-D signal: two 1-D convolutions, no fully connected (2-D) weight, so no neural persistence."""

    def __init__(self, classes: int = 3):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv1d(4, classes, 12)

    def forward(self, x):
        return self.conv2(torch.relu(self.conv1(x.unsqueeze(1)))).squeeze(2)

    @torch.jit.export
    def connectome(self, x):
        return torch.relu(self.conv1(x.unsqueeze(1))).flatten(1)


class NoConnectome(SmallMlp):
    def __init__(self):
        super().__init__()

    @torch.jit.export
    def connectome(self, x):
        return self.forward(x)[:, :0]


class NoExport(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(12, 3)

    def forward(self, x):
        return self.fc(x)


class WrongRank(SmallMlp):
    @torch.jit.export
    def connectome(self, x):
        h1, h2 = self.hidden(x)
        return torch.cat([h1, h2], 1).unsqueeze(2)


class FlatLogits(SmallMlp):
    def forward(self, x):
        _, h2 = self.hidden(x)
        return self.fc3(h2).sum(1)


def main(folder: str) -> None:
    torch.manual_seed(0)
    models = {
        "mlp.pt": SmallMlp(),
        "cnn.pt": SmallCnn(),
        "conv_only.pt": ConvOnly(),
        "bad_empty_connectome.pt": NoConnectome(),
        "bad_no_connectome.pt": NoExport(),
        "bad_connectome_rank.pt": WrongRank(),
        "bad_logits.pt": FlatLogits(),
    }
    for name, model in models.items():
        torch.jit.script(model).save(f"{folder}/{name}")
        print("wrote", f"{folder}/{name}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
