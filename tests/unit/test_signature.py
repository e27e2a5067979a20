"""The failure signature: incidental details never change it, a different failure always does."""

from __future__ import annotations

import pytest

from ci_agent.analysis import analyze_log
from ci_agent.analysis.signature import failure_signature, failure_template


def _log(*body: str, stamp: str = "2026-03-04T10:11:12.1234567Z") -> str:
    lines = [
        "##[group]Run make ci",
        "make ci",
        "##[endgroup]",
        *body,
        "##[error]Process completed with exit code 1.",
    ]
    return "".join(f"{stamp} {line}\n" for line in lines)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "/home/runner/work/app/app/src/a.c:12:5: error: 'x' undeclared",
            "/home/runner/work/app/app/src/a.c:140:9: error: 'x' undeclared",
            id="line-and-column",
        ),
        pytest.param(
            "/home/runner/work/app/app/src/a.c:12:5: error: 'x' undeclared",
            "/__w/app/app/src/a.c:12:5: error: 'x' undeclared",
            id="hosted-vs-container-workspace",
        ),
        pytest.param(
            r"D:\a\app\app\src\Main.cs(3,1): error CS0103: The name 'x' does not exist",
            r"C:\actions-runner\_work\app\app\src\Main.cs(9,4): error CS0103: The name 'x' does not exist",
            id="windows-workspaces",
        ),
        pytest.param(
            "OSError: cannot write /tmp/tmpa81fz2c0/out.json",
            "OSError: cannot write /tmp/tmp5kq0wzd1/out.json",
            id="temp-path",
        ),
        pytest.param("Timed out after 12.5s", "Timed out after 300.02s", id="duration"),
        pytest.param("commit 3f2a9bc1d77e is missing", "commit 0ac9e11b2f03 is missing", id="sha"),
        pytest.param(
            "lease 123e4567-e89b-12d3-a456-426614174000 lost",
            "lease 9b2d1c4e-0f7a-4b8e-9c1d-2e3f4a5b6c7d lost",
            id="uuid",
        ),
        pytest.param(
            "connect to 10.1.2.3:5432 refused (pid 4411)",
            "connect to 10.9.8.7:6543 refused (pid 98)",
            id="ip-port-pid",
        ),
        pytest.param(
            'error Couldn\'t find any versions for "plotline" that matches "^7.3.0"',
            'error Couldn\'t find any versions for "plotline" that matches "^7.12.1"',
            id="version-digits",
        ),
        pytest.param(
            "at 2026-01-02T03:04:05Z the lock expired",
            "at 2025-12-31 23:59:59 the lock expired",
            id="timestamps",
        ),
        pytest.param("node_modules/.cache/0x7ffd5e8c was corrupted", "node_modules/.cache/0x1 was corrupted", id="hex"),
    ],
)
def test_incidental_details_do_not_change_the_template(first: str, second: str) -> None:
    assert failure_template(first) == failure_template(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("./app.py:1:80: E501 line too long", "./app.py:1:80: E302 expected 2 blank lines", id="lint-code"),
        pytest.param("error TS2304: Cannot find name 'x'", "error TS2322: Type 'x' is not assignable", id="ts-code"),
        pytest.param(
            "No matching distribution found for numpy",
            "No matching distribution found for scipy",
            id="package",
        ),
        pytest.param("FAILED tests/test_a.py::test_login", "FAILED tests/test_a.py::test_logout", id="test-name"),
        pytest.param("FAILED tests/test_a.py::test_case_1", "FAILED tests/test_a.py::test_case_2", id="numbered-tests"),
    ],
)
def test_different_failures_get_different_templates(first: str, second: str) -> None:
    assert failure_template(first) != failure_template(second)


def test_signature_is_short_hex_and_depends_on_category_and_rule() -> None:
    signature = failure_signature("test", "pytest-failed-test", "FAILED x::y")
    assert len(signature) == 16 and int(signature, 16) >= 0
    assert signature != failure_signature("lint", "pytest-failed-test", "FAILED x::y")
    assert signature != failure_signature("test", "unittest-failure", "FAILED x::y")


def test_same_failure_in_two_runs_of_different_shape_groups_together() -> None:
    # Given two runs of one job that fail the same way, with different noise, timestamps and line numbers
    noise = [f"tests/test_{i}.py::test_ok PASSED [{i}%]" for i in range(50)]
    first = _log(*noise[:3], "FAILED tests/test_api.py::test_create - AssertionError: 200 != 500")
    second = _log(
        *noise,
        "FAILED tests/test_api.py::test_create - AssertionError: 201 != 503",
        stamp="2026-09-30T23:01:02.7654321Z",
    )
    # When both are analysed
    one, two = analyze_log(first), analyze_log(second)
    # Then they share one signature, although the culprit is on a different line
    assert one.culprit and two.culprit and one.culprit.line != two.culprit.line
    assert one.signature == two.signature


def test_different_failing_tests_get_different_signatures() -> None:
    one = analyze_log(_log("FAILED tests/test_api.py::test_create - AssertionError"))
    two = analyze_log(_log("FAILED tests/test_api.py::test_delete - AssertionError"))
    assert one.signature != two.signature
