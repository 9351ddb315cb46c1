"""The scikit-learn peer of the task-quality benchmark (task-quality-bench.ts).

Reads the feature matrices the benchmark wrote (the same rows, split and feature transform the
kit trained on), trains scikit-learn's MLP with the kit's architecture and training settings, the
task's linear model and its trivial model, and prints one JSON object with the test metric and
wall time of each. The MLP trains epoch by epoch with `partial_fit` and keeps the weights of the
epoch with the best validation loss, stopping after `patience` epochs without one: the kit's own
early stopping on the same validation rows. A regression target is standardised for the MLP (as
the kit does) and the predictions are mapped back to the target's units.

Usage: python3 sklearn_peer.py <folder written by the benchmark>
"""

import copy
import json
import sys
import time

import numpy as np
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import f1_score, log_loss, mean_squared_error, roc_auc_score
from sklearn.neural_network import MLPClassifier, MLPRegressor


def load(folder, name, width):
    values = np.fromfile(f"{folder}/{name}.x.f32", dtype=np.float32)
    x = values.reshape(-1, width).astype(np.float64)
    y = np.fromfile(f"{folder}/{name}.y.f64", dtype=np.float64)
    return x, y


def headline(task, y_true, model, x):
    """The task's headline metric: ROC AUC, macro F1 or RMSE."""
    if task == "binary":
        return roc_auc_score(y_true, model.predict_proba(x)[:, 1])
    if task == "multiclass":
        return f1_score(y_true, model.predict(x), average="macro")
    return float(np.sqrt(mean_squared_error(y_true, model.predict(x))))


def validation_loss(task, model, x, y):
    if task == "regression":
        return float(np.mean((model.predict(x) - y) ** 2))
    return log_loss(y, model.predict_proba(x), labels=model.classes_)


def train_mlp(task, params, train, validation):
    (x, y), (xv, yv) = train, validation
    shape = dict(
        hidden_layer_sizes=tuple(params["hidden_units"]),
        activation=params["activation"],
        alpha=params["l2"],
        learning_rate_init=params["learning_rate"],
        batch_size=min(params["batch_size"], len(y)),
        random_state=params["seed"],
        solver="adam",
    )
    if task == "regression":
        mean, std = float(np.mean(y)), float(np.std(y)) or 1.0
        y, yv = (y - mean) / std, (yv - mean) / std
        model = MLPRegressor(**shape)
    else:
        model = MLPClassifier(**shape)
    classes = np.unique(np.concatenate([y, yv])) if task != "regression" else None
    best, best_loss, since_best, epochs = None, float("inf"), 0, 0
    for _ in range(params["epochs"]):
        order = np.random.RandomState(params["seed"] + epochs).permutation(len(y))
        if classes is None:
            model.partial_fit(x[order], y[order])
        else:
            model.partial_fit(x[order], y[order], classes=classes)
        epochs += 1
        loss = validation_loss(task, model, xv, yv)
        if loss < best_loss:
            best, best_loss, since_best = copy.deepcopy(model), loss, 0
        else:
            since_best += 1
            if params["patience"] and since_best >= params["patience"]:
                break
    if task == "regression":
        return Unscaled(best, mean, std), epochs
    return best, epochs


class Unscaled:
    """An MLP trained on a standardised target, answering in the target's own units."""

    def __init__(self, model, mean, std):
        self.model, self.mean, self.std = model, mean, std

    def predict(self, x):
        return self.model.predict(x) * self.std + self.mean


def timed(fit):
    started = time.perf_counter()
    result = fit()
    return result, time.perf_counter() - started


def main(folder):
    with open(f"{folder}/peer.json") as file:
        spec = json.load(file)
    task, width, params = spec["task"], spec["width"], spec["params"]
    train, validation, test = (load(folder, name, width) for name in ("train", "validation", "test"))
    (mlp, epochs), mlp_seconds = timed(lambda: train_mlp(task, params, train, validation))
    if task == "regression":
        linear, trivial = Ridge(alpha=1.0), DummyRegressor(strategy="mean")
    else:
        linear = LogisticRegression(C=1.0, max_iter=1000)
        trivial = DummyClassifier(strategy="most_frequent")
    _, linear_seconds = timed(lambda: linear.fit(*train))
    trivial.fit(*train)
    x_test, y_test = test
    print(
        json.dumps(
            {
                "sklearn": __import__("sklearn").__version__,
                "mlp": {
                    "metric": headline(task, y_test, mlp, x_test),
                    "seconds": mlp_seconds,
                    "epochs": epochs,
                },
                "linear": {"metric": headline(task, y_test, linear, x_test), "seconds": linear_seconds},
                "trivial": {"metric": headline(task, y_test, trivial, x_test)},
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
