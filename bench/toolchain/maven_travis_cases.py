# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, Maven part three (`mvnt-*`): Maven beyond compile and test, as Travis-era Java
builds (2013-2019) printed it.

Shapes not in maven_cases.py or maven_more_cases.py: Surefire running TestNG (its `TestSuite` listing, also under
`-q`), test errors that are not assertions (an `OutOfMemoryError` under a small heap, a job's
`ExecutionException` with its cause, a `TimeoutException` from `Future.get`), a fork that cannot start because
the pom's `argLine` holds a JVM option removed from newer JDKs (`-XX:MaxPermSize`), the enforcer's
`requirePluginVersions`, `requireUpperBoundDeps` and `requireReleaseDeps`, javadoc's report goal
(`javadoc:javadoc` under doclint: `self-closing element not allowed`, `unknown tag`; JDK 17's doclint no longer
flags Java 8's `bad use of '>'`), and Travis's default Java install (`mvn install -DskipTests=true
-Dmaven.javadoc.skip=true -B -V`) followed by the script's `mvn test -B`, where a reactor's second module fails
(in the script; in the install, whose compile error stops the job). The `travis_*` cases are also written as
Travis CI job logs (``mvnt-travis-ci-*``, by ``python3 bench/toolchain/maven_travis_cases.py``), with the install
phase's real output in its fold.

The same mechanism as maven_more_cases.py: Debian's Maven 3.8.7 offline against a hard-linked copy of Debian's
/usr/share/maven-repo (``MAVEN2_DEBIAN_REPO``, default /tmp/tc/maven2/repo). Labels come from what each case
knows, by bench/validation/README.md's conventions, never from the analyzer.
"""

from __future__ import annotations

import json
import re
import sys
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, find, first_of
from maven_cases import CALC, CALC_TEST, JUNIT4, MAVEN_CONFIG, OK_TEST, VERSION, compile_error, pom, surefire
from maven_more_cases import ENFORCER, JAVADOC, NOISY_TEST, PREPARE, SETUP, artifact, dep, java, project, test

HERE = Path(__file__).resolve().parent
TESTNG = "<dependency><groupId>org.testng</groupId><artifactId>testng</artifactId><version>debian</version><scope>test</scope></dependency>"
TRAVIS_INSTALL = "mvn install -DskipTests=true -Dmaven.javadoc.skip=true -B -V"


def testng(method: str, exception: str) -> Labeller:
    """Surefire 2.22 on TestNG: one `Tests run: ... <<< FAILURE! - in TestSuite` line for the whole suite, the
    first failing test's `method(class)  Time elapsed: ... <<< FAILURE!` line and the exception line under it."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, r"<<< (?:FAILURE|ERROR)! - in TestSuite$")
        if top is None:
            raise LookupError("no `<<< FAILURE! - in TestSuite` line")
        head = find(lines, rf"^\[ERROR\] {re.escape(method)}\(\S+\)\s+Time elapsed: .*<<< (?:FAILURE|ERROR)!$", top)
        if head is None:
            raise LookupError(f"no failing-test line for {method}")
        cause = find(lines, rf"^{exception}", head + 1, head + 3)
        if cause is None:
            raise LookupError(f"no {exception!r} under {method}")
        return [top, head, cause]

    return label


def enforcer(rule: str, message: str) -> Labeller:
    """The enforcer's `Rule N: <class> failed with message:` line and its message's first line under it."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, rf"Rule \d+: org\.apache\.maven\.plugins\.enforcer\.{rule} failed with message:$")
        if top is None:
            raise LookupError(f"no {rule} line")
        below = find(lines, message, top + 1, top + 3)
        if below is None:
            raise LookupError(f"no {message!r} under the {rule} line")
        return [top, below]

    return label


# --- Surefire: TestNG, and errors that are not assertions ---------------------------------------------------------

TESTNG_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.testng.Assert.assertEquals;

    import org.testng.annotations.Test;

    public class CalcTest {
        @Test
        public void addsSmallNumbers() {
            assertEquals(Calc.add(1, 2), 3);
        }

        @Test
        public void addsWrong() {
            assertEquals(Calc.add(2, 2), 5, "sum of 2 and 2");
        }

        @Test(dependsOnMethods = "addsWrong")
        public void addsAfterWrong() {
            assertEquals(Calc.add(3, 3), 6);
        }

        @Test
        public void printsErrorText() {
            System.out.println("[ERROR] printed by a passing test, not a failure");
        }
    }
    """
)
TESTNG_NAME_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.testng.Assert.assertEquals;

    import org.testng.annotations.Test;

    public class NameTest {
        @Test
        public void trimsNull() {
            assertEquals(Calc.name(null), "");
        }
    }
    """
)
OOM_TEST = textwrap.dedent(
    """\
    package acme;

    import java.util.ArrayList;
    import java.util.List;
    import org.junit.Test;

    public class ReportCacheTest {
        @Test
        public void cachesEveryPage() {
            List<long[]> pages = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                pages.add(new long[1_000_000]);
            }
        }
    }
    """
)
WORKER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import java.util.concurrent.ExecutorService;
    import java.util.concurrent.Executors;
    import java.util.concurrent.Future;
    import java.util.concurrent.TimeUnit;
    import org.junit.FixMethodOrder;
    import org.junit.Test;
    import org.junit.runners.MethodSorters;

    @FixMethodOrder(MethodSorters.NAME_ASCENDING)
    public class WorkerPoolTest {
        @Test
        public void aRunsJobs() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> job = pool.submit(() -> {
                    System.out.println("ERROR [worker-1] acme.Ledger - ledger 42 is closed, rethrowing");
                    if (job42Closed()) {
                        throw new IllegalStateException("ledger 42 is closed");
                    }
                    return 1;
                });
                assertEquals(1, (int) job.get());
            } finally {
                pool.shutdown();
            }
        }

        @Test
        public void bWaitsForSlowJob() throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> job = pool.submit(() -> {
                    Thread.sleep(3_000);
                    return null;
                });
                job.get(200, TimeUnit.MILLISECONDS);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        public void cCounts() {
            assertEquals(2, Calc.add(1, 1));
        }

        private static boolean job42Closed() {
            return true;
        }
    }
    """
)
SLOW_POOL_TEST = textwrap.dedent(
    """\
    package acme;

    import java.util.concurrent.ExecutorService;
    import java.util.concurrent.Executors;
    import java.util.concurrent.Future;
    import java.util.concurrent.TimeUnit;
    import org.junit.Test;

    public class QueueDrainTest {
        @Test
        public void drainsWithinDeadline() throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> drain = pool.submit(() -> {
                    Thread.sleep(3_000);
                    return null;
                });
                drain.get(250, TimeUnit.MILLISECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
    }
    """
)


def surefire_plugin(configuration: str) -> str:
    return (
        "      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>2.22.3</version>\n"
        f"        <configuration>{configuration}</configuration></plugin>\n"
    )


def surefire_cases() -> list[Case]:
    testng_pom = pom("calc", TESTNG)
    return [
        case(
            "mvnt-testng",
            "test",
            "mvn -B test",
            project(testng_pom, **{test("CalcTest.java"): TESTNG_TEST, test("NameTest.java"): TESTNG_NAME_TEST}),
            testng("addsWrong", r"java\.lang\.AssertionError: sum of 2 and 2 expected \[5\] but found \[4\]"),
            "Surefire on TestNG: one TestSuite line, a failure, a skipped dependent test, a NullPointerException after it",
        ),
        case(
            "mvnt-testng-quiet",
            "test",
            "mvn -q -B test",
            project(testng_pom, **{test("CalcTest.java"): TESTNG_TEST, test("NameTest.java"): TESTNG_NAME_TEST}),
            testng("addsWrong", r"java\.lang\.AssertionError: sum of 2 and 2 expected \[5\] but found \[4\]"),
            "Surefire on TestNG under -q: no [INFO] lines, the failure listing and the goal's error",
        ),
        case(
            "mvnt-junit4-oom",
            "test",
            "mvn -B -Dsurefire.runOrder=alphabetical test",
            project(
                pom("calc", plugins=surefire_plugin("<argLine>-Xmx64m</argLine>")),
                **{test("AConnectionPoolTest.java"): NOISY_TEST, test("ReportCacheTest.java"): OOM_TEST},
            ),
            surefire("ReportCacheTest", "cachesEveryPage", r"java\.lang\.OutOfMemoryError: Java heap space"),
            "a test runs out of a 64 MB heap (argLine): an OutOfMemoryError as a test error, after a logger's SEVERE lines",
            alt_categories=("resource",),
        ),
        case(
            "mvnt-junit4-execution-exception",
            "test",
            "mvn -B test",
            project(**{test("AOkTest.java"): OK_TEST, test("WorkerPoolTest.java"): WORKER_TEST}),
            surefire(
                "WorkerPoolTest",
                "aRunsJobs",
                r"java\.util\.concurrent\.ExecutionException: java\.lang\.IllegalStateException: ledger 42 is closed",
            ),
            "a job's exception reaches the test as ExecutionException (Caused by: under it); a Future.get timeout next",
        ),
        case(
            "mvnt-junit4-future-timeout",
            "test",
            "mvn -B test",
            project(**{test("AOkTest.java"): OK_TEST, test("QueueDrainTest.java"): SLOW_POOL_TEST}),
            surefire("QueueDrainTest", "drainsWithinDeadline", r"java\.util\.concurrent\.TimeoutException"),
            "Future.get with a deadline throws TimeoutException: a test error, not a job time limit",
            alt_categories=("timeout",),
        ),
        case(
            "mvnt-surefire-no-tests",
            "config",
            "mvn -B -Dtest=CalcTests test",
            project(**{test("AOkTest.java"): OK_TEST, test("CalcTest.java"): CALC_TEST}),
            first_of(r"No tests were executed!"),
            "-Dtest names a class that does not exist (CalcTests): Surefire runs nothing and fails the goal",
            alt_categories=("test",),
        ),
        case(
            "mvnt-surefire-argline-permsize",
            "test",
            "mvn -B test",
            project(
                pom("calc", plugins=surefire_plugin("<argLine>-Xmx1024m -XX:MaxPermSize=256m</argLine>")),
                **{test("CalcTest.java"): CALC_TEST},
            ),
            first_of(r"The forked VM terminated without properly saying goodbye", r"Error occurred in starting fork"),
            "a Java 7-era argLine (-XX:MaxPermSize) on a newer JDK: the fork cannot start (Surefire does not show the JVM's own `Unrecognized VM option`)",
            alt_categories=("config", "build"),
        ),
    ]


# --- plugins: the enforcer's other rules, javadoc's report goal, an old source level -----------------------------

MONEY_JAVADOC = textwrap.dedent(
    """\
    package acme;

    import java.util.List;

    /**
     * Money arithmetic.
     */
    public class Money {
        /**
         * Whether a > b.
         *
         * @param a first
         * @param b second
         * @return true when a is the larger
         */
        public static boolean greater(int a, int b) {
            return a > b;
        }

        /**
         * Sums amounts.<p/>
         * Returns a List<Integer> of running totals.
         *
         * @param amounts the amounts
         * @return the totals
         */
        public static List<Integer> totals(List<Integer> amounts) {
            return amounts;
        }

        /**
         * Rounds.
         *
         * @param cents the cents
         * @return rounded
         * @throws java.lang.ArithmeticException never
         */
        public static int round(int cents) {
            return cents;
        }
    }
    """
)


def enforcer_plugin(rules: str) -> str:
    return (
        f"      {ENFORCER}\n"
        "        <executions><execution><id>enforce-rules</id><goals><goal>enforce</goal></goals>\n"
        f"          <configuration><rules>{rules}</rules></configuration>\n"
        "        </execution></executions></plugin>\n"
    )


def plugin_cases() -> list[Case]:
    upper = {
        **artifact("com.acme.libs", "money", "1.0"),
        **artifact("com.acme.libs", "money", "2.1"),
        **artifact("com.acme.libs", "ledger", "3.0", dep("com.acme.libs", "money", "2.1")),
    }
    snapshot = artifact("com.acme.libs", "money", "1.1-SNAPSHOT")
    return [
        case(
            "mvnt-enforcer-plugin-versions",
            "config",
            "mvn -B verify",
            project(
                pom("calc", plugins=enforcer_plugin("<requirePluginVersions/>")),
                **{test("CalcTest.java"): OK_TEST},
            ),
            enforcer("RequirePluginVersions", r"Some plugins are missing valid versions"),
            "requirePluginVersions: the build's lifecycle plugins without a pinned version",
            alt_categories=("build",),
        ),
        case(
            "mvnt-enforcer-upper-bound",
            "dependency",
            "mvn -B verify",
            project(
                pom(
                    "calc",
                    JUNIT4 + dep("com.acme.libs", "money", "1.0") + dep("com.acme.libs", "ledger", "3.0"),
                    plugins=enforcer_plugin("<requireUpperBoundDeps/>"),
                ),
                **upper,
            ),
            enforcer("RequireUpperBoundDeps", r"Failed while enforcing RequireUpperBoundDeps"),
            "requireUpperBoundDeps: a direct dependency older than the version a library needs",
            alt_categories=("config",),
        ),
        case(
            "mvnt-enforcer-release-deps",
            "dependency",
            "mvn -B verify",
            project(
                pom(
                    "calc",
                    JUNIT4 + dep("com.acme.libs", "money", "1.1-SNAPSHOT"),
                    plugins=enforcer_plugin(
                        "<requireReleaseDeps><message>No Snapshots Allowed!</message></requireReleaseDeps>"
                    ),
                ),
                **snapshot,
            ),
            enforcer("RequireReleaseDeps", r"No Snapshots Allowed!"),
            "requireReleaseDeps with the project's own message: a SNAPSHOT dependency in a release build",
            alt_categories=("config",),
        ),
        case(
            "mvnt-javadoc-report",
            "build",
            "mvn -B compile javadoc:javadoc",
            project(
                pom(
                    "calc",
                    plugins=f"      {JAVADOC}<configuration><doclint>all,-missing</doclint></configuration></plugin>\n",
                ),
                **{java("Money.java"): MONEY_JAVADOC},
            ),
            first_of(r"^\[ERROR\] \S*/acme/Money\.java:\d+: error: "),
            "javadoc:javadoc (the report goal) under doclint all,-missing: a self-closing <p/>, a generic read as an unknown tag",
            alt_categories=("lint",),
        ),
    ]


# --- animal-sniffer: an API signature the code must stay within ------------------------------------------------------

# Travis-era libraries checked that code built on a new JDK ran on an old one with animal-sniffer and a signature
# of the old JDK's API (`org.codehaus.mojo.signature:java17:1.0`, Java 7), which is not packaged. The prepare step
# builds its stand-in the way those were made, with animal-sniffer's SignatureBuilder over Java 7's classes: here
# the java.base classes of release 7 in this JDK's lib/ct.sym (javac's --release data, class files named .sig),
# installed as com.acme.signature:java7-base:1.0.
SIGNATURE_BUILDER = textwrap.dedent(
    """\
    import java.io.File;
    import java.io.FileOutputStream;
    import org.codehaus.mojo.animal_sniffer.SignatureBuilder;
    import org.codehaus.mojo.animal_sniffer.logging.PrintWriterLogger;

    public class BuildSignature {
        public static void main(String[] args) throws Exception {
            SignatureBuilder builder = new SignatureBuilder(new FileOutputStream(args[1]), new PrintWriterLogger(System.err));
            builder.process(new File(args[0]));
            builder.close();
        }
    }
    """
)
SNIFFER_JAR = "$root/.m2/repository/org/codehaus/mojo/animal-sniffer/1.16/animal-sniffer-1.16.jar"
SIGNATURE_DIR = ".m2/repository/com/acme/signature/java7-base/1.0"
SIGNATURE_PREPARE = (
    PREPARE
    + '\n(root=$PWD && cd .sig && jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")") && '
    + "unzip -q \"$jdk/lib/ct.sym\" '*7*/java.base/*' -d ct && for d in ct/*/java.base; do (cd \"$d\" && find . -name '*.sig' "
    + '-exec sh -c \'mkdir -p "$0/$(dirname "$1")" && cp "$1" "$0/${1%.sig}.class"\' "$root/.sig/java7" {} \\;); done && '
    + f"javac -cp {SNIFFER_JAR} BuildSignature.java && mkdir -p ../{SIGNATURE_DIR} && "
    + f"java -cp {SNIFFER_JAR}:/usr/share/java/asm.jar:. BuildSignature java7 ../{SIGNATURE_DIR}/java7-base-1.0.signature) >/dev/null 2>&1"
)
SNIFFER = (
    "      <plugin><groupId>org.codehaus.mojo</groupId><artifactId>animal-sniffer-maven-plugin</artifactId><version>1.16</version>\n"
    "        <configuration><signature><groupId>com.acme.signature</groupId><artifactId>java7-base</artifactId><version>1.0</version></signature></configuration>\n"
    "        <executions><execution><id>check-api</id><goals><goal>check</goal></goals></execution></executions></plugin>\n"
)
SCHEDULE = textwrap.dedent(
    """\
    package acme;

    import java.time.LocalDate;
    import java.util.ArrayList;
    import java.util.List;
    import java.util.concurrent.ConcurrentHashMap;

    public class Schedule {
        private final List<String> items = new ArrayList<>();
        private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

        public String today() {
            return LocalDate.now().toString();
        }

        public void add(String item) {
            items.add(item);
            counts.merge(item, 1, Integer::sum);
        }
    }
    """
)


def sniffer_cases() -> list[Case]:
    files = project(
        pom("calc", plugins=SNIFFER),
        **{
            java("Schedule.java"): SCHEDULE,
            test("CalcTest.java"): OK_TEST.replace("AOkTest", "CalcTest"),
            ".sig/BuildSignature.java": SIGNATURE_BUILDER,
            f"{SIGNATURE_DIR}/java7-base-1.0.pom": '<?xml version="1.0" encoding="UTF-8"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.acme.signature</groupId>\n  <artifactId>java7-base</artifactId>\n  <version>1.0</version>\n  <packaging>signature</packaging>\n</project>\n',
        },
    )
    return [
        case(
            "mvnt-animal-sniffer",
            "build",
            "mvn -B verify",
            files,
            first_of(r"^\[ERROR\] \S*/acme/Schedule\.java:\d+: Undefined reference: "),
            "animal-sniffer's check against a Java 7 API signature: the code uses Java 8 API (java.time, ConcurrentHashMap.merge, Integer::sum)",
            prepare=SIGNATURE_PREPARE,
            alt_categories=("lint", "config"),
        ),
    ]


# --- Travis's default Java install, then the script ----------------------------------------------------------------

TEXT = "package acme;\n\npublic class Text {\n    public static String upper(String s) {\n        return s.toUpperCase();\n    }\n}\n"
TEXT_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class TextTest {
        @Test
        public void uppers() {
            assertEquals("AB", Text.upper("ab "));
        }

        @Test
        public void uppersEmpty() {
            assertEquals("", Text.upper(""));
        }
    }
    """
)


def reactor(util_main: str = TEXT) -> dict[str, str]:
    return {
        "pom.xml": pom("parent", "", packaging="pom", modules=("core", "util", "web")),
        ".mvn/maven.config": MAVEN_CONFIG,
        "core/pom.xml": pom("core", parent=True),
        "core/src/main/java/acme/Calc.java": CALC,
        "core/src/test/java/acme/AOkTest.java": OK_TEST,
        "util/pom.xml": pom("util", JUNIT4 + "\n    " + dep("com.acme", "core", "1.0.0"), parent=True),
        "util/src/main/java/acme/Text.java": util_main,
        "util/src/test/java/acme/TextTest.java": TEXT_TEST,
        "web/pom.xml": pom("web", JUNIT4 + "\n    " + dep("com.acme", "util", "1.0.0"), parent=True),
        "web/src/main/java/acme/Page.java": 'package acme;\n\npublic class Page {\n    public String render() {\n        return Text.upper("ok");\n    }\n}\n',
    }


BROKEN_TEXT = "package acme;\n\npublic class Text {\n    public static String upper(String s) {\n        return s.toUpperCase()\n    }\n\n    public static int width(String s) {\n        return Calc.length(s);\n    }\n}\n"
SCAN = "[INFO] Scanning for projects..."  # the script's mvn starts here (the install's -V prints its version first)


def travis_cases() -> list[Case]:
    return [
        case(
            "mvnt-travis-install-then-test",
            "test",
            f"{TRAVIS_INSTALL} && mvn test -B",
            reactor(),
            surefire("TextTest", "uppers", r"org\.junit\.ComparisonFailure: expected:<AB\[\]> but was:<AB\[ \]>"),
            "Travis's default Java install (tests skipped) passes, then the script's mvn test fails in the reactor's second module",
        ),
        case(
            "mvnt-reactor-quiet",
            "test",
            "mvn -q -B install",
            reactor(),
            surefire("TextTest", "uppers", r"org\.junit\.ComparisonFailure: expected:<AB\[\]> but was:<AB\[ \]>"),
            "a reactor under -q: the second module's tests fail, then only the goal's error and `-rf :util`",
        ),
        case(
            "mvnt-travis-install-compile",
            "build",
            TRAVIS_INSTALL,
            reactor(BROKEN_TEXT),
            compile_error("util/src/main/java/acme/Text.java"),
            "Travis's default Java install: the reactor's second module does not compile (-rf :util), the third is skipped",
        ),
    ]


def case(
    name: str,
    category: str,
    command: str,
    files: dict[str, str],
    label: Labeller,
    why: str,
    *,
    alt_categories: tuple[str, ...] = (),
    prepare: str = PREPARE,
) -> Case:
    tool = {"test": "surefire"}.get(category, "maven")
    if name.startswith(("mvnt-javadoc", "mvnt-travis-install-compile")):
        tool = "maven-javadoc" if "javadoc" in name else "maven-compiler"
    if name.startswith("mvnt-animal-sniffer"):
        tool = "animal-sniffer"
    if name.startswith("mvnt-enforcer"):
        tool = "maven-enforcer"
    return Case(
        name,
        tool,
        "java-maven",
        category,
        command,
        files,
        label,
        why,
        VERSION,
        alt_categories=list(alt_categories),
        setup=SETUP,
        neutral_hosts=True,
        prepare=prepare,
    )


def maven_travis_cases() -> list[Case]:
    return surefire_cases() + plugin_cases() + travis_cases() + sniffer_cases()


# --- the same failures as Travis CI job logs --------------------------------------------------------------------------


def travis_logs(out: Path = HERE / "logs") -> None:
    """``mvnt-travis-*.log`` again as Travis CI job logs (``ci`` travis; names kept outside ci_wrap_cases.py's
    prefixes so that its ``--rewrap`` leaves them be): the install fold holds the real output of Travis's default
    Java install (``TRAVIS_INSTALL``), the script the real ``mvn test -B``; a failed install stops the job
    (ci_wrap_cases.travis_stopped). The wrapping is ci_wrap_cases.py's (travis-build's folds, timers and result
    lines)."""
    from ci_wrap_cases import fold, load_source, timer, travis, travis_stopped, unfold, write

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    for name in ("mvnt-travis-install-then-test.log", "mvnt-travis-install-compile.log"):
        source = load_source(out, name, labels[name])
        scans = [index for index, line in enumerate(source.body) if re.sub(r"\x1b\[[0-9;]*m", "", line) == SCAN]
        if len(scans) > 1:  # install, then the script's mvn test
            cut = scans[1]
            install, script = source.body[:cut], source.body[cut:]
            source.body, source.culprits = script, [index - cut for index in source.culprits]
            source.label = {**source.label, "command": "mvn test -B"}

            def wrapper(src, variant, second, install=install):  # type: ignore[no-untyped-def]
                lines, first = travis(src, variant, second)
                start, end = timer(2)
                folded = [f"{fold('install')}{start}$ {TRAVIS_INSTALL}", *install, f"{end}{unfold('install')}", ""]
                at = first - 1  # the script's command line
                return [*lines[:at], *folded, *lines[at:]], first + len(folded)

        else:

            def wrapper(src, variant, second):  # type: ignore[no-untyped-def]
                return travis_stopped(src, variant, second, "install")

        source.name = name.replace("mvnt-travis-", "mvnt-travis-ci-", 1)
        made = write(out, "", "travis", wrapper, source, source)
        made[source.name]["path"] = f"maven_travis_cases.py:{name.removesuffix('.log')}"
        labels.update(made)
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    travis_logs(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "logs")
