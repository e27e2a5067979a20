"""Gradle and Ant rules on job logs built from real tool output: Gradle's failure report (a task that does not
exist, a build script that does not compile or evaluate, an Exec task), javac under Gradle 4's plain console,
checkstyle's errors below its warnings, and Ant's Ivy, <exec>, <get>, <fail> and nested <subant> reports.

The Gradle 4 and Ant outputs below were printed by the tools themselves on the development machine, shortened
(bench/toolchain/gradle_ant_cases.py generates them: Gradle 4.4.1, Ant 1.10.13, Ivy 2.5.0, Checkstyle 8.36.1).
The Gradle 7/8 outputs are built from gradle/gradle's own format strings (its integration tests' expected
messages, the checkstyle plugin's message, the `> Task :x FAILED` header), not from a run: no Gradle newer than
4.4.1 could be installed here. Each test asserts the category and that the culprit is the first specific failure,
not Gradle's or Ant's report of it.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

ROOT = "/home/runner/work/acme/acme"
GRADLE_TRY = (
    "",
    "* Try:",
    "Run with --stacktrace option to get the stack trace. Run with --info or --debug option to get more log output.",
    "",
    "* Get more help at https://help.gradle.org",
    "",
)


# --- Gradle 4.4.1 (real output) ------------------------------------------------------------------------------------


def test_gradle4_first_failing_test_outranks_captured_error_output_and_the_report() -> None:
    # Given Gradle 4's test output: a passing test's captured stdout says ERROR, two classes fail, then the report
    log = step_log(
        "gradle build",
        ":compileTestJava",
        ":test",
        "",
        "acme.CalcTest > adds STANDARD_OUT",
        "    ERROR [main] acme.Cache - cache miss for key 'rates' (expected in this test)",
        "",
        "acme.OwnerTest > namesOwner FAILED",
        "    java.lang.NullPointerException at OwnerTest.java:10",
        "",
        "acme.LedgerTest > sumsEntries FAILED",
        "    java.lang.AssertionError at LedgerTest.java:18",
        "",
        "5 tests completed, 2 failed",
        ":test FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':test'.",
        f"> There were failing tests. See the report at: file://{ROOT}/build/reports/tests/test/index.html",
        *GRADLE_TRY,
        "BUILD FAILED in 44s",
    )
    # Then the first failing test is the culprit
    assert verdict(log) == (Category.TEST, "acme.OwnerTest > namesOwner FAILED", "gradle-failed-test")


def test_gradle4_continue_compile_error_joined_to_the_task_header_outranks_a_later_failing_test() -> None:
    # Given `gradle --continue`: core's javac error printed on its task's header line, then app's failing test
    log = step_log(
        "gradle --continue :core:compileJava :app:test",
        f":core:compileJava{ROOT}/core/src/main/java/acme/core/Rates.java:5: error: cannot find symbol",
        "        return RATES.get(currency);",
        "               ^",
        "  symbol:   variable RATES",
        "  location: class Rates",
        "1 error",
        " FAILED",
        ":app:compileTestJava",
        ":app:test",
        "",
        "acme.CalcTest > addsNegative FAILED",
        "    java.lang.AssertionError at CalcTest.java:16",
        "",
        "2 tests completed, 1 failed",
        ":app:test FAILED",
        "",
        "FAILURE: Build completed with 2 failures.",
        "",
        "1: Task failed with an exception.",
        "-----------",
        "* What went wrong:",
        "Execution failed for task ':core:compileJava'.",
        "> Compilation failed; see the compiler error output for details.",
        "",
        "2: Task failed with an exception.",
        "-----------",
        "* What went wrong:",
        "Execution failed for task ':app:test'.",
        f"> There were failing tests. See the report at: file://{ROOT}/app/build/reports/tests/test/index.html",
        *GRADLE_TRY,
        "BUILD FAILED in 36s",
    )
    # Then core's compile error is the culprit
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.BUILD, "gradle-plain-task-compile-error")
    assert culprit is not None and culprit.endswith("Rates.java:5: error: cannot find symbol")


def test_checkstyle_error_outranks_the_warnings_listed_above_it() -> None:
    # Given Gradle 4's checkstyle plugin: two warnings (severity warning) above the errors that failed the task
    log = step_log(
        "gradle check",
        ":checkstyleMain[ant:checkstyle] [WARN] "
        f"{ROOT}/src/main/java/acme/Report.java:5: Line is longer than 100 characters (found 114). [LineLength]",
        f"[ant:checkstyle] [WARN] {ROOT}/src/main/java/acme/Report.java:6:21: '72' is a magic number. [MagicNumber]",
        f"[ant:checkstyle] [ERROR] {ROOT}/src/main/java/acme/Report.java:7:9: "
        "'if' construct must use '{}'s. [NeedBraces]",
        f"[ant:checkstyle] [ERROR] {ROOT}/src/main/java/acme/Report.java:8:16: '=' is not followed by whitespace. "
        "[WhitespaceAround]",
        " FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':checkstyleMain'.",
        f"> Checkstyle rule violations were found. See the report at: file://{ROOT}/build/reports/checkstyle/main.html",
        *GRADLE_TRY,
        "BUILD FAILED in 53s",
    )
    # Then the first error is the culprit
    assert verdict(log) == (
        Category.LINT,
        f"[ant:checkstyle] [ERROR] {ROOT}/src/main/java/acme/Report.java:7:9: "
        "'if' construct must use '{}'s. [NeedBraces]",
        "checkstyle-error",
    )


def test_gradle4_task_that_does_not_exist_is_a_config_failure() -> None:
    log = step_log(
        "gradle tset",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Task 'tset' not found in root project 'acme'. Some candidates are: 'test'.",
        "",
        "* Try:",
        "Run gradle tasks to get a list of available tasks. Run with --stacktrace option to get the stack trace.",
        "",
        "BUILD FAILED in 26s",
    )
    assert verdict(log) == (
        Category.CONFIG,
        "Task 'tset' not found in root project 'acme'. Some candidates are: 'test'.",
        "gradle-task-not-found",
    )


def test_gradle4_build_script_syntax_error_names_groovys_line() -> None:
    log = step_log(
        "gradle build",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* Where:",
        f"Build file '{ROOT}/build.gradle' line: 13",
        "",
        "* What went wrong:",
        f"Could not compile build file '{ROOT}/build.gradle'.",
        "> startup failed:",
        f"  build file '{ROOT}/build.gradle': 13: expecting EOF, found '}}' @ line 13, column 2.",
        "     }}",
        "      ^",
        "  ",
        "  1 error",
        *GRADLE_TRY,
        "BUILD FAILED in 9s",
    )
    assert verdict(log) == (
        Category.CONFIG,
        f"build file '{ROOT}/build.gradle': 13: expecting EOF, found '}}' @ line 13, column 2.",
        "gradle-script-syntax-error",
    )


def test_gradle4_misspelt_configuration_is_the_evaluation_failures_cause() -> None:
    log = step_log(
        "gradle build",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* Where:",
        f"Build file '{ROOT}/build.gradle' line: 8",
        "",
        "* What went wrong:",
        "A problem occurred evaluating root project 'acme'.",
        "> Could not find method testImplmentation() for arguments [file collection] on object of type "
        "org.gradle.api.internal.artifacts.dsl.dependencies.DefaultDependencyHandler.",
        *GRADLE_TRY,
        "BUILD FAILED in 16s",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.CONFIG, "gradle-script-unknown-member")
    assert culprit is not None and culprit.startswith("> Could not find method testImplmentation()")


def test_gradle_run_reports_the_programs_uncaught_exception_not_the_exit_value() -> None:
    # Given the application plugin's run task: the program logs an ERROR line, throws, and Gradle reports the
    # java command's exit value under `:run FAILED`
    log = step_log(
        "gradle run",
        ":classes",
        ":runERROR schema check skipped (no database in this run)",
        "",
        "loading configuration from config/app.properties",
        "Exception in thread \"main\" java.lang.IllegalStateException: config/app.properties: key 'ledger.currency' "
        "is required",
        "\tat acme.Main.main(Main.java:7)",
        ":run FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':run'.",
        "> Process 'command '/usr/lib/jvm/java-17-openjdk-amd64/bin/java'' finished with non-zero exit value 1",
        *GRADLE_TRY,
        "BUILD FAILED in 24s",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.BUILD, "gradle-exec-nonzero")
    assert culprit is not None and culprit.startswith('Exception in thread "main" java.lang.IllegalStateException')


def test_gradle_exec_task_without_a_known_message_reports_the_exit_value() -> None:
    # Given an Exec task whose script's last words are in no shape a rule knows
    log = step_log(
        "gradle check",
        ":checkLicences",
        "checking licence headers",
        "licence check failed for src/main/java/acme/Calc.java",
        ":checkLicences FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':checkLicences'.",
        "> Process 'command 'bash'' finished with non-zero exit value 3",
        *GRADLE_TRY,
        "BUILD FAILED in 37s",
    )
    assert verdict(log) == (
        Category.BUILD,
        "> Process 'command 'bash'' finished with non-zero exit value 3",
        "gradle-exec-nonzero",
    )


def test_gradle_test_jvm_that_exits_is_a_test_failure_named_by_its_executor() -> None:
    log = step_log(
        "gradle test",
        ":testClasses",
        ":test FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':test'.",
        "> Process 'Gradle Test Executor 1' finished with non-zero exit value 3",
        *GRADLE_TRY,
        "BUILD FAILED in 37s",
    )
    assert verdict(log) == (
        Category.TEST,
        "> Process 'Gradle Test Executor 1' finished with non-zero exit value 3",
        "gradle-test-executor-exit",
    )


# --- Gradle 7/8 (built from gradle/gradle's format strings) --------------------------------------------------------


def test_gradle8_task_not_found_in_a_subproject() -> None:
    log = step_log(
        "./gradlew :app:tset",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Cannot locate tasks that match ':app:tset' as task 'tset' not found in project ':app'. "
        "Some candidates are: 'test'.",
        "",
        "* Try:",
        "> Run gradlew tasks to get a list of available tasks.",
        "> Run with --stacktrace option to get the stack trace.",
        "",
        "BUILD FAILED in 2s",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.CONFIG, "gradle-task-not-found")
    assert culprit is not None and culprit.startswith("Cannot locate tasks that match ':app:tset'")


def test_gradle8_groovy3_syntax_error() -> None:
    log = step_log(
        "./gradlew build",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* Where:",
        f"Build file '{ROOT}/build.gradle' line: 13",
        "",
        "* What went wrong:",
        f"Could not compile build file '{ROOT}/build.gradle'.",
        "> startup failed:",
        f"  build file '{ROOT}/build.gradle': 13: Unexpected input: '}}' @ line 13, column 2.",
        "     }}",
        "      ^",
        "",
        "  1 error",
        "",
        "BUILD FAILED in 3s",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.CONFIG, "gradle-script-syntax-error")
    assert culprit is not None and culprit.endswith("13: Unexpected input: '}' @ line 13, column 2.")


def test_gradle8_compile_error_is_javacs_first_line_not_the_indented_copy() -> None:
    # Given Gradle 8: javac's output, `> Task :compileJava FAILED`, and the report repeating javac's output indented
    log = step_log(
        "./gradlew build",
        "> Task :compileJava FAILED",
        f"{ROOT}/src/main/java/acme/Report.java:5: error: cannot find symbol",
        "        String title = ledger.title();",
        "                             ^",
        "  symbol:   method title()",
        "1 error",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':compileJava'.",
        "> Compilation failed; see the compiler output below.",
        f"  {ROOT}/src/main/java/acme/Report.java:5: error: cannot find symbol",
        "          String title = ledger.title();",
        "                               ^",
        "    symbol:   method title()",
        "  1 error",
        "",
        "BUILD FAILED in 4s",
    )
    assert verdict(log) == (
        Category.BUILD,
        f"{ROOT}/src/main/java/acme/Report.java:5: error: cannot find symbol",
        "java-compile-error",
    )


def test_gradle8_checkstyle_error_outranks_the_plugins_counts() -> None:
    log = step_log(
        "./gradlew check",
        "> Task :checkstyleMain FAILED",
        f"[ant:checkstyle] [WARN] {ROOT}/src/main/java/acme/Report.java:6:21: '72' is a magic number. [MagicNumber]",
        f"[ant:checkstyle] [ERROR] {ROOT}/src/main/java/acme/Report.java:7:9: "
        "'if' construct must use '{}'s. [NeedBraces]",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':checkstyleMain'.",
        f"> Checkstyle rule violations were found. See the report at: file://{ROOT}/build/reports/checkstyle/main.html",
        "  Checkstyle files with violations: 1",
        "  Checkstyle violations by severity: {error=1, warning=1}",
        "",
        "BUILD FAILED in 5s",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.LINT, "checkstyle-error")
    assert culprit is not None and "[ERROR]" in culprit and "[NeedBraces]" in culprit


# --- Ant 1.10.13 (real output) -------------------------------------------------------------------------------------


def test_ivy_first_unresolved_module_outranks_ants_report() -> None:
    log = step_log(
        "ant resolve",
        "resolve:",
        "[ivy:resolve] :: resolving dependencies :: com.acme#acme;working@vm",
        "[ivy:resolve] :: problems summary ::",
        "[ivy:resolve] :::: WARNINGS",
        "[ivy:resolve] \t\tmodule not found: com.acme#ledger-format;1.0",
        "[ivy:resolve] \t==== local-repo: tried",
        f"[ivy:resolve] \t  {ROOT}/repo/com.acme/ledger-format/1.0/ivy.xml",
        "[ivy:resolve] \t\t::::::::::::::::::::::::::::::::::::::::::::::",
        "[ivy:resolve] \t\t::          UNRESOLVED DEPENDENCIES         ::",
        "[ivy:resolve] \t\t::::::::::::::::::::::::::::::::::::::::::::::",
        "[ivy:resolve] \t\t:: com.acme#ledger-format;1.0: not found",
        "[ivy:resolve] \t\t:: org.example#rates-client;2.3.1: not found",
        "[ivy:resolve] \t\t::::::::::::::::::::::::::::::::::::::::::::::",
        "[ivy:resolve] :: USE VERBOSE OR DEBUG MESSAGE LEVEL FOR MORE DETAILS",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:5: impossible to resolve dependencies:",
        "\tresolve failed - see output for details",
        "",
        "Total time: 4 seconds",
    )
    assert verdict(log) == (
        Category.DEPENDENCY,
        "[ivy:resolve] \t\t:: com.acme#ledger-format;1.0: not found",
        "ivy-unresolved-dependency",
    )


def test_ant_exec_of_a_missing_program_is_a_config_failure() -> None:
    line = (
        f'{ROOT}/build.xml:19: Execute failed: java.io.IOException: Cannot run program "protoc" (in directory '
        f'"{ROOT}"): error=2, No such file or directory'
    )
    log = step_log(
        "ant generate",
        "generate:",
        f"    [mkdir] Created dir: {ROOT}/build/generated",
        "",
        "BUILD FAILED",
        line,
        "Caused by: java.io.IOException: error=2, No such file or directory",
        "\t... 25 more",
        "",
        "Total time: 2 seconds",
    )
    assert verdict(log) == (Category.CONFIG, line, "ant-exec-cannot-run")


def test_ant_get_of_an_unreachable_url_is_the_network() -> None:
    log = step_log(
        "ant fetch-libs",
        "fetch-libs:",
        "      [get] Getting: http://127.0.0.1:9/artifacts/ledger-format-1.0.jar",
        f"      [get] To: {ROOT}/lib/ledger-format-1.0.jar",
        "      [get] Error getting http://127.0.0.1:9/artifacts/ledger-format-1.0.jar to "
        f"{ROOT}/lib/ledger-format-1.0.jar",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:20: java.net.ConnectException: Connection refused",
        "",
        "Total time: 4 seconds",
    )
    assert verdict(log) == (
        Category.INFRASTRUCTURE,
        f"{ROOT}/build.xml:20: java.net.ConnectException: Connection refused",
        "ant-task-network-error",
    )


def test_ant_fail_message_in_a_nested_build_is_the_innermost_line() -> None:
    # Given <subant> into a module whose <fail> stops it: Ant's report nests one line per build file
    log = step_log(
        "ant build-all",
        "check-config:",
        "     [echo] checking release configuration",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:3: The following error occurred while executing this line:",
        f"{ROOT}/modules/ledger/build.xml:20: config/release.properties is missing: copy "
        "config/release.properties.example and set release.version",
        "",
        "Total time: 5 seconds",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.BUILD, "ant-build-failed-reason")
    assert culprit is not None and culprit.startswith(f"{ROOT}/modules/ledger/build.xml:20: config/release.properties")


def test_ant_exec_returned_leaves_the_programs_own_error_line_the_culprit() -> None:
    # Given an <exec> script that prints its error; Ant's `exec returned: 3` only says it failed
    log = step_log(
        "ant check",
        "check:",
        "     [exec] checking licences",
        "     [exec] error: src/acme/Calc.java has no licence header",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:18: exec returned: 3",
        "",
        "Total time: 1 second",
    )
    _category, culprit, rule = verdict(log)
    assert rule != "ant-build-failed-reason"
    assert culprit == "[exec] error: src/acme/Calc.java has no licence header"


def test_ant_checkstyle_task_error_outranks_its_warnings() -> None:
    log = step_log(
        "ant lint",
        "lint:",
        "[checkstyle] Running Checkstyle 8.36.1 on 2 files",
        f"[checkstyle] [WARN] {ROOT}/src/acme/Report.java:5: Line is longer than 100 characters (found 114). "
        "[LineLength]",
        f"[checkstyle] [ERROR] {ROOT}/src/acme/Report.java:7:9: 'if' construct must use '{{}}'s. [NeedBraces]",
        f"[checkstyle] [ERROR] {ROOT}/src/acme/Report.java:8:16: '=' is not preceded with whitespace. "
        "[WhitespaceAround]",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:19: Got 2 errors and 1 warnings.",
    )
    assert verdict(log) == (
        Category.LINT,
        f"[checkstyle] [ERROR] {ROOT}/src/acme/Report.java:7:9: 'if' construct must use '{{}}'s. [NeedBraces]",
        "checkstyle-error",
    )


def test_ant_junit_under_travis_style_exit_line_is_the_failing_testcase() -> None:
    log = step_log(
        "ant ci",
        "test:",
        "    [junit] Running acme.AlphaTest",
        "    [junit] Testsuite: acme.AlphaTest",
        "    [junit] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.161 sec",
        "    [junit] ",
        "    [junit] Testcase: addsLarge(acme.AlphaTest):\tFAILED",
        "    [junit] large sums expected:<2000> but was:<1999>",
        "    [junit] junit.framework.AssertionFailedError: large sums expected:<2000> but was:<1999>",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:18: The following error occurred while executing this line:",
        f"{ROOT}/modules/core/build.xml:19: Test acme.AlphaTest failed",
        "",
        'The command "ant ci" exited with 1.',
    )
    assert verdict(log) == (
        Category.TEST,
        "[junit] Testcase: addsLarge(acme.AlphaTest):\tFAILED",
        "ant-junit-testcase-failed",
    )


def test_ant_junit_without_junit_jar_is_a_config_failure() -> None:
    line = (
        f"{ROOT}/build.xml:22: The <classpath> or <modulepath> for <junit> must include junit.jar if not in Ant's own "
        "classpath"
    )
    log = step_log("ant test", "test:", "", "BUILD FAILED", line, "", "Total time: 6 seconds")
    assert verdict(log) == (Category.CONFIG, line, "ant-junit-jar-missing")


def test_ant_javac_srcdir_that_does_not_exist_is_a_config_failure() -> None:
    line = f'{ROOT}/build.xml:10: srcdir "{ROOT}/src/main/java" does not exist!'
    log = step_log(
        "ant compile", "compile:", f"    [mkdir] Created dir: {ROOT}/build/classes", "", "BUILD FAILED", line
    )
    assert verdict(log) == (Category.CONFIG, line, "ant-srcdir-missing")


def test_javac_source_level_refusal_is_its_first_line_under_gradle_and_ant() -> None:
    # Given javac 17 refusing `source 1.5`: the Source line, then the Target line (Gradle 4 joins the first to its
    # task header; Ant prints both under its [javac] column)
    gradle = step_log(
        "gradle build",
        ":compileJavaerror: Source option 5 is no longer supported. Use 7 or later.",
        "error: Target option 5 is no longer supported. Use 7 or later.",
        " FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':compileJava'.",
        "> Compilation failed; see the compiler error output for details.",
        *GRADLE_TRY,
        "BUILD FAILED in 8s",
    )
    ant = step_log(
        "ant compile",
        "compile:",
        f"    [javac] Compiling 1 source file to {ROOT}/build/classes",
        "    [javac] warning: [options] bootstrap class path not set in conjunction with -source 5",
        "    [javac] error: Source option 5 is no longer supported. Use 7 or later.",
        "    [javac] error: Target option 5 is no longer supported. Use 7 or later.",
        "",
        "BUILD FAILED",
        f"{ROOT}/build.xml:10: Compile failed; see the compiler error output for details.",
    )
    assert verdict(gradle) == (
        Category.CONFIG,
        ":compileJavaerror: Source option 5 is no longer supported. Use 7 or later.",
        "javac-source-level-unsupported",
    )
    assert verdict(ant) == (
        Category.CONFIG,
        "[javac] error: Source option 5 is no longer supported. Use 7 or later.",
        "javac-source-level-unsupported",
    )
