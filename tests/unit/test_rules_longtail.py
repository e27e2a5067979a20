"""Long-tail rules on job logs built from real tool output: Perl (make test, a dying or uncompilable test file,
perlcritic, cpanm), Haskell (tasty, HUnit, QuickCheck), Erlang (ct_run, rebar3 dialyzer and xref), shell (zsh,
shunit2) and Vim script (v:errors, Vim's own errors, vint).

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
longtail_cases.py generates it: Perl 5.36 with Test::More 1.302190 and TAP::Harness 3.44, Perl::Critic 1.148,
cpanm 1.7046; GHC 9.0.2 with cabal-install 3.4.1.0, tasty 1.4.2.3, HUnit 1.6.2.0, QuickCheck 2.14.2; Erlang/OTP 25
with Common Test 1.23.3 and rebar3 3.19.0; zsh 5.9, shunit2 2.1.8; Vim 9.0, vint 0.3.21). Each test asserts the
category and that the culprit is the first specific failure, not the runner's count or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


def test_a_dying_perl_test_file_is_the_culprit_not_a_later_files_assertion() -> None:
    # Given make test: t/01-config.t dies after one assertion, t/02-more.t fails an assertion below it
    output = (
        "# ERROR level logging is enabled for this run",
        "t/00-load.t .... ok",
        "Cannot open t/data/config.json: No such file or directory at t/01-config.t line 6.",
        "# Tests were run but no plan was declared and done_testing() was not seen.",
        "# Looks like your test exited with 2 just after 1.",
        "t/01-config.t .. ",
        "Dubious, test returned 2 (wstat 512, 0x200)",
        "All 1 subtests passed ",
        "",
        "#   Failed test 'unit'",
        "#   at t/02-more.t line 5.",
        "#          got: 2",
        "#     expected: 1",
        "# Looks like you failed 1 test of 2.",
        "t/02-more.t .... ",
        "Dubious, test returned 1 (wstat 256, 0x100)",
        "Failed 1/2 subtests ",
        "",
        "Test Summary Report",
        "-------------------",
        "t/01-config.t (Wstat: 512 (exited 2) Tests: 1 Failed: 0)",
        "  Non-zero exit status: 2",
        "Result: FAIL",
    )
    # When the step is analysed
    category, culprit, rule = verdict("make test", *output)
    # Then the die message is the culprit (the harness said none of the file's assertions failed)
    assert (category, culprit, rule) == (
        Category.TEST,
        "Cannot open t/data/config.json: No such file or directory at t/01-config.t line 6.",
        "perl-harness-died-file",
    )


def test_a_perl_test_that_fails_an_assertion_then_dies_reports_the_assertion() -> None:
    # Given prove: the file fails an assertion, then dies calling a method on undef
    output = (
        "",
        "#   Failed test 'adds'",
        "#   at t/a.t line 6.",
        "#          got: '2'",
        "#     expected: '3'",
        'Can\'t call method "name" on an undefined value at t/a.t line 7.',
        "# Tests were run but no plan was declared and done_testing() was not seen.",
        "# Looks like your test exited with 255 just after 2.",
        "t/a.t .. ",
        "Dubious, test returned 255 (wstat 65280, 0xff00)",
        "Failed 1/2 subtests ",
        "",
        "Test Summary Report",
        "-------------------",
        "t/a.t (Wstat: 65280 (exited 255) Tests: 2 Failed: 1)",
        "  Failed test:  2",
        "Result: FAIL",
    )
    # When the step is analysed
    category, culprit, rule = verdict("prove t", *output)
    # Then the first failed assertion is the culprit, not the die below it
    assert (category, culprit, rule) == (Category.TEST, "#   Failed test 'adds'", "tap-failed-test")


def test_a_test_file_that_cannot_load_a_module_names_the_module() -> None:
    # Given prove: t/01-client.t uses a module that is not installed, t/02-more.t fails an assertion below it
    output = (
        "t/00-load.t .... ok",
        "Can't locate Acme/Zz9/HTTPClient.pm in @INC (you may need to install the Acme::Zz9::HTTPClient module)"
        " (@INC contains: /home/runner/work/acme/acme/lib /etc/perl /usr/share/perl5) at t/01-client.t line 4.",
        "BEGIN failed--compilation aborted at t/01-client.t line 4.",
        "t/01-client.t .. ",
        "Dubious, test returned 2 (wstat 512, 0x200)",
        "No subtests run ",
        "",
        "#   Failed test 'unit'",
        "#   at t/02-more.t line 5.",
        "# Looks like you failed 1 test of 2.",
        "Result: FAIL",
    )
    # When the step is analysed
    category, culprit, rule = verdict("prove -l t", *output)
    # Then the missing module's line is the culprit, read as the test file's failure
    assert (category, rule) == (Category.TEST, "perl-test-compile-aborted")
    assert culprit.startswith("Can't locate Acme/Zz9/HTTPClient.pm in @INC")


def test_perlcritic_reports_its_first_violation() -> None:
    output = (
        "lib/Acme/Calc.pm: Always unpack @_ first at line 5, column 1.  See page 178 of PBP.  (Severity: 4)",
        "lib/Acme/Legacy.pm: Code before strictures are enabled at line 2, column 1.  See page 429 of PBP."
        "  (Severity: 5)",
        'lib/Acme/Legacy.pm: Expression form of "eval" at line 3, column 54.  See page 161 of PBP.  (Severity: 5)',
        "script/run.pl: Code not contained in explicit package at line 1, column 1.  Violates encapsulation."
        "  (Severity: 4)",
    )
    assert verdict("perlcritic --severity 4 lib script", *output) == (
        Category.LINT,
        "lib/Acme/Calc.pm: Always unpack @_ first at line 5, column 1.  See page 178 of PBP.  (Severity: 4)",
        "perlcritic-violation",
    )


def test_cpanm_names_the_module_it_could_not_find_not_its_bail_out() -> None:
    output = (
        "--> Working on .",
        "Configuring /home/runner/work/acme/acme ... OK",
        "==> Found dependencies: Acme::Zz9::NotInstalled",
        "! Finding Acme::Zz9::NotInstalled on cpanmetadb failed.",
        "! Finding Acme::Zz9::NotInstalled (1.0) on mirror http://packages.example.com failed.",
        "! Couldn't find module or a distribution Acme::Zz9::NotInstalled (1.0)",
        "! Installing the dependencies failed: Module 'Acme::Zz9::NotInstalled' is not installed",
        "! Bailing out the installation for ..",
    )
    assert verdict("cpanm --notest --installdeps .", *output) == (
        Category.DEPENDENCY,
        "! Couldn't find module or a distribution Acme::Zz9::NotInstalled (1.0)",
        "cpanm-install-failed",
    )


def test_tasty_reports_the_first_failed_test_not_cabals_closing_line() -> None:
    output = (
        "Running 1 test suites...",
        "Test suite spec: RUNNING...",
        "Calc",
        "  adds:          OK",
        "  multiplies:    FAIL",
        "    test/Spec.hs:9:",
        "    expected: 6",
        "     but got: 7",
        "    Use -p '/multiplies/' to rerun this test only.",
        "  reverse twice: FAIL",
        "    *** Failed! Falsified (after 3 tests and 2 shrinks):",
        "    [0,1]",
        "",
        "2 out of 4 tests failed (0.01s)",
        "Test suite spec: FAIL",
        "cabal: Tests failed for test:spec from calc-0.1.0.",
    )
    assert verdict("cabal test", *output) == (Category.TEST, "multiplies:    FAIL", "tasty-failed-test")


def test_hunit_reports_the_first_failure_after_its_progress_line() -> None:
    # runTestTT rewrites its progress line with carriage returns (left out here: the failure follows the last one)
    output = (
        "Test suite spec: RUNNING...",
        "### Failure in: 1:multiplies",
        "test/Spec.hs:8",
        "expected: 6",
        " but got: 7",
        "### Failure in: 2:reverses",
        "test/Spec.hs:9",
        "Cases: 3  Tried: 3  Errors: 0  Failures: 2",
        "error: printed by the suite before it runs, not a failure",
        "Test suite spec: FAIL",
        "cabal: Tests failed for test:spec from calc-0.1.0.",
    )
    category, culprit, rule = verdict("cabal test", *output)
    assert (category, rule) == (Category.TEST, "hunit-failure")
    assert culprit == "### Failure in: 1:multiplies"


def test_quickcheck_reports_the_first_falsified_property() -> None:
    output = (
        "Test suite spec: RUNNING...",
        "+++ OK, passed 100 tests.",
        "*** Failed! Falsified (after 3 tests and 2 shrinks):",
        "*** Failed! Falsified (after 1 test):",
        "0",
        "Test suite spec: FAIL",
        "cabal: Tests failed for test:spec from calc-0.1.0.",
    )
    assert verdict("cabal test", *output) == (
        Category.TEST,
        "*** Failed! Falsified (after 3 tests and 2 shrinks):",
        "quickcheck-falsified",
    )


def test_ct_run_reports_the_first_failed_case_not_a_logged_error_line() -> None:
    output = (
        "Testing acme.calc: Starting test, 3 test cases",
        "",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
        "calc_SUITE:mul_case failed on line 9",
        "Reason: {badmatch,7}",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
        "",
        "Testing acme.calc: *** FAILED test case 2 of 3 ***",
        "",
        "----------------------------------------------------",
        "2026-11-30 05:13:59.150",
        "error: logged by the test, not a failure",
        "",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
        "erlang:'div' failed",
        "Reason: {badarith,[{erlang,...},{...}|...]}",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
        "",
        "Testing acme.calc: *** FAILED test case 3 of 3 ***",
        "Testing acme.calc: TEST COMPLETE, 1 ok, 2 failed of 3 test cases",
    )
    assert verdict("ct_run -noshell -dir test", *output) == (
        Category.TEST,
        "calc_SUITE:mul_case failed on line 9",
        "common-test-failed-on-line",
    )


def test_rebar3_dialyzer_reports_its_first_warning() -> None:
    output = (
        "===> Analyzing 2 files with _build/default/rebar3_25.2.3_plt...",
        "",
        "src/report.erl",
        "Line 8 Column 1: Function run/0 has no local return",
        "Line 8 Column 17: The call report:render('an_atom') will never return since it differs in the 1st argument",
        "===> Warnings written to _build/default/25.2.3.dialyzer_warnings",
        "===> Warnings occurred running dialyzer: 2",
    )
    assert verdict("rebar3 dialyzer", *output) == (
        Category.LINT,
        "Line 8 Column 1: Function run/0 has no local return",
        "dialyzer-warning",
    )


def test_rebar3_xref_reports_its_first_finding_on_rebar3s_prefixed_line() -> None:
    output = (
        "===> Running cross reference analysis...",
        "===> src/report.erl:11: Warning: report:unused/1 is unused local function (Xref)",
        "src/report.erl:7: Warning: report:total/1 calls undefined function missing_mod:helper/1 (Xref)",
        "Warning: missing_mod:helper/1 is undefined function (Xref)",
        "",
    )
    assert verdict("rebar3 xref", *output) == (
        Category.LINT,
        "===> src/report.erl:11: Warning: report:unused/1 is unused local function (Xref)",
        "xref-warning",
    )


def test_zsh_command_not_found_is_a_missing_tool() -> None:
    output = (
        "generating sources",
        "warning: protoc version not pinned",
        "scripts/build.zsh:5: command not found: protoc-acme-zz9",
    )
    assert verdict("zsh scripts/build.zsh", *output) == (
        Category.CONFIG,
        "scripts/build.zsh:5: command not found: protoc-acme-zz9",
        "zsh-command-not-found",
    )


def test_shunit2_reports_the_first_assert_not_its_error_restatements() -> None:
    output = (
        "testAdd",
        "testAddWrong",
        "ASSERT:adds wrong expected:<5> but was:<4>",
        "shunit2:ERROR testAddWrong() returned non-zero return code.",
        "testConfig",
        "ASSERT:config file exists",
        "shunit2:ERROR testConfig() returned non-zero return code.",
        "testLogs",
        "ERROR: this line is the code under test logging, not a failure",
        "",
        "Ran 4 tests.",
        "",
        "FAILED (failures=4)",
    )
    category, culprit, rule = verdict("sh test/test_calc.sh", *output)
    assert (category, rule) == (Category.TEST, "shunit2-assert")
    assert culprit == "ASSERT:adds wrong expected:<5> but was:<4>"


def test_vim_v_errors_report_the_first_failed_assertion() -> None:
    output = (
        "Executed Test_add",
        "Found errors in Test_mul:",
        "command line..script /home/runner/work/acme/acme/test/run.vim[9]..function Test_mul line 1: "
        "Expected 6 but got 7",
        "Found errors in Test_upper:",
        "command line..script /home/runner/work/acme/acme/test/run.vim[9]..function Test_upper line 1: "
        "Pattern '^ABC$' does not match 'ABD'",
        "Executed 3 tests, 2 failed",
    )
    category, culprit, rule = verdict("vim -Nu NONE -i NONE -Es -S test/run.vim", *output)
    assert (category, rule) == (Category.TEST, "vim-assert-error")
    assert culprit.endswith("function Test_mul line 1: Expected 6 but got 7")


def test_vims_error_while_sourcing_a_plugin_is_the_culprit() -> None:
    output = (
        "Error detected while processing command line..script /home/runner/work/acme/acme/plugin/acme.vim:",
        "line    7:",
        "E492: Not an editor command: Acmeformat",
        "not found in 'runtimepath': \"autoload/acme.vim\"",
        "line    8:",
        "E117: Unknown function: acme#missing",
    )
    assert verdict("vim -Nu NONE -V1 -Es -c 'runtime plugin/acme.vim'", *output) == (
        Category.BUILD,
        "Error detected while processing command line..script /home/runner/work/acme/acme/plugin/acme.vim:",
        "vim-error-detected",
    )


def test_vint_reports_its_first_finding() -> None:
    output = (
        "autoload/acme/legacy.vim:2:1: Use the abort attribute for functions in autoload (see Google VimScript Style"
        " Guide (Functions))",
        "autoload/acme/legacy.vim:3:14: Use robust operators `==#` or `==?` instead of `==` (see Google VimScript"
        " Style Guide (Matching))",
    )
    category, culprit, rule = verdict("vint autoload plugin", *output)
    assert (category, rule) == (Category.LINT, "vint-finding")
    assert culprit.startswith("autoload/acme/legacy.vim:2:1: Use the abort attribute")


def test_a_perl_syntax_error_names_its_first_line_not_the_requiring_test_file() -> None:
    # Given make test: lib/Acme/Report.pm does not compile (perl's two lines, then the requiring test file's)
    output = (
        "t/00-load.t .... ok",
        "Unmatched right curly bracket at /home/runner/work/acme/acme/blib/lib/Acme/Report.pm line 7, at end of line",
        'syntax error at /home/runner/work/acme/acme/blib/lib/Acme/Report.pm line 7, near "}}"',
        "Compilation failed in require at t/01-report.t line 4.",
        "BEGIN failed--compilation aborted at t/01-report.t line 4.",
        "t/01-report.t .. ",
        "Dubious, test returned 255 (wstat 65280, 0xff00)",
        "No subtests run ",
        "",
        "#   Failed test 'unit'",
        "#   at t/02-more.t line 5.",
        "Result: FAIL",
    )
    assert verdict("make test", *output) == (
        Category.BUILD,
        "Unmatched right curly bracket at /home/runner/work/acme/acme/blib/lib/Acme/Report.pm line 7, at end of line",
        "perl-compile-error",
    )


def test_cpanm_failure_on_its_progress_line_is_found() -> None:
    # Given cpanm: its `! Installing ... failed` line (stderr) lands on the progress line (stdout) before `FAIL`
    output = (
        "--> Working on Acme::Dep",
        "Configuring Acme-Dep-0.01 ... OK",
        "Building and testing Acme-Dep-0.01 ... ! Installing Acme::Dep failed. See "
        "/home/runner/work/acme/acme/.cpanm/work/1796016808.6688/build.log for details. Retry with --force to force"
        " install it.",
        "! Installing the dependencies failed: Module 'Acme::Dep' is not installed",
        "! Bailing out the installation for ..",
        "FAIL",
    )
    category, culprit, rule = verdict("cpanm --installdeps .", *output)
    assert (category, rule) == (Category.DEPENDENCY, "cpanm-install-failed")
    assert culprit.startswith("Building and testing Acme-Dep-0.01 ... ! Installing Acme::Dep failed.")


def test_rebar3_reports_an_error_at_a_line_and_column_tuple() -> None:
    output = (
        "===> Compiling calc",
        "===> Compiling src/calc.erl failed",
        'src/calc.erl:{2,14}: can\'t find include lib "acme_zz9/include/records.hrl"; Make sure acme_zz9 is in your'
        " app file's 'applications' list",
        "",
    )
    category, culprit, rule = verdict("rebar3 compile", *output)
    assert (category, rule) == (Category.BUILD, "rebar3-erlc-error-at-tuple")
    assert culprit.startswith("src/calc.erl:{2,14}: can't find include lib")


def test_nvim_headless_names_the_first_error_not_a_later_lua_module() -> None:
    output = (
        "Error detected while processing /home/runner/work/acme/acme/plugin/acme.vim:",
        "line    4:",
        "E492: Not an editor command: Acmeformat",
        "line    5:",
        "E5108: Error executing lua [string \":lua\"]:1: module 'acme.missing' not found:",
        "\tno field package.preload['acme.missing']",
        "\tno file './acme/missing.lua'",
        "stack traceback:",
        "\t[C]: in function 'require'",
    )
    assert verdict("nvim --headless -u NONE -c 'runtime plugin/acme.vim'", *output) == (
        Category.BUILD,
        "Error detected while processing /home/runner/work/acme/acme/plugin/acme.vim:",
        "vim-error-detected",
    )


def test_a_failure_inside_a_subtest_is_the_culprit_not_the_subtests_own_failure() -> None:
    output = (
        "t/00-load.t ...... ok",
        "",
        "    #   Failed test 'parses pairs'",
        "    #   at t/01-subtests.t line 7.",
        "    #     Structures begin differing at:",
        "    #          $got->{b} = '2'",
        "    #     $expected->{b} = '3'",
        "    # Looks like you failed 1 test of 2.",
        "",
        "#   Failed test 'parsing'",
        "#   at t/01-subtests.t line 9.",
        "# Looks like you failed 1 test of 2.",
        "t/01-subtests.t .. ",
        "Dubious, test returned 1 (wstat 256, 0x100)",
        "Result: FAIL",
    )
    assert verdict("prove -l t", *output) == (Category.TEST, "#   Failed test 'parses pairs'", "tap-failed-test")


def test_ct_run_names_a_failed_init_per_suite() -> None:
    output = (
        "Testing acme.store: Starting test, 2 test cases",
        "",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
        "store_SUITE:init_per_suite failed",
        "Reason: {badmatch,{error,enoent}}",
        "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -",
        "",
        "Testing acme.store: *** FAILED {store_SUITE,init_per_suite} ***",
        "Testing acme.store: TEST COMPLETE, 0 ok, 0 failed, 2 skipped of 2 test cases",
    )
    assert verdict("ct_run -noshell -dir test", *output) == (
        Category.TEST,
        "store_SUITE:init_per_suite failed",
        "common-test-failed-on-line",
    )


def test_eunit_fixture_setup_failure_comes_before_a_later_failed_test() -> None:
    output = (
        "======================== EUnit ========================",
        "module 'store_tests'",
        "  store_tests: plain_test...ok",
        "  undefined",
        "  *** context setup failed ***",
        "**in function store:start_link/0",
        "  called as start_link()",
        "**error:undef",
        "",
        "",
        "  store_tests: math_test...*failed*",
        "in function store_tests:math_test/0 (test/store_tests.erl, line 12)",
        "**error:{assertEqual,[{module,store_tests},",
        "=======================================================",
        "  Failed: 1.  Skipped: 0.  Passed: 1.",
        "One or more tests were cancelled.",
    )
    assert verdict("erl -noshell -eval 'eunit:test(store_tests, [verbose])'", *output) == (
        Category.TEST,
        "*** context setup failed ***",
        "eunit-context-failed",
    )


def test_an_erlang_boot_crash_reports_its_full_reason() -> None:
    output = (
        "checking the release configuration",
        "warning: no sys.config override given",
        '{"init terminating in do_boot",{{badmatch,{error,enoent}},[{release_check,main,0,[{file,"src/release_check'
        '.erl"},{line,7}]},{init,do_boot,3,[]}]}}',
        "init terminating in do_boot ({{badmatch,{error,enoent}},[{release_check,main,0,[{_},{_}]},"
        "{init,do_boot,3,[]}]})",
        "",
        "Crash dump is being written to: erl_crash.dump...done",
    )
    category, culprit, rule = verdict("erl -noshell -eval 'release_check:main()' -s init stop", *output)
    assert (category, rule) == (Category.BUILD, "erlang-init-terminating")
    assert culprit.startswith('{"init terminating in do_boot",{{badmatch,{error,enoent}}')
