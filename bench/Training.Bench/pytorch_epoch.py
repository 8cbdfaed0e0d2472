"""The same MLP, data, batch size and optimiser as the C# bench, in PyTorch; prints one JSON line.

Usage: pytorch_epoch.py DATA.bin INPUTS H1 H2 CLASSES THREADS EPOCHS [DEVICE]
DATA.bin: int32 count, then count*INPUTS float32 pixels, then count int32 labels.
DEVICE: cpu (default) or cuda; scripts/gpu-check/run.sh uses cuda for the same comparison on a GPU.
"""
import json
import sys
import time

import numpy as np
import torch

path, inputs, h1, h2, classes, threads, epochs = sys.argv[1], *map(int, sys.argv[2:8])
device = torch.device(sys.argv[8] if len(sys.argv) > 8 else "cpu")
torch.set_num_threads(threads)
torch.manual_seed(0)
raw = np.fromfile(path, dtype=np.uint8)
count = int(raw[:4].view(np.int32)[0])
x = torch.from_numpy(raw[4:4 + count * inputs * 4].view(np.float32).reshape(count, inputs).copy())
y = torch.from_numpy(raw[4 + count * inputs * 4:].view(np.int32).astype(np.int64))
x, y = x.to(device), y.to(device)
model = torch.nn.Sequential(
    torch.nn.Linear(inputs, h1), torch.nn.LeakyReLU(0.01),
    torch.nn.Linear(h1, h2), torch.nn.LeakyReLU(0.01),
    torch.nn.Linear(h2, classes)).to(device)
optimiser = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
times = []
for epoch in range(epochs + 1):
    start = time.perf_counter()
    order = torch.randperm(count, device=device)
    xs, ys = x[order], y[order]
    for b in range(0, count, 50):
        optimiser.zero_grad()
        loss = loss_fn(model(xs[b:b + 50]), ys[b:b + 50])
        loss.backward()
        optimiser.step()
    if device.type == "cuda":
        torch.cuda.synchronize()  # kernels run asynchronously: wait for the epoch's last step
    if epoch > 0:  # the first epoch is warm-up
        times.append(time.perf_counter() - start)
print(json.dumps({"seconds": min(times), "mean": sum(times) / len(times), "samples": count, "torch": torch.__version__,
                  "threads": torch.get_num_threads(), "device": str(device)}))
