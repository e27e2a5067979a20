"""How the analyzer reads a job log: the failed step, the culprit, confidence and its limits."""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log, default_ruleset
from ci_agent.analysis.analyzer import CHUNK_BYTES, FALLBACK_RULE, MAX_ERROR_LINES, MAX_LINE_CHARS, _newlines_up
from ci_agent.analysis.rules import strip_multiplexer
from tests.job_logs import verdict

STAMP = "2026-03-04T10:11:12.1234567Z"


def job_log(*steps: tuple[str, list[str]], failed: bool = True) -> str:
    """A job log with the runner's structure: a group per step, the exit-code error, post-job lines."""
    lines = ["Current runner version: '2.321.0'", "##[group]Operating System", "Ubuntu", "##[endgroup]"]
    for name, output in steps:
        lines += [f"##[group]Run {name}", name, "shell: /usr/bin/bash -e {0}", "##[endgroup]", *output]
    if failed:
        lines.append("##[error]Process completed with exit code 1.")
    lines += ["Post job cleanup.", "Cleaning up orphan processes"]
    return "".join(f"{STAMP} {line}\n" for line in lines)


def test_names_the_failed_step_and_the_culprit_line() -> None:
    log = job_log(
        ("actions/checkout@v4", ["Syncing repository: acme/app"]),
        (
            "pip install -r requirements.txt",
            ["Collecting flask", "ERROR: No matching distribution found for flsk"],
        ),
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert analysis.failed_step == "pip install -r requirements.txt"
    assert analysis.culprit is not None
    assert analysis.culprit.text == "ERROR: No matching distribution found for flsk"
    assert log.splitlines()[analysis.culprit.line - 1].endswith(analysis.culprit.text)
    assert analysis.rule == "pip-no-matching-distribution"
    assert analysis.ruleset_version == default_ruleset().version


def test_a_later_always_step_does_not_steal_the_verdict() -> None:
    # Given a test step that fails and an `if: always()` upload step that errors afterwards
    lines = [
        f"{STAMP} ##[group]Run pytest",
        f"{STAMP} ##[endgroup]",
        f"{STAMP} FAILED tests/test_api.py::test_create - assert 500 == 201",
        f"{STAMP} ##[error]Process completed with exit code 1.",
        f"{STAMP} ##[group]Run actions/upload-artifact@v4",
        f"{STAMP} ##[endgroup]",
        f"{STAMP} Error: ENOSPC: no space left on device, write",
    ]
    analysis = analyze_log("\n".join(lines))
    assert analysis.category is Category.TEST
    assert analysis.failed_step == "pytest"


def test_specific_rules_beat_generic_ones_and_score_higher() -> None:
    specific = analyze_log(job_log(("npm ci", ["npm error code ERESOLVE", "Error: something else went wrong"])))
    generic = analyze_log(job_log(("./deploy.sh", ["Error: deployment target is locked"])))
    assert specific.rule == "npm-eresolve"
    assert generic.category is Category.UNKNOWN
    assert specific.confidence >= 0.85
    assert generic.confidence <= 0.35


def test_exit_code_boilerplate_is_never_the_culprit() -> None:
    analysis = analyze_log(job_log(("./check.sh", ["checking invariants", "invariant 7 violated: orphan rows"])))
    assert analysis.category is Category.UNKNOWN
    assert analysis.rule == FALLBACK_RULE
    assert analysis.culprit is not None
    assert analysis.culprit.text == "invariant 7 violated: orphan rows"
    assert analysis.confidence < 0.3


def test_a_log_with_nothing_to_say_is_unknown_without_a_culprit() -> None:
    for log in ("", "\n\n", job_log(("true", []))):
        analysis = analyze_log(log)
        assert analysis.category is Category.UNKNOWN
        assert analysis.culprit is None or analysis.confidence < 0.3


def test_fallback_line_numbers_hold_without_a_trailing_newline() -> None:
    analysis = analyze_log("first line\nsecond line")
    assert analysis.culprit is not None
    assert (analysis.culprit.line, analysis.culprit.text) == (2, "second line")


def test_error_lines_start_with_the_culprit_and_are_capped() -> None:
    errors = [f"./pkg/mod_{i}.py:{i + 1}:1: F401 'os' imported but unused" for i in range(40)]
    analysis = analyze_log(job_log(("ruff check .", errors)))
    assert analysis.culprit == analysis.error_lines[0]
    assert len(analysis.error_lines) == MAX_ERROR_LINES
    assert len({line.line for line in analysis.error_lines}) == MAX_ERROR_LINES


def test_colour_codes_timestamps_and_crlf_are_not_part_of_the_culprit() -> None:
    log = (
        f"{STAMP} ##[group]Run go test ./...\r\n{STAMP} ##[endgroup]\r\n"
        f"{STAMP} \x1b[31m--- FAIL: \x1b[1mTestParse\x1b[0m (0.01s)\r\n"
        f"{STAMP} ##[error]Process completed with exit code 1.\r\n"
    )
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert analysis.culprit.text == "--- FAIL: TestParse (0.01s)"
    assert analysis.culprit.line == 3


def test_buildkit_step_prefixes_do_not_hide_the_tool_message() -> None:
    log = job_log(
        (
            "docker build .",
            [
                "#9 [4/6] RUN pip install -r requirements.txt",
                "#9 2.113 ERROR: No matching distribution found for torch==0.0.1",
                'ERROR: failed to solve: process "/bin/sh -c pip install -r requirements.txt" '
                "did not complete successfully: exit code: 1",
            ],
        )
    )
    analysis = analyze_log(log)
    assert analysis.rule == "pip-no-matching-distribution"
    assert analysis.category is Category.DEPENDENCY


def test_invalid_utf8_and_huge_lines_are_handled() -> None:
    huge = "x" * (MAX_LINE_CHARS * 50)
    log = job_log(("make", [f"Error: {huge}"])).encode() + b"\xff\xfe\xfa garbage\n"
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert len(analysis.culprit.text) <= MAX_LINE_CHARS


def test_a_failure_far_above_the_bottom_chunk_is_still_found() -> None:
    # Given a failure followed by more than a search chunk of output that matches nothing
    filler = ["ok  \tgithub.com/acme/app/internal/pkg\t0.031s"] * (CHUNK_BYTES // 40 + 10)
    log = job_log(("go test ./...", ["--- FAIL: TestCheckout (0.20s)", *filler]))
    analysis = analyze_log(log)
    expected_line = log.splitlines().index(f"{STAMP} --- FAIL: TestCheckout (0.20s)") + 1
    assert analysis.rule == "go-test-failed"
    assert analysis.culprit is not None
    assert analysis.culprit.line == expected_line


def test_matches_outside_the_failed_step_are_trusted_less() -> None:
    # The failing step prints nothing recognisable; an earlier passing step printed something that looks bad.
    log = job_log(("lint", ["./a.py:1:1: F401 'os' imported but unused"]), ("./deploy.sh", []))
    inside = analyze_log(job_log(("lint", ["./a.py:1:1: F401 'os' imported but unused"])))
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert analysis.confidence < inside.confidence


def test_to_dict_has_the_cli_contract_fields() -> None:
    result = analyze_log(job_log(("pytest", ["FAILED tests/a.py::test_b - assert 1 == 2"]))).to_dict()
    for key in (
        "category",
        "confidence",
        "signature",
        "culprit",
        "error_lines",
        "failed_step",
        "rule",
        "ruleset_version",
    ):
        assert key in result
    assert set(result["culprit"]) == {"line", "text"}


def test_without_an_error_marker_the_last_words_come_before_the_runner_clean_up() -> None:
    # A cancelled or truncated job: no ##[error], then the runner's post-job chatter.
    log = job_log(("./deploy.sh", ["uploading bundle", "deploy lock held by run 8812"]), failed=False)
    log += f"{STAMP} [command]/usr/bin/git config --local --unset-all http.https://github.com/.extraheader\n"
    log += f"{STAMP} Terminate orphan process: pid (1600) (java)\n"
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert analysis.culprit.text == "deploy lock held by run 8812"
    assert analysis.failed_step == "./deploy.sh"


# A monorepo or process runner puts its own prefix before every line of the output it interleaves; anchored
# rules still read the tool's line behind it.
MULTIPLEXED_LINES = [
    ("[1] npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # concurrently, by index
    ("[api] npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # concurrently, by name
    ("web-1  | npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # docker compose v2
    ("web_1     | npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # docker compose v1
    ("web:build: npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # turbo
    ("@acme/web:build: npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # turbo, scoped package
    ("@acme/web: npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # lerna / yarn 1 workspaces
    ("[@acme/web]: npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # yarn berry workspaces foreach
    ("➤ YN0000: [@acme/web]: npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),
    ("packages/web build: npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # pnpm -r
    ("[2026-03-04T10:11:12.123Z] npm ERR! code ERESOLVE", "npm ERR! code ERESOLVE"),  # a bracketed timestamp
]


def test_strip_multiplexer_removes_each_runner_prefix() -> None:
    for line, message in MULTIPLEXED_LINES:
        assert strip_multiplexer(line) == message, line


def test_strip_multiplexer_leaves_a_tools_own_words() -> None:
    # A bracketed log level, a compiler's location, an exception's chain and a plain `word: ` are not prefixes.
    for line in [
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile",
        "[warn] src/app.ts: Code style issues found",
        "main.go:12:5: undefined: helper",
        "Caused by: java.lang.IllegalStateException: closed",
        "error: could not compile `acme` (lib) due to 1 previous error",
        "Error: error:0308010C:digital envelope routines::unsupported",
    ]:
        assert strip_multiplexer(line) == line


def test_an_anchored_rule_reads_a_line_behind_a_multiplexer_prefix() -> None:
    for line, _ in MULTIPLEXED_LINES:
        log = job_log(("npm run install:all", ["[0] npm ci exited with code 0", line, "[1] npm ci exited with code 1"]))
        analysis = analyze_log(log)
        assert analysis.rule == "npm-eresolve", line
        assert analysis.culprit is not None
        assert analysis.culprit.line == 10


def test_a_multiplexed_line_groups_with_the_same_failure_unprefixed() -> None:
    plain = analyze_log(job_log(("pytest", ["FAILED tests/test_orders.py::test_total - AssertionError"])))
    prefixed = analyze_log(job_log(("pytest", ["api-1  | FAILED tests/test_orders.py::test_total - AssertionError"])))
    assert prefixed.rule == plain.rule == "pytest-failed-test"
    assert prefixed.signature == plain.signature


def test_boilerplate_behind_a_multiplexer_prefix_is_still_boilerplate() -> None:
    # The step's last words are the tool's error, not npm's pointer to its debug log under a `[1] ` prefix.
    log = job_log(
        (
            "npm run install:all",
            ["[1] some-tool failed badly", "[1] npm ERR! A complete log of this run can be found in:"],
        )
    )
    analysis = analyze_log(log)
    assert analysis.rule == FALLBACK_RULE
    assert analysis.culprit is not None
    assert analysis.culprit.text == "[1] some-tool failed badly"


def test_a_line_redrawn_with_carriage_returns_is_read_as_the_terminal_shows_it() -> None:
    # Given a progress spinner that redrew its line before npm printed its verdict on the same line
    log = job_log(
        (
            "npm ci",
            [
                "⠙ reify:acme-ui: timing reifyNode\r⠹ idealTree: sill\rnpm error code E403",
                "npm error 403 Forbidden - GET https://registry.example/acme-ui/-/acme-ui-1.2.0.tgz",
                "npm warn retry will retry the request",
            ],
        )
    )

    # When the log is analysed
    analysis = analyze_log(log)

    # Then the refused request is the culprit, and the spinner's frames are no part of any line's text
    assert analysis.category is Category.PERMISSION
    assert analysis.culprit is not None
    assert analysis.culprit.line == 10
    assert analysis.culprit.text.startswith("npm error 403 Forbidden - GET ")
    assert all("\r" not in line.text for line in analysis.error_lines)
    assert any(line.text == "npm error code E403" for line in analysis.error_lines)


def test_an_anchored_rule_matches_the_text_after_the_last_carriage_return() -> None:
    log = job_log(("npm publish", ["⠙ packing\r⠹ packing\rnpm error code E403"]))

    analysis = analyze_log(log)

    assert analysis.rule == "npm-auth-error"
    assert analysis.culprit is not None
    assert analysis.culprit.text == "npm error code E403"


def test_a_linter_list_reports_its_first_violation() -> None:
    # Given flake8 listing three violations, top to bottom
    log = job_log(
        (
            "flake8 src",
            [
                "src/acme/api.py:3:1: F401 'os' imported but unused",
                "src/acme/api.py:41:80: E501 line too long (96 > 79 characters)",
                "src/acme/models.py:7:5: E303 too many blank lines (3)",
            ],
        )
    )

    analysis = analyze_log(log)

    # Then the first one is the culprit, as a reader reading top-down meets it
    assert analysis.category is Category.LINT
    assert analysis.culprit is not None
    assert analysis.culprit.text.startswith("src/acme/api.py:3:1: F401")


def test_a_summary_yields_to_the_specific_line_that_explains_it() -> None:
    prettier = analyze_log(
        job_log(
            (
                "npx prettier --check .",
                [
                    "Checking formatting...",
                    "[warn] src/cart.ts",
                    "[warn] src/env.ts",
                    "[warn] Code style issues found in 2 files. Run Prettier with --write to fix.",
                ],
            )
        )
    )
    webpack = analyze_log(
        job_log(
            (
                "npx webpack",
                [
                    "ERROR in /home/runner/work/app/app/src/tls.ts",
                    "[tsl] ERROR in /home/runner/work/app/app/src/tls.ts(28,15)",
                    "      TS2339: Property 'reason' does not exist on type 'Error'.",
                ],
            )
        )
    )

    assert prettier.culprit is not None and prettier.culprit.text == "[warn] src/cart.ts"
    assert webpack.culprit is not None and webpack.culprit.text.startswith("TS2339: ")
    assert webpack.category is Category.BUILD


def test_lines_that_look_like_errors_are_read_a_bounded_number_of_times(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Given a colour-coded step in which every other line looks like an error (several rules match them all)
    import ci_agent.analysis.analyzer as analyzer

    reads = 0
    real_message_of = analyzer.message_of

    def counting_message_of(raw_line: bytes) -> str:
        nonlocal reads
        reads += 1
        return real_message_of(raw_line)

    monkeypatch.setattr(analyzer, "message_of", counting_message_of)
    noisy = [
        f"\x1b[31merror\x1b[0m: retrying request {n}" if n % 2 else f"\x1b[32mstep {n} ok\x1b[0m" for n in range(40_000)
    ]
    log = job_log(("make ci", [*noisy, "\x1b[1;31mRuntimeError: worker 7 restarted\x1b[0m"]))
    # When it is analysed
    analysis = analyze_log(log)
    # Then the verdict is the last such line, and only a bounded number of lines were read one by one
    assert analysis.culprit is not None
    assert analysis.culprit.text == "RuntimeError: worker 7 restarted"
    assert log.splitlines()[analysis.culprit.line - 1].endswith("RuntimeError: worker 7 restarted\x1b[0m")
    assert reads < 2_000


def test_a_failure_that_says_it_will_retry_loses_to_the_one_that_stopped_the_job() -> None:
    log = job_log(
        (
            "make ci",
            [
                "Error: connect ETIMEDOUT 203.0.113.7:443, retrying (attempt 1 of 3)",
                "FAILED tests/test_api.py::test_login - assert 401 == 200",
            ],
        )
    )
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert analysis.culprit.text.startswith("FAILED tests/test_api.py::test_login")


def test_source_code_a_traceback_quotes_loses_to_the_failure_the_tools_printed() -> None:
    # pytest lists the failing test's source; the call it quotes names an HTTP 503, but nothing returned one.
    pytest_listing = [
        "=================================== FAILURES ===================================",
        "__________________________________ test_total __________________________________",
        "",
        "    def test_total():",
        '        log.error("price service returned error 503, using cached prices")',
        ">       assert add(2, 2) == 5",
        "E       assert 4 == 5",
        "",
        "tests/test_calc.py:15: AssertionError",
        "=========================== short test summary info ============================",
        "FAILED tests/test_calc.py::test_total - assert 4 == 5",
    ]
    # A Python traceback quotes the `raise` under its `File` line; a jest code frame points at the quoted line.
    traceback = [
        "ERROR: test_fetch (tests.test_client.FetchTest.test_fetch)",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/app/app/client.py", line 12, in fetch',
        '    raise ConnectionError("upstream returned error 503")',
        "KeyError: 'price'",
    ]
    code_frame = [
        "FAIL src/api.test.js",
        "  ● api › reports outages",
        "    expect(received).toBe(expected) // Object.is equality",
        '    > 12 |     expect(fetchStatus("upstream returned error 503")).toBe(503)',
    ]
    for output, culprits in (
        (pytest_listing, {pytest_listing[1], pytest_listing[6], pytest_listing[8], pytest_listing[10]}),
        (traceback, {traceback[0], traceback[4]}),
        (code_frame, set(code_frame[:3])),
    ):
        analysis = analyze_log(job_log(("make test", output)))
        assert analysis.category is Category.TEST
        assert analysis.culprit is not None and analysis.culprit.text in {line.strip() for line in culprits}
    # Alone, a quoted line is still the step's last words.
    alone = analyze_log(job_log(("make test", ['    raise ConnectionError("upstream returned error 503")'])))
    assert alone.culprit is not None and alone.culprit.text == 'raise ConnectionError("upstream returned error 503")'


def test_a_runner_that_goes_on_after_a_failure_is_read_from_its_first_failed_environment() -> None:
    tests = [
        "py311: commands[0]> pytest",
        "________________________________ test_add_wrong ________________________________",
        "E       assert 4 == 5",
        "tests/test_calc.py:9: AssertionError",
        "FAILED tests/test_calc.py::test_add_wrong - assert 4 == 5",
        "py311: exit 1 (2.75 seconds) /home/runner/work/acme/acme> pytest pid=31790",
    ]
    lint = [
        "lint: commands[0]> flake8 src",
        "src/acme/util.py:1:1: F401 'os' imported but unused",
        "lint: exit 1 (0.48 seconds) /home/runner/work/acme/acme> flake8 src pid=32062",
    ]
    summary = ["  py311: FAIL code 1 (7.76 seconds)", "  lint: FAIL code 1 (4.35 seconds)"]
    first_tests = analyze_log(job_log(("tox", [*tests, *lint, *summary])))
    assert first_tests.category is Category.TEST
    assert first_tests.culprit is not None and first_tests.culprit.text.startswith(("_____", "E ", "FAILED", "tests/"))
    first_lint = analyze_log(job_log(("tox", [*lint, *tests, *summary])))
    assert first_lint.category is Category.LINT
    assert first_lint.culprit is not None and first_lint.culprit.text.startswith("src/acme/util.py:1:1: F401")
    # nox names its sessions the same way.
    nox = [
        "nox > Running session lint",
        "nox > flake8 src",
        "src/acme/util.py:1:1: F401 'os' imported but unused",
        "nox > Session lint failed.",
        "nox > Running session tests",
        *tests[1:5],
        "nox > Session tests failed.",
    ]
    assert verdict(job_log(("nox", nox)))[0] is Category.LINT
    # Without environments, the failure that stopped the step stays the verdict.
    plain = analyze_log(job_log(("make check", [*lint[1:2], *tests[1:5]])))
    assert plain.category is Category.TEST


def test_a_failure_printed_again_is_read_where_it_was_first_printed_unless_it_was_retried() -> None:
    error = "npm error 404 Not Found - GET https://packages.example.com/left-pad - Not found"
    # A wrapper that echoes what failed prints the failure again below it.
    echoed = ["added 12 packages", error, "npm error A complete log of this run can be found in: /x.log", error]
    analysis = analyze_log(job_log(("npm ci", echoed)))
    assert analysis.culprit is not None and analysis.culprit.line == 10
    # A fetch retried until it gave up: the attempt that stopped the job is the last one.
    retried = [error, "Waiting 10 seconds before trying again", error, "Waiting 18 seconds before trying again", error]
    analysis = analyze_log(job_log(("npm ci", retried)))
    assert analysis.culprit is not None and analysis.culprit.line == 13
    # So is a command run a second time.
    rerun = [error, "$ npm ci --prefer-offline", error]
    analysis = analyze_log(job_log(("npm ci", rerun)))
    assert analysis.culprit is not None and analysis.culprit.line == 11
    # A test runner's first failing test is the culprit, and a linter run twice is read from its last run.
    failed = [
        "FAIL: test_a_upper (tests.test_s.Strings.test_a_upper)",
        "FAIL: test_b_split (tests.test_s.Strings.test_b_split)",
    ]
    analysis = analyze_log(job_log(("python -m unittest", [failed[0], "AssertionError: 'A' != 'a'", failed[1]])))
    assert analysis.culprit is not None and analysis.culprit.line == 9
    lint = ["src/app.py:1:1: F401 'os' imported but unused", "src/app.py:3:1: E302 expected 2 blank lines, found 1"]
    analysis = analyze_log(job_log(("make lint", [*lint, "$ flake8 --select F src", lint[0]])))
    assert analysis.culprit is not None and analysis.culprit.line == 12


def test_the_first_failing_test_wins_whichever_test_rule_names_it() -> None:
    # pytest --continue-on-collection-errors: a module that cannot be collected, then a failing test; its
    # `FAILED` summary line is a better-ranked rule than the collection error's header, far above it.
    output = [
        "==================================== ERRORS ====================================",
        "____________________ ERROR collecting tests/test_reports.py ____________________",
        "tests/test_reports.py:3: in <module>",
        "    from reports import monthly",
        "E   ImportError: cannot import name 'monthly' from 'reports'",
        *[f"    frame {n}" for n in range(15)],
        "=================================== FAILURES ===================================",
        "____________________________ test_discount_applied _____________________________",
        "E       AssertionError: assert 29 == 27",
        "=========================== short test summary info ============================",
        "FAILED tests/test_orders.py::test_discount_applied - AssertionError: assert 29 == 27",
        "ERROR tests/test_reports.py",
    ]
    analysis = analyze_log(job_log(("pytest --continue-on-collection-errors", output)))
    assert analysis.category is Category.TEST
    assert analysis.culprit is not None and analysis.culprit.line in (10, 13)  # the header or its E line


def test_a_network_error_a_test_logs_over_and_over_does_not_stop_the_search_above_it() -> None:
    # A test fails, then its debug log repeats a network error for more than a chunk before the package's FAIL.
    noise = "2026/11/30 10:00:00 [ERROR] client: read tcp 10.0.0.2:443: connection reset by peer"
    copies = CHUNK_BYTES // len(noise) + 1_000
    output = [
        "=== RUN   TestRename",
        '    widget_test.go:16: name after rename = "a", want "b"',
        "--- FAIL: TestRename (0.26s)",
        *[noise] * copies,
        "FAIL\texample.com/acme/widget\t0.259s",
    ]
    analysis = analyze_log(job_log(("go test -v ./...", output)))
    assert analysis.category is Category.TEST
    assert analysis.culprit is not None and analysis.culprit.line in (10, 11)


def test_without_a_rule_the_first_line_of_the_last_paragraph_is_reported() -> None:
    # Given a script that explains its refusal in a paragraph, then exits
    paragraph = ["The bundle is 3174 kB, more than the 2000 kB budget", "of this project. Split it up", "or ask."]
    log = job_log(("./check-size.sh", ["measuring bundle", "bundle measured", "", *paragraph]))
    analysis = analyze_log(log)
    # Then the paragraph's first line is the culprit, honestly unknown and with a low confidence
    assert analysis.culprit is not None
    assert analysis.culprit.text == paragraph[0]
    assert analysis.rule == FALLBACK_RULE
    assert analysis.confidence < 0.5


def test_a_baseline_demotes_what_the_passing_run_printed_too() -> None:
    # Given a failing run whose known-looking error also appears in the last passing run of the same job
    noise = "Error: telemetry endpoint unreachable (took 12 ms)"
    passing = job_log(("./deploy.sh", ["uploading bundle", noise.replace("12", "9"), "deployed"]), failed=False)
    failing = job_log(("./deploy.sh", ["uploading bundle", "deploy lock held by run 8812", noise]))
    # When it is analysed without and with the baseline
    alone = analyze_log(failing)
    compared = analyze_log(failing, baseline=passing)
    # Then only the baseline tells the new line from the routine one
    assert alone.culprit is not None and alone.culprit.text == noise
    assert compared.culprit is not None
    assert compared.culprit.text == "deploy lock held by run 8812"
    assert compared.rule == FALLBACK_RULE


def test_colour_codes_written_out_as_text_are_read_as_colour_codes() -> None:
    # Given a log pasted from a terminal, its escape characters shown as `^[`
    log = job_log(
        ("cargo build", ["^[[0m^[[1m^[[38;5;9merror[E0425]^[[0m^[[0m^[[1m: cannot find value `x` in this scope^[[0m"])
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert analysis.culprit is not None
    assert analysis.culprit.text == "error[E0425]: cannot find value `x` in this scope"


def test_other_ci_systems_closing_lines_are_never_the_culprit() -> None:
    footers = [
        'The command "./run-checks.sh" exited with 1.',
        "Done. Your build exited with 1.",
        "Build step 'Execute shell' marked build as failure",
        "Finished: FAILURE",
        "ERROR: Job failed: exit code 1",
        "Exited with code exit status 1",
    ]
    # Given a pasted log whose script printed one line of its own before its CI system's footer
    log = "\n".join(["$ ./run-checks.sh", "checking the changelog", "changelog entry missing for 2.4.0", *footers])
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert analysis.culprit.text == "changelog entry missing for 2.4.0"


def test_a_travis_log_ends_its_failed_step_where_travis_says_the_command_exited() -> None:
    # Given a Travis CI job whose test command failed, then whose after_script upload hit a server error (a rule
    # of a higher priority than the test failure's names that error)
    log = "\n".join(
        [
            "$ python -m pytest",
            "collected 12 items",
            "tests/test_invoice.py F...........",
            "FAILED tests/test_invoice.py::test_rounds_totals - assert 12.0 == 12.5",
            "==================== 1 failed, 11 passed in 0.42s ====================",
            'The command "python -m pytest" exited with 1.',
            "$ ./upload-coverage.sh",
            "curl: (22) The requested URL returned error: 503 Service Unavailable",
            "Done. Your build exited with 1.",
        ]
    )
    analysis = analyze_log(log)
    # Then the failed command's own failure is the verdict, not what ran after Travis said it exited
    assert analysis.category is Category.TEST
    assert analysis.culprit is not None
    assert analysis.culprit.text == "FAILED tests/test_invoice.py::test_rounds_totals - assert 12.0 == 12.5"


# A Jenkins freestyle build whose shell step printed its own reason and exited 1, then post-build actions that
# printed more lines than the failure (read plain, and with the Timestamper plugin's clock times).
JENKINS_RELEASE_BUILD = [
    "[release] $ /bin/sh -xe /tmp/jenkins1234.sh",
    "+ ./check-release.sh",
    "the release manifest lists 3 images, expected 4",
    "+ exit 1",
    "Build step 'Execute shell' marked build as failure",
    "Archiving artifacts",
    "Recording fingerprints",
    "Sending e-mails to: release@example.com",
    "Notifying upstream projects of job completion",
    "Finished: FAILURE",
]


def test_a_jenkins_log_no_rule_knows_is_read_up_from_where_the_build_step_failed() -> None:
    # Given the Jenkins build as Jenkins prints it
    analysis = analyze_log("\n".join(JENKINS_RELEASE_BUILD))
    # Then the step's last words are the culprit, and the post-build chatter is not
    assert analysis.culprit is not None
    assert analysis.culprit.text == "the release manifest lists 3 images, expected 4"
    assert analysis.culprit.line == 3


def test_a_jenkins_log_with_timestamper_clock_times_is_read_like_one_without() -> None:
    # Given the same Jenkins build with the Timestamper plugin's clock time before every line
    stamped = (f"10:01:{second:02d} {line}" for second, line in enumerate(JENKINS_RELEASE_BUILD))
    analysis = analyze_log("\n".join(stamped))
    # Then the clock time is not part of the culprit, and the step still ends where Jenkins says it failed
    assert analysis.culprit is not None
    assert analysis.culprit.text == "the release manifest lists 3 images, expected 4"
    assert analysis.culprit.line == 3


def test_a_mozilla_harness_run_reports_its_first_unexpected_result() -> None:
    # Given a mochitest run through mozharness (its clock time and level before each line): a failure, then the
    # crash that follows it and the harness's own summary
    output = [
        "12:01:05     INFO - TEST-START | dom/base/test/test_bug5141.html",
        "12:01:07     INFO - TEST-UNEXPECTED-FAIL | dom/base/test/test_bug5141.html | expected PASS | got false",
        "12:01:09     INFO - PROCESS-CRASH | application crashed [@ mozilla::dom::Element::GetAttr] | test_bug5142",
        "12:01:09     INFO - TEST-UNEXPECTED-CRASH | dom/base/test/test_bug5142.html | expected PASS",
        "12:01:10     INFO - 0 INFO Failed: 2",
    ]
    analysis = analyze_log(job_log(("./mach mochitest dom/base", output)))
    # Then the first unexpected result is the culprit
    assert analysis.category is Category.TEST
    assert analysis.rule == "mozilla-test-unexpected"
    assert analysis.culprit is not None
    assert "TEST-UNEXPECTED-FAIL | dom/base/test/test_bug5141.html" in analysis.culprit.text


def test_a_script_that_fills_the_disk_is_a_resource_failure() -> None:
    # Given a packaging script whose copy ran out of disk, then its own complaint that the image is incomplete
    output = ["+ cp build/rootfs.img /tmp/out.img", "cp: error writing '/tmp/out.img': No space left on device"]
    analysis = analyze_log(job_log(("./package.sh", [*output, "+ echo 'image incomplete'", "image incomplete"])))
    assert analysis.category is Category.RESOURCE
    assert analysis.culprit is not None
    assert analysis.culprit.text == "cp: error writing '/tmp/out.img': No space left on device"


def test_prove_and_ctest_summaries_give_the_culprit_to_the_failure_they_count() -> None:
    # Given prove's report under a TAP test without a description, and ctest's closing lines under its list
    prove = [
        "t/basic.t .. ",
        "ok 1 - loads",
        "not ok 2",
        "Failed 1/2 subtests",
        "Test Summary Report",
        "t/basic.t (Wstat: 256 (exited 1) Tests: 2 Failed: 1)",
        "Result: FAIL",
    ]
    ctest = [
        "1/2 Test #1: parser_tests .....***Failed    0.02 sec",
        "50% tests passed, 1 tests failed out of 2",
        "The following tests FAILED:",
        "\t  1 - parser_tests (Failed)",
        "Errors while running CTest",
    ]
    # Then the culprit is the failure itself: prove's `not ok`, and ctest's line for the test as it finished (the
    # list under "The following tests FAILED:" is its summary)
    ctest_culprit = "1/2 Test #1: parser_tests .....***Failed    0.02 sec"
    for command, output, culprit in (("prove -l t", prove, "not ok 2"), ("ctest", ctest, ctest_culprit)):
        analysis = analyze_log(job_log((command, output)))
        assert analysis.category is Category.TEST
        assert analysis.culprit is not None
        assert analysis.culprit.text.strip() == culprit


def test_a_traced_script_that_exits_is_explained_by_the_message_it_echoed_first() -> None:
    # Given a `set -x` script that checks something, explains the problem in a few echoes and exits 1
    output = [
        "+ make generate",
        "generated 12 files",
        "+ git status --porcelain",
        "+ [[ -n M api/schema.json ]]",
        "+ echo 'generated files are out of date'",
        "generated files are out of date",
        "+ echo 'changed:'",
        "changed:",
        "+ echo ' M api/schema.json'",
        " M api/schema.json",
        "+ exit 1",
    ]
    analysis = analyze_log(job_log(("./ci/check-generated.sh", output)))
    # Then the headline of that message is the culprit
    assert analysis.culprit is not None
    assert analysis.culprit.text == "generated files are out of date"


def test_an_infrastructure_error_repeated_while_the_step_went_on_is_a_side_failure() -> None:
    # Given a report upload that fails after every test file while the tests keep running and passing
    upload = "upload failed: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied"
    output = []
    for n in range(3):
        output += [f"tests/test_{n}.py ....", upload]
    output += [f"tests/test_more_{n}.py ...." for n in range(12)]
    output += [
        "+ [[ -n ?? build/ ]]",
        "+ echo 'the build left the checkout dirty'",
        "the build left the checkout dirty",
    ]
    output += ["+ exit 1"]
    analysis = analyze_log(job_log(("./ci/test.sh", output)))
    # Then what stopped the step is reported, and the upload errors are only supporting lines
    assert analysis.culprit is not None
    assert analysis.culprit.text == "the build left the checkout dirty"
    assert any(line.text == upload for line in analysis.error_lines)


def test_a_generic_failure_takes_the_category_its_words_name_with_less_confidence() -> None:
    named = analyze_log(job_log(("./ci/run.sh", ["RuntimeError: integration/test_checkout 1/1 failed!"])))
    unnamed = analyze_log(job_log(("./ci/run.sh", ["RuntimeError: deployment target acme-staging is locked"])))
    assert named.category is Category.TEST
    assert named.rule == "generic-exception"
    assert named.confidence < 0.3
    assert any("inferred" in note for note in named.notes)
    assert unnamed.category is Category.UNKNOWN


def test_a_summary_gives_the_culprit_to_the_specific_failure_above_it() -> None:
    # Given a test runner whose failing line no rule knows, then its summary, which a rule knows
    output = ["Running 3 UI tests", "ledger screen: ok", "checkout screen failed: button 'Pay' not found", "export: ok"]
    analysis = analyze_log(job_log(("xcodebuild test", [*output, "** TEST FAILED **"])))
    # Then the summary's category is kept, and the specific failure is the culprit
    assert analysis.category is Category.TEST
    assert analysis.rule == "xcodebuild-test-failed-summary"
    assert analysis.culprit is not None
    assert analysis.culprit.text == "checkout screen failed: button 'Pay' not found"


def test_a_log_with_one_huge_line_is_diagnosed_with_a_bounded_culprit() -> None:
    # A 4 MB line is read like any other (how fast is `make bench`'s to say, not a test's): it is the culprit,
    # cut to the length a comment can carry
    analysis = analyze_log(job_log(("make", ["Error: " + "(a" * 2_000_000])))
    assert analysis.culprit is not None
    assert analysis.culprit.text.startswith("Error: (a(a")
    assert len(analysis.culprit.text) <= MAX_LINE_CHARS


def test_a_step_header_without_an_end_still_leaves_its_output_to_the_fallback() -> None:
    log = "".join(f"{STAMP} {line}\n" for line in ["##[group]Run make ci", "the deployment window is closed"])
    log += f"{STAMP} ##[error]Process completed with exit code 3.\n"
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert analysis.culprit.text == "the deployment window is closed"


def test_walking_up_a_given_number_of_lines_finds_the_same_newline_as_stepping_line_by_line() -> None:
    random = __import__("random").Random(3)
    for _ in range(200):
        count = random.choice([0, 1, 5, 100, 3000])
        raw = b"".join(b"x" * random.choice([0, 1, 80, 9000]) + b"\n" for _ in range(count)) + b"tail"
        position, wanted = random.randint(0, len(raw)), random.randint(1, count + 2)
        expected = position
        for _ in range(wanted):
            expected = raw.rfind(b"\n", 0, expected)
            if expected == -1:
                break
        assert _newlines_up(raw, position, wanted) == expected
