"""The Optuna side of bench/Search.Bench: one study, printed as one JSON line on stdout.

Usage: optuna_study.py DATA_DIR SEED PRUNER TRIALS MAX_EPOCHS THREADS
DATA_DIR holds the split the C# harness wrote (x_train/y_train, x_val/y_val, x_test/y_test .npy): the hold-out is the
one our trials hold out, so both sides see the same images. PRUNER: median (MedianPruner() with Optuna's defaults) or
none (NopPruner). TPESampler(seed=SEED) with its defaults (10 random start-up trials). The network, optimiser and
batching are those of our MLP trials: 784-256-128-10 with LeakyReLU(0.01), SGD with momentum, a new order every
epoch, the last partial batch kept; every trial starts from torch seed 0, as every trial of ours uses trial seed 0.
Each epoch reports the hold-out accuracy to Optuna (step = epoch) and stops when trial.should_prune() says so; the
trial's value is its last epoch's hold-out accuracy. A trial that completes is evaluated on the test split once, at
the end (its model as trained at its last epoch); that number is never seen by the search.
"""
import json
import sys
import time

import numpy as np
import optuna
import torch

data, seed, pruner_name, trials, max_epochs, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], *map(int, sys.argv[4:7])
started = time.perf_counter()
torch.set_num_threads(threads)
optuna.logging.set_verbosity(optuna.logging.WARNING)


def load(name):
    return torch.from_numpy(np.load(f"{data}/{name}.npy"))


x_train, y_train = load("x_train"), load("y_train").long()
x_val, y_val = load("x_val"), load("y_val").long()
x_test, y_test = load("x_test"), load("y_test").long()
epochs_total = 0


def accuracy(model, x, y):
    with torch.no_grad():
        correct = 0
        for b in range(0, len(x), 1000):
            correct += (model(x[b:b + 1000]).argmax(1) == y[b:b + 1000]).sum().item()
    return correct / len(x)


def objective(trial):
    global epochs_total
    lr = trial.suggest_float("lr", 1e-3, 0.3, log=True)
    momentum = trial.suggest_float("momentum", 0.5, 0.99)
    batch = trial.suggest_categorical("batchSize", [32, 50, 128])
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.LeakyReLU(0.01),
        torch.nn.Linear(256, 128), torch.nn.LeakyReLU(0.01),
        torch.nn.Linear(128, 10))
    optimiser = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum)
    loss_fn = torch.nn.CrossEntropyLoss()
    value = float("nan")
    for epoch in range(1, max_epochs + 1):
        model.train()
        order = torch.randperm(len(x_train))
        xs, ys = x_train[order], y_train[order]
        for b in range(0, len(xs), batch):
            optimiser.zero_grad()
            loss_fn(model(xs[b:b + batch]), ys[b:b + batch]).backward()
            optimiser.step()
        epochs_total += 1
        model.eval()
        value = accuracy(model, x_val, y_val)
        trial.report(value, epoch)
        trial.set_user_attr("epochs", epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    trial.set_user_attr("test_accuracy", accuracy(model, x_test, y_test))
    return value


pruner = optuna.pruners.MedianPruner() if pruner_name == "median" else optuna.pruners.NopPruner()
study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed), pruner=pruner)
study.optimize(objective, n_trials=trials)
best = study.best_trial
print(json.dumps({
    "optuna": optuna.__version__, "torch": torch.__version__, "threads": torch.get_num_threads(),
    "epochsTotal": epochs_total, "seconds": time.perf_counter() - started,
    "best": {"number": best.number, "value": best.value, "params": best.params, "testAccuracy": best.user_attrs["test_accuracy"]},
    "trials": [{"number": t.number, "state": t.state.name, "epochs": t.user_attrs.get("epochs", 0), "value": t.value,
                "params": t.params} for t in study.trials],
}))
