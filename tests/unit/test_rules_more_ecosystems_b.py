"""Rules for PowerShell, OCaml, autoconf, D, Nim, Crystal, Fortran and bats: in a whole job log the culprit is the
first specific failure, not a count.

Each log wraps a tool's multi-line output as it prints it (its format strings, and the public issues the rules
files cite) in a GitHub Actions step, with passing output around it and the tool's summary below the failures.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log

# --- PowerShell -------------------------------------------------------------------------------------------------


def test_pester_5_names_the_first_failed_test_not_its_counts() -> None:
    # Given Pester 5 at Normal verbosity: two failed tests with their errors, the counts, and Run.Throw's verdict
    first = "[-] Get-Widget.returns the widget by name 41ms (35ms|6ms)"
    log = job_log(
        "Invoke-Pester -Configuration $config",
        [
            "Pester v5.3.3",
            "",
            "Starting discovery in 3 files.",
            "Discovery found 27 tests in 212ms.",
            "Running tests.",
            first,
            " Expected 'widget-a', but got $null.",
            " at $widget.Name | Should -Be 'widget-a', /home/runner/work/widgets/widgets/tests/Get-Widget.Tests.ps1:14",
            " at <ScriptBlock>, /home/runner/work/widgets/widgets/tests/Get-Widget.Tests.ps1:14",
            "[-] Set-Widget.rejects an empty name 8ms (6ms|2ms)",
            " Expected an exception, with message like '*empty*' to be thrown, but no exception was thrown.",
            " at { Set-Widget -Name '' } | Should -Throw '*empty*', /home/runner/work/w/w/tests/Set-Widget.Tests.ps1:9",
            "Tests completed in 1.3s",
            "Tests Passed: 25, Failed: 2, Skipped: 0 NotRun: 0",
            "Exception: /home/runner/work/_temp/3f1e2d4c-5b6a-4789-9c0d-1e2f3a4b5c6d.ps1:3",
            "Line |",
            "   3 |  Invoke-Pester -Configuration $config",
            "     |  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "     | Pester run failed, because 2 tests failed",
        ],
    )
    analysis = analyze_log(log)
    # Then it is a test failure and the culprit is the first `[-]` line, not the counts nor the thrown error
    assert analysis.category is Category.TEST
    assert analysis.rule == "pester-failed-test"
    assert culprit_text(log) == first


def test_a_powershell_parse_error_in_a_module_is_a_build_failure() -> None:
    # Given pwsh 7 importing a module whose source does not parse (the error view of
    # JulianHayward/Azure-MG-Sub-Governance-Reporting#37)
    first = "ParserError: /home/runner/work/widgets/widgets/src/Widgets.psm1:216"
    log = job_log(
        "./build.ps1 -Task Test",
        [
            "Building module Widgets 1.4.0",
            "Copying src/Public/*.ps1",
            first,
            "Line |",
            ' 216 |  … ata-ga-click="(Logged out) Header, go to Features">Features <span cla …',
            "     |                                                                ~",
            "     | The '<' operator is reserved for future use.",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert culprit_text(log) == first


def test_psscriptanalyzer_names_its_first_finding() -> None:
    # Given Invoke-ScriptAnalyzer's table with two findings and the script's own verdict under it
    first = (
        "PSAvoidUsingCmdletAliases           Warning    Deploy.ps1 39    'where' is an alias of 'Where-Object'. "
        "Alias can introduce"
    )
    log = job_log(
        "Invoke-ScriptAnalyzer -Path . -Recurse -EnableExit",
        [
            "",
            "RuleName                            Severity   ScriptName Line  Message",
            "--------                            --------   ---------- ----  -------",
            first,
            f"{' ' * 64}possible problems and make scripts hard to",
            f"{' ' * 64}maintain. Please consider changing alias to",
            f"{' ' * 64}its full content.",
            "PSUseDeclaredVarsMoreThanAssignment Warning    Build.ps1  12    The variable 'result' is assigned but "
            "never",
            f"s{' ' * 63}used.",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert culprit_text(log) == first


# --- OCaml ------------------------------------------------------------------------------------------------------


def test_dune_build_names_the_first_compiler_error_line() -> None:
    # Given dune building two files that fail to type (ocaml-ppx/ppx_deriving#257's error and another), with a
    # warning printed before them
    first = "Error: Unbound type constructor Result.result"
    log = job_log(
        "opam exec -- dune build @install",
        [
            'File "src/api/ppx_deriving.cppo.mli", line 109, characters 44-57:',
            "109 |   (Parsetree.expression -> (Parsetree.expression, string) Result.result) ->",
            "                                                     ^^^^^^^^^^^^^",
            first,
            'File "src/api/ppx_deriving.cppo.ml", line 12, characters 2-15:',
            "12 |   Result.result",
            "      ^^^^^^^^^^^^^",
            "Error: Unbound module Result",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert analysis.rule == "ocaml-compile-error"
    assert culprit_text(log) == first


def test_alcotest_names_the_first_failed_test_not_the_count() -> None:
    # Given `dune runtest` with Alcotest: one pass, two failures, the boxed detail and the count
    first = "> [FAIL]        parser          1   rejects an empty input."
    log = job_log(
        "opam exec -- dune runtest",
        [
            "Testing `widgets'.",
            "This run has ID `B1D2F3A4'.",
            "",
            "  [OK]          parser          0   accepts a widget.",
            first,
            "> [FAIL]        encoder         0   round trip.",
            "",
            "┌──────────────────────────────────────────────────────────────────────────────┐",
            "│ [FAIL]        parser          1   rejects an empty input.                    │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "ASSERT rejects an empty input",
            "FAIL rejects an empty input",
            "",
            "   Expected: `Error'",
            "   Received: `Ok'",
            "",
            "Full test results in `~/work/widgets/_build/default/test/_build/_tests/widgets'.",
            "2 failures! in 0.004s. 3 tests run.",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first


def test_dune_fmt_names_the_first_unformatted_file_as_lint() -> None:
    # Given `dune build @fmt`: dune's location line, then git's diff against the formatter's output, per file
    first = "diff --git a/_build/default/bin/main.ml b/_build/default/bin/.formatted/main.ml"
    log = job_log(
        "opam exec -- dune build @fmt",
        [
            'File "bin/main.ml", line 1, characters 0-0:',
            first,
            "index 0a1b2c3..4d5e6f7 100644",
            "--- a/_build/default/bin/main.ml",
            "+++ b/_build/default/bin/.formatted/main.ml",
            "@@ -1,2 +1 @@",
            "-let () =",
            '-  print_endline "Hello, World!"',
            '+let () = print_endline "Hello, World!"',
            'File "lib/widget.ml", line 1, characters 0-0:',
            "diff --git a/_build/default/lib/widget.ml b/_build/default/lib/.formatted/widget.ml",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert culprit_text(log) == first


# --- autoconf ---------------------------------------------------------------------------------------------------


def test_configure_missing_header_is_a_dependency_named_by_its_error_line() -> None:
    # Given a configure run whose header check fails (tkchia/build-ia16#10's lines)
    first = "configure: error: gmp.h header not found"
    log = job_log(
        "./configure --prefix=/usr/local && make",
        [
            "checking for gcc... gcc",
            "checking whether the C compiler works... yes",
            "checking for C compiler default output file name... a.out",
            "checking which gmp to use... system",
            "checking gmp.h usability... no",
            "checking gmp.h presence... no",
            "checking for gmp.h... no",
            first,
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert culprit_text(log) == first


def test_configure_failure_skips_the_where_line_of_ac_msg_failure() -> None:
    # Given AC_MSG_FAILURE: the directory line, then the message, then the pointer to config.log
    first = "configure: error: C compiler cannot create executables"
    log = job_log(
        "./configure",
        [
            "checking for gcc... gcc",
            "checking whether the C compiler works... no",
            "configure: error: in '/home/runner/work/widgets/widgets':",
            first,
            "See 'config.log' for more details",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert culprit_text(log) == first


def test_autoreconf_without_libtool_is_a_dependency_named_by_the_macro() -> None:
    # Given autoreconf on a runner without libtool (hunspell/hunspell#465's output)
    first = "configure.ac:24: error: possibly undefined macro: AC_PROG_LIBTOOL"
    log = job_log(
        "autoreconf -vfi && ./configure",
        [
            "autoreconf: Entering directory '.'",
            "autoreconf: configure.ac: not using Gettext",
            "autoreconf: running: aclocal --force",
            "autoreconf: configure.ac: tracing",
            "autoreconf: configure.ac: not using Libtool",
            "autoreconf: running: /usr/bin/autoconf --force",
            first,
            "      If this token and others are legitimate, please use m4_pattern_allow.",
            "      See the Autoconf documentation.",
            "configure.ac:25: error: possibly undefined macro: AC_LIBTOOL_WIN32_DLL",
            "autoreconf: /usr/bin/autoconf failed with exit status: 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert culprit_text(log) == first


# --- D ----------------------------------------------------------------------------------------------------------


def test_dub_build_names_the_first_compiler_error_not_dubs_summary() -> None:
    # Given dub building with dmd: three errors (dlang-community/dfmt#238) and dub's closing line
    first = "src/dfmt/main.d(122,35): Error: undefined identifier '__fhnd_info'"
    log = job_log(
        "dub build --compiler=dmd",
        [
            'Performing "debug" build using dmd for x86_64.',
            'libdparse 0.7.0-beta.7: target for configuration "library" is up to date.',
            'dfmt ~master: building configuration "application"...',
            first,
            "src/dfmt/main.d(122,53): Error: undefined identifier 'FHND_TEXT'",
            "src/dfmt/main.d(23,9): Error: function D main no return exp; or assert(0); at end of function",
            "dmd failed with exit code 1.",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert culprit_text(log) == first


def test_dub_test_names_the_assert_error_not_the_module_count() -> None:
    # Given `dub test` whose unittest fails (exercism/d's TESTS.md)
    first = "core.exception.AssertError@source/dnd_character.d(102): unittest failure"
    log = job_log(
        "dub test",
        [
            "     Running dnd-character-test-library",
            first,
            "----------------",
            "??:? _d_unittestp [0x5568ff91bf05]",
            "source/dnd_character.d:102 void dnd_character.__unittest_L30_C1() [0x5568ff911fee]",
            "??:? runModuleUnitTests [0x5568ff928db7]",
            "1/1 modules FAILED unittests",
            "Error Program exited with code 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first


def test_unit_threaded_names_the_first_failed_check_not_the_count() -> None:
    # Given `dub test` with unit-threaded: a test's path, its failed check, another failure, the counts
    first = "    tests/ut/parser.d:42 - Expected: 2"
    log = job_log(
        "dub test",
        [
            "Running tests in 2 threads",
            "tests.ut.parser.counts nested widgets:",
            first,
            "    tests/ut/parser.d:42 -      Got: 3",
            "",
            "tests.ut.parser.rejects an empty input:",
            "    tests/ut/parser.d:57 - Expected an exception of type ParseException but none was thrown",
            "",
            "Time taken: 21 ms, 88 \u03bcs, and 3 hnsecs",
            "14 test(s) run, 2 failed.",
            "",
            "Tests failed!",
            "",
            "Error Program exited with code 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first.strip()


# --- Nim --------------------------------------------------------------------------------------------------------


def test_nimble_build_names_the_compiler_error_not_nimbles_verdict() -> None:
    # Given `nimble build` whose compiler run fails (zedeus/nitter#588)
    first = "/home/nitter/.nimble/pkgs/jester-#head/jester.nim(715, 26) Error: undeclared identifier: 'initInterval'"
    log = job_log(
        "nimble build -d:release -y",
        [
            "  Verifying dependencies for nitter@0.1.0",
            "      Info: Dependency on jester@#head already satisfied",
            "  Building nitter/nitter using c backend",
            "Hint: used config file '/home/nitter/.choosenim/toolchains/nim-1.4.8/config/nim.cfg' [Conf]",
            "...............................................................",
            first,
            "     Error: Build failed for package: nitter",
            "        ... Execution failed with exit code 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert culprit_text(log) == first


def test_nim_unittest_names_the_first_failed_test() -> None:
    # Given std/unittest: a passing test, two failed checks with their values, each test's verdict
    first = "[FAILED] parses an empty document"
    log = job_log(
        "nimble test",
        [
            "[Suite] parser",
            "  [OK] parses a widget",
            '    /home/runner/work/app/app/tests/test_parse.nim(12, 15): Check failed: parse("") == nil',
            '    parse("") was (kind: wkEmpty)',
            f"  {first}",
            "    /home/runner/work/app/app/tests/test_parse.nim(20, 15): Check failed: len(parse(doc)) == 2",
            "    len(parse(doc)) was 3",
            "  [FAILED] counts nested widgets",
            "     Error: Execution failed with exit code 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first


# --- Crystal ----------------------------------------------------------------------------------------------------


def test_crystal_build_names_the_error_line_under_its_location() -> None:
    # Given the compiler's last frame (crystal-lang/crystal#11756) after a deprecation warning from a shard
    first = "Error: undefined method 'zero' for Char.class"
    log = job_log(
        "shards build --error-on-warnings=false",
        [
            "Dependencies are satisfied",
            "Building: app",
            "In lib/kemal/src/kemal/helpers/helpers.cr:12:5",
            "",
            " 12 | Kemal.config.logger.write(message)",
            "      ^",
            "Warning: Deprecated Kemal::Config#logger.",
            "",
            "A total of 1 warnings were found.",
            "Error target app failed to compile:",
            "Showing last frame. Use --error-trace for full trace.",
            "",
            "In /usr/share/crystal/src/enumerable.cr:1527:12",
            "",
            " 1527 | type.zero",
            "             ^---",
            first,
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert culprit_text(log) == first


def test_crystal_spec_names_the_first_failed_example() -> None:
    # Given crystal spec: two failures, the counts, then the rerun lines
    first = "crystal spec spec/app_spec.cr:12 # App parses an empty body"
    log = job_log(
        "crystal spec",
        [
            "..F...F.",
            "",
            "Failures:",
            "",
            "  1) App parses an empty body",
            '     Failure/Error: App.parse("").should eq(App::Empty)',
            "",
            "       Expected: App::Empty",
            "            got: nil",
            "",
            "     # spec/app_spec.cr:12",
            "",
            "  2) App counts widgets",
            "     Failure/Error: App.count(doc).should eq(2)",
            "",
            "       Expected: 2",
            "            got: 3",
            "",
            "     # spec/app_spec.cr:20",
            "",
            "Finished in 1.21 milliseconds",
            "8 examples, 2 failures, 0 errors, 0 pending",
            "",
            "Failed examples:",
            "",
            first,
            "crystal spec spec/app_spec.cr:20 # App counts widgets",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    # The first failure where it is first named (its numbered entry), or its rerun line, never the second's.
    assert culprit_text(log) in {"1) App parses an empty body", first}


def test_ameba_names_its_first_issue_as_lint() -> None:
    # Given Ameba's dot formatter: progress, two issues each under its location, the count
    first = "[W] Lint/UselessAssign: Useless assignment to variable `result`"
    log = job_log(
        "bin/ameba",
        [
            "Inspecting 25 files",
            "",
            "......F.......F..........",
            "",
            "src/app/server.cr:14:5 [Correctable]",
            first,
            " > result = parse(body)",
            "   ^",
            "",
            "src/app/client.cr:3:1",
            "[C] Style/RedundantReturn: Redundant `return` detected",
            " > return widget",
            "   ^",
            "",
            "Finished in 312.55 milliseconds",
            "25 inspected, 2 failures",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert culprit_text(log) == first


# --- Fortran ----------------------------------------------------------------------------------------------------


def test_gfortran_names_the_first_error_line_not_make() -> None:
    # Given make running gfortran on a file with two errors (sfilippone/psblas3#14) after a warning
    first = "Error: Symbol 'mpi_integer4' at (1) has no IMPLICIT type; did you mean 'mpi_integer2'?"
    log = job_log(
        "make -C base",
        [
            "gfortran -I.. -I. -O2 -Wall -c penv/psi_penv_mod.F90 -o penv/psi_penv_mod.o",
            "f951: Warning: '-Werror=' argument '-Werror=format-security' is not valid for Fortran",
            "penv/psi_penv_mod.F90:741:31:",
            "",
            "  741 |     psb_mpi_ipk_ = mpi_integer4",
            "      |                               1",
            first,
            "penv/psi_penv_mod.F90:826:11:",
            "",
            "  826 |     ctxt = nctxt",
            "      |           1",
            "Error: Cannot convert INTEGER(4) to TYPE(psb_ctxt_type) at (1)",
            "make: *** [Makefile:40: penv/psi_penv_mod.o] Error 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert culprit_text(log) == first


def test_fpm_test_names_the_first_failed_test_drive_test() -> None:
    # Given `fpm test` with test-drive: a suite with a pass and two failures, the runner's count and its stop
    first = "... integer_parsing [FAILED]"
    log = job_log(
        "fpm test",
        [
            "# Testing: parser",
            "  Starting valid_header ... (1/3)",
            "       ... valid_header [PASSED]",
            "  Starting integer_parsing ... (2/3)",
            f"       {first}",
            "  Message: Condition not fulfilled",
            "  Starting real_parsing ... (3/3)",
            "       ... real_parsing [FAILED]",
            "  Message: Values are not equal",
            "2 test(s) failed!",
            "ERROR STOP",
            "",
            "Error termination. Backtrace:",
            "#0  0x7f0c3a2b1c4d in ???",
            '<ERROR> Execution for object " tester " returned exit code  1',
            "<ERROR> *cmd_run*:stopping due to failed executions",
            "STOP 1",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first


# --- bats -------------------------------------------------------------------------------------------------------


def test_bats_names_the_first_not_ok_test() -> None:
    # Given bats-core's TAP output in CI: a pass, two failures with their traces
    first = "not ok 2 rejects an unknown flag"
    log = job_log(
        "bats test/",
        [
            "1..3",
            "ok 1 prints its version",
            first,
            "# (in test file test/cli.bats, line 14)",
            '#   `[ "$status" -eq 2 ]\' failed',
            "not ok 3 reads the config file",
            "# (from function `assert_output' in file test/test_helper/bats-assert/src/assert_output.bash, line 194,",
            "#  in test file test/cli.bats, line 22)",
            "#   `assert_output 'ok'' failed",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first


def test_bats_with_timing_still_names_the_first_not_ok_test() -> None:
    # Given `bats --timing`, whose TAP lines carry a `# in <n> ms` directive
    first = "not ok 2 rejects an unknown flag # in 41 ms"
    log = job_log(
        "bats --timing test/",
        [
            "1..3",
            "ok 1 prints its version # in 12 ms",
            first,
            "# (in test file test/cli.bats, line 14)",
            '#   `[ "$status" -eq 2 ]\' failed',
            "not ok 3 reads the config file # in 30 ms",
            "# (in test file test/cli.bats, line 22)",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert culprit_text(log) == first
