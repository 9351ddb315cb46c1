"""Tests of export_sklearn: python3 -m unittest discover -s python -v

The input typing, the checks and the printed command need scikit-learn and pandas; the export
itself also needs skl2onnx and onnxruntime. Whatever is missing skips its tests with a message
naming what to install.
"""

from __future__ import annotations

import importlib.util
import io
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path


def _missing(*modules: str) -> list[str]:
    return [module for module in modules if importlib.util.find_spec(module) is None]


MISSING_BASE = _missing("sklearn", "pandas")
MISSING_EXPORT = MISSING_BASE + _missing("skl2onnx", "onnxruntime")
INSTALL = {
    "sklearn": "scikit-learn (apt install python3-sklearn)",
    "pandas": "pandas (apt install python3-pandas)",
}


def _skip_message(missing: list[str]) -> str:
    return "needs " + ", ".join(INSTALL.get(module, f"{module} (pip install {module})") for module in missing)


if not MISSING_BASE:
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegression, Ridge

    import example_loans
    import export_sklearn


@unittest.skipIf(MISSING_BASE, _skip_message(MISSING_BASE))
class InputTypesTest(unittest.TestCase):
    def setUp(self):
        self.train = example_loans.make_loans(600, seed=1)
        self.pipeline = example_loans.fit_classifier(self.train)

    def test_one_input_per_fitted_column_text_as_string_numbers_as_float(self):
        types = export_sklearn.input_types(example_loans.features(self.train), self.pipeline)
        self.assertEqual(
            types,
            [("term", "string"), ("purpose", "string"), ("owns_home", "string"),
             ("income_k", "float"), ("loan_amount", "float"), ("years_employed", "float")],
        )

    def test_columns_the_pipeline_was_not_fitted_on_are_left_out(self):
        # The whole frame: id, ignored note and target are not inputs.
        types = export_sklearn.input_types(self.train, self.pipeline)
        self.assertNotIn("application_ref", dict(types))
        self.assertNotIn(example_loans.TARGET, dict(types))

    def test_a_sample_without_a_fitted_column_is_refused_naming_it(self):
        frame = example_loans.features(self.train).drop(columns=["purpose"])
        with self.assertRaisesRegex(export_sklearn.ExportError, "no column 'purpose'"):
            export_sklearn.input_types(frame, self.pipeline)

    def test_a_pipeline_fitted_on_an_array_is_refused(self):
        frame = example_loans.features(self.train)
        numbers = frame[example_loans.NUMBER_COLUMNS].fillna(0).to_numpy()
        model = LogisticRegression().fit(numbers, self.train[example_loans.TARGET])
        with self.assertRaisesRegex(export_sklearn.ExportError, "fit it on a pandas DataFrame"):
            export_sklearn.input_types(frame, model)

    def test_a_boolean_column_is_refused_with_the_fix(self):
        frame = example_loans.features(self.train)
        frame["owns_home"] = frame["owns_home"] == "Y"
        with self.assertRaisesRegex(export_sklearn.ExportError, "column 'owns_home' is boolean"):
            export_sklearn.input_types(frame, self.pipeline)

    def test_nan_learned_as_a_category_is_refused_naming_the_column(self):
        frame = example_loans.features(self.train)
        frame["owns_home"] = self.train["owns_home"]  # NaN left in, not filled with ''
        self.assertTrue(frame["owns_home"].isna().any())
        pipeline = example_loans.make_pipeline_for(LogisticRegression())
        pipeline.fit(frame, self.train[example_loans.TARGET])
        with self.assertRaisesRegex(export_sklearn.ExportError, "NaN as a category of column 'owns_home'"):
            export_sklearn.check_categories(pipeline)
        export_sklearn.check_categories(self.pipeline)

    def test_the_import_command_quotes_paths(self):
        command = export_sklearn.import_command(
            Path("my models/loans.onnx"), "loans.csv", "defaulted", "binary"
        )
        self.assertEqual(
            command,
            "npx modelship import 'my models/loans.onnx' --data loans.csv --target defaulted --task binary",
        )


@unittest.skipIf(MISSING_EXPORT, _skip_message(MISSING_EXPORT))
class ExportTest(unittest.TestCase):
    """The exported model answers as the pipeline does, from inputs built the way modelship builds them."""

    def setUp(self):
        self.train = example_loans.make_loans(3_000, seed=1)
        self.sample = example_loans.make_loans(500, seed=2)
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def export(self, pipeline, frame):
        with redirect_stdout(io.StringIO()) as printed:
            path = export_sklearn.export_pipeline(
                pipeline, frame, Path(self.dir.name) / "model.onnx", "target", "sample.csv"
            )
        return path, printed.getvalue()

    def run_model(self, path, frame):
        import onnxruntime

        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        feeds = {}
        for node in session.get_inputs():
            column = frame[node.name]
            feeds[node.name] = (
                column.fillna("").astype(str).to_numpy().reshape(-1, 1)
                if node.type == "tensor(string)"
                else column.to_numpy(dtype=np.float32).reshape(-1, 1)
            )
        return session, session.run(None, feeds)

    def test_classifier_probabilities_match_predict_proba(self):
        pipeline = example_loans.fit_classifier(self.train)
        path, printed = self.export(pipeline, example_loans.features(self.train))
        self.assertIn("npx modelship import", printed)
        frame = example_loans.features(self.sample)
        session, (labels, probabilities) = self.run_model(path, frame)
        self.assertEqual([o.name for o in session.get_outputs()], ["output_label", "output_probability"])
        self.assertEqual([i.name for i in session.get_inputs()], list(frame.columns))
        np.testing.assert_allclose(probabilities, pipeline.predict_proba(frame), atol=1e-5)
        self.assertEqual(list(labels), list(pipeline.predict(frame)))

    def test_regressor_values_match_predict(self):
        numbers = ["income_k", "years_employed"]
        columns = example_loans.TEXT_COLUMNS + numbers
        pipeline = example_loans.make_pipeline_for(Ridge(), numbers)
        pipeline.fit(example_loans.features(self.train)[columns], self.train["loan_amount"])
        path, _ = self.export(pipeline, example_loans.features(self.train)[columns])
        frame = example_loans.features(self.sample)[columns]
        session, (values,) = self.run_model(path, frame)
        self.assertEqual([o.name for o in session.get_outputs()], ["variable"])
        np.testing.assert_allclose(values.ravel(), pipeline.predict(frame), rtol=1e-5)


if __name__ == "__main__":
    unittest.main()
