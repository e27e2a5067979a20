"""The build guardrail: one case per rule in guardrails.toml, the edits it must let through, and every strategy's
proposals passing it."""

from __future__ import annotations

import pytest

from ci_agent.healing.guardrails import guardrail_rules, setting_rules, weakens_build
from ci_agent.healing.model import FileEdit, ProposedChange, RepositoryFile
from ci_agent.healing.strategies import (
    add_missing_python_dependency,
    apply_formatter,
    bump_deprecated_action,
    make_script_executable,
)
from tests.unit.healing.doubles import InMemoryRepository, failure_from_log

WORKFLOW = ".github/workflows/ci.yml"
STEPS = (
    "jobs:\n"
    "  test:\n"
    "    runs-on: ubuntu-latest\n"
    "    steps:\n"
    "      - uses: actions/checkout@v4\n"
    "      - run: make test\n"
)


def change(path: str, before: str, after: str) -> ProposedChange:
    edit = FileEdit(path=path, before=RepositoryFile(path, before.encode()), content=after.encode())
    return ProposedChange(edits=(edit,), summary="s", explanation="e")


WEAKENING = [
    (
        "continue-on-error",
        WORKFLOW,
        STEPS,
        STEPS.replace("run: make test", "run: make test\n        continue-on-error: true"),
    ),
    ("or-true", WORKFLOW, STEPS, STEPS.replace("make test", "make test || true")),
    ("set-plus-e", "scripts/ci.sh", "#!/bin/sh\nmake test\n", "#!/bin/sh\nset +e\nmake test\n"),
    (
        "if-false",
        WORKFLOW,
        STEPS,
        STEPS.replace("      - run: make test", "      - if: ${{ false }}\n        run: make test"),
    ),
    ("no-verify", "scripts/release.sh", "git commit -m release\n", "git commit --no-verify -m release\n"),
    ("exit-zero", WORKFLOW, STEPS, STEPS.replace("make test", "ruff check --exit-zero .")),
    (
        "python-skip",
        "tests/test_api.py",
        "def test_get():\n    assert get()\n",
        "@pytest.mark.skip\ndef test_get():\n    assert get()\n",
    ),
    (
        "jvm-skip",
        "src/test/java/ShopTest.java",
        "  @Test\n  void total() {}\n",
        "  @Disabled\n  @Test\n  void total() {}\n",
    ),
    ("javascript-skip", "src/cart.test.ts", "it('adds', () => {});\n", "it.skip('adds', () => {});\n"),
    (
        "go-skip",
        "cart/cart_test.go",
        "func TestAdd(t *testing.T) {\n}\n",
        'func TestAdd(t *testing.T) {\n\tt.Skip("flaky")\n}\n',
    ),
    ("rust-ignore", "src/lib.rs", "#[test]\nfn adds() {}\n", "#[test]\n#[ignore]\nfn adds() {}\n"),
    (
        "dotnet-skip",
        "tests/CartTests.cs",
        "[Fact]\npublic void Adds() {}\n",
        '[Fact(Skip = "flaky")]\npublic void Adds() {}\n',
    ),
    (
        "test-removed",
        "tests/test_api.py",
        "def test_get():\n    assert get()\n\n\ndef test_put():\n    pass\n",
        "def test_put():\n    pass\n",
    ),
    ("noqa", "src/shop/api.py", "import os\n", "import os  # noqa: F401\n"),
    (
        "type-ignore",
        "src/shop/api.py",
        "total: int = compute()\n",
        "total: int = compute()  # type: ignore[assignment]\n",
    ),
    ("linter-disable", "src/cart.ts", "const x = 1;\n", "// eslint-disable-next-line\nconst x = 1;\n"),
    (
        "lint-ignore-setting",
        ".flake8",
        "[flake8]\nmax-line-length = 100\n",
        "[flake8]\nmax-line-length = 100\nextend-ignore = E203\n",
    ),
    ("lint-rule-code", "setup.cfg", "[flake8]\nignore =\n    W503,\n", "[flake8]\nignore =\n    W503,\n    E501,\n"),
    (
        "lint-rule-off",
        ".eslintrc.json",
        '{\n  "rules": {\n  }\n}\n',
        '{\n  "rules": {\n    "no-console": "off"\n  }\n}\n',
    ),
    ("type-check-relaxed", "mypy.ini", "[mypy]\nstrict = True\n", "[mypy]\nstrict = False\n"),
    (
        "coverage-threshold",
        "pyproject.toml",
        "[tool.coverage.report]\nfail_under = 90\n",
        "[tool.coverage.report]\nfail_under = 80\n",
    ),
    ("workflow-step-removed", WORKFLOW, STEPS, STEPS.replace("      - run: make test\n", "")),
    ("workflow-job-removed", WORKFLOW, STEPS + "  lint:\n    runs-on: ubuntu-latest\n", STEPS),
]


@pytest.mark.parametrize(("rule", "path", "before", "after"), WEAKENING, ids=[case[0] for case in WEAKENING])
def test_each_rule_catches_what_it_names(rule: str, path: str, before: str, after: str) -> None:
    (expected,) = [candidate for candidate in guardrail_rules() if candidate.name == rule]
    reason = weakens_build(change(path, before, after))
    assert reason is not None
    assert reason.startswith(expected.reason), reason
    assert path in reason


def test_every_rule_has_a_case() -> None:
    assert {rule.name for rule in guardrail_rules()} == {case[0] for case in WEAKENING}
    assert {rule.name for rule in setting_rules()} == {case[0] for case in LOOSENED_SETTINGS}


RUFF = '[project]\nname = "shop"\n\n[tool.ruff.lint]\nselect = ["E", "F"]\nignore = ["E501"]\n'
MYPY = '[tool.mypy]\nstrict = true\nfiles = ["src"]\n'
LOOSENED_SETTINGS = [
    ("ruff-ignores-in-pyproject", "pyproject.toml", RUFF, RUFF.replace('["E501"]', '["E501", "F401"]')),
    (
        "ruff-ignores-in-pyproject",
        "pyproject.toml",
        RUFF,
        RUFF + '\n[tool.ruff.lint.per-file-ignores]\n"src/shop/api.py" = ["F841"]\n',
    ),
    ("ruff-ignores-in-ruff-toml", "ruff.toml", "[lint]\nignore = []\n", '[lint]\nignore = [\n  "B008",\n]\n'),
    (
        "mypy-overrides-in-pyproject",
        "pyproject.toml",
        MYPY,
        MYPY + '\n[[tool.mypy.overrides]]\nmodule = ["shop.legacy"]\nignore_errors = true\n',
    ),
    ("mypy-strictness-in-pyproject", "pyproject.toml", MYPY, MYPY.replace("strict = true", "strict = false")),
    ("mypy-ignore-errors-in-pyproject", "pyproject.toml", MYPY, MYPY + "ignore_missing_imports = true\n"),
]


@pytest.mark.parametrize(
    ("rule", "path", "before", "after"), LOOSENED_SETTINGS, ids=[case[0] for case in LOOSENED_SETTINGS]
)
def test_each_setting_rule_compares_the_parsed_configuration(rule: str, path: str, before: str, after: str) -> None:
    (expected,) = [candidate for candidate in setting_rules() if candidate.name == rule]
    reason = weakens_build(change(path, before, after))
    assert reason is not None
    assert reason.startswith(expected.reason), reason


def test_emptying_a_file_is_deleting_it() -> None:
    assert weakens_build(change("tests/test_api.py", "def test_get():\n    pass\n", "")) == (
        "deletes the contents of tests/test_api.py"
    )


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        (WORKFLOW, STEPS.replace("checkout@v4", "checkout@v3"), STEPS),
        (
            WORKFLOW,
            STEPS + "        continue-on-error: true\n",
            STEPS.replace("v4", "v5") + "        continue-on-error: true\n",
        ),
        (WORKFLOW, STEPS, STEPS.replace("run: make test", "run: make test\n        continue-on-error: false")),
        ("src/api.py", "x = f(a,b)  # type: ignore[misc]\n", "x = f(a, b)  # type: ignore[misc]\n"),
        ("pyproject.toml", "[tool.coverage.report]\nfail_under = 80\n", "[tool.coverage.report]\nfail_under = 90\n"),
        (
            "pyproject.toml",
            '[project]\ndependencies = [\n  "attrs",\n]\n',
            '[project]\ndependencies = [\n  "attrs",\n  "PyYAML",\n]\n',
        ),
        ("requirements.txt", "requests\n", "PyYAML\nrequests\n"),
        ("pyproject.toml", RUFF, RUFF.replace('select = ["E", "F"]', 'select = [\n  "B905",\n  "E",\n  "F",\n]')),
        ("pyproject.toml", RUFF, RUFF.replace('ignore = ["E501"]', "ignore = []")),
        (
            "tests/test_api.py",
            "def test_get():\n    assert get() == {'a':1}\n",
            'def test_get():\n    assert get() == {"a": 1}\n',
        ),
    ],
)
def test_changes_that_do_not_weaken_the_build_pass(path: str, before: str, after: str) -> None:
    assert weakens_build(change(path, before, after)) is None


def test_every_strategy_proposal_passes_the_guardrail() -> None:
    def log(*lines: str) -> str:
        return "".join(f"2026-11-29T10:00:01.0000000Z {line}\n" for line in lines) + (
            "2026-11-29T10:00:02.0000000Z ##[error]Process completed with exit code 1.\n"
        )

    cases = [
        (
            bump_deprecated_action.STRATEGY,
            log(
                "##[error]This request has been automatically failed because it uses a deprecated version of "
                "`actions/upload-artifact: v3`."
            ),
            "shop",
        ),
        (
            make_script_executable.STRATEGY,
            log("/home/runner/work/_temp/0b6c3a.sh: line 1: ./scripts/release.sh: Permission denied"),
            "shop",
        ),
        (add_missing_python_dependency.STRATEGY, log("E   ModuleNotFoundError: No module named 'yaml'"), "shop"),
        (add_missing_python_dependency.STRATEGY, log("ModuleNotFoundError: No module named 'jwt'"), "poetry-app"),
        (add_missing_python_dependency.STRATEGY, log("ModuleNotFoundError: No module named 'PIL'"), "pep621-lib"),
        (add_missing_python_dependency.STRATEGY, log("ModuleNotFoundError: No module named 'bs4'"), "uv-app"),
        (
            add_missing_python_dependency.STRATEGY,
            log("ModuleNotFoundError: No module named 'cv2'"),
            "requirements-markers",
        ),
        (apply_formatter.STRATEGY, log("Would reformat: src/shop/api.py"), "ruff-app"),
    ]
    for strategy, text, repository in cases:
        proposal = strategy.propose(failure_from_log(text), InMemoryRepository.from_fixture(repository))
        assert isinstance(proposal, ProposedChange), (strategy.name, proposal)
        assert weakens_build(proposal) is None, (strategy.name, proposal.diff())
