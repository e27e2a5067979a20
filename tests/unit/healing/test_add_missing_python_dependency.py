"""add-missing-python-dependency: the exact edit to each dependency layout it knows, and what it declines."""

from __future__ import annotations

import pytest

from ci_agent.healing.model import Decline, ProposedChange
from ci_agent.healing.strategies.add_missing_python_dependency import STRATEGY, distribution_for, missing_module
from ci_agent.store.records import FailureRecord
from tests.unit.healing.doubles import InMemoryRepository, failure_from_log


def missing(module: str) -> FailureRecord:
    return failure_from_log(
        "2026-11-29T10:00:01.0000000Z ##[group]Run python -m pytest -q\n"
        "2026-11-29T10:00:01.0000000Z ##[endgroup]\n"
        "2026-11-29T10:00:02.0000000Z ImportError while loading conftest "
        "'/home/runner/work/shop/shop/tests/conftest.py'.\n"
        "2026-11-29T10:00:02.0000000Z tests/conftest.py:3: in <module>\n"
        f"2026-11-29T10:00:02.0000000Z     import {module}\n"
        f"2026-11-29T10:00:02.0000000Z E   ModuleNotFoundError: No module named '{module}'\n"
        "2026-11-29T10:00:02.1000000Z ##[error]Process completed with exit code 4.\n"
    )


def proposed(module: str, repository: InMemoryRepository) -> ProposedChange:
    change = STRATEGY.propose(missing(module), repository)
    assert isinstance(change, ProposedChange), change
    return change


def test_the_issue_example_adds_pyyaml_to_requirements_txt() -> None:
    change = proposed("yaml", InMemoryRepository.from_fixture("shop"))

    assert change.diff() == (
        "diff --git a/requirements.txt b/requirements.txt\n"
        "--- a/requirements.txt\n"
        "+++ b/requirements.txt\n"
        "@@ -1,2 +1,3 @@\n"
        "+PyYAML\n"
        " requests>=2.31\n"
        " rich>=13.7\n"
    )
    assert change.summary == "Add PyYAML to requirements.txt"
    assert change.notes == ()
    assert STRATEGY.applies(missing("yaml")) is not None


def test_a_sorted_requirements_file_with_markers_options_and_comments_gets_a_line_in_sorted_place() -> None:
    change = proposed("dateutil.parser", InMemoryRepository.from_fixture("requirements-markers"))

    assert change.diff() == (
        "diff --git a/requirements.txt b/requirements.txt\n"
        "--- a/requirements.txt\n"
        "+++ b/requirements.txt\n"
        "@@ -6,6 +6,7 @@\n"
        " click>=8.1  # CLI\n"
        ' importlib-metadata>=6; python_version < "3.10"\n'
        " pydantic>=2.5,<3\n"
        "+python-dateutil\n"
        " requests[socks]>=2.31\n"
        ' tomli>=2.0 ; python_version < "3.11"\n'
        " uvicorn[standard]>=0.30\n"
    )


def test_an_unsorted_file_gets_the_line_last_and_keeps_crlf_and_no_final_newline() -> None:
    repository = InMemoryRepository({"requirements.txt": b"rich==13.7.1\r\nflask==3.0.3"})
    change = proposed("sklearn", repository)
    assert change.edits[0].new_content == b"rich==13.7.1\r\nflask==3.0.3\r\nscikit-learn"
    assert change.notes == ("The other requirements are pinned: pin scikit-learn to the version you test with.",)


def test_a_requirements_txt_that_only_includes_others_sends_the_line_to_the_included_file() -> None:
    repository = InMemoryRepository(
        {
            "requirements.txt": "# Heroku and CI install this file\n-r requirements/production.txt\n",
            "requirements/production.txt": "-r base.txt\ngunicorn==23.0.0\n",
            "requirements/base.txt": "django==5.1.3\n",
        }
    )
    change = proposed("yaml", repository)
    assert change.edits[0].path == "requirements/production.txt"
    assert change.edits[0].new_content == b"-r base.txt\ngunicorn==23.0.0\nPyYAML\n"


def test_pep_621_multi_line_array_keeps_comments_quotes_and_the_missing_trailing_comma() -> None:
    change = proposed("PIL", InMemoryRepository.from_fixture("pep621-lib"))

    assert change.diff() == (
        "diff --git a/pyproject.toml b/pyproject.toml\n"
        "--- a/pyproject.toml\n"
        "+++ b/pyproject.toml\n"
        "@@ -12,6 +12,7 @@\n"
        '   "attrs>=23.1",\n'
        '   "click>=8.1",  # the CLI\n'
        "   'importlib-metadata>=6; python_version < \"3.10\"',\n"
        '+  "Pillow",\n'
        '   "requests[socks]>=2.31"\n'
        " ]\n"
        " \n"
    )


def test_pep_621_appends_after_the_last_element_adding_the_comma_it_lacked() -> None:
    text = '[project]\nname = "x"\ndependencies = [\n  "zope.interface",\n  "attrs"  # last\n]\n'
    change = proposed("yaml", InMemoryRepository({"pyproject.toml": text}))
    assert change.edits[0].new_content.decode() == (
        '[project]\nname = "x"\ndependencies = [\n  "zope.interface",\n  "attrs",  # last\n  "PyYAML"\n]\n'
    )


def test_uv_single_line_array() -> None:
    change = proposed("bs4", InMemoryRepository.from_fixture("uv-app"))
    assert change.diff() == (
        "diff --git a/pyproject.toml b/pyproject.toml\n"
        "--- a/pyproject.toml\n"
        "+++ b/pyproject.toml\n"
        "@@ -2,7 +2,7 @@\n"
        ' name = "pricing-worker"\n'
        ' version = "0.1.0"\n'
        ' requires-python = ">=3.12"\n'
        '-dependencies = ["boto3>=1.35", "structlog>=24.1", "orjson>=3.10"]\n'
        '+dependencies = ["boto3>=1.35", "structlog>=24.1", "orjson>=3.10", "beautifulsoup4"]\n'
        " \n"
        " [dependency-groups]\n"
        ' dev = ["pytest>=8.3", "moto[s3]>=5.0"]\n'
    )


def test_poetry_table_gets_a_key_in_sorted_place_after_a_multi_line_entry() -> None:
    change = proposed("jwt", InMemoryRepository.from_fixture("poetry-app"))
    assert change.diff() == (
        "diff --git a/pyproject.toml b/pyproject.toml\n"
        "--- a/pyproject.toml\n"
        "+++ b/pyproject.toml\n"
        "@@ -14,6 +14,7 @@\n"
        '     { version = "<2", python = "<3.12" },\n'
        '     { version = ">=2", python = ">=3.12" },\n'
        " ]\n"
        '+PyJWT = "*"\n'
        ' sqlalchemy = "^2.0"  # async engine\n'
        " \n"
        " [tool.poetry.group.dev.dependencies]\n"
    )


@pytest.mark.parametrize(
    ("module", "repository", "reason"),
    [
        ("tomllib", InMemoryRepository.from_fixture("shop"), "standard library"),
        ("google", InMemoryRepository.from_fixture("shop"), "distribution is not known"),
        ("inventory.cli", InMemoryRepository.from_fixture("pep621-lib"), "repository's own code (src/inventory)"),
        (
            "storefront",
            InMemoryRepository({"pyproject.toml": '[tool.poetry]\nname = "storefront"\n'}),
            "the project itself",
        ),
        ("requests", InMemoryRepository.from_fixture("shop"), "already a dependency in requirements.txt"),
        ("REQUESTS", InMemoryRepository.from_fixture("requirements-markers"), "already a dependency"),
        ("hypothesis", InMemoryRepository.from_fixture("pep621-lib"), "[project.optional-dependencies] test"),
        ("moto", InMemoryRepository.from_fixture("uv-app"), "[dependency-groups] dev"),
        ("pytest", InMemoryRepository.from_fixture("poetry-app"), "the Poetry group dev"),
        ("yaml", InMemoryRepository.from_fixture("requirements-hashes"), "pins hashes"),
        (
            "yaml",
            InMemoryRepository({"requirements.txt": "# This file is autogenerated by pip-compile\nrich\n"}),
            "generated",
        ),
        ("yaml", InMemoryRepository({"setup.py": "from setuptools import setup\nsetup()\n"}), "layout is not one"),
        (
            "yaml",
            InMemoryRepository({"pyproject.toml": '[project]\nname = "x"\ndynamic = ["dependencies"]\n'}),
            "dynamic",
        ),
        ("yaml", InMemoryRepository({"pyproject.toml": '[project]\nname = "x"\n', "uv.lock": ""}), "uv.lock"),
        ("yaml", InMemoryRepository({"pyproject.toml": "[project\n"}), "does not parse"),
        (
            "yaml",
            InMemoryRepository({"pyproject.toml": '[project]\nname = "x"\ndependencies = ["not a requirement!"]\n'}),
            "not a requirement",
        ),
    ],
)
def test_declines(module: str, repository: InMemoryRepository, reason: str) -> None:
    decline = STRATEGY.propose(missing(module), repository)
    assert isinstance(decline, Decline)
    assert reason in decline.reason


def test_python_2_wording_and_dotted_namespace_names() -> None:
    assert missing_module(["ImportError: No module named yaml"]) == "yaml"
    assert missing_module(["E   ModuleNotFoundError: No module named 'google.protobuf.json_format'"]) == (
        "google.protobuf.json_format"
    )
    found = distribution_for("google.protobuf.json_format")
    assert not isinstance(found, Decline)
    assert found.distribution == "protobuf"


def test_an_unlisted_import_name_is_taken_as_the_distribution_with_a_note() -> None:
    change = proposed("orjson", InMemoryRepository.from_fixture("shop"))
    assert change.edits[0].new_content == b"orjson\nrequests>=2.31\nrich>=13.7\n"
    assert change.notes == ("orjson is assumed to be the distribution that provides 'orjson'.",)


def test_does_not_apply_to_the_standard_library_or_other_failures() -> None:
    assert STRATEGY.applies(missing("tomllib")) is None
    assert STRATEGY.applies(failure_from_log("##[error]Process completed with exit code 1.\n")) is None
