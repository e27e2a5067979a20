"""Rules for Maven builds beyond a plain Surefire failure: Surefire's older console formats, the plugins that stop a
build (javadoc, the compiler's failOnWarning, dependency:analyze, antrun, exec, resource filtering, checkstyle),
Surefire's fork timeout.

Unless a test says otherwise, the output below was printed by the tool itself on the development machine and
shortened (bench/toolchain/maven_more_cases.py generates it: Maven 3.8.7, Surefire 2.22.3, maven-javadoc-plugin
3.4.1, maven-dependency-plugin 3.5.0, maven-antrun-plugin 3.1.0, exec-maven-plugin 3.1.0, checkstyle 8.36).
Surefire before 2.19 and maven-checkstyle-plugin do not run here: those logs are built from the format strings in
their sources (apache/maven-surefire at the named tags, apache/maven-checkstyle-plugin), as each test says. Each
test asserts the category and that the culprit is the first specific failure, not Maven's `Failed to execute goal`
or `BUILD FAILURE` summary, a later failure, or a warning that failed nothing.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

MAVEN_TAIL = (
    "[INFO] ------------------------------------------------------------------------",
    "[INFO] BUILD FAILURE",
    "[INFO] ------------------------------------------------------------------------",
    "[INFO] Total time:  21.349 s",
    "[INFO] ------------------------------------------------------------------------",
)
HELP = (
    "[ERROR] ",
    "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
    "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
    "[ERROR] ",
    "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
    "[ERROR] [Help 1] http://example.com/confluence/display/MAVEN/MojoFailureException",
)


def test_surefire_2_12_names_the_first_failed_test_on_the_results_header_line() -> None:
    # Given Surefire 2.12.4's console, built from its format strings (apache/maven-surefire at surefire-2.12.4:
    # ConsoleReporter's `Running <class>`, TestSetStats' `Tests run: ... sec <<< FAILURE!` without ` - in`, and
    # DefaultReporterFactory.runCompleted, which prints the `Failed tests: ` header without a newline so the first
    # `method(class): message` source shares its line; `Tests in error: ` is printed with one)
    output = (
        "[INFO] --- maven-surefire-plugin:2.12.4:test (default-test) @ app ---",
        "[INFO] Surefire report directory: /home/travis/build/acme/app/target/surefire-reports",
        "",
        "-------------------------------------------------------",
        " T E S T S",
        "-------------------------------------------------------",
        "Running com.acme.app.AConnectionTest",
        "SEVERE: ERROR connection to db:5432 refused, retrying",
        "java.net.ConnectException: Connection refused",
        "Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.021 sec",
        "Running com.acme.app.CalcTest",
        "Tests run: 4, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.012 sec <<< FAILURE!",
        "Running com.acme.app.NameTest",
        "Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.003 sec <<< FAILURE!",
        "",
        "Results :",
        "",
        "Failed tests:   addsWrong(com.acme.app.CalcTest): expected:<5> but was:<4>",
        "  trimsSpaces(com.acme.app.NameTest): expected:<[a]> but was:<[ a]>",
        "",
        "Tests in error: ",
        "  dividesByZero(com.acme.app.CalcTest): / by zero",
        "",
        "Tests run: 8, Failures: 2, Errors: 1, Skipped: 0",
        "",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.12.4:test (default-test) on"
        " project app: There are test failures.",
        "[ERROR] ",
        "[ERROR] Please refer to /home/travis/build/acme/app/target/surefire-reports for the individual test results.",
        *HELP,
    )
    # When the step is analysed
    category, culprit, rule = verdict(step_log("mvn -B install", *output))
    # Then the line naming the first failed test is the culprit, not `Tests in error:` below it
    assert (category, culprit, rule) == (
        Category.TEST,
        "Failed tests:   addsWrong(com.acme.app.CalcTest): expected:<5> but was:<4>",
        "surefire-legacy-failed-tests-inline",
    )


def test_surefire_2_4_lists_the_first_failed_test_under_its_header() -> None:
    # Given Surefire 2.4.3's console (Maven 2), built from its format strings (apache/maven-surefire at
    # surefire-2.4.3: ReporterManager.runCompleted writes every footer line with println)
    output = (
        "Running com.mycompany.app.AppTest",
        "Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.031 sec <<< FAILURE!",
        "",
        "Results :",
        "",
        "Failed tests: ",
        "  testApp(com.mycompany.app.AppTest)",
        "",
        "Tests run: 1, Failures: 1, Errors: 0, Skipped: 0",
        "",
        "[INFO] ------------------------------------------------------------------------",
        "[ERROR] BUILD FAILURE",
        "[INFO] ------------------------------------------------------------------------",
        "[INFO] There are test failures.",
    )
    category, culprit, _rule = verdict(step_log("mvn install", *output))
    assert (category, culprit) == (Category.TEST, "testApp(com.mycompany.app.AppTest)")


def test_surefire_2_18_test_line_wins_over_the_one_line_results_list() -> None:
    # Given Surefire 2.18.1's console, built from its format strings (TestSetStats' ` - in <class>`, the test's
    # `method(class)  Time elapsed: N sec  <<< FAILURE!`, the 2.13+ one-line `Class.method:line message` list)
    output = (
        "Running com.acme.app.CalcTest",
        "Tests run: 4, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.05 sec <<< FAILURE! - in"
        " com.acme.app.CalcTest",
        "addsWrong(com.acme.app.CalcTest)  Time elapsed: 0.003 sec  <<< FAILURE!",
        "java.lang.AssertionError: expected:<5> but was:<4>",
        "\tat org.junit.Assert.fail(Assert.java:88)",
        "\tat com.acme.app.CalcTest.addsWrong(CalcTest.java:15)",
        "",
        "dividesByZero(com.acme.app.CalcTest)  Time elapsed: 0 sec  <<< ERROR!",
        "java.lang.ArithmeticException: / by zero",
        "\tat com.acme.app.Calc.div(Calc.java:9)",
        "",
        "",
        "Results :",
        "",
        "Failed tests: ",
        "  CalcTest.addsWrong:15 expected:<5> but was:<4>",
        "Tests in error: ",
        "  CalcTest.dividesByZero:23 » Arithmetic / by zero",
        "",
        "Tests run: 4, Failures: 1, Errors: 1, Skipped: 0",
        "",
        *MAVEN_TAIL,
    )
    category, culprit, rule = verdict(step_log("mvn -B verify", *output))
    assert (category, culprit, rule) == (
        Category.TEST,
        "addsWrong(com.acme.app.CalcTest)  Time elapsed: 0.003 sec  <<< FAILURE!",
        "surefire-failed-test",
    )


def test_surefire_fork_timeout_is_the_failure() -> None:
    output = (
        "[INFO] Running acme.AOkTest",
        "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.631 s - in acme.AOkTest",
        "[INFO] Running acme.ImportJobTest",
        "waiting for queue 'imports' to drain",
        "[INFO] ",
        "[INFO] Results:",
        "[INFO] ",
        "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on"
        " project calc: There was a timeout or other error in the fork -> [Help 1]",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B -Dsurefire.timeout=15 test", *output))
    assert category is Category.TIMEOUT
    assert culprit is not None and culprit.endswith("There was a timeout or other error in the fork -> [Help 1]")
    assert rule == "test-runner-timeout"


def test_javadoc_warnings_echoed_at_error_level_are_not_the_failure() -> None:
    # Given maven-javadoc-plugin repeating javadoc's output at error level: warnings first, then the errors
    output = (
        "[INFO] --- maven-javadoc-plugin:3.4.1:jar (attach-javadocs) @ calc ---",
        "[INFO] Adding the --ignore-source-errors option",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-javadoc-plugin:3.4.1:jar (attach-javadocs) on"
        " project calc: MavenReportException: Error while generating Javadoc: ",
        "[ERROR] Exit code: 1 - Loading source files for package acme...",
        "[ERROR] Constructing Javadoc information...",
        "[ERROR] Generating /home/runner/work/acme/acme/target/apidocs/acme/Calc.html...",
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Calc.java:3: warning: no comment",
        "[ERROR] public class Calc {",
        "[ERROR]        ^",
        "[ERROR] Generating /home/runner/work/acme/acme/target/apidocs/acme/Money.html...",
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Money.java:12: error: @param name not found",
        "[ERROR]      * @param amount the amount",
        "[ERROR]               ^",
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Money.java:20: error: malformed HTML",
        "[ERROR] 2 errors",
        "[ERROR] 1 warning",
        "[ERROR] ",
        "[ERROR] Command line was: /usr/lib/jvm/java-17-openjdk-amd64/bin/javadoc @options @packages",
        "[ERROR] -> [Help 1]",
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B -DskipTests package", *output))
    assert (category, culprit) == (
        Category.BUILD,
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Money.java:12: error: @param name not found",
    )


def test_javadoc_error_glued_to_the_exit_code_line() -> None:
    # Given javadoc's first output line already an error (constructed from the plugin's `Exit code: N - ` prefix
    # and javadoc's own message)
    output = (
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-javadoc-plugin:3.4.1:jar (attach-javadocs) on"
        " project calc: MavenReportException: Error while generating Javadoc: ",
        "[ERROR] Exit code: 1 - /home/runner/work/acme/acme/src/main/java/acme/Money.java:12: error: @param name not"
        " found",
        "[ERROR]      * @param amount the amount",
        "[ERROR]               ^",
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Money.java:20: error: bad use of '>'",
        "[ERROR] ",
        "[ERROR] Command line was: /usr/lib/jvm/java-11-openjdk-amd64/bin/javadoc @options @packages",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B -q package", *output))
    assert category is Category.BUILD
    assert culprit is not None and culprit.endswith("Money.java:12: error: @param name not found")
    assert rule == "maven-javadoc-first-error"


def test_compiler_fail_on_warning_reports_javacs_werror_line() -> None:
    output = (
        "[INFO] --- maven-compiler-plugin:3.10.1:compile (default-compile) @ calc ---",
        "[INFO] -------------------------------------------------------------",
        "[WARNING] COMPILATION WARNING : ",
        "[INFO] -------------------------------------------------------------",
        "[WARNING] /home/runner/work/acme/acme/src/main/java/acme/UsesOld.java:[6,5] found raw type: java.util.List",
        "  missing type arguments for generic class java.util.List<E>",
        "[WARNING] /home/runner/work/acme/acme/src/main/java/acme/UsesOld.java:[10,19] legacy() in acme.Old has been"
        " deprecated",
        "[INFO] 2 warnings ",
        "[INFO] -------------------------------------------------------------",
        "[ERROR] COMPILATION ERROR : ",
        "[INFO] -------------------------------------------------------------",
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/UsesOld.java: warnings found and -Werror specified",
        "[INFO] 1 error",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.10.1:compile"
        " (default-compile) on project calc: Compilation failure",
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/UsesOld.java: warnings found and -Werror specified",
        "[ERROR] -> [Help 1]",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B compile", *output))
    assert (category, culprit, rule) == (
        Category.BUILD,
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/UsesOld.java: warnings found and -Werror specified",
        "maven-compiler-werror",
    )


ANALYZE_FAILURE = (
    "[INFO] --- maven-dependency-plugin:3.5.0:analyze-only (analyze) @ calc ---",
    "[ERROR] Unused declared dependencies found:",
    "[ERROR]    org.apache.commons:commons-lang3:jar:3.12.0:compile",
    *MAVEN_TAIL,
    "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-dependency-plugin:3.5.0:analyze-only (analyze) on"
    " project calc: Dependency problems found -> [Help 1]",
    *HELP,
)


def test_dependency_analyze_names_the_unused_declared_dependency() -> None:
    category, culprit, rule = verdict(step_log("mvn -B verify", *ANALYZE_FAILURE))
    assert (category, culprit, rule) == (
        Category.DEPENDENCY,
        "[ERROR] Unused declared dependencies found:",
        "maven-dependency-analyze",
    )


def test_checkstyle_warnings_that_fail_nothing_do_not_beat_the_later_failure() -> None:
    # Given checkstyle's DefaultLogger lines at warning severity (the CLI, maven-checkstyle-plugin's consoleOutput
    # before 3.2 prints them as is, newer releases under `[INFO] `), which fail nothing, then a plugin that fails
    output = (
        "[INFO] --- exec-maven-plugin:3.1.0:exec (checkstyle) @ calc ---",
        "Starting audit...",
        "[WARN] /home/runner/work/acme/acme/src/main/java/acme/Calc.java:3:1: Missing a Javadoc comment."
        " [MissingJavadocType]",
        "[WARN] /home/runner/work/acme/acme/src/main/java/acme/Pricing.java:5:21: '+' is not preceded with"
        " whitespace. [WhitespaceAround]",
        "[INFO] [WARN] /home/runner/work/acme/acme/src/main/java/acme/Pricing.java:5:31: '100' is a magic number."
        " [MagicNumber]",
        "Audit done.",
        *ANALYZE_FAILURE,
    )
    category, culprit, rule = verdict(step_log("mvn -B verify", *output))
    assert (category, culprit, rule) == (
        Category.DEPENDENCY,
        "[ERROR] Unused declared dependencies found:",
        "maven-dependency-analyze",
    )


def test_checkstyle_check_at_warning_severity_fails_on_its_first_listed_violation() -> None:
    # Given maven-checkstyle-plugin's check goal with violationSeverity=warning, built from its format
    # (CheckstyleViolationCheckMojo.printViolations: `%s:[%s%s] (%s) %s: %s` at the violation's level, then
    # `You have N Checkstyle violations.` as the goal's failure)
    output = (
        "[INFO] --- maven-checkstyle-plugin:3.3.1:check (validate) @ calc ---",
        "[WARNING] src/main/java/acme/Calc.java:[3,1] (javadoc) MissingJavadocType: Missing a Javadoc comment.",
        "[WARNING] src/main/java/acme/Pricing.java:[5,21] (whitespace) WhitespaceAround: '+' is not preceded with"
        " whitespace.",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-checkstyle-plugin:3.3.1:check (validate) on"
        " project calc: You have 2 Checkstyle violations. -> [Help 1]",
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B verify", *output))
    assert (category, culprit) == (
        Category.LINT,
        "[WARNING] src/main/java/acme/Calc.java:[3,1] (javadoc) MissingJavadocType: Missing a Javadoc comment.",
    )


def test_antrun_reports_the_ant_tasks_message() -> None:
    output = (
        "[INFO] --- maven-antrun-plugin:3.1.0:run (check-generated) @ calc ---",
        "[INFO] Executing tasks",
        "[WARNING]      [echo] checking generated sources (warning: this takes a while)",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-antrun-plugin:3.1.0:run (check-generated) on"
        " project calc: An Ant BuildException has occured: Generated sources are missing: run ./gen.sh",
        '[ERROR] around Ant part ...<fail unless="generated.present" message="Generated sources are missing: run'
        ' ./gen.sh" />... @ 6:124 in /home/runner/work/acme/acme/target/antrun/build-main.xml',
        "[ERROR] -> [Help 1]",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B verify", *output))
    assert category is Category.BUILD
    assert culprit is not None and "An Ant BuildException has occured: Generated sources are missing" in culprit
    assert rule == "maven-antrun-build-exception"


def test_resource_filtering_failure() -> None:
    output = (
        "[INFO] --- maven-resources-plugin:3.3.0:resources (default-resources) @ calc ---",
        "[INFO] Copying 1 resource",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-resources-plugin:3.3.0:resources"
        " (default-resources) on project calc: filtering /home/runner/work/acme/acme/src/main/resources/app.properties"
        " to /home/runner/work/acme/acme/target/classes/app.properties failed with MalformedInputException",
        *HELP,
    )
    category, _culprit, rule = verdict(step_log("mvn -B package", *output))
    assert (category, rule) == (Category.BUILD, "maven-resources-filtering-failed")


def test_exec_java_reports_the_programs_exception() -> None:
    output = (
        "[INFO] --- exec-maven-plugin:3.1.0:java (generate-schema) @ calc ---",
        "[gen] reading src/main/schema/orders.yaml",
        "ERROR is a reserved word in this schema dialect; renaming field 'ERROR' to 'error_'",
        "[WARNING] ",
        "java.lang.IllegalStateException: schema not found: src/main/schema/orders.yaml",
        "    at acme.GenerateSchema.main (GenerateSchema.java:12)",
        "    at org.codehaus.mojo.exec.ExecJavaMojo$1.run (ExecJavaMojo.java:279)",
        "    at java.lang.Thread.run (Thread.java:840)",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.codehaus.mojo:exec-maven-plugin:3.1.0:java (generate-schema) on project"
        " calc: An exception occurred while executing the Java class. schema not found: src/main/schema/orders.yaml"
        " -> [Help 1]",
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B package", *output))
    assert (category, culprit) == (
        Category.BUILD,
        "java.lang.IllegalStateException: schema not found: src/main/schema/orders.yaml",
    )


def test_exec_exec_reports_what_the_program_printed_before_exec_gave_up() -> None:
    output = (
        "[INFO] --- exec-maven-plugin:3.1.0:exec (lint-openapi) @ calc ---",
        "linting api/openapi.yaml",
        "api/openapi.yaml:12: paths./orders.get.responses: missing 200 response",
        "[ERROR] Command execution failed.",
        "org.apache.commons.exec.ExecuteException: Process exited with an error: 2 (Exit value: 2)",
        "    at org.apache.commons.exec.DefaultExecutor.executeInternal (DefaultExecutor.java:404)",
        "    at org.codehaus.mojo.exec.ExecMojo.execute (ExecMojo.java:471)",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.codehaus.mojo:exec-maven-plugin:3.1.0:exec (lint-openapi) on project calc:"
        " Command execution failed.: Process exited with an error: 2 (Exit value: 2) -> [Help 1]",
        *HELP,
    )
    _category, culprit, _rule = verdict(step_log("mvn -B verify", *output))
    assert culprit == "api/openapi.yaml:12: paths./orders.get.responses: missing 200 response"


def test_jacoco_check_reports_the_violated_rule_not_the_goals_summary() -> None:
    # Given jacoco-maven-plugin's check goal (not packaged by Debian; built from its messages: the rule at warning
    # level, `Rule violated for <element> <name>: <counter> <value> is <actual>, but expected <limit> is <n>`, then
    # the goal's `Coverage checks have not been met. See log for details.`), after passing tests
    output = (
        "[INFO] Tests run: 12, Failures: 0, Errors: 0, Skipped: 0",
        "[INFO] --- jacoco-maven-plugin:0.8.11:check (check) @ calc ---",
        "[INFO] Loading execution data file /home/runner/work/acme/acme/target/jacoco.exec",
        "[INFO] Analyzed bundle 'calc' with 4 classes",
        "[WARNING] Rule violated for bundle calc: lines covered ratio is 0.62, but expected minimum is 0.80",
        "[WARNING] Rule violated for class acme.Pricing: methods missed count is 2, but expected maximum is 0",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.jacoco:jacoco-maven-plugin:0.8.11:check (check) on project calc: Coverage"
        " checks have not been met. See log for details. -> [Help 1]",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B verify", *output))
    assert (category, culprit, rule) == (
        Category.TEST,
        "[WARNING] Rule violated for bundle calc: lines covered ratio is 0.62, but expected minimum is 0.80",
        "jacoco-coverage-rule-violated",
    )


def test_sonar_scanner_refused_for_want_of_a_token_is_a_permission_failure() -> None:
    # Given sonar-maven-plugin after a passing build (SonarQube's DefaultScannerWsClient message for HTTP 401,
    # as SonarQube's own tests assert it; not run here)
    output = (
        "[INFO] --- sonar-maven-plugin:3.9.1.2184:sonar (default-cli) @ calc ---",
        "[INFO] User cache: /home/runner/.sonar/cache",
        "[INFO] Load global settings",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.sonarsource.scanner.maven:sonar-maven-plugin:3.9.1.2184:sonar (default-cli)"
        " on project calc: Not authorized. Analyzing this project requires authentication. Please provide a user token"
        " in sonar.login or other credentials in sonar.login and sonar.password. -> [Help 1]",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B verify sonar:sonar", *output))
    assert (category, rule) == (Category.PERMISSION, "sonar-not-authorized")
    assert culprit is not None and "Not authorized. Analyzing this project requires authentication." in culprit


def test_cobertura_check_reports_the_first_class_below_its_rate() -> None:
    # Given cobertura-maven-plugin's check after passing tests (its output as a public report quotes it; not run here)
    output = (
        "Tests run: 1, Failures: 0, Errors: 0, Skipped: 0",
        "",
        "[INFO] [cobertura:check {execution: default}]",
        "[INFO] Cobertura 1.9.2 - GNU GPL License (NO WARRANTY) - See COPYRIGHT file",
        "Cobertura: Loaded information on 1 classes.",
        "",
        "[ERROR] com.acme.app.Pricing failed check. Line coverage rate of 40.0% is below 80.0%",
        "Project failed check. Total line coverage rate of 55.0% is below 90.0%",
        "",
        "[INFO] ------------------------------------------------------------------------",
        "[ERROR] BUILD ERROR",
        "[INFO] ------------------------------------------------------------------------",
        "[INFO] Coverage check failed. See messages above.",
    )
    category, culprit, rule = verdict(step_log("mvn install", *output))
    assert (category, culprit, rule) == (
        Category.TEST,
        "[ERROR] com.acme.app.Pricing failed check. Line coverage rate of 40.0% is below 80.0%",
        "cobertura-check-failed",
    )
