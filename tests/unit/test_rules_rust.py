"""Rust rules on job logs built from real tool output: cargo test over several test binaries, doc-tests,
#[should_panic], stack overflows, build scripts, rustc's uncoded errors, lints denied by -D warnings (rustc's,
rustdoc's and clippy's), and cargo's manifest errors.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
rust_cases.py generates it: cargo/rustc 1.95.0), unless a comment says it keeps an older release's wording. Each
test asserts the category, the culprit line and the rule.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from ci_agent.analysis.rules import default_ruleset
from tests.job_logs import step_log, verdict

UNIT_FAILURE = (
    "   Compiling acme v0.1.0 (/home/runner/work/acme/acme)",
    "    Finished `test` profile [unoptimized + debuginfo] target(s) in 2.31s",
    "     Running unittests src/lib.rs (target/debug/deps/acme-0cbcb27d618d0ea7)",
    "",
    "running 3 tests",
    "test tests::adds_small_numbers ... ok",
    "test tests::total_of_two_lines ... FAILED",
    "test tests::parse_reports_error_text ... ok",
    "",
    "failures:",
    "",
    "---- tests::total_of_two_lines stdout ----",
    "",
    "thread 'tests::total_of_two_lines' (18272) panicked at src/lib.rs:56:9:",
    "assertion `left == right` failed: total of 2 lines",
    "  left: 400",
    " right: 399",
    "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
    "",
    "",
    "failures:",
    "    tests::total_of_two_lines",
    "",
    "test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s",
    "",
    "error: test failed, to rerun pass `--lib`",
)

DOCTEST_COMPILE_FAILURE = (
    "   Doc-tests acme",
    "",
    "running 2 tests",
    "test src/lib.rs - add (line 7) ... ok",
    "test src/lib.rs - scale (line 50) ... FAILED",
    "",
    "failures:",
    "",
    "---- src/lib.rs - scale (line 50) stdout ----",
    "error[E0425]: cannot find function `missing_fn` in crate `acme`",
    "  --> src/lib.rs:53:21",
    "   |",
    "53 | assert_eq!(s, acme::missing_fn(2));",
    "   |                     ^^^^^^^^^^ not found in `acme`",
    "",
    "error: aborting due to 1 previous error",
    "",
    "For more information about this error, try `rustc --explain E0425`.",
    "Couldn't compile the test.",
    "",
    "failures:",
    "    src/lib.rs - scale (line 50)",
    "",
    "test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.40s",
    "",
    "error: doctest failed, to rerun pass `--doc`",
)


def test_a_doc_test_that_does_not_compile_is_a_test_failure_not_a_build_error() -> None:
    # Given cargo test whose unit tests pass and one doc-test does not compile (rustc's error inside its section)
    log = step_log("cargo test", *DOCTEST_COMPILE_FAILURE)
    # When the step is analysed
    # Then the doc-test's listing line is the culprit, a test failure
    assert verdict(log) == (Category.TEST, "test src/lib.rs - scale (line 50) ... FAILED", "cargo-doctest-failed")


def test_with_no_fail_fast_the_first_test_binarys_failure_outranks_a_later_doc_test() -> None:
    # Given cargo test --no-fail-fast: the unit tests fail, then a doc-test that does not compile
    log = step_log(
        "cargo test --no-fail-fast", *UNIT_FAILURE, *DOCTEST_COMPILE_FAILURE, "error: 2 targets failed:", "    `--lib`"
    )
    # Then the unit test binary's first failure is the culprit
    assert verdict(log) == (Category.TEST, "test tests::total_of_two_lines ... FAILED", "cargo-test-failed")


def test_old_cargo_running_lines_and_the_old_assert_format_still_make_sections() -> None:
    # Given cargo before 1.53 (`Running target/debug/deps/<binary>`) and rustc before 1.73, whose assert_eq! panic
    # put the message in quotes on the thread's line (library/core/src/panicking.rs then: "assertion failed:
    # `(left {} right)`\n  left: `{:?}`,\n right: `{:?}`"); a doc-test below fails to compile
    old_unit = (
        "     Running target/debug/deps/acme-0cbcb27d618d0ea7",
        "",
        "running 2 tests",
        "test tests::adds ... FAILED",
        "test tests::ok ... ok",
        "",
        "failures:",
        "",
        "---- tests::adds stdout ----",
        "thread 'tests::adds' panicked at 'assertion failed: `(left == right)`",
        "  left: `3`,",
        " right: `4`', src/lib.rs:17:9",
        "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
        "",
        "test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
        "",
        "error: test failed, to rerun pass '--lib'",
    )
    log = step_log("cargo test --no-fail-fast", *old_unit, *DOCTEST_COMPILE_FAILURE)
    # Then the unit test's listing line is the culprit
    assert verdict(log) == (Category.TEST, "test tests::adds ... FAILED", "cargo-test-failed")


def test_a_should_panic_test_that_did_not_panic_is_the_first_failure() -> None:
    # Given one test thread: the #[should_panic] test is listed first with libtest's ` - should panic` suffix
    log = step_log(
        "cargo test -- --test-threads=1",
        "running 3 tests",
        "test tests::adds ... ok",
        "test tests::ratio_by_zero_panics - should panic ... FAILED",
        "test tests::total_one_line ... FAILED",
        "",
        "failures:",
        "",
        "---- tests::ratio_by_zero_panics stdout ----",
        "note: test did not panic as expected at src/lib.rs:48:8",
        "---- tests::total_one_line stdout ----",
        "",
        "thread 'tests::total_one_line' (20100) panicked at src/lib.rs:58:9:",
        "assertion `left == right` failed",
        "  left: 5",
        " right: 6",
        "",
        "test result: FAILED. 1 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
    )
    assert verdict(log) == (
        Category.TEST,
        "test tests::ratio_by_zero_panics - should panic ... FAILED",
        "cargo-test-failed",
    )


def test_a_stack_overflow_that_aborts_the_test_binary() -> None:
    # Given a test that overflows its stack: no FAILED line, no summary, cargo's `process didn't exit successfully`
    log = step_log(
        "cargo test",
        "running 2 tests",
        "test tests::adds ... ok",
        "",
        "thread 'tests::deep_nesting' (10885) has overflowed its stack",
        "fatal runtime error: stack overflow, aborting",
        "error: test failed, to rerun pass `--lib`",
        "",
        "Caused by:",
        "  process didn't exit successfully: `/home/runner/work/acme/acme/target/debug/deps/acme-0cbcb27d618d0ea7`"
        " (signal: 6, SIGABRT: process abort signal)",
    )
    assert verdict(log) == (
        Category.TEST,
        "thread 'tests::deep_nesting' (10885) has overflowed its stack",
        "rust-stack-overflow",
    )


def test_a_failing_build_script() -> None:
    # Given a build.rs that exits 1 after its own error line on stderr
    log = step_log(
        "cargo build",
        "   Compiling acme v0.1.0 (/home/runner/work/acme/acme)",
        "error: failed to run custom build command for `acme v0.1.0 (/home/runner/work/acme/acme)`",
        "",
        "Caused by:",
        "  process didn't exit successfully: `/home/runner/work/acme/acme/target/debug/build/acme-1eb11569bb12d181/"
        "build-script-build` (exit status: 1)",
        "  --- stderr",
        "  error: liborders >= 2.1 not found (set LIBORDERS_DIR or install liborders-dev)",
    )
    assert verdict(log) == (
        Category.BUILD,
        "error: failed to run custom build command for `acme v0.1.0 (/home/runner/work/acme/acme)`",
        "cargo-build-script-failed",
    )


def test_a_parse_error_without_a_code_outranks_could_not_compile() -> None:
    log = step_log(
        "cargo check --all-targets",
        "    Checking acme v0.1.0 (/home/runner/work/acme/acme)",
        "error: expected `;`, found `b`",
        "  --> src/lib.rs:32:18",
        "   |",
        "32 |     let b = a * 2",
        "   |                  ^ help: add `;` here",
        "33 |     b",
        "   |     - unexpected token",
        "",
        "error: could not compile `acme` (lib) due to 1 previous error",
    )
    assert verdict(log) == (Category.BUILD, "error: expected `;`, found `b`", "rustc-error-uncoded")


CLI_UNUSED = (
    "error: unused variable: `unused_flag`",
    " --> crates/acme-cli/src/main.rs:2:9",
    "  |",
    "2 |     let unused_flag = std::env::args().count();",
    "  |         ^^^^^^^^^^^ help: if this is intentional, prefix it with an underscore: `_unused_flag`",
    "  |",
    "  = note: `-D unused-variables` implied by `-D warnings`",
    "  = help: to override `-D warnings` add `#[allow(unused_variables)]`",
    "",
)
UTIL_NEEDLESS_RETURN = (
    "error: unneeded `return` statement",
    " --> crates/acme-util/src/lib.rs:3:5",
    "  |",
    "3 |     return 2 * n;",
    "  |     ^^^^^^^^^^^^",
    "  |",
    "  = help: for further information visit https://rust-lang.github.io/rust-clippy/rust-1.95.0/index.html#needless_return",
    "  = note: `-D clippy::needless-return` implied by `-D warnings`",
    "  = help: to override `-D warnings` add `#[allow(clippy::needless_return)]`",
    "",
)


def test_clippy_reports_rustcs_denied_lint_when_it_comes_before_clippys_own() -> None:
    log = step_log(
        "cargo clippy --workspace --all-targets -- -D warnings",
        "    Checking acme-cli v0.1.0 (/home/runner/work/acme/acme/crates/acme-cli)",
        *CLI_UNUSED,
        'error: could not compile `acme-cli` (bin "acme-cli") due to 1 previous error',
        *UTIL_NEEDLESS_RETURN,
        "error: could not compile `acme-util` (lib) due to 1 previous error",
    )
    assert verdict(log) == (Category.LINT, "error: unused variable: `unused_flag`", "clippy-lint")


def test_clippy_reports_its_own_lint_when_it_comes_before_a_rustc_lint() -> None:
    log = step_log(
        "cargo clippy --workspace --all-targets -- -D warnings",
        *UTIL_NEEDLESS_RETURN,
        "error: could not compile `acme-util` (lib) due to 1 previous error",
        *CLI_UNUSED,
        'error: could not compile `acme-cli` (bin "acme-cli") due to 1 previous error',
    )
    assert verdict(log) == (Category.LINT, "error: unneeded `return` statement", "clippy-lint")


def test_deny_warnings_attribute_reports_the_first_denied_warning() -> None:
    # Given #![deny(warnings)]: rustc's first diagnostic points at the attribute, the next one only has the note
    log = step_log(
        "cargo test",
        "error: use of deprecated function `sum_old`: use total",
        "  --> src/lib.rs:40:5",
        "   |",
        "40 |     sum_old(v)",
        "   |     ^^^^^^^",
        "   |",
        "note: the lint level is defined here",
        " --> src/lib.rs:1:9",
        "  |",
        "1 | #![deny(warnings)]",
        "  |         ^^^^^^^^",
        "  = note: `#[deny(deprecated)]` implied by `#[deny(warnings)]`",
        "",
        "error: variable does not need to be mutable",
        "  --> src/lib.rs:39:9",
        "   |",
        "   = note: `#[deny(unused_mut)]` implied by `#[deny(warnings)]`",
        "",
        "error: could not compile `acme` (lib) due to 2 previous errors",
    )
    assert verdict(log) == (Category.LINT, "error: use of deprecated function `sum_old`: use total", "clippy-lint")


def test_rustdoc_broken_intra_doc_links_under_deny_warnings() -> None:
    log = step_log(
        "cargo doc --no-deps",
        " Documenting acme v0.1.0 (/home/runner/work/acme/acme)",
        "error: unresolved link to `Config`",
        " --> src/lib.rs:1:29",
        "  |",
        "1 | //! Order arithmetic; see [`Config`] and [`Client::connect`].",
        "  |                             ^^^^^^ no item named `Config` in scope",
        "  |",
        "  = help: to escape `[` and `]` characters, add '\\' before them like `\\[` or `\\]`",
        "  = note: `-D rustdoc::broken-intra-doc-links` implied by `-D warnings`",
        "",
        "error: unresolved link to `Client::connect`",
        " --> src/lib.rs:1:44",
        "",
        "error: could not document `acme`",
    )
    assert verdict(log) == (Category.LINT, "error: unresolved link to `Config`", "clippy-lint")


def test_cargo_manifest_errors_are_configuration() -> None:
    edition = step_log(
        "cargo test",
        "error: failed to parse manifest at `/home/runner/work/acme/acme/Cargo.toml`",
        "",
        "Caused by:",
        "  failed to parse the `edition` key",
        "",
        "Caused by:",
        "  this version of Cargo is older than the `2027` edition, and only supports `2015`, `2018`, `2021`, and"
        " `2024` editions.",
    )
    assert verdict(edition) == (
        Category.CONFIG,
        "error: failed to parse manifest at `/home/runner/work/acme/acme/Cargo.toml`",
        "cargo-manifest-invalid",
    )
    syntax = step_log(
        "cargo build",
        "error: missing comma between array elements, expected `,`",
        " --> Cargo.toml:8:1",
        "  |",
        "8 | json = []",
        "  | ^",
    )
    assert verdict(syntax) == (
        Category.CONFIG,
        "error: missing comma between array elements, expected `,`",
        "cargo-manifest-syntax",
    )


def test_rustcs_linking_error_outranks_the_linkers_closing_line() -> None:
    # Given rustc's linker failure (gcc's collect2 closing line inside its notes, as with the system linker)
    log = step_log(
        "cargo test --release",
        "   Compiling acme v0.1.0 (/home/runner/work/acme/acme)",
        "error: linking with `cc` failed: exit status: 1",
        "  |",
        '  = note:  "cc" "-m64" "<5 object files omitted>" "-Wl,--as-needed" "-lorders" "-L" "/opt/orders/lib"',
        "  = note: some arguments are omitted. use `--verbose` to show all linker arguments",
        "  = note: /usr/bin/ld: cannot find -lorders: No such file or directory",
        "          collect2: error: ld returned 1 exit status",
        "",
        "error: could not compile `acme` (lib test) due to 1 previous error",
    )
    assert verdict(log) == (
        Category.BUILD,
        "error: linking with `cc` failed: exit status: 1",
        "rustc-linking-failed",
    )


def test_a_missing_cargo_subcommand_and_a_nightly_flag_are_configuration() -> None:
    nextest = step_log(
        "cargo nextest run --workspace",
        "error: no such command: `nextest`",
        "",
        "help: a command with a similar name exists: `test`",
        "",
        "help: view all installed commands with `cargo --list`",
    )
    assert verdict(nextest) == (Category.CONFIG, "error: no such command: `nextest`", "cargo-no-such-command")
    nightly = step_log(
        "cargo build -Zbuild-std",
        "error: the `-Z` flag is only accepted on the nightly channel of Cargo, but this is the `stable` channel",
        "See https://doc.rust-lang.org/book/appendix-07-nightly-rust.html for more information about Rust release"
        " channels.",
    )
    assert verdict(nightly) == (
        Category.CONFIG,
        "error: the `-Z` flag is only accepted on the nightly channel of Cargo, but this is the `stable` channel",
        "cargo-nightly-only",
    )


def test_a_test_binary_that_exits_without_a_summary() -> None:
    # Given code under test that calls process::exit: libtest prints neither a FAILED line nor a summary
    died = (
        "  process didn't exit successfully: `/home/runner/work/acme/acme/target/debug/deps/acme-0cbcb27d618d0ea7`"
        " (exit status: 2)"
    )
    log = step_log(
        "cargo test",
        "     Running unittests src/lib.rs (target/debug/deps/acme-0cbcb27d618d0ea7)",
        "",
        "running 2 tests",
        "test tests::adds ... ok",
        "error: test failed, to rerun pass `--lib`",
        "",
        "Caused by:",
        died,
        "note: test exited abnormally; to see the full output pass --no-capture to the harness.",
    )
    assert verdict(log) == (Category.TEST, died.strip(), "cargo-test-binary-died")


def test_cargo_runs_failing_binary_is_not_a_test_binary() -> None:
    # Given `cargo run` whose program exits 1 (cargo's own error line names the program, outside deps/)
    log = step_log(
        "cargo run --release -- migrate",
        "    Finished `release` profile [optimized] target(s) in 0.04s",
        "     Running `target/release/acme migrate`",
        "migration 0003 failed: column orders.total already exists",
        "error: process didn't exit successfully: `target/release/acme migrate` (exit status: 1)",
    )
    category, _culprit, rule = verdict(log)
    assert rule != "cargo-test-binary-died" and category is not Category.TEST


NEXTEST_FAIL_BLOCK = (
    "  stdout ───",
    "",
    "    running 1 test",
    "    test tests::total_of_two_lines ... FAILED",
    "",
    "  stderr ───",
    "",
    "    thread 'tests::total_of_two_lines' (31953) panicked at src/lib.rs:47:9:",
    "    assertion `left == right` failed: total of 2 lines",
    "",
)


def test_nextest_reports_the_first_failed_test_of_its_progress_not_its_summary() -> None:
    # Given cargo nextest 0.9.148 (the progress, then the summary listing the same failures)
    log = step_log(
        "cargo nextest run --workspace --no-fail-fast",
        "    Starting 27 tests across 2 binaries",
        "        PASS [   0.040s] (21/27) acme tests::adds_small_numbers",
        "        FAIL [   0.019s] (23/27) acme tests::total_of_two_lines",
        *NEXTEST_FAIL_BLOCK,
        "        FAIL [   0.330s] (24/27) acme tests::zz_parse_port",
        *NEXTEST_FAIL_BLOCK,
        "────────────",
        "     Summary [   0.612s] 27 tests run: 24 passed, 3 failed, 0 skipped",
        "        FAIL [   0.019s] (23/27) acme tests::total_of_two_lines",
        "        FAIL [   0.330s] (24/27) acme tests::zz_parse_port",
        "error: test run failed",
    )
    assert verdict(log) == (
        Category.TEST,
        "FAIL [   0.019s] (23/27) acme tests::total_of_two_lines",
        "nextest-failed-test",
    )


def test_nextest_does_not_take_a_flaky_tests_failed_first_try_for_the_failure() -> None:
    # Given a CI profile with retries: a flaky test fails its first try (`(───)`: not its final result) and passes
    # its second; another test fails every try
    log = step_log(
        "cargo nextest run --profile ci",
        "  TRY 1 FAIL [   0.027s] (───) acme flaky::reconnects_after_reset",
        "  stderr ───",
        "    thread 'flaky::reconnects_after_reset' (31942) panicked at src/lib.rs:67:13:",
        "    error: connection reset by peer (first attempt)",
        "  TRY 2 PASS [   0.029s] (2/5) acme flaky::reconnects_after_reset",
        "  TRY 1 FAIL [   0.028s] (───) acme tests::total_of_two_lines",
        *NEXTEST_FAIL_BLOCK,
        "  TRY 2 FAIL [   0.008s] (───) acme tests::total_of_two_lines",
        *NEXTEST_FAIL_BLOCK,
        "  TRY 3 FAIL [   0.008s] (4/5) acme tests::total_of_two_lines",
        *NEXTEST_FAIL_BLOCK,
        "     Summary [   0.110s] 5 tests run: 4 passed (1 flaky), 1 failed, 0 skipped",
        "   FLAKY 2/3 [   0.029s] (2/5) acme flaky::reconnects_after_reset",
        "  TRY 3 FAIL [   0.008s] (4/5) acme tests::total_of_two_lines",
        "error: test run failed",
    )
    assert verdict(log) == (
        Category.TEST,
        "TRY 3 FAIL [   0.008s] (4/5) acme tests::total_of_two_lines",
        "nextest-failed-test",
    )


def test_cargo_test_binaries_start_sections_but_cargo_run_and_surefire_do_not() -> None:
    # Given lines that start a test binary's run (cargo >= 1.53, older cargo, doc-tests) and lines that do not
    lines = [
        "     Running unittests src/lib.rs (target/debug/deps/acme-0cbcb27d618d0ea7)",
        "     Running tests/api.rs (target/debug/deps/api-66bea521b31104e9)",
        "     Running target/debug/deps/acme-0cbcb27d618d0ea7",
        "   Doc-tests acme",
        "     Running `target/debug/acme migrate`",
        "Running com.acme.thermo.CelsiusConverterTest",
    ]
    text = "".join(f"2026-11-30T05:00:00.0000000Z {line}\n" for line in lines).encode()
    # When the ruleset looks for section starts
    starts = default_ruleset().section_starts(text, 0, len(text))
    # Then only the first four lines start one
    line_starts = [index for index, char in enumerate(text) if index == 0 or text[index - 1] == ord("\n")]
    assert starts == line_starts[:4]
