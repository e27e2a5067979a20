"""The held-out validation logs stay usable and honest: every labelled log is there, with its licence and its
source, and its labels name real categories and real lines of it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from ci_agent.analysis import Category

VALIDATION = Path(__file__).resolve().parents[2] / "bench" / "validation"
LABELLED = sorted(VALIDATION.glob("*/labels.json"))
LABEL_KEYS = {"path", "ecosystem", "ci", "category", "alt_categories", "culprit_lines", "culprit_texts", "why"}
# A log added after the first set says by which session, so the benchmark can report it apart.
OPTIONAL_LABEL_KEYS = {"added"}


def test_there_is_a_broad_labelled_set() -> None:
    labels = [label for path in LABELLED for label in json.loads(path.read_text()).values()]
    assert len(labels) >= 60
    assert len({label["ecosystem"] for label in labels}) >= 8


@pytest.mark.parametrize("labels_path", LABELLED, ids=[path.parent.name for path in LABELLED])
def test_each_source_keeps_its_licence_and_says_where_its_logs_come_from(labels_path: Path) -> None:
    folder = labels_path.parent
    assert any(child.name.startswith("LICENSE") for child in folder.iterdir())
    source = (folder / "SOURCE.md").read_text()
    assert "https://github.com/" in source
    assert "commit" in source


@pytest.mark.parametrize("labels_path", LABELLED, ids=[path.parent.name for path in LABELLED])
def test_each_label_names_a_category_and_lines_of_its_log(labels_path: Path) -> None:
    for name, label in json.loads(labels_path.read_text()).items():
        assert LABEL_KEYS <= set(label) <= LABEL_KEYS | OPTIONAL_LABEL_KEYS, name
        assert isinstance(label.get("added", "first set"), str) and label.get("added", "first set"), name
        for category in (label["category"], *label["alt_categories"]):
            assert Category(category) is not Category.UNKNOWN, name
        lines = gzip.decompress((labels_path.parent / f"{name}.gz").read_bytes()).split(b"\n")
        assert label["culprit_lines"], name
        for number, text in zip(label["culprit_lines"], label["culprit_texts"], strict=True):
            assert 1 <= number <= len(lines), name
            assert lines[number - 1].decode("utf-8", "replace").startswith(text), name


def test_every_log_file_is_labelled_and_small() -> None:
    for labels_path in LABELLED:
        names = {f"{name}.gz" for name in json.loads(labels_path.read_text())}
        logs = {child.name for child in labels_path.parent.glob("*.gz")}
        assert logs == names, labels_path.parent.name
        assert all((labels_path.parent / log).stat().st_size < 2_000_000 for log in logs)
