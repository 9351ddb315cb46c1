"""A notebook in miniature: fit a scikit-learn pipeline on loan applications, export it for modelship.

    python3 python/example_loans.py out/

writes ``out/loans.csv`` (the labelled sample, with an id column, an ignored note and missing values)
and ``out/loans.onnx``, then prints the ``npx modelship import`` command to run from the workspace.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from export_sklearn import ExportError, export_pipeline

TEXT_COLUMNS = ["term", "purpose", "owns_home"]
NUMBER_COLUMNS = ["income_k", "loan_amount", "years_employed"]
TARGET = "defaulted"


def make_loans(rows: int, seed: int = 7) -> pd.DataFrame:
    """Loan applications whose default depends on the amount against income, the term and the purpose."""
    random = np.random.default_rng(seed)
    income = random.uniform(20, 140, rows)
    amount = random.uniform(1_000, 41_000, rows)
    term = random.choice(["36m", "60m"], rows, p=[0.6, 0.4])
    purpose = random.choice(["car", "home", "education", "business", "holiday"], rows)
    years = random.integers(0, 25, rows)
    owns_home = random.choice(["Y", "N"], rows, p=[0.4, 0.6])
    logit = (
        -1
        + 2.2 * amount / 1_000 / income
        - 0.08 * years
        + 0.7 * (term == "60m")
        - 0.6 * (owns_home == "Y")
        + 0.8 * (purpose == "business")
    )
    defaulted = random.uniform(size=rows) < 1 / (1 + np.exp(-logit))
    frame = pd.DataFrame(
        {
            "application_ref": [f"L{i:06d}" for i in range(rows)],
            "income_k": income.round(1),
            "loan_amount": amount.round(2),
            "term": term,
            "purpose": purpose,
            "years_employed": years,
            "owns_home": owns_home,
            "branch_note": [f"branch {i % 9}" for i in range(rows)],
            TARGET: np.where(defaulted, "yes", "no"),
        }
    )
    frame.loc[random.uniform(size=rows) < 0.05, "income_k"] = np.nan
    frame.loc[random.uniform(size=rows) < 0.03, "owns_home"] = np.nan
    return frame


def features(frame: pd.DataFrame) -> pd.DataFrame:
    """The model's columns, missing text as '' (what modelship sends for a missing text value)."""
    selected = frame[TEXT_COLUMNS + NUMBER_COLUMNS].copy()
    selected[TEXT_COLUMNS] = selected[TEXT_COLUMNS].fillna("")
    return selected


def make_pipeline_for(estimator, number_columns=tuple(NUMBER_COLUMNS)) -> Pipeline:
    """One-hot encoding of the text columns, imputation and scaling of the numbers, then the estimator."""
    columns = ColumnTransformer(
        [
            ("text", OneHotEncoder(handle_unknown="ignore"), TEXT_COLUMNS),
            ("numbers", make_pipeline(SimpleImputer(), StandardScaler()), list(number_columns)),
        ]
    )
    return Pipeline([("columns", columns), ("model", estimator)])


def fit_classifier(frame: pd.DataFrame) -> Pipeline:
    return make_pipeline_for(LogisticRegression(max_iter=1_000)).fit(features(frame), frame[TARGET])


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "out")
    out.mkdir(parents=True, exist_ok=True)
    train, sample = make_loans(5_000, seed=7), make_loans(2_000, seed=8)
    pipeline = fit_classifier(train)
    sample_path = out / "loans.csv"
    sample.to_csv(sample_path, index=False)
    try:
        export_pipeline(pipeline, features(train), out / "loans.onnx", target=TARGET, data_path=sample_path)
    except ExportError as error:
        print(f"example_loans: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
