"""Rewrites Fashion-MNIST (raw IDX files) for the two extra GPU comparisons of run.sh.

  fashion_mnist_export.py bench IDX_DIR OUT.bin COUNT
      the first COUNT training images in the input format of bench/Training.Bench/pytorch_epoch.py
      (int32 count, float32 pixels in [0, 1], int32 labels), for PyTorch's epoch time on the same machine;
  fashion_mnist_export.py cifar10 IDX_DIR OUT_DIR
      the real CIFAR-10 binary layout (data_batch_1..5.bin of 10,000 records, test_batch.bin; a record is
      one label byte then 1024 red, 1024 green, 1024 blue bytes, rows of 32): each 28×28 image padded by 2
      pixels and copied into the three channels. CIFAR-10 cannot be downloaded here; this gives the VGG
      network a real, learnable dataset in that format on the GPU machine.
"""
import os
import struct
import sys

import numpy as np


def read_idx(path):
    with open(path, "rb") as f:
        magic, = struct.unpack(">i", f.read(4))
        dims = struct.unpack(">" + "i" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(folder, prefix):
    return (read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte")),
            read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte")))


def bench(folder, out, count):
    images, labels = load(folder, "train")
    with open(out, "wb") as f:
        f.write(np.int32(count).tobytes())
        f.write((images[:count].reshape(count, -1).astype(np.float32) / 255).tobytes())
        f.write(labels[:count].astype(np.int32).tobytes())


def cifar_records(images, labels):
    padded = np.pad(images, ((0, 0), (2, 2), (2, 2)))
    planes = np.repeat(padded.reshape(len(images), 1, 1024), 3, axis=1).reshape(len(images), 3072)
    return np.concatenate([labels.reshape(-1, 1), planes], axis=1).astype(np.uint8)


def cifar10(folder, out):
    os.makedirs(out, exist_ok=True)
    train = cifar_records(*load(folder, "train"))
    for batch in range(5):
        train[batch * 10000:(batch + 1) * 10000].tofile(os.path.join(out, f"data_batch_{batch + 1}.bin"))
    cifar_records(*load(folder, "t10k")).tofile(os.path.join(out, "test_batch.bin"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["bench"] and len(sys.argv) == 5:
        bench(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1:2] == ["cifar10"] and len(sys.argv) == 4:
        cifar10(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
