# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Gradle (Debian's gradle 4.4.1, the release Travis-era builds ran) and more Apache Ant
shapes (Debian's ant 1.10.13 with ant-optional, ivy 2.5.0 and checkstyle 8.36.1).

Gradle runs without a network: the test classpath is Debian's junit4 and hamcrest jars (`files(...)`), the
checkstyle configuration Debian's checkstyle jar, and the one case that resolves a module does so from a `flatDir`
repository in the project. Debian's launcher script probes the JVM with `java -version` and prints the answer on
every run; a copy of it with that probe silenced (``gradle_bin()``, in /tmp/tc/jvm2/bin) is put first on PATH.
The daemon is off (``GRADLE_OPTS=-Dorg.gradle.daemon=false``, as CI images commonly set it).

The culprit lines are found from what each case knows, by the conventions of bench/validation/README.md (Gradle: the
first `Test > method FAILED` line and the exception under it; Ant JUnit: the first failing test's line and the
exception under it, or the first `Test X FAILED` line when only those exist; tasks and compilers: the first error
line of what stopped the build; Gradle's `* What went wrong:` block, Ant's `BUILD FAILED` and its `build.xml:N:`
lines are the summary, except where they are the only words on the failure), never by running the analyzer.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from ant_cases import JAVA_SETUP, build_xml, first_failing_testcase
from debian_cases import JAVA_CALC
from make_logs import Case, Labeller, find, first_of

GRADLE_BIN = Path(os.environ.get("TOOLCHAIN_GRADLE_BIN", "/tmp/tc/jvm2/bin"))
# Debian's checkstyle jar and the jars it needs at run time (its manifest names only some of them).
CHECKSTYLE_JARS = [
    f"/usr/share/java/{jar}.jar"
    for jar in [
        "checkstyle",
        "antlr",
        "antlr4-runtime",
        "commons-beanutils",
        "commons-collections3",
        "commons-logging",
        "guava",
        "picocli",
        "commons-cli",
    ]
]
GRADLE_VERSION = "gradle --version 2>/dev/null | grep '^Gradle '"


def gradle_bin() -> Path:
    """A copy of Debian's /usr/bin/gradle whose JVM probe (`java -version`) prints nothing."""
    script = GRADLE_BIN / "gradle"
    if not script.exists():
        GRADLE_BIN.mkdir(parents=True, exist_ok=True)
        text = Path("/usr/bin/gradle").read_text()
        text = text.replace(" -version ; then", " -version >/dev/null 2>&1 ; then")
        text = text.replace('APP_HOME="`pwd -P`"', "APP_HOME=/usr/share/gradle")
        script.write_text(text)
        script.chmod(0o755)
    return GRADLE_BIN


def gradle_env() -> dict[str, str]:
    return {"PATH": f"{gradle_bin()}:{os.environ['PATH']}", "GRADLE_OPTS": "-Dorg.gradle.daemon=false"}


JUNIT_JARS = "files('/usr/share/java/junit4.jar', '/usr/share/java/hamcrest-core.jar')"


def gradle_build(extra: str = "", deps: str = "") -> str:
    return textwrap.dedent(
        """\
        apply plugin: 'java'

        group = 'com.acme'
        version = '1.4.0-SNAPSHOT'

        dependencies {
            testCompile JUNIT
        DEPS}
        """
    ).replace("JUNIT", JUNIT_JARS).replace("DEPS", deps) + textwrap.dedent(extra)


SETTINGS = "rootProject.name = 'acme'\n"

CALC_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class CalcTest {
        @Test
        public void adds() {
            System.out.println("ERROR [main] acme.Cache - cache miss for key 'rates' (expected in this test)");
            assertEquals(3, Calc.add(1, 2));
        }

        @Test
        public void addsNegative() {
            assertEquals(-1, Calc.add(1, -2));
        }
    }
    """
)

LEDGER = textwrap.dedent(
    """\
    package acme;

    import java.util.ArrayList;
    import java.util.List;

    public class Ledger {
        private final List<Integer> entries = new ArrayList<>();

        public void add(int amount) {
            entries.add(amount);
        }

        public int balance() {
            int total = 0;
            for (int amount : entries) {
                total += amount;
            }
            return total;
        }

        public String owner() {
            return null;
        }
    }
    """
)

LEDGER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class LedgerTest {
        @Test
        public void startsEmpty() {
            assertEquals(0, new Ledger().balance());
        }

        @Test
        public void sumsEntries() {
            Ledger ledger = new Ledger();
            ledger.add(10);
            ledger.add(-3);
            assertEquals("balance after two entries", 8, ledger.balance());
        }
    }
    """
)

OWNER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class OwnerTest {
        @Test
        public void namesOwner() {
            assertEquals(4, new Ledger().owner().length());
        }
    }
    """
)


def gradle_test_failure(then: str = r"^ {4}\S") -> Labeller:
    """Gradle's first `Class > method FAILED` line and the first line under it matching ``then`` (the exception
    line, indented by four)."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, r"^[\w.$]+ > \S.* FAILED$")
        if top is None:
            raise LookupError("no failing test")
        below = find(lines, then, top + 1, top + 3)
        if below is None:
            raise LookupError(f"{then!r} not under the failing test")
        return [top, below]

    return label


def earliest(*patterns: str) -> Labeller:
    """The earliest line matching any of ``patterns`` (at least one must be found)."""

    def label(lines: list[str]) -> list[int]:
        found = [index for index in (find(lines, pattern) for pattern in patterns) if index is not None]
        if not found:
            raise LookupError(f"none of {patterns!r} in the output")
        return [min(found)]

    return label


def gradle_cases() -> list[Case]:
    env = gradle_env()
    base = {
        "settings.gradle": SETTINGS,
        "src/main/java/acme/Calc.java": JAVA_CALC,
        "src/main/java/acme/Ledger.java": LEDGER,
        "src/test/java/acme/CalcTest.java": CALC_TEST,
        "src/test/java/acme/LedgerTest.java": LEDGER_TEST,
        "src/test/java/acme/OwnerTest.java": OWNER_TEST,
    }
    passing = {name: text for name, text in base.items() if not name.endswith(("LedgerTest.java", "OwnerTest.java"))}
    streams = "\ntest {\n    testLogging {\n        showStandardStreams = true\n    }\n}\n"
    return [
        Case(
            "gr-junit4-two-classes",
            "gradle",
            "java",
            "test",
            "gradle build",
            {**base, "build.gradle": gradle_build(streams)},
            gradle_test_failure(),
            "gradle test (JUnit 4): two classes fail (an assertion, a NullPointerException), a passing test logs ERROR",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-junit4-full-exceptions",
            "gradle",
            "java",
            "test",
            "gradle test",
            {
                **base,
                "build.gradle": gradle_build(
                    """
                    test {
                        testLogging {
                            events 'passed', 'skipped', 'failed'
                            exceptionFormat = 'full'
                        }
                    }
                    """
                ),
            },
            gradle_test_failure(r"^ {4}(?:java\.lang\.)?\w*(?:Error|Exception)\b"),
            "gradle test with testLogging events and exceptionFormat 'full': PASSED lines, messages and traces",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-deprecated-stacktrace",
            "gradle",
            "java",
            "test",
            "gradle test --stacktrace",
            {
                **base,
                "build.gradle": gradle_build(
                    """
                    task printVersion << {
                        println "version ${project.version}"
                    }
                    test.dependsOn printVersion
                    """
                ),
            },
            gradle_test_failure(),
            "gradle test --stacktrace: a deprecation warning at configuration, a failing test, then Gradle's own trace",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-compile-error",
            "gradle",
            "java",
            "build",
            "gradle build",
            {
                **base,
                "build.gradle": gradle_build("\ncompileJava.options.compilerArgs << '-Xlint:deprecation'\n"),
                "src/main/java/acme/Amounts.java": "package acme;\n\npublic class Amounts {\n    public static Integer boxed(int value) {\n        return new Integer(value);\n    }\n}\n",
                "src/main/java/acme/Report.java": 'package acme;\n\npublic class Report {\n    public String render(Ledger ledger) {\n        String title = ledger.title();\n        int width = "wide";\n        return title + width;\n    }\n}\n',
            },
            first_of(r"src/main/java/acme/Report\.java:5: error: cannot find symbol$"),
            "gradle build: javac prints a deprecation warning, then two errors; 'Compilation failed' under What went wrong",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-continue-two-failures",
            "gradle",
            "java",
            "build",
            "gradle --continue :core:compileJava :app:test",
            {
                "settings.gradle": "rootProject.name = 'acme'\ninclude 'core', 'app'\n",
                "build.gradle": "subprojects {\n    apply plugin: 'java'\n    dependencies {\n        testCompile "
                + JUNIT_JARS
                + "\n    }\n}\n",
                "core/src/main/java/acme/core/Rates.java": "package acme.core;\n\npublic class Rates {\n    public static double rate(String currency) {\n        return RATES.get(currency);\n    }\n}\n",
                "app/src/main/java/acme/Calc.java": JAVA_CALC,
                "app/src/test/java/acme/CalcTest.java": CALC_TEST.replace(
                    "assertEquals(-1, Calc.add(1, -2));", "assertEquals(-3, Calc.add(1, -2));"
                ),
            },
            earliest(r"/core/src/main/java/acme/core/Rates\.java:5: error: ", r"^[\w.$]+ > \S.* FAILED$"),
            "gradle --continue: one project's compile error, then another project's failing test; 'Build completed with 2 failures'",
            GRADLE_VERSION,
            alt_categories=["test"],
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-werror",
            "gradle",
            "java",
            "build",
            "gradle compileJava",
            {
                **base,
                "build.gradle": gradle_build("\ncompileJava.options.compilerArgs += ['-Xlint:all', '-Werror']\n"),
                "src/main/java/acme/Legacy.java": 'package acme;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\npublic class Legacy {\n    public static List names() {\n        List names = new ArrayList();\n        names.add("a");\n        return names;\n    }\n}\n',
            },
            first_of(
                r"src/main/java/acme/Legacy\.java:\d+: warning: \[", r"^error: warnings found and -Werror specified"
            ),
            "gradle compileJava with -Xlint:all -Werror: raw-type warnings become the error",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-checkstyle",
            "gradle",
            "java",
            "lint",
            "gradle check",
            {
                **base,
                "build.gradle": gradle_build(
                    """
                    checkstyle {
                        configFile = file('config/checkstyle/checkstyle.xml')
                    }
                    """,
                    deps="    checkstyle files(" + ", ".join(f"'{jar}'" for jar in CHECKSTYLE_JARS) + ")\n",
                ).replace("apply plugin: 'java'\n", "apply plugin: 'java'\napply plugin: 'checkstyle'\n"),
                "config/checkstyle/checkstyle.xml": CHECKSTYLE_CONFIG,
                "src/main/java/acme/Report.java": REPORT_STYLE,
            },
            first_of(r"^\[ant:checkstyle\] \[ERROR\] \S*src/main/java/acme/Report\.java:"),
            "gradle check: checkstyle warnings, then errors (severity per module); the errors fail checkstyleMain",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-exec-task",
            "gradle",
            "java",
            "build",
            "gradle check",
            {
                **passing,
                "build.gradle": gradle_build(
                    """
                    task checkLicences(type: Exec) {
                        commandLine 'bash', 'scripts/check-licences.sh'
                    }
                    check.dependsOn checkLicences
                    checkLicences.mustRunAfter test
                    """
                ),
                "scripts/check-licences.sh": 'echo "checking licence headers"\nfor f in src/main/java/acme/*.java; do\n  grep -q Licensed "$f" || { echo "error: $f has no licence header"; status=3; }\ndone\nexit ${status:-0}\n',
            },
            first_of(r"^error: src/main/java/acme/Calc\.java has no licence header"),
            "gradle Exec task: a script prints its errors and exits 3 after the tests passed",
            GRADLE_VERSION,
            alt_categories=["lint"],
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-missing-dependency",
            "gradle",
            "java",
            "dependency",
            "gradle build",
            {
                **base,
                "build.gradle": gradle_build(
                    "\nrepositories {\n    flatDir { dirs 'libs' }\n}\n",
                    deps="    compile 'com.acme:ledger-format:1.0'\n",
                ),
                "libs/README": "jars the build resolves from here\n",
            },
            first_of(
                r"Could not resolve all files for configuration ':compileClasspath'",
                r"> Could not find (?:com\.acme)?:ledger-format:1\.0",
            ),
            "gradle build: a dependency no repository has ('Could not resolve all files', 'Could not find')",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-task-missing",
            "gradle",
            "java",
            "config",
            "gradle tset",
            {**base, "build.gradle": gradle_build()},
            first_of(r"^Task 'tset' not found in root project 'acme'"),
            "gradle: a task name that does not exist",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-build-script-syntax",
            "gradle",
            "java",
            "config",
            "gradle build",
            {
                **base,
                "build.gradle": gradle_build(
                    """
                    test {
                        maxParallelForks = 2
                        systemProperty 'acme.env', 'ci'
                    }}
                    """
                ),
            },
            first_of(r"^Could not compile build file '", r"^ +build file '\S*build\.gradle': \d+: "),
            "gradle: a syntax error in build.gradle ('Could not compile build file', 'startup failed:')",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-evaluate-error",
            "gradle",
            "java",
            "config",
            "gradle build",
            {
                **base,
                "build.gradle": gradle_build(
                    deps="    testImplmentation files('/usr/share/java/hamcrest-library.jar')\n"
                ),
            },
            first_of(r"^> Could not find method testImplmentation\(\)"),
            "gradle: a misspelt configuration in dependencies ('A problem occurred evaluating root project')",
            GRADLE_VERSION,
            alt_categories=["dependency"],
            setup=JAVA_SETUP,
            env=env,
        ),
    ]


CHECKSTYLE_CONFIG = textwrap.dedent(
    """\
    <?xml version="1.0"?>
    <!DOCTYPE module PUBLIC "-//Checkstyle//DTD Checkstyle Configuration 1.3//EN" "https://checkstyle.org/dtds/configuration_1_3.dtd">
    <module name="Checker">
      <module name="LineLength">
        <property name="max" value="100"/>
        <property name="severity" value="warning"/>
      </module>
      <module name="TreeWalker">
        <module name="MagicNumber">
          <property name="severity" value="warning"/>
        </module>
        <module name="WhitespaceAround"/>
        <module name="NeedBraces"/>
      </module>
    </module>
    """
)

REPORT_STYLE = textwrap.dedent(
    """\
    package acme;

    public class Report {
        public String render(Ledger ledger) {
            String header = "ledger report -------------------------------------------------------------------------";
            int width = 72;
            if (ledger.balance() < 0) return header + " (overdrawn)";
            int pad=width - header.length();
            return header + pad;
        }
    }
    """
)


# --- Ant ---------------------------------------------------------------------------------------------------------

FAILING_TESTS = {
    "test/acme/AlphaTest.java": textwrap.dedent(
        """\
        package acme;

        import static org.junit.Assert.assertEquals;

        import org.junit.Test;

        public class AlphaTest {
            @Test
            public void addsSmall() {
                assertEquals(2, Calc.add(1, 1));
            }

            @Test
            public void addsLarge() {
                assertEquals("large sums", 2000, Calc.add(1000, 999));
            }
        }
        """
    ),
    "test/acme/BetaTest.java": textwrap.dedent(
        """\
        package acme;

        import static org.junit.Assert.assertTrue;

        import org.junit.Test;

        public class BetaTest {
            @Test
            public void logs() {
                System.err.println("ERROR [main] acme.Audit - audit sink unavailable, buffering (expected here)");
                assertTrue(Calc.add(1, 1) > 0);
            }
        }
        """
    ),
    "test/acme/GammaTest.java": textwrap.dedent(
        """\
        package acme;

        import static org.junit.Assert.assertEquals;

        import org.junit.Test;

        public class GammaTest {
            @Test
            public void parses() {
                assertEquals(42, Integer.parseInt("forty-two"));
            }
        }
        """
    ),
}


def junit_block(
    attrs: str,
    formatter: str,
    tests: str = '<batchtest todir="build/reports"><fileset dir="test" includes="**/*Test.java"/></batchtest>',
) -> str:
    return f"""
  <target name="test" depends="compile-tests">
    <mkdir dir="build/reports"/>
    <junit {attrs}>
      <classpath refid="cp"/>
      {formatter}
      {tests}
    </junit>
    <fail if="tests.failed" message="There were test failures."/>
  </target>
"""


def ant_test_class_failed(name: str) -> Labeller:
    """The junit task's `Test <class> FAILED` line for ``name`` (the first such line, checked) and, when
    printsummary printed one, that class's `Tests run:` count above it."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, r"\[junit\] Test [\w.$]+ FAILED")
        if top is None or f"Test {name} FAILED" not in lines[top]:
            raise LookupError(f"the first failing class is not {name}")
        running = find(lines, rf"\[junit\] Running {re.escape(name)}$")
        count = None if running is None else find(lines, r"\[junit\] Tests run: \d+, Failures: ", running, top)
        return sorted({top} | ({count} if count is not None else set()))

    return label


CRASH_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class NativeBridgeTest {
        @Test
        public void loadsBridge() {
            System.out.println("loading native bridge");
            Runtime.getRuntime().halt(134);
        }

        @Test
        public void adds() {
            assertEquals(3, Calc.add(1, 2));
        }
    }
    """
)

SLOW_TEST = textwrap.dedent(
    """\
    package acme;

    import org.junit.Test;

    public class SlowTest {
        @Test
        public void waitsForServer() throws Exception {
            System.out.println("waiting for the server on port 8080");
            Thread.sleep(60000);
        }
    }
    """
)

IVY_SETTINGS = textwrap.dedent(
    """\
    <ivysettings>
      <settings defaultResolver="local-repo"/>
      <caches defaultCacheDir="${basedir}/.ivy-cache"/>
      <resolvers>
        <filesystem name="local-repo">
          <ivy pattern="${basedir}/repo/[organisation]/[module]/[revision]/ivy.xml"/>
          <artifact pattern="${basedir}/repo/[organisation]/[module]/[revision]/[artifact].[ext]"/>
        </filesystem>
      </resolvers>
    </ivysettings>
    """
)

IVY_XML = textwrap.dedent(
    """\
    <ivy-module version="2.0">
      <info organisation="com.acme" module="acme"/>
      <dependencies>
        <dependency org="com.acme" name="ledger-format" rev="1.0"/>
        <dependency org="org.example" name="rates-client" rev="2.3.1"/>
      </dependencies>
    </ivy-module>
    """
)

SUB_BUILD = """<project name="NAME" default="compile">
  <target name="compile">
    <mkdir dir="build/classes"/>
    <javac srcdir="src" destdir="build/classes" includeantruntime="false"/>
  </target>
</project>
"""


def ant3_cases() -> list[Case]:
    return [
        Case(
            "ant3-junit-xml-summary",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(
                    junit_block(
                        'printsummary="withOutAndErr" failureproperty="tests.failed"', '<formatter type="xml"/>'
                    )
                ),
                "src/acme/Calc.java": JAVA_CALC,
                **FAILING_TESTS,
            },
            ant_test_class_failed("acme.AlphaTest"),
            "ant junit with the xml formatter only and printsummary: two of three classes fail, then <fail>",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-junit-fork-crash",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(
                    junit_block(
                        'printsummary="yes" fork="yes" haltonfailure="yes"', '<formatter type="plain" usefile="false"/>'
                    )
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/NativeBridgeTest.java": CRASH_TEST,
            },
            first_failing_testcase([r"\[junit\] Forked Java VM exited abnormally"]),
            "ant junit fork=yes: a test halts the forked JVM ('Forked Java VM exited abnormally', crashed)",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-junit-timeout",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(
                    junit_block('printsummary="yes" fork="yes" timeout="3000" failureproperty="tests.failed"', "")
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/SlowTest.java": SLOW_TEST,
                "test/acme/AlphaTest.java": FAILING_TESTS["test/acme/AlphaTest.java"].replace(
                    '"large sums", 2000', '"large sums", 1999'
                ),
            },
            first_of(r"\[junit\] Test acme\.SlowTest FAILED \(timeout\)$"),
            "ant junit fork=yes timeout=3000: a test hangs and the junit task kills it",
            "ant -version",
            alt_categories=["timeout"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-javac-many-errors",
            "ant",
            "java",
            "build",
            "ant compile",
            {
                "build.xml": build_xml("", default="compile").replace(
                    'includeantruntime="false"/>\n  </target>\n  <target name="compile-tests"',
                    'includeantruntime="false">\n      <compilerarg value="-Xlint:all"/>\n    </javac>\n  </target>\n  <target name="compile-tests"',
                    1,
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "src/acme/Legacy.java": 'package acme;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\npublic class Legacy {\n    public static List names() {\n        List names = new ArrayList();\n        names.add("error");\n        return names;\n    }\n}\n',
                "src/acme/Report.java": "package acme;\n\nimport java.util.List;\n\npublic class Report {\n    public String render(List<Integer> amounts) {\n        int total = amounts.total();\n        String title = 42;\n        return title + total + missing;\n    }\n}\n",
            },
            first_of(r"\[javac\] \S*src/acme/Report\.java:\d+: error: "),
            "ant javac with -Xlint:all: raw-type warnings, then four errors in another file",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-fail-message",
            "ant",
            "java",
            "config",
            "ant dist",
            {
                "build.xml": build_xml(
                    """
  <target name="check-config">
    <available file="config/release.properties" property="release.config.present"/>
    <echo message="checking release configuration"/>
    <fail unless="release.config.present" message="config/release.properties is missing: copy config/release.properties.example and set release.version"/>
  </target>
  <target name="dist" depends="compile, check-config">
    <jar destfile="build/acme.jar" basedir="build/classes"/>
  </target>
""",
                    default="dist",
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "config/release.properties.example": "release.version=\n",
            },
            first_of(r"build\.xml:\d+: config/release\.properties is missing"),
            "ant <fail unless=...> with a custom message: the build's own precondition stops it",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-ivy-unresolved",
            "ant",
            "java",
            "dependency",
            "ant resolve",
            {
                "build.xml": """<project name="acme" default="resolve" xmlns:ivy="antlib:org.apache.ivy.ant">
  <taskdef resource="org/apache/ivy/ant/antlib.xml" uri="antlib:org.apache.ivy.ant" classpath="/usr/share/java/ivy.jar"/>
  <target name="resolve">
    <ivy:settings file="ivysettings.xml"/>
    <ivy:resolve/>
  </target>
</project>
""",
                "ivysettings.xml": IVY_SETTINGS,
                "ivy.xml": IVY_XML,
                "repo/README": "the team's artifact mirror, synced by CI\n",
            },
            first_of(
                r"\[ivy:resolve\] \t+module not found: com\.acme#ledger-format;1\.0$",
                r"\[ivy:resolve\] \t+:: com\.acme#ledger-format;1\.0: not found",
            ),
            "ant + ivy: two modules no resolver has (UNRESOLVED DEPENDENCIES), offline",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-checkstyle",
            "ant",
            "java",
            "lint",
            "ant lint",
            {
                "build.xml": build_xml(
                    """
  <taskdef resource="com/puppycrawl/tools/checkstyle/ant/checkstyle-ant-task.properties" classpath="CSJARS"/>
  <target name="lint">
    <checkstyle config="checkstyle.xml">
      <fileset dir="src" includes="**/*.java"/>
    </checkstyle>
  </target>
""",
                    default="lint",
                ).replace("CSJARS", ":".join(CHECKSTYLE_JARS)),
                "checkstyle.xml": CHECKSTYLE_CONFIG,
                "src/acme/Calc.java": JAVA_CALC,
                "src/acme/Report.java": REPORT_STYLE.replace("Ledger ledger", "Calc calc").replace(
                    "ledger.balance()", "Calc.add(1, -2)"
                ),
            },
            first_of(r"\[checkstyle\] \[ERROR\] \S*src/acme/Report\.java:"),
            "ant <checkstyle>: warnings (severity warning), then errors; 'Got N errors and M warnings.'",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-exec-missing-program",
            "ant",
            "java",
            "dependency",
            "ant generate",
            {
                "build.xml": build_xml(
                    """
  <target name="generate">
    <mkdir dir="build/generated"/>
    <exec executable="protoc" failonerror="true">
      <arg value="--java_out=build/generated"/>
      <arg value="proto/ledger.proto"/>
    </exec>
  </target>
""",
                    default="generate",
                ),
                "proto/ledger.proto": 'syntax = "proto3";\nmessage Entry { int64 amount = 1; }\n',
            },
            first_of(r'build\.xml:\d+: Execute failed: java\.io\.IOException: Cannot run program "protoc"'),
            "ant <exec failonerror>: the program is not installed on the runner",
            "ant -version",
            alt_categories=["config", "build"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-get-unreachable",
            "ant",
            "java",
            "infrastructure",
            "ant fetch-libs",
            {
                "build.xml": build_xml(
                    """
  <target name="fetch-libs">
    <mkdir dir="lib"/>
    <echo message="fetching third-party jars"/>
    <get src="http://127.0.0.1:9/artifacts/ledger-format-1.0.jar" dest="lib/ledger-format-1.0.jar" retries="2"/>
  </target>
""",
                    default="fetch-libs",
                ),
            },
            first_of(
                r"\[get\] Error getting http://127\.0\.0\.1:9/",
                r"build\.xml:\d+: java\.net\.ConnectException: Connection refused",
            ),
            "ant <get> of a URL nothing answers (connection refused, retried)",
            "ant -version",
            alt_categories=["dependency"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-subant-javac",
            "ant",
            "java",
            "build",
            "ant build-all",
            {
                "build.xml": """<project name="acme" default="build-all">
  <target name="build-all">
    <subant target="compile">
      <filelist dir="modules" files="common,ledger"/>
    </subant>
  </target>
</project>
""",
                "modules/common/build.xml": SUB_BUILD.replace("NAME", "common"),
                "modules/common/src/acme/common/Calc.java": JAVA_CALC.replace("package acme;", "package acme.common;"),
                "modules/ledger/build.xml": SUB_BUILD.replace("NAME", "ledger"),
                "modules/ledger/src/acme/ledger/Ledger.java": "package acme.ledger;\n\npublic class Ledger {\n    public int balance() {\n        return Calc.add(1, 2);\n    }\n}\n",
            },
            first_of(r"\[javac\] \S*modules/ledger/src/acme/ledger/Ledger\.java:5: error: "),
            "ant <subant> into two module builds: the second's javac fails; nested 'The following error occurred' lines",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-ant-call-junit",
            "ant",
            "java",
            "test",
            'ant ci; status=$?; echo; echo "The command \\"ant ci\\" exited with $status."; exit $status',
            {
                "build.xml": build_xml(
                    """
  <target name="ci">
    <ant antfile="build.xml" dir="modules/core" target="test" inheritAll="false"/>
  </target>
""",
                    default="ci",
                ),
                "modules/core/build.xml": build_xml(
                    junit_block('printsummary="yes" haltonfailure="yes"', '<formatter type="brief" usefile="false"/>')
                ).replace('<fail if="tests.failed" message="There were test failures."/>', ""),
                "modules/core/src/acme/Calc.java": JAVA_CALC,
                "modules/core/test/acme/AlphaTest.java": FAILING_TESTS["test/acme/AlphaTest.java"],
                "modules/core/test/acme/BetaTest.java": FAILING_TESTS["test/acme/BetaTest.java"],
            },
            first_of(
                r"\[junit\] Testcase: addsLarge\(acme\.AlphaTest\):\s+FAILED$",
                r"\[junit\] large sums expected:<2000> but was:<1999>$",
                r"\[junit\] junit\.framework\.AssertionFailedError: large sums expected:<2000>",
            ),
            "ant <ant> into a module's build whose junit (brief) fails, under a Travis-style 'The command ... exited with 1.'",
            "ant -version",
            setup=JAVA_SETUP,
        ),
    ]


def gradle_ant_more_cases() -> list[Case]:
    """A second round (committed before the analyzer ran on it): Gradle's javadoc, a program run by the
    application plugin that throws, a test that exits the test JVM; Ant's junit without junit.jar, and a
    javac source directory that does not exist."""
    env = gradle_env()
    base = {
        "settings.gradle": SETTINGS,
        "src/main/java/acme/Calc.java": JAVA_CALC,
        "src/main/java/acme/Ledger.java": LEDGER,
        "src/test/java/acme/CalcTest.java": CALC_TEST,
    }
    return [
        Case(
            "gr-javadoc",
            "gradle",
            "java",
            "build",
            "gradle javadoc",
            {
                **base,
                "build.gradle": gradle_build(),
                "src/main/java/acme/Rates.java": textwrap.dedent(
                    """\
                    package acme;

                    /**
                     * Exchange rates, cached for <b>one hour.
                     *
                     * @param currency the ISO code
                     */
                    public class Rates {
                        /**
                         * The rate of a currency against EUR.
                         *
                         * @param code the currency's ISO code
                         * @return the rate, or -1 when 0 < rate is not known
                         * @throws IllegalStateException if the cache is empty
                         */
                        public double rate(String currency) {
                            return -1;
                        }
                    }
                    """
                ),
            },
            first_of(r"src/main/java/acme/Rates\.java:\d+: error: "),
            "gradle javadoc: doclint errors (malformed HTML, a @param that does not exist) fail the javadoc task",
            GRADLE_VERSION,
            alt_categories=["lint"],
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-run-exception",
            "gradle",
            "java",
            "build",
            "gradle run",
            {
                **base,
                "build.gradle": gradle_build("\napply plugin: 'application'\nmainClassName = 'acme.Main'\n"),
                "src/main/java/acme/Main.java": textwrap.dedent(
                    """\
                    package acme;

                    public class Main {
                        public static void main(String[] args) {
                            System.out.println("loading configuration from config/app.properties");
                            System.err.println("ERROR schema check skipped (no database in this run)");
                            throw new IllegalStateException("config/app.properties: key 'ledger.currency' is required");
                        }
                    }
                    """
                ),
            },
            first_of(r'^Exception in thread "main" java\.lang\.IllegalStateException: config/app\.properties'),
            "gradle run (application plugin): the program throws; Gradle reports the java command's exit value",
            GRADLE_VERSION,
            alt_categories=["config"],
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "gr-test-jvm-exit",
            "gradle",
            "java",
            "test",
            "gradle test",
            {
                **base,
                "build.gradle": gradle_build(),
                "src/test/java/acme/ShutdownTest.java": textwrap.dedent(
                    """\
                    package acme;

                    import org.junit.Test;

                    public class ShutdownTest {
                        @Test
                        public void shutsDownCleanly() {
                            System.out.println("stopping the ledger service");
                            System.exit(3);
                        }
                    }
                    """
                ),
            },
            first_of(r"Process 'Gradle Test Executor \d+' finished with non-zero exit value 3"),
            "gradle test: a test calls System.exit and the test JVM ends; Gradle names only the executor",
            GRADLE_VERSION,
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "ant3-junit-jar-missing",
            "ant",
            "java",
            "config",
            "ant test",
            {
                "build.xml": build_xml(
                    """
  <path id="nojunit">
    <pathelement location="build/classes"/>
    <pathelement location="build/test-classes"/>
  </path>
  <target name="test" depends="compile-tests">
    <junit printsummary="yes" haltonfailure="yes">
      <classpath refid="nojunit"/>
      <formatter type="plain" usefile="false"/>
      <batchtest><fileset dir="test" includes="**/*Test.java"/></batchtest>
    </junit>
  </target>
"""
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/CalcTest.java": CALC_TEST.replace(
                    "assertEquals(-1, Calc.add(1, -2));", "assertEquals(-1, Calc.add(1, -2));"
                ),
            },
            first_of(r"build\.xml:\d+: The <classpath> (?:or <modulepath> )?for <junit> must include junit\.jar"),
            "ant junit whose classpath lacks junit.jar (the tests compiled against it)",
            "ant -version",
            alt_categories=["dependency"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-srcdir-missing",
            "ant",
            "java",
            "config",
            "ant compile",
            {
                "build.xml": build_xml("", default="compile").replace('srcdir="src"', 'srcdir="src/main/java"', 1),
                "src/acme/Calc.java": JAVA_CALC,
            },
            first_of(r'build\.xml:\d+: srcdir "\S*src/main/java" does not exist!'),
            "ant javac whose srcdir does not exist (the sources moved, build.xml did not follow)",
            "ant -version",
            alt_categories=["build"],
            setup=JAVA_SETUP,
        ),
    ]


def gradle_ant_third_cases() -> list[Case]:
    """A third round (committed before the analyzer ran on it): a Java source level the JDK no longer compiles,
    under Gradle and Ant, and a `*Test` class JUnit finds no test in."""
    env = gradle_env()
    return [
        Case(
            "gr-source-level",
            "gradle",
            "java",
            "config",
            "gradle build",
            {
                "settings.gradle": SETTINGS,
                "build.gradle": gradle_build("\nsourceCompatibility = 1.5\ntargetCompatibility = 1.5\n"),
                "src/main/java/acme/Calc.java": JAVA_CALC,
            },
            first_of(r"error: Source option 5 is no longer supported"),
            "gradle build with sourceCompatibility 1.5 on a newer JDK: javac refuses the source level",
            GRADLE_VERSION,
            alt_categories=["build"],
            setup=JAVA_SETUP,
            env=env,
        ),
        Case(
            "ant3-javac-source-level",
            "ant",
            "java",
            "config",
            "ant compile",
            {
                "build.xml": build_xml("", default="compile").replace(
                    'includeantruntime="false"/>', 'includeantruntime="false" source="1.5" target="1.5"/>', 1
                ),
                "src/acme/Calc.java": JAVA_CALC,
            },
            first_of(r"\[javac\] error: Source option 5 is no longer supported"),
            "ant javac source=1.5 target=1.5 (a Travis-era build.xml) on a newer JDK",
            "ant -version",
            alt_categories=["build"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant3-junit-no-runnable-methods",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(
                    junit_block(
                        'printsummary="yes" failureproperty="tests.failed"', '<formatter type="plain" usefile="false"/>'
                    )
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/AlphaTest.java": FAILING_TESTS["test/acme/AlphaTest.java"].replace(
                    '"large sums", 2000', '"large sums", 1999'
                ),
                "test/acme/FixtureTest.java": "package acme;\n\n/** Shared fixtures for the tests (not a test itself). */\npublic class FixtureTest {\n    public static int[] amounts() {\n        return new int[] {1, 2, 3};\n    }\n}\n",
            },
            first_failing_testcase(
                [
                    r"\[junit\] Invalid test class 'acme\.FixtureTest':$",
                    r"\[junit\] org\.junit\.runners\.model\.InvalidTestClassError: ",
                ]
            ),
            "ant junit over **/*Test.java: a fixture class named *Test has no tests ('No runnable methods')",
            "ant -version",
            setup=JAVA_SETUP,
        ),
    ]
