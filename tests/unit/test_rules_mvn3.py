"""Maven beyond compile and test, as Travis-era Java builds printed it: Surefire on TestNG, test errors that are not
assertions, a fork that cannot start, Surefire running no test at all, animal-sniffer's API check, and Travis's
default Java install before the script's `mvn test`.

Unless a test says otherwise, the output below was printed by the tool itself on the development machine and
shortened (bench/toolchain/maven_travis_cases.py generates it: Maven 3.8.7, Surefire 2.22.3 with TestNG 6.9 and
JUnit 4.13, animal-sniffer-maven-plugin 1.16, OpenJDK 17). Formats newer or older than these are built from the
tools' sources, as each test says. Each test asserts the category and that the culprit is the first specific
failure, not Maven's `Failed to execute goal`, `BUILD FAILURE`, `There are test failures` or a `Tests run:` count.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

SNIFFED = (
    "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Schedule.java:13: Undefined reference: java.time.LocalDate"
)
MAVEN_TAIL = (
    "[INFO] ------------------------------------------------------------------------",
    "[INFO] BUILD FAILURE",
    "[INFO] ------------------------------------------------------------------------",
    "[INFO] Total time:  19.703 s",
    "[INFO] Finished at: 2026-11-30T07:23:35Z",
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
SUREFIRE_FAILED = (
    "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on"
    " project calc: There are test failures."
)


def test_surefire_on_testng_names_the_first_failing_method_under_the_suite_line() -> None:
    # Given Surefire's TestNG provider, which reports the whole run as one `TestSuite`, after a passing test that
    # prints an `[ERROR]` line of its own
    output = (
        "[INFO] --- maven-surefire-plugin:2.22.3:test (default-test) @ calc ---",
        "[INFO] Running TestSuite",
        "[ERROR] printed by a passing test, not a failure",
        "[ERROR] Tests run: 5, Failures: 2, Errors: 0, Skipped: 1, Time elapsed: 1.947 s <<< FAILURE! - in TestSuite",
        "[ERROR] addsWrong(acme.CalcTest)  Time elapsed: 0.087 s  <<< FAILURE!",
        "java.lang.AssertionError: sum of 2 and 2 expected [5] but found [4]",
        "\tat acme.CalcTest.addsWrong(CalcTest.java:15)",
        "",
        "[ERROR] trimsNull(acme.NameTest)  Time elapsed: 0.009 s  <<< FAILURE!",
        'java.lang.NullPointerException: Cannot invoke "String.trim()" because "s" is null',
        "\tat acme.NameTest.trimsNull(NameTest.java:10)",
        "",
        "[INFO] Results:",
        "[ERROR] Failures: ",
        "[ERROR]   CalcTest.addsWrong:15 sum of 2 and 2 expected [5] but found [4]",
        '[ERROR]   NameTest.trimsNull:10 » NullPointer Cannot invoke "String.trim()" because "s" ...',
        "[ERROR] Tests run: 5, Failures: 2, Errors: 0, Skipped: 1",
        *MAVEN_TAIL,
        SUREFIRE_FAILED,
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B test", *output))
    assert (category, culprit) == (
        Category.TEST,
        "[ERROR] addsWrong(acme.CalcTest)  Time elapsed: 0.087 s  <<< FAILURE!",
    )


def test_a_test_that_runs_out_of_heap_is_reported_at_its_own_lines() -> None:
    # Given a test error that is an OutOfMemoryError (the fork's argLine caps the heap at 64 MB)
    output = (
        "[INFO] Running acme.ReportCacheTest",
        "[ERROR] Tests run: 1, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: 0.358 s <<< FAILURE! - in"
        " acme.ReportCacheTest",
        "[ERROR] cachesEveryPage(acme.ReportCacheTest)  Time elapsed: 0.345 s  <<< ERROR!",
        "java.lang.OutOfMemoryError: Java heap space",
        "\tat acme.ReportCacheTest.cachesEveryPage(ReportCacheTest.java:12)",
        "",
        "[INFO] Results:",
        "[ERROR] Errors: ",
        "[ERROR]   ReportCacheTest.cachesEveryPage:12 » OutOfMemory Java heap space",
        "[ERROR] Tests run: 1, Failures: 0, Errors: 1, Skipped: 0",
        *MAVEN_TAIL,
        SUREFIRE_FAILED,
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B test", *output))
    # Then the culprit is one of the failing test's lines, never the Results list or the goal's error
    assert category in (Category.TEST, Category.RESOURCE)
    assert culprit in (
        "[ERROR] cachesEveryPage(acme.ReportCacheTest)  Time elapsed: 0.345 s  <<< ERROR!",
        "java.lang.OutOfMemoryError: Java heap space",
    )


def test_a_jobs_execution_exception_is_the_failing_tests_error() -> None:
    # Given a test whose job threw: Future.get wraps it in ExecutionException, with `Caused by:` below; a second
    # test of the class then times out waiting for another job; the job printed an `ERROR [worker-1]` log line
    output = (
        "[INFO] Running acme.WorkerPoolTest",
        "ERROR [worker-1] acme.Ledger - ledger 42 is closed, rethrowing",
        "[ERROR] Tests run: 3, Failures: 0, Errors: 2, Skipped: 0, Time elapsed: 0.279 s <<< FAILURE! - in"
        " acme.WorkerPoolTest",
        "[ERROR] aRunsJobs(acme.WorkerPoolTest)  Time elapsed: 0.039 s  <<< ERROR!",
        "java.util.concurrent.ExecutionException: java.lang.IllegalStateException: ledger 42 is closed",
        "\tat acme.WorkerPoolTest.aRunsJobs(WorkerPoolTest.java:28)",
        "Caused by: java.lang.IllegalStateException: ledger 42 is closed",
        "",
        "[ERROR] bWaitsForSlowJob(acme.WorkerPoolTest)  Time elapsed: 0.205 s  <<< ERROR!",
        "java.util.concurrent.TimeoutException",
        "\tat acme.WorkerPoolTest.bWaitsForSlowJob(WorkerPoolTest.java:42)",
        "",
        "[INFO] Results:",
        "[ERROR] Errors: ",
        "[ERROR]   WorkerPoolTest.aRunsJobs:28 » Execution java.lang.IllegalStateException: ledger 42 is closed",
        "[ERROR]   WorkerPoolTest.bWaitsForSlowJob:42 » Timeout",
        "[ERROR] Tests run: 4, Failures: 0, Errors: 2, Skipped: 0",
        *MAVEN_TAIL,
        SUREFIRE_FAILED,
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B test", *output))
    assert (category, culprit) == (
        Category.TEST,
        "[ERROR] aRunsJobs(acme.WorkerPoolTest)  Time elapsed: 0.039 s  <<< ERROR!",
    )


def test_a_fork_refused_by_a_removed_jvm_option_is_surefires_dead_fork() -> None:
    # Given a Java 7-era argLine (-XX:MaxPermSize) on JDK 17: the JVM does not start, Surefire does not show its
    # `Unrecognized VM option`, only that the fork did not say goodbye
    output = (
        "[INFO] --- maven-surefire-plugin:2.22.3:test (default-test) @ calc ---",
        *MAVEN_TAIL,
        SUREFIRE_FAILED,
        "[ERROR] ",
        "[ERROR] Please refer to /home/runner/work/acme/acme/target/surefire-reports for the individual test results.",
        "[ERROR] Please refer to dump files (if any exist) [date].dump, [date]-jvmRun[N].dump and [date].dumpstream.",
        "[ERROR] The forked VM terminated without properly saying goodbye. VM crash or System.exit called?",
        "[ERROR] Command was /bin/sh -c cd '/home/runner/work/acme/acme' && "
        "'/usr/lib/jvm/java-17-openjdk-amd64/bin/java' '-Xmx1024m' '-XX:MaxPermSize=256m' '-jar' "
        "'/home/runner/work/acme/acme/target/surefire/surefirebooter5144.jar'",
        "[ERROR] Error occurred in starting fork, check output in log",
        "[ERROR] Process Exit Code: 1",
        "[ERROR] org.apache.maven.surefire.booter.SurefireBooterForkException: The forked VM terminated without"
        " properly saying goodbye. VM crash or System.exit called?",
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B test", *output))
    assert (category, culprit) == (
        Category.TEST,
        "[ERROR] The forked VM terminated without properly saying goodbye. VM crash or System.exit called?",
    )


def test_surefire_running_no_test_is_the_test_selection_not_a_build_failure() -> None:
    # Given `-Dtest=CalcTests` naming a class that does not exist: Surefire 2.22 runs nothing and fails the goal
    output = (
        "[INFO] --- maven-surefire-plugin:2.22.3:test (default-test) @ calc ---",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on"
        " project calc: No tests were executed!  (Set -DfailIfNoTests=false to ignore this error.) -> [Help 1]",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B -Dtest=CalcTests test", *output))
    assert (category, rule) == (Category.CONFIG, "surefire-no-tests-executed")
    assert culprit is not None and "No tests were executed!" in culprit


def test_surefire_3_names_the_pattern_that_matched_no_test() -> None:
    # Given Surefire 3's wording for a -Dtest pattern that matched nothing (apache/maven-surefire
    # AbstractSurefireMojo: `No tests matching pattern "<tests>" were executed! (Set -D<plugin>.failIfNoSpecifiedTests
    # =false to ignore this error.)`), not run here
    output = (
        "[INFO] --- maven-surefire-plugin:3.2.5:test (default-test) @ app ---",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on"
        ' project app: No tests matching pattern "LedgerIT" were executed! (Set -Dsurefire.failIfNoSpecifiedTests=false'
        " to ignore this error.) -> [Help 1]",
        *HELP,
    )
    category, _culprit, rule = verdict(step_log("mvn -B -Dtest=LedgerIT test", *output))
    assert (category, rule) == (Category.CONFIG, "surefire-no-tests-executed")


def test_animal_sniffer_first_undefined_reference_is_the_culprit() -> None:
    # Given animal-sniffer 1.16's check against a Java 7 signature: the code uses Java 8 API
    output = (
        "[INFO] --- animal-sniffer-maven-plugin:1.16:check (check-api) @ calc ---",
        "[INFO] Checking unresolved references to com.acme.signature:java7-base:1.0",
        SNIFFED,
        "[ERROR] /home/runner/work/acme/acme/src/main/java/acme/Schedule.java:18: Undefined reference: int"
        " Integer.sum(int, int)",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.codehaus.mojo:animal-sniffer-maven-plugin:1.16:check (check-api) on project"
        " calc: Signature errors found. Verify them and ignore them with the proper annotation if needed. -> [Help 1]",
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B verify", *output))
    assert (category, culprit) == (
        Category.BUILD,
        SNIFFED,
    )


def test_animal_sniffer_on_a_class_without_line_numbers() -> None:
    # Given newer animal-sniffer's forms (mojohaus/animal-sniffer SignatureChecker: a `major version:<n> in ` prefix
    # and `: Field <name>` for a field's type, the class file's name where no source line is known), not run here
    output = (
        "[INFO] --- animal-sniffer-maven-plugin:1.23:check (signature-check) @ app ---",
        "[ERROR] major version:52 in com/acme/app/Dates.class: Field created: Undefined reference: java.time.Instant",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.codehaus.mojo:animal-sniffer-maven-plugin:1.23:check (signature-check) on"
        " project app: Signature errors found. Verify them and ignore them with the proper annotation if needed.",
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B verify", *output))
    assert (category, rule) == (Category.BUILD, "animal-sniffer-undefined-reference")
    assert culprit == (
        "[ERROR] major version:52 in com/acme/app/Dates.class: Field created: Undefined reference: java.time.Instant"
    )


def test_travis_default_install_then_the_scripts_test_failure() -> None:
    # Given Travis's default Java install (tests and javadoc skipped) passing, then the script's `mvn test -B`
    # failing in the reactor's second module; `-rf :util` and the Reactor Summary below
    output = (
        "Apache Maven 3.8.7",
        "[INFO] Reactor Summary for parent 1.0.0:",
        "[INFO] BUILD SUCCESS",
        "[INFO] Scanning for projects...",
        "[INFO] Running acme.TextTest",
        "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.216 s <<< FAILURE! - in"
        " acme.TextTest",
        "[ERROR] uppers(acme.TextTest)  Time elapsed: 0.041 s  <<< FAILURE!",
        "org.junit.ComparisonFailure: expected:<AB[]> but was:<AB[ ]>",
        "\tat acme.TextTest.uppers(TextTest.java:10)",
        "",
        "[INFO] Results:",
        "[ERROR] Failures: ",
        "[ERROR]   TextTest.uppers:10 expected:<AB[]> but was:<AB[ ]>",
        "[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0",
        "[INFO] Reactor Summary for parent 1.0.0:",
        "[INFO] parent ............................................. SUCCESS [  0.412 s]",
        "[INFO] core ............................................... SUCCESS [  9.102 s]",
        "[INFO] util ............................................... FAILURE [  6.211 s]",
        "[INFO] web ................................................ SKIPPED",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on"
        " project util: There are test failures.",
        *HELP,
        "[ERROR] After correcting the problems, you can resume the build with the command",
        "[ERROR]   mvn <args> -rf :util",
    )
    category, culprit, _rule = verdict(
        step_log("mvn install -DskipTests=true -Dmaven.javadoc.skip=true -B -V && mvn test -B", *output)
    )
    assert (category, culprit) == (Category.TEST, "[ERROR] uppers(acme.TextTest)  Time elapsed: 0.041 s  <<< FAILURE!")


def test_kotlin_maven_plugin_first_compiler_error_is_the_culprit() -> None:
    # Given kotlin-maven-plugin's compile goal, built from its format (JetBrains/kotlin kotlin-maven-plugin
    # MavenPluginLogMessageCollector: `<path>: (<line>, <column>) <message>`, errors at error level), not run here;
    # a warning first and the goal's error repeating the first error below
    first = "[ERROR] /home/travis/build/acme/app/src/main/kotlin/acme/Calc.kt: (12, 5) Unresolved reference: bar"
    output = (
        "[INFO] --- kotlin-maven-plugin:1.3.50:compile (compile) @ app ---",
        "[WARNING] /home/travis/build/acme/app/src/main/kotlin/acme/Calc.kt: (3, 9) Parameter 'x' is never used",
        first,
        "[ERROR] /home/travis/build/acme/app/src/main/kotlin/acme/Report.kt: (4, 16) Unresolved reference: Calc",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal org.jetbrains.kotlin:kotlin-maven-plugin:1.3.50:compile (compile) on project"
        " app: Compilation failure",
        first,
        *HELP,
    )
    category, culprit, rule = verdict(step_log("mvn -B install", *output))
    assert (category, culprit, rule) == (Category.BUILD, first, "kotlin-maven-compile-error")


def test_fmt_maven_plugin_names_the_first_non_complying_file() -> None:
    # Given fmt-maven-plugin's check, built from its source (AbstractFMT / CheckMojo.postExecute: the count, the
    # hint, then one `Non complying file:` line per file, all at error level), not run here
    output = (
        "[INFO] --- fmt-maven-plugin:2.9:check (default) @ app ---",
        "[INFO] Processed 12 files (2 non-complying).",
        "[ERROR] Found 2 non-complying files, failing build",
        '[ERROR] To fix formatting errors, run "mvn com.coveo:fmt-maven-plugin:format"',
        "[ERROR] Non complying file: /home/travis/build/acme/app/src/main/java/acme/Calc.java",
        "[ERROR] Non complying file: /home/travis/build/acme/app/src/main/java/acme/Report.java",
        *MAVEN_TAIL,
        "[ERROR] Failed to execute goal com.coveo:fmt-maven-plugin:2.9:check (default) on project app: Found 2"
        " non-complying files, failing build -> [Help 1]",
        *HELP,
    )
    category, culprit, _rule = verdict(step_log("mvn -B verify", *output))
    assert (category, culprit) == (
        Category.LINT,
        "[ERROR] Non complying file: /home/travis/build/acme/app/src/main/java/acme/Calc.java",
    )
