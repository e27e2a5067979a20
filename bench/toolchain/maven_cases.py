# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part three: Maven (Surefire with JUnit 4 and 5, the compiler plugin, reactor builds,
dependency resolution, the enforcer plugin), run offline against the plugins Debian packages.

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. Maven Central
is not reachable from the generating machine: each case gets its own local repository, a hard-linked copy of
``MAVEN_DEBIAN_REPO`` (default /tmp/mvn/repo: ``cp -rL /usr/share/maven-repo /tmp/mvn/repo``, Debian's repository
with its symbolic links resolved), and Maven runs offline (``-o``, from the project's ``.mvn/maven.config``, as a
project that pins its build flags would). The poms pin the plugin versions that repository holds. The culprit
lines are found from what each case knows (the first failing test, the file holding the first error), by the
conventions of bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import os
import re
import textwrap

from make_logs import Case, Labeller, find, first_of

DEBIAN_REPO = os.environ.get("MAVEN_DEBIAN_REPO", "/tmp/mvn/repo")
PREPARE = (
    f'mkdir -p .m2 && cp -al {DEBIAN_REPO} .m2/repository\nexport MAVEN_OPTS="-Dmaven.repo.local=$PWD/.m2/repository"'
)
VERSION = "mvn -B -v 2>/dev/null | grep -o 'Apache Maven [0-9.]*' | head -n 1"
SETUP = "actions/setup-java@v4"
MAVEN_CONFIG = "-o\n"  # .mvn/maven.config: Central is not reachable here

PLUGINS = """\
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-clean-plugin</artifactId><version>3.2.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>2.22.3</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.3.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.0</version></plugin>
"""
JUNIT4 = "<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>"
JUNIT5 = "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-engine</artifactId><version>5.9.2</version><scope>test</scope></dependency>"


def pom(
    artifact: str,
    dependencies: str = JUNIT4,
    *,
    packaging: str = "jar",
    modules: tuple[str, ...] = (),
    parent: bool = False,
    plugins: str = "",
) -> str:
    """A pom for com.acme:<artifact>:1.0.0. A module's pom (``parent=True``) inherits the plugins and properties."""
    head = (
        "  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>\n"
        if parent
        else ""
    )
    props = (
        ""
        if parent
        else "  <properties>\n    <maven.compiler.source>17</maven.compiler.source>\n    <maven.compiler.target>17</maven.compiler.target>\n    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>\n  </properties>\n"
    )
    mods = "".join(f"    <module>{m}</module>\n" for m in modules)
    mods = f"  <modules>\n{mods}  </modules>\n" if mods else ""
    managed = (
        ""
        if parent
        else f"    <pluginManagement>\n      <plugins>\n{PLUGINS}      </plugins>\n    </pluginManagement>\n"
    )
    build_plugins = f"    <plugins>\n{plugins}    </plugins>\n" if plugins else ""
    build = f"  <build>\n{managed}{build_plugins}  </build>\n" if managed or build_plugins else ""
    deps = f"  <dependencies>\n    {dependencies}\n  </dependencies>\n" if dependencies else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<project>\n"
        "  <modelVersion>4.0.0</modelVersion>\n"
        f"{head}  <groupId>com.acme</groupId>\n  <artifactId>{artifact}</artifactId>\n  <version>1.0.0</version>\n"
        f"  <packaging>{packaging}</packaging>\n{props}{mods}{deps}{build}</project>\n"
    )


CALC = textwrap.dedent(
    """\
    package acme;

    public class Calc {
        public static int add(int a, int b) {
            return a + b;
        }

        public static int div(int a, int b) {
            return a / b;
        }

        public static String name(String s) {
            return s.trim();
        }
    }
    """
)
CALC_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class CalcTest {
        @Test
        public void addsSmallNumbers() {
            assertEquals(3, Calc.add(1, 2));
        }

        @Test
        public void addsWrong() {
            assertEquals(5, Calc.add(2, 2));
        }

        @Test
        public void printsErrorText() {
            System.out.println("[ERROR] printed by a passing test, not a failure");
        }

        @Test
        public void dividesByZero() {
            assertEquals(0, Calc.div(1, 0));
        }
    }
    """
)
NAME_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class NameTest {
        @Test
        public void trimsNull() {
            assertEquals("", Calc.name(null));
        }

        @Test
        public void trimsSpaces() {
            assertEquals("a", Calc.name(" a "));
        }
    }
    """
)
OK_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class AOkTest {
        @Test
        public void addsZero() {
            assertEquals(2, Calc.add(2, 0));
        }
    }
    """
)
JUPITER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.jupiter.api.Assertions.assertEquals;
    import static org.junit.jupiter.api.Assertions.assertTrue;

    import org.junit.jupiter.api.Test;

    class CalcTest {
        @Test
        void addsSmallNumbers() {
            assertEquals(3, Calc.add(1, 2));
        }

        @Test
        void addsWrong() {
            assertEquals(5, Calc.add(2, 2), "2 + 2");
        }

        @Test
        void dividesByZero() {
            assertTrue(Calc.div(1, 0) == 0);
        }
    }
    """
)
PARAM_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import java.util.Arrays;
    import java.util.Collection;
    import org.junit.Test;
    import org.junit.runner.RunWith;
    import org.junit.runners.Parameterized;
    import org.junit.runners.Parameterized.Parameters;

    @RunWith(Parameterized.class)
    public class SumTest {
        @Parameters(name = "{0}+{1}={2}")
        public static Collection<Object[]> data() {
            return Arrays.asList(new Object[][] {{1, 1, 2}, {2, 2, 5}, {3, 3, 7}});
        }

        private final int a;
        private final int b;
        private final int sum;

        public SumTest(int a, int b, int sum) {
            this.a = a;
            this.b = b;
            this.sum = sum;
        }

        @Test
        public void sums() {
            assertEquals(sum, Calc.add(a, b));
        }
    }
    """
)
NESTED_TEST = textwrap.dedent(
    """\
    package acme;

    import org.junit.Test;

    public class ConfigTest {
        static int port(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("bad port in config: " + value, e);
            }
        }

        @Test
        public void readsPort() {
            port("80a");
        }
    }
    """
)
EXIT_TEST = textwrap.dedent(
    """\
    package acme;

    import org.junit.Test;

    public class ShutdownTest {
        @Test
        public void shutsDown() {
            System.exit(3);
        }
    }
    """
)
CHATTY_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertTrue;

    import org.junit.Test;

    public class AChattyTest {
        @Test
        public void logsALot() {
            for (int i = 0; i < 120; i++) {
                System.out.println("INFO acme.Worker - processed batch " + i + " (warning: slow disk ignored)");
            }
            assertTrue(true);
        }
    }
    """
)
TIMEOUT_TEST = textwrap.dedent(
    """\
    package acme;

    import org.junit.Test;

    public class SlowTest {
        @Test(timeout = 200)
        public void finishesQuickly() throws Exception {
            Thread.sleep(5000);
        }
    }
    """
)
DEPRECATED = "package acme;\n\npublic class Old {\n    @Deprecated\n    public static int legacy() {\n        return 1;\n    }\n}\n"
USES_DEPRECATED = "package acme;\n\nimport java.util.*;\n\npublic class UsesOld {\n    List raw = new ArrayList();\n\n    int f() {\n        raw.add(1);\n        return Old.legacy();\n    }\n}\n"
BROKEN_MAIN = textwrap.dedent(
    """\
    package acme;

    public class Report {
        public String render(int total) {
            String text = total;
            return Formatter.format(text);
        }
    }
    """
)
BROKEN_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class ReportTest {
        @Test
        public void renders() {
            assertEquals("3", new Calc().render(3));
        }
    }
    """
)
MVNW = '#!/bin/sh\n# Maven wrapper stand-in: the project pins its Maven; here the installed one is it.\nexec mvn "$@"\n'


def java(path: str) -> str:
    return f"src/main/java/acme/{path}"


def test(path: str) -> str:
    return f"src/test/java/acme/{path}"


def project(**extra: str) -> dict[str, str]:
    return {"pom.xml": pom("calc"), ".mvn/maven.config": MAVEN_CONFIG, java("Calc.java"): CALC, **extra}


def surefire(test_class: str, method: str, exception: str, *, package: str = "acme") -> Labeller:
    """Surefire 2.22 (plain listing): the first `Tests run: ... <<< FAILURE! - in <class>` line, the first failing
    test's `method(class)  Time elapsed: ... <<< FAILURE!` line (JUnit 5: `method  Time elapsed: ...`) and the
    exception line under it."""
    qualified = re.escape(f"{package}.{test_class}")

    def label(lines: list[str]) -> list[int]:
        top = find(lines, rf"<<< (?:FAILURE|ERROR)! - in {qualified}$")
        if top is None:
            raise LookupError(f"no `<<< FAILURE! - in {test_class}` line")
        name = re.escape(method) if method else r".+?"  # no method: the first test line under the class's
        head = find(lines, rf"^\[ERROR\] {name}(?:\({qualified}\))?\s+Time elapsed: .*<<< (?:FAILURE|ERROR)!$", top)
        if head is None:
            raise LookupError(f"no failing-test line for {method}")
        cause = find(lines, rf"^{exception}", head + 1, head + 3)
        if cause is None:
            raise LookupError(f"no {exception!r} under {method}")
        return [top, head, cause]

    return label


def every(pattern: str) -> Labeller:
    """Every line matching ``pattern`` (Maven repeats a pom's problems; at least one must be found)."""

    def label(lines: list[str]) -> list[int]:
        found = [index for index, line in enumerate(lines) if re.search(pattern, line)]
        if not found:
            raise LookupError(f"{pattern!r} not in the output")
        return found

    return label


def compile_error(path: str) -> Labeller:
    """maven-compiler-plugin: the first `[ERROR] /path/File.java:[line,col] message` line (its error list follows
    `COMPILATION ERROR :` and is repeated under `Failed to execute goal`)."""
    return first_of(rf"^\[ERROR\] \S*/{re.escape(path)}:\[\d+,\d+\] ")


REACTOR = {
    "pom.xml": pom("parent", "", packaging="pom", modules=("core", "report", "cli")),
    ".mvn/maven.config": MAVEN_CONFIG,
    "core/pom.xml": pom("core", parent=True),
    "core/src/main/java/acme/Calc.java": CALC,
    "core/src/test/java/acme/AOkTest.java": OK_TEST,
    "report/pom.xml": pom(
        "report",
        JUNIT4
        + "\n    <dependency><groupId>com.acme</groupId><artifactId>core</artifactId><version>1.0.0</version></dependency>",
        parent=True,
    ),
    "report/src/main/java/acme/Total.java": "package acme;\n\npublic class Total {\n    public static int of(int a, int b) {\n        return Calc.add(a, b);\n    }\n}\n",
    "report/src/test/java/acme/TotalTest.java": "package acme;\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class TotalTest {\n    @Test\n    public void sums() {\n        assertEquals(4, Total.of(2, 2));\n    }\n\n    @Test\n    public void sumsNegative() {\n        assertEquals(-1, Total.of(2, -2));\n    }\n}\n",
    "cli/pom.xml": pom(
        "cli",
        JUNIT4
        + "\n    <dependency><groupId>com.acme</groupId><artifactId>report</artifactId><version>1.0.0</version></dependency>",
        parent=True,
    ),
    "cli/src/main/java/acme/Main.java": "package acme;\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println(Total.of(1, 2));\n    }\n}\n",
}
MISSING_DEP = "<dependency><groupId>com.acme.internal</groupId><artifactId>ledger-client</artifactId><version>2.4.1</version></dependency>"


def maven_case(
    name: str,
    category: str,
    command: str,
    files: dict[str, str],
    label: Labeller,
    why: str,
    *,
    prepare: str = PREPARE,
    alt_categories: tuple[str, ...] = (),
) -> Case:
    tool = {"test": "surefire", "build": "maven-compiler"}.get(category, "maven")
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


def first_maven_cases() -> list[Case]:
    """The first 26 logs, committed before the analyzer was run on them."""
    case = maven_case
    reactor = REACTOR
    missing_dep = MISSING_DEP
    enforcer = (
        "      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId><version>3.1.0</version>\n"
        "        <executions><execution><id>enforce-versions</id><goals><goal>enforce</goal></goals>\n"
        "          <configuration><rules><requireJavaVersion><version>[21,)</version></requireJavaVersion></rules></configuration>\n"
        "        </execution></executions></plugin>\n"
    )
    enforcer_files = (
        "      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId><version>3.1.0</version>\n"
        "        <executions><execution><id>enforce-files</id><goals><goal>enforce</goal></goals>\n"
        "          <configuration><rules><requireFilesExist><files><file>${project.basedir}/LICENSE</file></files></requireFilesExist></rules></configuration>\n"
        "        </execution></executions></plugin>\n"
    )
    surefire_exception = r"(?:java\.lang\.AssertionError|java\.lang\.ArithmeticException|java\.lang\.NullPointerException|org\.opentest4j\.AssertionFailedError)"
    return [
        case(
            "mvn-junit4",
            "test",
            "mvn -B test",
            project(**{test("CalcTest.java"): CALC_TEST}),
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "Surefire, JUnit 4: a failure and an error in one class, a passing test prints [ERROR]",
        ),
        case(
            "mvn-junit4-error",
            "test",
            "mvn -B verify",
            project(**{test("NameTest.java"): NAME_TEST}),
            surefire("NameTest", "trimsNull", r"java\.lang\.NullPointerException"),
            "Surefire: a test errors with an exception (<<< ERROR!)",
        ),
        case(
            "mvn-junit4-two-classes",
            "test",
            "mvn -B test",
            project(
                **{test("AOkTest.java"): OK_TEST, test("CalcTest.java"): CALC_TEST, test("NameTest.java"): NAME_TEST}
            ),
            surefire("CalcTest", "addsWrong", surefire_exception),
            "Surefire: a passing class, then two failing classes",
        ),
        case(
            "mvn-junit4-chatty",
            "test",
            "mvn -B test",
            project(**{test("AChattyTest.java"): CHATTY_TEST, test("NameTest.java"): NAME_TEST}),
            surefire("NameTest", "trimsNull", r"java\.lang\.NullPointerException"),
            "Surefire: a passing test logs 120 lines (with 'warning:') before the failing class",
        ),
        case(
            "mvn-junit4-color",
            "test",
            "mvn -B -Dstyle.color=always test",
            project(**{test("CalcTest.java"): CALC_TEST}),
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "Surefire with Maven's colour codes forced on",
        ),
        case(
            "mvn-junit4-quiet",
            "test",
            "mvn -B -q test",
            project(**{test("CalcTest.java"): CALC_TEST}),
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "mvn -q: only the errors",
        ),
        case(
            "mvn-junit4-parameterized",
            "test",
            "mvn -B test",
            project(**{test("SumTest.java"): PARAM_TEST}),
            surefire("SumTest", "sums[2+2=5]", r"java\.lang\.AssertionError: expected:<5>"),
            "Surefire: JUnit 4 parameterized test, two failing parameter sets",
        ),
        case(
            "mvn-junit4-caused-by",
            "test",
            "mvn -B test",
            project(**{test("ConfigTest.java"): NESTED_TEST}),
            surefire("ConfigTest", "readsPort", r"java\.lang\.IllegalStateException: bad port"),
            "Surefire: an exception with a `Caused by:` chain",
        ),
        case(
            "mvn-junit4-timeout",
            "test",
            "mvn -B test",
            project(**{test("SlowTest.java"): TIMEOUT_TEST}),
            surefire("SlowTest", "finishesQuickly", r"org\.junit\.runners\.model\.TestTimedOutException: "),
            "Surefire: a JUnit 4 test timeout (the test's own limit, not the job's)",
        ),
        case(
            "mvn-junit5",
            "test",
            "mvn -B test",
            {**project(**{test("CalcTest.java"): JUPITER_TEST}), "pom.xml": pom("calc", JUNIT5)},
            surefire("CalcTest", "addsWrong", r"org\.opentest4j\.AssertionFailedError: 2 \+ 2"),
            "Surefire, JUnit 5 (Jupiter): a failure and an error",
        ),
        case(
            "mvn-mvnw",
            "test",
            "./mvnw -B -ntp verify",
            project(**{"mvnw": MVNW, test("AOkTest.java"): OK_TEST, test("NameTest.java"): NAME_TEST}),
            surefire("NameTest", "trimsNull", r"java\.lang\.NullPointerException"),
            "the Maven wrapper's invocation, -ntp",
            prepare=PREPARE + "\nchmod +x mvnw",
        ),
        case(
            "mvn-surefire-exit",
            "test",
            "mvn -B test",
            project(**{test("AOkTest.java"): OK_TEST, test("ShutdownTest.java"): EXIT_TEST}),
            first_of(r"The forked VM terminated without properly saying goodbye"),
            "a test calls System.exit: Surefire's forked VM dies",
        ),
        case(
            "mvn-compile",
            "build",
            "mvn -B package",
            project(**{java("Report.java"): BROKEN_MAIN}),
            compile_error("src/main/java/acme/Report.java"),
            "maven-compiler-plugin: two errors in main code",
        ),
        case(
            "mvn-compile-warnings",
            "build",
            "mvn -B -Dmaven.compiler.showWarnings=true -Dmaven.compiler.showDeprecation=true compile",
            project(
                **{
                    java("Old.java"): DEPRECATED,
                    java("UsesOld.java"): USES_DEPRECATED,
                    java("Report.java"): BROKEN_MAIN,
                }
            ),
            compile_error("src/main/java/acme/Report.java"),
            "maven-compiler-plugin: deprecation and unchecked warnings, then the errors",
        ),
        case(
            "mvn-compile-color",
            "build",
            "mvn -B -Dstyle.color=always compile",
            project(**{java("Report.java"): BROKEN_MAIN}),
            compile_error("src/main/java/acme/Report.java"),
            "maven-compiler-plugin with colour codes",
        ),
        case(
            "mvn-test-compile",
            "build",
            "mvn -B test",
            project(**{test("AOkTest.java"): OK_TEST, test("ReportTest.java"): BROKEN_TEST}),
            compile_error("src/test/java/acme/ReportTest.java"),
            "testCompile: a test calls a method that does not exist",
        ),
        case(
            "mvn-reactor-test",
            "test",
            "mvn -B verify",
            reactor,
            surefire("TotalTest", "sumsNegative", r"java\.lang\.AssertionError: expected:<-1>"),
            "reactor of three modules: core passes, report's tests fail, cli is skipped",
        ),
        case(
            "mvn-reactor-compile",
            "build",
            "mvn -B install -DskipTests",
            {
                **reactor,
                "cli/src/main/java/acme/Main.java": "package acme;\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println(Total.sum(1, 2));\n    }\n}\n",
            },
            compile_error("cli/src/main/java/acme/Main.java"),
            "reactor: core and report build, cli does not compile",
        ),
        case(
            "mvn-reactor-fail-at-end",
            "test",
            "mvn -B --fail-at-end test",
            {**reactor, "core/src/test/java/acme/CalcTest.java": CALC_TEST},
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "reactor with --fail-at-end: core's tests fail, report and cli are skipped",
        ),
        case(
            "mvn-dependency-offline",
            "dependency",
            "mvn -B test",
            {**project(**{test("AOkTest.java"): OK_TEST}), "pom.xml": pom("calc", JUNIT4 + "\n    " + missing_dep)},
            first_of(r"^\[ERROR\] Failed to execute goal on project calc: Could not resolve dependencies"),
            "a dependency that is not in the local repository, offline",
        ),
        case(
            "mvn-dependency-reactor",
            "dependency",
            "mvn -B verify",
            {**reactor, "report/pom.xml": pom("report", JUNIT4 + "\n    " + missing_dep, parent=True)},
            first_of(r"^\[ERROR\] Failed to execute goal on project report: Could not resolve dependencies"),
            "reactor: the second module's dependency cannot be resolved",
        ),
        case(
            "mvn-plugin-missing",
            "dependency",
            "mvn -B verify",
            {
                **project(),
                "pom.xml": pom(
                    "calc",
                    plugins="      <plugin><groupId>com.diffplug.spotless</groupId><artifactId>spotless-maven-plugin</artifactId><version>2.43.0</version>\n"
                    "        <executions><execution><phase>validate</phase><goals><goal>check</goal></goals></execution></executions></plugin>\n",
                ),
            },
            first_of(
                r"^\[ERROR\] Plugin com\.diffplug\.spotless:spotless-maven-plugin:2\.43\.0 or one of its dependencies could not be resolved"
            ),
            "a build plugin (a formatter bound to validate) that cannot be resolved",
        ),
        case(
            "mvn-enforcer-java",
            "config",
            "mvn -B validate",
            {**project(), "pom.xml": pom("calc", plugins=enforcer)},
            first_of(r"Rule 0: \S+\.RequireJavaVersion failed with message:", r"^Detected JDK Version: "),
            "maven-enforcer-plugin: requireJavaVersion [21,) on Java 17",
        ),
        case(
            "mvn-enforcer-files",
            "config",
            "mvn -B verify",
            {**project(), "pom.xml": pom("calc", plugins=enforcer_files)},
            first_of(r"Rule 0: \S+\.RequireFilesExist failed with message:", r"^Some required files are missing:"),
            "maven-enforcer-plugin: a required file is missing",
            alt_categories=("build",),
        ),
        case(
            "mvn-pom-invalid",
            "config",
            "mvn -B test",
            {**project(), "pom.xml": pom("calc").replace("</dependencies>", "</dependency>")},
            first_of(r"^\[FATAL\] Non-parseable POM ", r"^\[ERROR\] +Non-parseable POM "),
            "pom.xml is not well-formed XML",
        ),
        case(
            "mvn-unknown-phase",
            "config",
            "mvn -B tset",
            project(),
            first_of(r"^\[ERROR\] Unknown lifecycle phase \"tset\""),
            "a mistyped lifecycle phase",
        ),
    ]


def enforcer_plugin(execution: str, rules: str) -> str:
    return (
        "      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId><version>3.1.0</version>\n"
        f"        <executions><execution><id>{execution}</id><goals><goal>enforce</goal></goals>\n"
        f"          <configuration><rules>{rules}</rules></configuration>\n"
        "        </execution></executions></plugin>\n"
    )


JUPITER_PARAMS = "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-params</artifactId><version>5.9.2</version><scope>test</scope></dependency>"
JUPITER_NAMED = textwrap.dedent(
    """\
    package acme;

    import static org.junit.jupiter.api.Assertions.assertEquals;

    import org.junit.jupiter.api.DisplayName;
    import org.junit.jupiter.api.Test;
    import org.junit.jupiter.params.ParameterizedTest;
    import org.junit.jupiter.params.provider.CsvSource;

    @DisplayName("Calculator")
    class CalcTest {
        @Test
        @DisplayName("adds small numbers")
        void addsSmallNumbers() {
            assertEquals(3, Calc.add(1, 2));
        }

        @ParameterizedTest(name = "{0} + {1} = {2}")
        @CsvSource({"1, 1, 2", "2, 2, 5", "3, 3, 7"})
        void adds(int a, int b, int sum) {
            assertEquals(sum, Calc.add(a, b));
        }
    }
    """
)


def maven_more_cases() -> list[Case]:
    """Second round, committed before the analyzer was run on it: real output for the shapes the first round's
    rules were written for (enforcer rules on the dependencies and Maven's version, pom model errors, a missing
    module) and more Surefire shapes (-e, reruns, JUnit 5 display names and parameters, a test without JUnit)."""
    case = maven_case
    return [
        case(
            "mvn-enforcer-banned",
            "dependency",
            "mvn -B verify",
            {
                **project(),
                "pom.xml": pom(
                    "calc",
                    plugins=enforcer_plugin(
                        "ban-junit4",
                        "<bannedDependencies><excludes><exclude>junit:junit</exclude></excludes></bannedDependencies>",
                    ),
                ),
            },
            first_of(r"Rule 0: \S+\.BannedDependencies failed with message:", r"Found Banned Dependency: junit:junit"),
            "maven-enforcer-plugin: bannedDependencies finds junit:junit",
        ),
        case(
            "mvn-enforcer-maven-version",
            "config",
            "mvn -B verify",
            {
                **project(),
                "pom.xml": pom(
                    "calc",
                    plugins=enforcer_plugin(
                        "maven-version", "<requireMavenVersion><version>[3.9.6,)</version></requireMavenVersion>"
                    ),
                ),
            },
            first_of(r"Rule 0: \S+\.RequireMavenVersion failed with message:", r"^Detected Maven Version: "),
            "maven-enforcer-plugin: requireMavenVersion [3.9.6,) on Maven 3.8.7",
        ),
        case(
            "mvn-pom-missing-version",
            "config",
            "mvn -B test",
            {**project(), "pom.xml": pom("calc", JUNIT4.replace("<version>4.13.2</version>", ""))},
            every(r"'dependencies\.dependency\.version' for junit:junit:jar is missing"),
            "a dependency without a version (the pom's model is invalid)",
        ),
        case(
            "mvn-missing-module",
            "config",
            "mvn -B verify",
            {key: value for key, value in REACTOR.items() if not key.startswith("cli/")},
            every(r"Child module \S+/cli of \S+ does not exist"),
            "a reactor pom lists a module whose directory is missing",
        ),
        case(
            "mvn-test-errors-flag",
            "test",
            "mvn -B -e test",
            project(**{test("CalcTest.java"): CALC_TEST}),
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "mvn -e: Maven's stack trace of the goal's failure below the tests",
        ),
        case(
            "mvn-test-rerun",
            "test",
            "mvn -B -Dsurefire.rerunFailingTestsCount=2 test",
            project(**{test("CalcTest.java"): CALC_TEST}),
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "Surefire reruns the failing tests twice",
        ),
        case(
            "mvn-junit5-display-names",
            "test",
            "mvn -B test",
            {
                **project(**{test("CalcTest.java"): JUPITER_NAMED}),
                "pom.xml": pom("calc", JUNIT5 + "\n    " + JUPITER_PARAMS),
            },
            surefire("CalcTest", "", r"org\.opentest4j\.AssertionFailedError: expected: <5>"),
            "JUnit 5 display names and a parameterized test with two failing rows",
        ),
        case(
            "mvn-test-compile-no-junit",
            "build",
            "mvn -B test",
            {**project(**{test("AOkTest.java"): OK_TEST}), "pom.xml": pom("calc", "")},
            compile_error("src/test/java/acme/AOkTest.java"),
            "the tests use JUnit but the pom does not depend on it",
        ),
    ]


def maven_cases() -> list[Case]:
    return first_maven_cases() + maven_more_cases()
