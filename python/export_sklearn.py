"""Export a fitted scikit-learn pipeline to ONNX for ``npx modelship import``.

The pipeline must have been fitted on a pandas DataFrame (so that it knows its column names),
for example ``Pipeline([("columns", ColumnTransformer([("text", OneHotEncoder(
handle_unknown="ignore"), text_columns), ("numbers", make_pipeline(SimpleImputer(),
StandardScaler()), number_columns)])), ("model", LogisticRegression())])``.

The ONNX model gets one input per column, named after it, shaped [None, 1]: a string tensor for
text columns and a float tensor for numbers, which is how ``modelship import`` maps a dataset's
columns to a model's inputs. Classifiers answer ``output_label`` and ``output_probability`` as a
plain tensor (no ZipMap), regressors ``variable``.

From a notebook::

    from export_sklearn import export_pipeline
    export_pipeline(pipeline, train_frame, "model.onnx", target="churned", data_path="sample.csv")

From a shell, with a pipeline saved by ``joblib.dump``::

    python3 python/export_sklearn.py pipeline.joblib sample.csv --target churned --out model.onnx

Needs scikit-learn, pandas, skl2onnx (``pip install skl2onnx``).
"""

from __future__ import annotations

import argparse
import math
import shlex
import sys
from pathlib import Path

#: Operator sets onnxruntime-node loads (the kit's serving runtime).
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}


class ExportError(ValueError):
    """The pipeline or the sample cannot be exported as modelship imports it.

    The message says why and how to fix it.
    """


def input_types(frame, pipeline) -> list[tuple[str, str]]:
    """The (column, tensor type) of each model input: the pipeline's fitted columns, in order.

    Text (object, string, category) columns become ``string`` inputs and numbers ``float``.
    """
    columns = getattr(pipeline, "feature_names_in_", None)
    if columns is None:
        raise ExportError(
            "the pipeline does not know its column names: fit it on a pandas DataFrame "
            "(pipeline.fit(frame[columns], frame[target])), not on a NumPy array"
        )
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        names = ", ".join(map(repr, missing))
        raise ExportError(f"the sample has no column {names}, which the pipeline was fitted on")
    return [(str(column), _tensor_type(column, frame[column].dtype)) for column in columns]


def check_categories(pipeline) -> None:
    """Refuses a one-hot encoder that learned NaN as a category: the kit sends '' for missing text."""
    from sklearn.preprocessing import OneHotEncoder

    for name, encoder, columns in _fitted_transformers(pipeline):
        if not isinstance(encoder, OneHotEncoder):
            continue
        if columns is None:  # an encoder outside a ColumnTransformer
            columns = getattr(encoder, "feature_names_in_", range(len(encoder.categories_)))
        for column, categories in zip(columns, encoder.categories_):
            if any(isinstance(value, float) and math.isnan(value) for value in categories):
                raise ExportError(
                    f"the one-hot encoder {name!r} learned NaN as a category of column {column!r}; "
                    f"fill missing text before fitting (frame[{column!r}] = frame[{column!r}].fillna('')), "
                    "as modelship sends '' for a missing text value"
                )


def export_pipeline(pipeline, frame, model_path, target=None, data_path=None, task=None) -> Path:
    """Writes the pipeline as ONNX to ``model_path`` and prints the ``modelship import`` command.

    ``frame`` is a sample of the training DataFrame (its dtypes type the inputs); ``target`` and
    ``data_path`` (the labelled CSV to import with) only complete the printed command.
    """
    try:
        from skl2onnx import convert_sklearn
        from skl2onnx.common.data_types import FloatTensorType, StringTensorType
    except ImportError as error:
        raise ExportError("skl2onnx is not installed; run `pip install skl2onnx`") from error

    types = input_types(frame, pipeline)
    check_categories(pipeline)
    tensor = {"string": StringTensorType, "float": FloatTensorType}
    initial_types = [(column, tensor[kind]([None, 1])) for column, kind in types]
    estimator = pipeline.steps[-1][1] if hasattr(pipeline, "steps") else pipeline
    # A probability tensor instead of ZipMap's list of dictionaries: what onnxruntime-node returns.
    options = {id(estimator): {"zipmap": False}} if hasattr(estimator, "predict_proba") else None
    onnx_model = convert_sklearn(
        pipeline, initial_types=initial_types, options=options, target_opset=TARGET_OPSET
    )
    path = Path(model_path)
    path.write_bytes(onnx_model.SerializeToString())
    print(f"Wrote {path} ({len(types)} inputs). Import it with:")
    print(f"  {import_command(path, data_path or '<labelled.csv>', target or '<target>', task)}")
    return path


def import_command(model_path, data_path, target, task=None) -> str:
    """The shell command that imports the model into the kit."""
    words = ["npx", "modelship", "import", str(model_path)]
    words += ["--data", str(data_path), "--target", str(target)]
    if task:
        words += ["--task", task]
    return " ".join(shlex.quote(word) for word in words)


# --- internal ---


def _tensor_type(column, dtype) -> str:
    kind = getattr(dtype, "kind", "O")
    if kind == "b":
        raise ExportError(
            f"column {column!r} is boolean; write it as text "
            f"(frame[{column!r}].map({{True: 'yes', False: 'no'}})) or as 0/1 numbers before "
            "fitting, as it appears in the CSV you import with"
        )
    if kind in "iuf":
        return "float"
    return "string"


def _fitted_transformers(estimator, name="pipeline"):
    """Every (name, fitted transformer, its column names) inside pipelines and column transformers."""
    if hasattr(estimator, "transformers_"):
        for child_name, child, columns in estimator.transformers_:
            if isinstance(columns, str):
                columns = [columns]
            for inner in _fitted_transformers(child, child_name):
                yield inner if inner[2] is not None else (inner[0], inner[1], list(columns))
    elif hasattr(estimator, "steps"):
        for child_name, child in estimator.steps:
            yield from _fitted_transformers(child, child_name)
    else:
        yield name, estimator, None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Export a fitted scikit-learn pipeline (joblib) to ONNX for `modelship import`."
    )
    parser.add_argument("pipeline", help="the pipeline saved with joblib.dump")
    parser.add_argument(
        "sample", help="a labelled CSV: its columns type the inputs, and it is the sample to import with"
    )
    parser.add_argument("--target", required=True, help="the target column")
    parser.add_argument("--out", default="model.onnx", help="where to write the model (default: model.onnx)")
    parser.add_argument(
        "--task", choices=["binary", "multiclass", "regression"], help="passed on to modelship import"
    )
    args = parser.parse_args(argv)
    import joblib
    import pandas

    try:
        frame = pandas.read_csv(args.sample, nrows=1000)
        export_pipeline(joblib.load(args.pipeline), frame, args.out, args.target, args.sample, args.task)
    except ExportError as error:
        print(f"export_sklearn: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
