"""Maven's console output: Surefire's test listing (JUnit 4 and 5), a dead test fork, reactor builds, plugin
resolution, the enforcer plugin, the command line and the pom.

The outputs are Maven 3.8.7's own (Surefire 2.22.3, maven-enforcer-plugin 3.1.0), shortened from the development
logs bench/toolchain/maven_cases.py generates, unless a test says it built the line from Maven's message format.
Each test asserts the category and that the culprit is the first specific failure, not Maven's `BUILD FAILURE`,
its `Failed to execute goal` line or Surefire's `Results:` list.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import job_log

HELP = [
    "[ERROR] -> [Help 1]",
    "[ERROR] ",
    "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
    "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
]
FAILURE = [
    "[INFO] ------------------------------------------------------------------------",
    "[INFO] BUILD FAILURE",
    "[INFO] ------------------------------------------------------------------------",
    "[INFO] Total time:  14.489 s",
]


def verdict(command: str, output: list[str]) -> tuple[Category, str | None, str | None]:
    analysis = analyze_log(job_log(command, output))
    return analysis.category, analysis.culprit.text if analysis.culprit else None, analysis.rule


def surefire_run(listing: list[str], results: list[str], project: str = "calc") -> list[str]:
    return [
        f"[INFO] --- maven-surefire-plugin:2.22.3:test (default-test) @ {project} ---",
        "[INFO] -------------------------------------------------------",
        "[INFO]  T E S T S",
        "[INFO] -------------------------------------------------------",
        *listing,
        "[INFO] ",
        "[INFO] Results:",
        "[INFO] ",
        *results,
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on "
        f"project {project}: There are test failures.",
        "[ERROR] ",
        "[ERROR] Please refer to /home/runner/work/acme/acme/target/surefire-reports for the individual test results.",
        *HELP,
    ]


def test_a_junit5_test_is_named_without_its_class_and_its_line_outranks_the_results_list() -> None:
    # Given Surefire 2.22 running JUnit 5: the failing tests' lines carry no `(class)`, and the Results list
    # below names them again as `Class.method:line`
    first = "[ERROR] addsWrong  Time elapsed: 0.046 s  <<< FAILURE!"
    output = surefire_run(
        [
            "[INFO] Running acme.CalcTest",
            "[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, "
            "Time elapsed: 0.161 s <<< FAILURE! - in acme.CalcTest",
            first,
            "org.opentest4j.AssertionFailedError: 2 + 2 ==> expected: <5> but was: <4>",
            "\tat acme.CalcTest.addsWrong(CalcTest.java:16)",
            "",
            "[ERROR] dividesByZero  Time elapsed: 0.011 s  <<< ERROR!",
            "java.lang.ArithmeticException: / by zero",
        ],
        [
            "[ERROR] Failures: ",
            "[ERROR]   CalcTest.addsWrong:16 2 + 2 ==> expected: <5> but was: <4>",
            "[ERROR] Errors: ",
            "[ERROR]   CalcTest.dividesByZero:21 » Arithmetic / by zero",
            "[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0",
        ],
    )
    # When the log is analysed
    # Then the first failing test's own line is the culprit
    assert verdict("mvn -B test", output) == (Category.TEST, first, "surefire-failed-test")


def test_a_parameterized_junit4_test_s_line_is_the_culprit() -> None:
    # Given a JUnit 4 parameterized test failing for two parameter sets (`method[name](class)`)
    first = "[ERROR] sums[2+2=5](acme.SumTest)  Time elapsed: 0.029 s  <<< FAILURE!"
    output = surefire_run(
        [
            "[INFO] Running acme.SumTest",
            "[ERROR] Tests run: 3, Failures: 2, Errors: 0, Skipped: 0, "
            "Time elapsed: 0.544 s <<< FAILURE! - in acme.SumTest",
            first,
            "java.lang.AssertionError: expected:<5> but was:<4>",
            "",
            "[ERROR] sums[3+3=7](acme.SumTest)  Time elapsed: 0 s  <<< FAILURE!",
            "java.lang.AssertionError: expected:<7> but was:<6>",
        ],
        [
            "[ERROR] Failures: ",
            "[ERROR]   SumTest.sums:31 expected:<5> but was:<4>",
            "[ERROR]   SumTest.sums:31 expected:<7> but was:<6>",
            "[ERROR] Tests run: 3, Failures: 2, Errors: 0, Skipped: 0",
        ],
    )
    # Then the first parameter set's line is the culprit, not the Results list's entry
    assert verdict("mvn -B test", output) == (Category.TEST, first, "surefire-failed-test")


def test_in_a_reactor_the_failing_module_s_test_is_the_culprit_not_the_reactor_summary() -> None:
    # Given a reactor build whose second module's test fails, then the Reactor Summary and the goal's error
    first = "[ERROR] sumsNegative(acme.TotalTest)  Time elapsed: 0.011 s  <<< FAILURE!"
    output = [
        "[INFO] Building core 1.0.0                                                [2/4]",
        "[INFO] Running acme.AOkTest",
        "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.451 s - in acme.AOkTest",
        "[INFO] Building report 1.0.0                                              [3/4]",
        *surefire_run(
            [
                "[INFO] Running acme.TotalTest",
                "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, "
                "Time elapsed: 0.184 s <<< FAILURE! - in acme.TotalTest",
                first,
                "java.lang.AssertionError: expected:<-1> but was:<0>",
                "\tat acme.TotalTest.sumsNegative(TotalTest.java:15)",
            ],
            [
                "[ERROR] Failures: ",
                "[ERROR]   TotalTest.sumsNegative:15 expected:<-1> but was:<0>",
                "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0",
                "[INFO] Reactor Summary for parent 1.0.0:",
                "[INFO] parent ............................................. SUCCESS [  0.008 s]",
                "[INFO] core ............................................... SUCCESS [ 16.859 s]",
                "[INFO] report ............................................. FAILURE [ 10.506 s]",
                "[INFO] cli ................................................ SKIPPED",
            ],
            project="report",
        ),
    ]
    assert verdict("mvn -B verify", output) == (Category.TEST, first, "surefire-failed-test")


def test_a_test_fork_that_died_is_named_by_surefire_s_fork_error_not_there_are_test_failures() -> None:
    # Given a test that called System.exit: the listing stops at `Running`, the counts read 0 failures, and the
    # goal's error says `There are test failures.` with the reason below it
    crash = "[ERROR] The forked VM terminated without properly saying goodbye. VM crash or System.exit called?"
    output = [
        "[INFO] Running acme.ShutdownTest",
        "[INFO] Results:",
        "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on "
        "project calc: There are test failures.",
        "[ERROR] Please refer to /home/runner/work/acme/acme/target/surefire-reports for the individual test results.",
        crash,
        "[ERROR] Process Exit Code: 3",
        "[ERROR] Crashed tests:",
        "[ERROR] acme.ShutdownTest",
        "[ERROR] org.apache.maven.surefire.booter.SurefireBooterForkException: The forked VM terminated without "
        "properly saying goodbye. VM crash or System.exit called?",
        "[ERROR] \tat org.apache.maven.plugin.surefire.booterclient.ForkStarter.fork(ForkStarter.java:669)",
        *HELP,
    ]
    assert verdict("mvn -B test", output) == (Category.TEST, crash, "surefire-fork-crashed")


def test_a_plugin_that_cannot_be_resolved_is_a_dependency_failure() -> None:
    # Given a build plugin missing from the repository (offline; the repository's host is a placeholder)
    error = (
        "[ERROR] Plugin com.diffplug.spotless:spotless-maven-plugin:2.43.0 or one of its dependencies could not be "
        "resolved: Cannot access central (https://packages.example.com/maven2) in offline mode and the artifact "
        "com.diffplug.spotless:spotless-maven-plugin:jar:2.43.0 has not been downloaded from it before. -> [Help 1]"
    )
    output = [
        "[WARNING] The POM for com.diffplug.spotless:spotless-maven-plugin:jar:2.43.0 is missing, no dependency "
        "information available",
        *FAILURE,
        error,
        *HELP[1:],
    ]
    assert verdict("mvn -B verify", output) == (Category.DEPENDENCY, error, "maven-dependency-resolution")


def test_a_failed_enforcer_rule_is_the_culprit_not_the_goal_s_look_above_error() -> None:
    # Given maven-enforcer-plugin 3.1.0's requireFilesExist failing: the rule's line and message, then the goal's
    # error that only points up at them
    rule = "[ERROR] Rule 0: org.apache.maven.plugins.enforcer.RequireFilesExist failed with message:"
    output = [
        "[INFO] --- maven-enforcer-plugin:3.1.0:enforce (enforce-files) @ calc ---",
        rule,
        "Some required files are missing:",
        "/home/runner/work/acme/acme/LICENSE",
        "",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.1.0:enforce (enforce-files) "
        "on project calc: Some Enforcer rules have failed. Look above for specific messages explaining why the rule "
        "failed. -> [Help 1]",
        *HELP[1:],
    ]
    assert verdict("mvn -B verify", output) == (Category.CONFIG, rule, "maven-enforcer-rule-failed")


def test_an_enforcer_rule_about_the_dependencies_is_a_dependency_failure() -> None:
    # Given the same shape for dependencyConvergence (the rule's line built from enforcer 3.1.0's format above;
    # the message under it as the rule words it)
    rule = "[ERROR] Rule 0: org.apache.maven.plugins.enforcer.DependencyConvergence failed with message:"
    output = [
        "[INFO] --- maven-enforcer-plugin:3.1.0:enforce (enforce) @ calc ---",
        rule,
        "Failed while enforcing releasability. See above detailed error message.",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:3.1.0:enforce (enforce) on "
        "project calc: Some Enforcer rules have failed. Look above for specific messages explaining why the rule "
        "failed. -> [Help 1]",
    ]
    assert verdict("mvn -B verify", output) == (Category.DEPENDENCY, rule, "maven-enforcer-dependency-rule")


def test_a_mistyped_lifecycle_phase_is_a_configuration_error() -> None:
    error = (
        '[ERROR] Unknown lifecycle phase "tset". You must specify a valid lifecycle phase or a goal in the format '
        "<plugin-prefix>:<goal> or <plugin-group-id>:<plugin-artifact-id>[:<plugin-version>]:<goal>. Available "
        "lifecycle phases are: validate, initialize, compile, test, package, verify, install, deploy. -> [Help 1]"
    )
    output = ["[INFO] Building calc 1.0.0", *FAILURE, error, *HELP[1:]]
    assert verdict("mvn -B tset", output) == (Category.CONFIG, error, "maven-invocation-invalid")


def test_a_pom_that_does_not_parse_is_named_by_its_first_report() -> None:
    # Given a pom that is not well-formed: Maven reports it under `Some problems were encountered` ([FATAL]) and
    # again under `The project ... has 1 error`
    first = (
        "[FATAL] Non-parseable POM /home/runner/work/acme/acme/pom.xml: end tag name </dependency> must match start "
        "tag name <dependencies> from line 13 (position: TEXT seen ...</dependency>\\n  </dependency>... @15:16)  "
        "@ line 15, column 16"
    )
    output = [
        "[INFO] Scanning for projects...",
        "[ERROR] [ERROR] Some problems were encountered while processing the POMs:",
        first,
        " @ ",
        "[ERROR] The build could not read 1 project -> [Help 1]",
        "[ERROR]   ",
        "[ERROR]   The project  (/home/runner/work/acme/acme/pom.xml) has 1 error",
        "[ERROR]     " + first.removeprefix("[FATAL] ") + " -> [Help 2]",
        *HELP[1:],
    ]
    assert verdict("mvn -B test", output) == (Category.CONFIG, first, "maven-pom-invalid")


def test_a_compile_error_after_compiler_warnings_is_the_culprit() -> None:
    # Given maven-compiler-plugin's warnings block, then its error block, repeated under the goal's error
    first = (
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Report.java:[5,23] incompatible types: int cannot be "
        "converted to java.lang.String"
    )
    output = [
        "[WARNING] COMPILATION WARNING : ",
        "[WARNING] /home/runner/work/acme/acme/src/main/java/acme/UsesOld.java:[10,19] legacy() in acme.Old has been "
        "deprecated",
        "[INFO] 1 warning",
        "[ERROR] COMPILATION ERROR : ",
        first,
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Report.java:[6,16] cannot find symbol",
        "  symbol:   variable Formatter",
        "[INFO] 2 errors ",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.10.1:compile "
        "(default-compile) on project calc: Compilation failure: Compilation failure: ",
        first,
        *HELP,
    ]
    category, culprit, _ = verdict("mvn -B compile", output)
    assert (category, culprit) == (Category.BUILD, first)
    analysis = analyze_log(job_log("mvn -B compile", output))
    assert analysis.culprit is not None and analysis.culprit.line == 9 + output.index(first)


def test_surefire_before_2_19_lists_tests_without_a_log_level_and_its_first_test_still_wins() -> None:
    # Given Surefire 2.17's listing as Maven 3.2 printed it on Travis CI: no `[ERROR]` before the class's and the
    # test's lines, and the legacy `Failed tests:` list below (built from that release's format, not generated here:
    # Debian packages no Surefire that old)
    first = "testApp(com.example.AppTest)  Time elapsed: 0.007 sec  <<< FAILURE!"
    output = [
        "[INFO] --- maven-surefire-plugin:2.17:test (default-test) @ app ---",
        "-------------------------------------------------------",
        " T E S T S",
        "-------------------------------------------------------",
        "Running com.example.AppTest",
        "Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, "
        "Time elapsed: 0.052 sec <<< FAILURE! - in com.example.AppTest",
        first,
        "junit.framework.AssertionFailedError: expected:<1> but was:<2>",
        "\tat com.example.AppTest.testApp(AppTest.java:38)",
        "",
        "Results :",
        "",
        "Failed tests: ",
        "  AppTest.testApp:38 expected:<1> but was:<2>",
        "",
        "Tests run: 3, Failures: 1, Errors: 0, Skipped: 0",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.17:test (default-test) on "
        "project app: There are test failures.",
    ]
    # Then the test's own line is the culprit, not the entry under `Failed tests:`
    assert verdict("mvn test", output) == (Category.TEST, first, "surefire-failed-test")


def test_the_first_pmd_violation_is_the_culprit_not_the_goal_s_count() -> None:
    # Given maven-pmd-plugin's check goal (lines in the plugin's format; Debian packages no PMD plugin to run)
    first = (
        "[INFO] PMD Failure: com.example.Report:24 Rule:UnusedLocalVariable Priority:3 Avoid unused local variables."
    )
    output = [
        "[INFO] --- maven-pmd-plugin:3.21.0:check (default) @ app ---",
        first,
        "[INFO] PMD Failure: com.example.Report:36 Rule:SystemPrintln Priority:2 Usage of System.out/err.",
        "[INFO] You have 2 PMD violations. For more details see: /home/runner/work/app/app/target/pmd.xml",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-pmd-plugin:3.21.0:check (default) on project "
        "app: You have 2 PMD violations. For more details see: /home/runner/work/app/app/target/pmd.xml -> [Help 1]",
    ]
    assert verdict("mvn -B verify", output) == (Category.LINT, first, "maven-pmd-violation")


def test_a_jacoco_coverage_rule_is_named_not_coverage_checks_have_not_been_met() -> None:
    # Given jacoco-maven-plugin's check goal (its format; not generated here)
    rule = "[WARNING] Rule violated for bundle app: lines covered ratio is 0.76, but expected minimum is 0.80"
    output = [
        "[INFO] --- jacoco-maven-plugin:0.8.11:check (check) @ app ---",
        "[INFO] Analyzed bundle 'app' with 45 classes",
        rule,
        *FAILURE,
        "[ERROR] Failed to execute goal org.jacoco:jacoco-maven-plugin:0.8.11:check (check) on project app: Coverage "
        "checks have not been met. See log for details.",
    ]
    assert verdict("mvn -B verify", output) == (Category.TEST, rule, "jacoco-coverage-rule-violated")


def test_maven_on_a_jre_is_a_configuration_failure() -> None:
    # Given maven-compiler-plugin's error when there is no javac (its message; not generated here)
    error = "[ERROR] No compiler is provided in this environment. Perhaps you are running on a JRE rather than a JDK?"
    output = [
        "[INFO] --- maven-compiler-plugin:3.10.1:compile (default-compile) @ app ---",
        "[INFO] Changes detected - recompiling the module!",
        "[INFO] -------------------------------------------------------------",
        "[ERROR] COMPILATION ERROR : ",
        "[INFO] -------------------------------------------------------------",
        error,
        "[INFO] 1 error",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.10.1:compile "
        "(default-compile) on project app: Compilation failure",
        error,
    ]
    assert verdict("mvn -B package", output) == (Category.CONFIG, error, "maven-no-jdk")


def test_an_enforcer_rule_printed_as_a_warning_still_names_the_failure() -> None:
    # Given maven-enforcer-plugin before 3.0, which printed the failed rule at warning level (the 3.1.0 line from
    # the dev set with that level)
    rule = "[WARNING] Rule 0: org.apache.maven.plugins.enforcer.RequireFilesExist failed with message:"
    output = [
        "[INFO] --- maven-enforcer-plugin:1.4.1:enforce (enforce-files) @ calc ---",
        rule,
        "Some required files are missing:",
        "/home/runner/work/acme/acme/LICENSE",
        *FAILURE,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-enforcer-plugin:1.4.1:enforce (enforce-files) "
        "on project calc: Some Enforcer rules have failed. Look above for specific messages explaining why the rule "
        "failed. -> [Help 1]",
    ]
    assert verdict("mvn -B verify", output) == (Category.CONFIG, rule, "maven-enforcer-rule-failed")


def test_the_first_file_without_a_license_header_is_the_culprit() -> None:
    # Given license-maven-plugin's check goal (its messages; not generated here): the files, then the goal's error
    first = "[WARNING] Missing header in: /home/runner/work/app/app/src/main/java/com/example/Report.java"
    output = [
        "[INFO] --- license-maven-plugin:4.3:check (default) @ app ---",
        "[INFO] Checking licenses...",
        first,
        "[WARNING] Missing header in: /home/runner/work/app/app/src/main/java/com/example/Total.java",
        *FAILURE,
        "[ERROR] Failed to execute goal com.mycila:license-maven-plugin:4.3:check (default) on project app: Some "
        "files do not have the expected license header -> [Help 1]",
    ]
    assert verdict("mvn -B verify", output) == (Category.LINT, first, "license-header-missing")
