"""The scikit-learn peer of the GBDT benchmark (gbdt-bench.ts).

Reads the feature matrices the benchmark wrote (the same rows, split and feature transform the
kit trained on) and trains HistGradientBoostingClassifier / Regressor with the kit's
hyper-parameters: learning rate, max_leaf_nodes, min_samples_leaf, max_depth, max_bins, l2, and
early stopping with the same patience. scikit-learn 1.2 cannot take a validation set, so it fits
on train + validation with `validation_fraction` = the validation rows' share: the same number of
validation rows, drawn by scikit-learn. Writes the test predictions (probabilities, or values) to
`sklearn.pred.f64` and prints one JSON line with the wall time of `fit`, the peak resident memory
and the memory once the matrices were loaded.

With `--categorical`, it instead compares, on scikit-learn only, the kit's one-hot feature vector
with scikit-learn's native categorical support (each one-hot group folded back to one ordinal
column, listed in `categorical.json`).

Usage: python3 sklearn_gbdt_peer.py <folder> [--categorical]
"""

import json
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import roc_auc_score


def rss_mb():
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * resource.getpagesize() / 2**20


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(folder, name, width):
    x = np.fromfile(f"{folder}/{name}.x.f32", dtype=np.float32).reshape(-1, width)
    y = np.fromfile(f"{folder}/{name}.y.f64", dtype=np.float64)
    return x, y


def estimator(task, params, validation_fraction, **extra):
    shared = dict(
        learning_rate=params["learningRate"],
        max_iter=params["maxTrees"],
        max_leaf_nodes=params["maxLeaves"],
        min_samples_leaf=params["minRowsPerLeaf"],
        max_depth=params["maxDepth"],
        max_bins=params["maxBins"],
        l2_regularization=params["l2"],
        early_stopping=params["earlyStoppingRounds"] > 0,
        n_iter_no_change=max(params["earlyStoppingRounds"], 1),
        validation_fraction=validation_fraction,
        random_state=params["seed"],
        **extra,
    )
    if task == "regression":
        return HistGradientBoostingRegressor(**shared)
    if params["classWeight"] == "balanced":
        shared["class_weight"] = "balanced"
    return HistGradientBoostingClassifier(**shared)


def fit(task, params, train, validation, **extra):
    x = np.concatenate([train[0], validation[0]])
    y = np.concatenate([train[1], validation[1]])
    model = estimator(task, params, len(validation[1]) / len(y), **extra)
    started = time.perf_counter()
    model.fit(x, y)
    return model, time.perf_counter() - started


def predictions(task, model, x):
    if task == "regression":
        return model.predict(x)
    probabilities = model.predict_proba(x)
    return probabilities[:, 1] if task == "binary" else probabilities.reshape(-1)


def main(folder):
    with open(f"{folder}/bench.json") as file:
        spec = json.load(file)
    task, width, params = spec["head"]["task"], spec["width"], spec["params"]
    train, validation, test = (load(folder, name, width) for name in ("train", "validation", "test"))
    loaded = rss_mb()
    model, seconds = fit(task, params, train, validation)
    predictions(task, model, test[0]).astype(np.float64).tofile(f"{folder}/sklearn.pred.f64")
    print(
        json.dumps(
            {
                "sklearn": sklearn.__version__,
                "seconds": seconds,
                "peakRssMb": peak_rss_mb(),
                "loadedRssMb": loaded,
                "iterations": int(model.n_iter_),
            }
        )
    )


def fold_one_hot(x, groups):
    """Each one-hot group [start, end) becomes one column holding the index of its 1."""
    columns, categorical, at = [], [], 0
    for start, end in groups:
        for j in range(at, start):
            columns.append(x[:, j])
            categorical.append(False)
        columns.append(np.argmax(x[:, start:end], axis=1).astype(np.float32))
        categorical.append(True)
        at = end
    for j in range(at, x.shape[1]):
        columns.append(x[:, j])
        categorical.append(False)
    return np.stack(columns, axis=1), np.array(categorical)


def compare_categorical(folder):
    """ROC AUC and fit time of one-hot input against native categorical splits (binary)."""
    with open(f"{folder}/bench.json") as file:
        spec = json.load(file)
    with open(f"{folder}/categorical.json") as file:
        groups = json.load(file)["groups"]
    width, params = spec["width"], spec["params"]
    train, validation, test = (load(folder, name, width) for name in ("train", "validation", "test"))
    result = {"sklearn": sklearn.__version__}
    model, seconds = fit("binary", params, train, validation)
    result["oneHot"] = {
        "rocAuc": roc_auc_score(test[1], model.predict_proba(test[0])[:, 1]),
        "seconds": seconds,
        "width": width,
    }
    folded = [(fold_one_hot(part[0], groups)[0], part[1]) for part in (train, validation, test)]
    mask = fold_one_hot(train[0][:1], groups)[1]
    model, seconds = fit("binary", params, folded[0], folded[1], categorical_features=mask)
    result["native"] = {
        "rocAuc": roc_auc_score(test[1], model.predict_proba(folded[2][0])[:, 1]),
        "seconds": seconds,
        "width": int(mask.size),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    if "--categorical" in sys.argv[2:]:
        compare_categorical(sys.argv[1])
    else:
        main(sys.argv[1])
