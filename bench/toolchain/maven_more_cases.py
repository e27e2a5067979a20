# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, Maven part two (`mvn3-*`): shapes of real CI logs beyond maven_cases.py's.

Surefire runs where the first failure is hundreds of lines above `Results:` (several failing classes, failures
and errors, passing tests whose logger prints SEVERE lines and stack traces on stderr), a fork killed by
Surefire's own timeout, a dead fork under `-e`, a `--fail-at-end` reactor where a second module fails after the
first; plugins that fail a build (javadoc errors, the compiler's `failOnWarning`, the enforcer's dependency
convergence, `dependency:analyze`, exec, antrun, resource filtering); dependency resolution without network
(an unreachable repository host, a parent POM and an artifact descriptor that cannot be read), with `-e`,
`-q` and `-Dstyle.color=always` variants. The same mechanism as maven_cases.py: Debian's Maven 3.8.7 offline
against a hard-linked copy of Debian's /usr/share/maven-repo (``MAVEN2_DEBIAN_REPO``, default
/tmp/tc/maven2/repo, made after installing the extra plugin packages). Some cases add their own tiny artifacts
to the local repository (``.m2/repository/com/acme/...`` in the case's files: poms, and empty jars made in the
prepare step). Labels come from what each case knows, by bench/validation/README.md's conventions, never from
the analyzer.
"""

from __future__ import annotations

import os
import textwrap

from make_logs import Case, Labeller, first_of
from maven_cases import CALC, CALC_TEST, JUNIT4, MAVEN_CONFIG, NAME_TEST, OK_TEST, VERSION, every, pom, surefire

REPO = os.environ.get("MAVEN2_DEBIAN_REPO", "/tmp/tc/maven2/repo")
# The case's own artifacts (written under .m2/repository before this runs) stay; Debian's are hard-linked beside
# them; each seeded pom gets an empty jar.
PREPARE = (
    f"mkdir -p .m2/repository && cp -al {REPO}/. .m2/repository/\n"
    'for p in $(find .m2/repository/com/acme -name "*.pom" 2>/dev/null); do j="${p%.pom}.jar"; '
    '[ -e "$j" ] || (d=$(mktemp -d) && jar cf "$j" -C "$d" .); done\n'
    'export MAVEN_OPTS="-Dmaven.repo.local=$PWD/.m2/repository"'
)
SETUP = "actions/setup-java@v4"

JAVADOC = "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-javadoc-plugin</artifactId><version>3.4.1</version>"
DEPENDENCY = "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.5.0</version>"
ANTRUN = "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-antrun-plugin</artifactId><version>3.1.0</version>"
EXEC = "<plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>3.1.0</version>"
ENFORCER = "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId><version>3.1.0</version>"
COMPILER = "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.10.1</version>"
SUREFIRE = "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>2.22.3</version>"
LANG3 = "<dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId><version>3.12.0</version></dependency>"


def java(path: str) -> str:
    return f"src/main/java/acme/{path}"


def test(path: str) -> str:
    return f"src/test/java/acme/{path}"


def project(pom_text: str | None = None, **extra: str) -> dict[str, str]:
    return {"pom.xml": pom_text or pom("calc"), ".mvn/maven.config": MAVEN_CONFIG, java("Calc.java"): CALC, **extra}


def artifact(group: str, name: str, version: str, dependencies: str = "", *, parent: str = "") -> dict[str, str]:
    """A pom in the local repository (the prepare step adds an empty jar beside it)."""
    path = f".m2/repository/{group.replace('.', '/')}/{name}/{version}/{name}-{version}.pom"
    deps = f"  <dependencies>\n    {dependencies}\n  </dependencies>\n" if dependencies else ""
    return {
        path: '<?xml version="1.0" encoding="UTF-8"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n'
        f"{parent}  <groupId>{group}</groupId>\n  <artifactId>{name}</artifactId>\n  <version>{version}</version>\n"
        f"{deps}</project>\n"
    }


def dep(group: str, name: str, version: str, scope: str = "") -> str:
    s = f"<scope>{scope}</scope>" if scope else ""
    return f"<dependency><groupId>{group}</groupId><artifactId>{name}</artifactId><version>{version}</version>{s}</dependency>"


# --- Surefire ------------------------------------------------------------------------------------------------

# Passing tests that talk: java.util.logging's console handler writes SEVERE records and their stack traces to
# stderr, which Surefire 2.22 copies to the console; a test that prints a caught exception's stack trace.
NOISY_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertTrue;

    import java.util.logging.Level;
    import java.util.logging.Logger;
    import org.junit.Test;

    public class AConnectionPoolTest {
        private static final Logger LOG = Logger.getLogger("acme.ConnectionPool");

        @Test
        public void retriesAfterRefusedConnection() {
            for (int i = 0; i < 40; i++) {
                System.out.println("INFO  [pool-1] acme.ConnectionPool - lease " + i + " returned");
            }
            LOG.log(Level.SEVERE, "ERROR connection to db:5432 refused, retrying", new java.net.ConnectException("Connection refused"));
            System.err.println("ERROR [pool-1] acme.ConnectionPool - giving up on replica-2 (expected in this test)");
            new IllegalStateException("replica-2 unavailable (simulated)").printStackTrace();
            assertTrue(true);
        }

        @Test
        public void logsWarnings() {
            for (int i = 0; i < 60; i++) {
                LOG.warning("slow query #" + i + " took 1200 ms (Exception threshold not reached)");
            }
        }
    }
    """
)
PARSER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class ParserTest {
        @Test
        public void parsesHex() {
            assertEquals(255, Integer.parseInt("ff", 16));
        }

        @Test
        public void parsesOctal() {
            assertEquals(8, Integer.parseInt("10", 8));
        }

        @Test
        public void parsesBinaryWrong() {
            assertEquals(3, Integer.parseInt("101", 2));
        }

        @Test
        public void parsesEmpty() {
            Integer.parseInt("");
        }
    }
    """
)
ORDER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertTrue;

    import java.util.ArrayList;
    import java.util.List;
    import org.junit.Test;

    public class OrderTest {
        @Test
        public void indexesOutOfRange() {
            List<String> items = new ArrayList<>();
            items.get(2);
        }

        @Test
        public void hasItems() {
            assertTrue("order must have items", new ArrayList<String>().size() > 0);
        }
    }
    """
)


def chatty(name: str, lines: int) -> str:
    return textwrap.dedent(
        f"""\
        package acme;

        import org.junit.Test;

        public class {name} {{
            @Test
            public void processesBatches() {{
                for (int i = 0; i < {lines}; i++) {{
                    System.out.println("DEBUG acme.Importer - row " + i + " imported (0 errors so far)");
                }}
            }}
        }}
        """
    )


SLEEPY_TEST = textwrap.dedent(
    """\
    package acme;

    import org.junit.Test;

    public class ImportJobTest {
        @Test
        public void waitsForTheQueue() throws Exception {
            System.out.println("waiting for queue 'imports' to drain");
            Thread.sleep(120_000);
        }
    }
    """
)
HALT_TEST = textwrap.dedent(
    """\
    package acme;

    import org.junit.Test;

    public class NativeLoaderTest {
        @Test
        public void loadsLibrary() {
            System.err.println("FATAL: libacme.so: cannot open shared object file");
            Runtime.getRuntime().halt(134);
        }
    }
    """
)


def surefire_cases() -> list[Case]:
    many = project(
        **{
            test("AConnectionPoolTest.java"): NOISY_TEST,
            test("BImporterTest.java"): chatty("BImporterTest", 150),
            test("CalcTest.java"): CALC_TEST,
            test("NameTest.java"): NAME_TEST,
            test("OrderTest.java"): ORDER_TEST,
            test("ParserTest.java"): PARSER_TEST,
            test("ZImporterTest.java"): chatty("ZImporterTest", 200),
        }
    )
    reactor = {
        "pom.xml": pom("parent", "", packaging="pom", modules=("core", "util", "web")),
        ".mvn/maven.config": MAVEN_CONFIG,
        "core/pom.xml": pom("core", parent=True),
        "core/src/main/java/acme/Calc.java": CALC,
        "core/src/test/java/acme/CalcTest.java": CALC_TEST,
        "util/pom.xml": pom("util", parent=True),
        "util/src/main/java/acme/Text.java": "package acme;\n\npublic class Text {\n    public static String upper(String s) {\n        return s.toUpperCase();\n    }\n}\n",
        "util/src/test/java/acme/TextTest.java": 'package acme;\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class TextTest {\n    @Test\n    public void uppers() {\n        assertEquals("AB", Text.upper("ab "));\n    }\n}\n',
        "web/pom.xml": pom(
            "web",
            JUNIT4 + "\n    " + dep("com.acme", "core", "1.0.0"),
            parent=True,
        ),
        "web/src/main/java/acme/Page.java": "package acme;\n\npublic class Page {\n    public String render() {\n        return Calc.add(1, 2);\n    }\n}\n",
    }
    return [
        case(
            "mvn3-surefire-many-classes",
            "test",
            "mvn -B -Dsurefire.runOrder=alphabetical verify",
            many,
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "Surefire: seven classes, five failing with failures and errors; passing tests log SEVERE lines and stack traces first",
        ),
        case(
            "mvn3-surefire-logger-noise",
            "test",
            "mvn -B -Dsurefire.runOrder=alphabetical test",
            project(**{test("AConnectionPoolTest.java"): NOISY_TEST, test("OrderTest.java"): ORDER_TEST}),
            surefire("OrderTest", "hasItems", r"java\.lang\.AssertionError: order must have items"),
            "Surefire: a passing test logs ERROR/SEVERE lines and exception stack traces before the failing class",
        ),
        case(
            "mvn3-surefire-fork-timeout",
            "timeout",
            "mvn -B -Dsurefire.timeout=15 test",
            project(**{test("AOkTest.java"): OK_TEST, test("ImportJobTest.java"): SLEEPY_TEST}),
            first_of(r"There was a timeout (?:or other error )?in the fork"),
            "Surefire's forkedProcessTimeoutInSeconds kills the test JVM",
            alt_categories=("test",),
        ),
        case(
            "mvn3-surefire-fork-halt-e",
            "test",
            "mvn -B -e test",
            project(**{test("AOkTest.java"): OK_TEST, test("NativeLoaderTest.java"): HALT_TEST}),
            first_of(r"The forked VM terminated without properly saying goodbye"),
            "a test halts the JVM (exit 134) under -e: Maven's stack traces follow the dead fork's message",
        ),
        case(
            "mvn3-reactor-fail-at-end",
            "test",
            "mvn -B -fae -Dstyle.color=always verify",
            reactor,
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "--fail-at-end in colour: core's tests fail, util's test fails after it, web is skipped",
        ),
    ]


# --- plugins ---------------------------------------------------------------------------------------------------

BAD_JAVADOC = textwrap.dedent(
    """\
    package acme;

    /**
     * Money arithmetic.
     */
    public class Money {
        public int cents;

        /**
         * Adds two amounts.
         *
         * @param amount the amount
         * @return the sum
         */
        public static int add(int a, int b) {
            return a + b;
        }

        /**
         * Returns true when a < b does not hold; see {@link Ledger#compare}.
         *
         * @param a first
         * @param b second
         * @return whether
         */
        public static boolean greater(int a, int b) {
            return a > b;
        }

        public static int undocumented() {
            return 0;
        }
    }
    """
)
DEPRECATED = "package acme;\n\npublic class Old {\n    @Deprecated\n    public static int legacy() {\n        return 1;\n    }\n}\n"
USES_DEPRECATED = "package acme;\n\nimport java.util.*;\n\npublic class UsesOld {\n    List raw = new ArrayList();\n\n    int f() {\n        raw.add(1);\n        return Old.legacy();\n    }\n}\n"
TOOL_MAIN = textwrap.dedent(
    """\
    package acme;

    import java.nio.file.Files;
    import java.nio.file.Path;

    public class GenerateSchema {
        public static void main(String[] args) throws Exception {
            System.out.println("[gen] reading src/main/schema/orders.yaml");
            System.err.println("ERROR is a reserved word in this schema dialect; renaming field 'ERROR' to 'error_'");
            Path schema = Path.of("src/main/schema/orders.yaml");
            if (!Files.exists(schema)) {
                throw new IllegalStateException("schema not found: " + schema);
            }
        }
    }
    """
)


def plugin_cases() -> list[Case]:
    javadoc = (
        f"      {JAVADOC}\n"
        "        <configuration><doclint>all</doclint></configuration>\n"
        "        <executions><execution><id>attach-javadocs</id><goals><goal>jar</goal></goals></execution></executions></plugin>\n"
    )
    werror = (
        f"      {COMPILER}\n"
        "        <configuration><showWarnings>true</showWarnings><failOnWarning>true</failOnWarning>"
        "<compilerArgs><arg>-Xlint:all</arg></compilerArgs></configuration></plugin>\n"
    )
    convergence = (
        f"      {ENFORCER}\n"
        "        <executions><execution><id>enforce</id><goals><goal>enforce</goal></goals>\n"
        "          <configuration><rules><dependencyConvergence/></rules></configuration>\n"
        "        </execution></executions></plugin>\n"
    )
    seeded = {
        **artifact("com.acme.libs", "json-core", "1.2.0"),
        **artifact("com.acme.libs", "json-core", "2.0.1"),
        **artifact("com.acme.libs", "http-client", "4.1.0", dep("com.acme.libs", "json-core", "1.2.0")),
        **artifact("com.acme.libs", "metrics", "0.9.3", dep("com.acme.libs", "json-core", "2.0.1")),
    }
    analyze = (
        f"      {DEPENDENCY}\n"
        "        <executions><execution><id>analyze</id><goals><goal>analyze-only</goal></goals>\n"
        "          <configuration><failOnWarning>true</failOnWarning></configuration></execution></executions></plugin>\n"
    )
    antrun = (
        f"      {ANTRUN}\n"
        "        <executions><execution><id>check-generated</id><phase>process-sources</phase><goals><goal>run</goal></goals>\n"
        "          <configuration><target>\n"
        '            <echo message="checking generated sources (warning: this takes a while)"/>\n'
        '            <available file="src/main/generated/Orders.java" property="generated.present"/>\n'
        '            <fail unless="generated.present" message="Generated sources are missing: run ./gen.sh and commit src/main/generated"/>\n'
        "          </target></configuration></execution></executions></plugin>\n"
    )
    exec_java = (
        f"      {EXEC}\n"
        "        <executions><execution><id>generate-schema</id><phase>process-classes</phase><goals><goal>java</goal></goals>\n"
        "          <configuration><mainClass>acme.GenerateSchema</mainClass></configuration></execution></executions></plugin>\n"
    )
    exec_exec = (
        f"      {EXEC}\n"
        "        <executions><execution><id>lint-openapi</id><phase>validate</phase><goals><goal>exec</goal></goals>\n"
        "          <configuration><executable>bash</executable><arguments><argument>scripts/lint-api.sh</argument></arguments></configuration></execution></executions></plugin>\n"
    )
    lint_script = (
        "#!/bin/bash\n"
        'echo "linting api/openapi.yaml"\n'
        'echo "api/openapi.yaml:12: paths./orders.get.responses: missing 200 response" >&2\n'
        "exit 2\n"
    )
    filtering = {
        **project(
            pom("calc").replace(
                "  </build>",
                "    <resources><resource><directory>src/main/resources</directory><filtering>true</filtering></resource></resources>\n  </build>",
            )
        ),
    }
    return [
        case(
            "mvn3-javadoc-errors",
            "build",
            "mvn -B -DskipTests package",
            project(pom("calc", plugins=javadoc), **{java("Money.java"): BAD_JAVADOC}),
            first_of(r"^\[ERROR\] \S*/src/main/java/acme/Money\.java:\d+: error: "),
            "maven-javadoc-plugin's jar goal: a doclint warning (`@param` of no parameter), then `malformed HTML` and `reference not found`",
            alt_categories=("lint",),
        ),
        case(
            "mvn3-javadoc-quiet",
            "build",
            "mvn -B -q -DskipTests package",
            project(pom("calc", plugins=javadoc), **{java("Money.java"): BAD_JAVADOC}),
            first_of(r"^\[ERROR\] \S*/src/main/java/acme/Money\.java:\d+: error: "),
            "the javadoc errors under mvn -q",
            alt_categories=("lint",),
        ),
        case(
            "mvn3-compiler-fail-on-warning",
            "build",
            "mvn -B compile",
            project(
                pom("calc", plugins=werror), **{java("Old.java"): DEPRECATED, java("UsesOld.java"): USES_DEPRECATED}
            ),
            first_of(r"^\[ERROR\] \S+/UsesOld\.java: warnings found and -Werror specified"),
            "maven-compiler-plugin with <failOnWarning> and -Xlint:all: the warnings, then javac's -Werror error",
        ),
        case(
            "mvn3-enforcer-convergence",
            "dependency",
            "mvn -B verify",
            {
                **project(
                    pom(
                        "calc",
                        JUNIT4
                        + "\n    "
                        + dep("com.acme.libs", "http-client", "4.1.0")
                        + "\n    "
                        + dep("com.acme.libs", "metrics", "0.9.3"),
                        plugins=convergence,
                    )
                ),
                **seeded,
            },
            first_of(r"Rule 0: \S+\.DependencyConvergence failed with message:", r"^Dependency convergence error for "),
            "maven-enforcer-plugin: dependencyConvergence finds two versions of one library",
            alt_categories=("config",),
        ),
        case(
            "mvn3-dependency-analyze",
            "dependency",
            "mvn -B verify",
            project(pom("calc", JUNIT4 + "\n    " + LANG3, plugins=analyze), **{test("AOkTest.java"): OK_TEST}),
            first_of(r"^\[ERROR\] Unused declared dependencies found:"),
            "dependency:analyze-only with failOnWarning: a declared dependency the code does not use",
            alt_categories=("lint", "config"),
        ),
        case(
            "mvn3-antrun-fail",
            "build",
            "mvn -B verify",
            project(pom("calc", plugins=antrun)),
            first_of(r"An Ant BuildException has occured: Generated sources are missing"),
            "maven-antrun-plugin: a <fail> task stops the build",
            alt_categories=("config",),
        ),
        case(
            "mvn3-exec-java",
            "build",
            "mvn -B -DskipTests package",
            project(pom("calc", plugins=exec_java), **{java("GenerateSchema.java"): TOOL_MAIN}),
            first_of(r"^java\.lang\.IllegalStateException: schema not found"),
            "exec:java: the program run at process-classes throws (it printed an ERROR line first)",
        ),
        case(
            "mvn3-exec-exec-e",
            "build",
            "mvn -B -e verify",
            project(pom("calc", plugins=exec_exec), **{"scripts/lint-api.sh": lint_script}),
            first_of(r"^api/openapi\.yaml:12: "),
            "exec:exec under -e: a script exits 2 after printing its finding; Maven's stack trace follows",
            alt_categories=("lint",),
        ),
        case(
            "mvn3-resources-filtering",
            "build",
            "mvn -B package",
            filtering,
            first_of(r"filtering \S+app\.properties to \S+ failed with MalformedInputException"),
            "maven-resources-plugin filters a Latin-1 properties file as UTF-8",
            prepare=PREPARE
            + "\nmkdir -p src/main/resources && printf 'greeting=Gr\\xfc\\xdf Gott ${project.version}\\n' > src/main/resources/app.properties",
            alt_categories=("config",),
        ),
    ]


# --- checkstyle (Debian's checkstyle 8.36 CLI, run by exec:exec at validate: Debian has no maven-checkstyle-plugin) --

CHECKSTYLE_XML = """\
<?xml version="1.0"?>
<!DOCTYPE module PUBLIC "-//Checkstyle//DTD Checkstyle Configuration 1.3//EN" "https://checkstyle.org/dtds/configuration_1_3.dtd">
<module name="Checker">
  <property name="severity" value="SEVERITY"/>
  <module name="TreeWalker">
    <module name="MissingJavadocType"/>
    <module name="MagicNumber"/>
    <module name="WhitespaceAround"/>
  </module>
</module>
"""
STYLED = "package acme;\n\npublic class Pricing {\n    public static int withTax(int cents) {\n        return cents+cents*19/100;\n    }\n}\n"


def checkstyle_plugin(extra: str = "") -> str:
    return (
        f"      {EXEC}\n"
        "        <executions><execution><id>checkstyle</id><phase>validate</phase><goals><goal>exec</goal></goals>\n"
        "          <configuration><executable>checkstyle</executable><arguments><argument>-c</argument><argument>config/checkstyle.xml</argument>"
        "<argument>src/main/java</argument></arguments></configuration></execution></executions></plugin>\n"
        f"{extra}"
    )


def checkstyle_cases() -> list[Case]:
    analyze = (
        f"      {DEPENDENCY}\n"
        "        <executions><execution><id>analyze</id><goals><goal>analyze-only</goal></goals>\n"
        "          <configuration><failOnWarning>true</failOnWarning></configuration></execution></executions></plugin>\n"
    )
    warn = CHECKSTYLE_XML.replace("SEVERITY", "warning")
    return [
        case(
            "mvn3-checkstyle-warnings-then-test",
            "test",
            "mvn -B -Dsurefire.runOrder=alphabetical verify",
            project(
                pom("calc", plugins=checkstyle_plugin()),
                **{
                    "config/checkstyle.xml": warn,
                    java("Pricing.java"): STYLED,
                    test("AOkTest.java"): OK_TEST,
                    test("CalcTest.java"): CALC_TEST,
                },
            ),
            surefire("CalcTest", "addsWrong", r"java\.lang\.AssertionError: expected:<5>"),
            "checkstyle at warning severity passes (six [WARN] lines), then Surefire fails",
        ),
        case(
            "mvn3-checkstyle-warnings-then-analyze",
            "dependency",
            "mvn -B verify",
            project(
                pom("calc", JUNIT4 + "\n    " + LANG3, plugins=checkstyle_plugin(analyze)),
                **{"config/checkstyle.xml": warn, java("Pricing.java"): STYLED, test("AOkTest.java"): OK_TEST},
            ),
            first_of(r"^\[ERROR\] Unused declared dependencies found:"),
            "checkstyle warnings that fail nothing, then dependency:analyze-only fails the build",
            alt_categories=("lint", "config"),
        ),
        case(
            "mvn3-checkstyle-errors",
            "lint",
            "mvn -B verify",
            project(
                pom("calc", plugins=checkstyle_plugin()),
                **{"config/checkstyle.xml": CHECKSTYLE_XML.replace("SEVERITY", "error"), java("Pricing.java"): STYLED},
            ),
            first_of(r"^\[ERROR\] \S+/src/main/java/acme/\w+\.java:\d+:\d+: .*\[\w+\]$"),
            "checkstyle at error severity: exec:exec fails with checkstyle's error count as exit code",
        ),
    ]


# --- dependency resolution without network ---------------------------------------------------------------------

SETTINGS = textwrap.dedent(
    """\
    <settings>
      <mirrors>
        <mirror>
          <id>company-nexus</id>
          <mirrorOf>*</mirrorOf>
          <url>https://nexus.acme.invalid/repository/maven-public/</url>
        </mirror>
      </mirrors>
    </settings>
    """
)


def dependency_cases() -> list[Case]:
    online = {
        "pom.xml": pom("calc", JUNIT4 + "\n    " + dep("com.acme.libs", "ledger-client", "2.4.1")),
        ".mvn/maven.config": "-s\n.mvn/settings.xml\n",
        ".mvn/settings.xml": SETTINGS,
        java("Calc.java"): CALC,
    }
    parent = "  <parent><groupId>com.acme.platform</groupId><artifactId>platform-parent</artifactId><version>7.3.0</version></parent>\n"
    with_parent = pom("calc").replace("  <groupId>com.acme</groupId>\n", parent + "  <groupId>com.acme</groupId>\n", 1)
    broken_pom = artifact(
        "com.acme.libs",
        "audit-log",
        "1.0.4",
        dep("org.slf4j", "slf4j-api", "1.7.32"),
        parent="  <parent><groupId>com.acme.libs</groupId><artifactId>libs-parent</artifactId><version>12</version></parent>\n",
    )
    return [
        case(
            "mvn3-transfer-unreachable",
            "infrastructure",
            "mvn -B verify",
            online,
            first_of(r"Could not transfer artifact \S+ from/to company-nexus"),
            "not offline: the mirror's host cannot be resolved, so the first download fails",
            alt_categories=("dependency",),
        ),
        case(
            "mvn3-parent-unresolvable",
            "dependency",
            "mvn -B verify",
            project(with_parent),
            every(r"Non-resolvable parent POM for com\.acme:calc:1\.0\.0"),
            "a parent POM that is neither in the reactor nor in the local repository, offline",
            alt_categories=("config",),
        ),
        case(
            "mvn3-artifact-descriptor",
            "dependency",
            "mvn -B verify",
            {**project(pom("calc", JUNIT4 + "\n    " + dep("com.acme.libs", "audit-log", "1.0.4"))), **broken_pom},
            first_of(r"Failed to read artifact descriptor for com\.acme\.libs:audit-log:jar:1\.0\.4"),
            "a dependency whose pom names a parent that is not in the local repository, offline",
            alt_categories=("config",),
        ),
    ]


# --- second round (committed before the analyzer ran on it) ------------------------------------------------------

BROKEN_MAIN = "package acme;\n\npublic class Report {\n    public String render(int total) {\n        String text = total;\n        return Formatter.format(text);\n    }\n}\n"
DB_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertTrue;

    import org.junit.BeforeClass;
    import org.junit.Test;

    public class DbMigrationTest {
        @BeforeClass
        public static void startDatabase() {
            System.out.println("starting embedded database on port 5433");
            throw new IllegalStateException("embedded database did not start: port 5433 in use");
        }

        @Test
        public void migratesSchema() {
            assertTrue(true);
        }
    }
    """
)
JUPITER_NESTED = textwrap.dedent(
    """\
    package acme;

    import static org.junit.jupiter.api.Assertions.assertAll;
    import static org.junit.jupiter.api.Assertions.assertEquals;
    import static org.junit.jupiter.api.Assertions.assertThrows;

    import org.junit.jupiter.api.Nested;
    import org.junit.jupiter.api.Test;

    class InvoiceTest {
        @Test
        void totalsLines() {
            assertEquals(7, Calc.add(3, 4));
        }

        @Nested
        class Rounding {
            @Test
            void roundsHalfUp() {
                assertAll("rounding", () -> assertEquals(3, Calc.div(5, 2)), () -> assertEquals(2, Calc.div(7, 3)));
            }

            @Test
            void rejectsZero() {
                assertThrows(IllegalArgumentException.class, () -> Calc.div(1, 0));
            }
        }
    }
    """
)
JUPITER_OK = textwrap.dedent(
    """\
    package acme;

    import static org.junit.jupiter.api.Assertions.assertEquals;

    import org.junit.jupiter.api.Test;

    class AdderTest {
        @Test
        void adds() {
            for (int i = 0; i < 80; i++) {
                System.out.println("TRACE acme.Adder - step " + i + " ok (errors=0)");
            }
            assertEquals(2, Calc.add(1, 1));
        }
    }
    """
)
JUPITER_NAME = textwrap.dedent(
    """\
    package acme;

    import static org.junit.jupiter.api.Assertions.assertEquals;

    import org.junit.jupiter.api.Test;

    class NameTest {
        @Test
        void trimsNull() {
            assertEquals("", Calc.name(null));
        }
    }
    """
)
# A repository that answers every request with one status (the prepare step starts it; the EXIT trap stops it).
FAKE_REPO = textwrap.dedent(
    """\
    import http.server
    import sys

    STATUS = int(sys.argv[2])


    class Handler(http.server.BaseHTTPRequestHandler):
        def reply(self):
            self.send_response(STATUS)
            if STATUS == 401:
                self.send_header("WWW-Authenticate", 'Basic realm="packages"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD = reply

        def log_message(self, *args):
            pass


    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
    """
)


def repo_settings(port: int) -> str:
    return SETTINGS.replace(
        "https://nexus.acme.invalid/repository/maven-public/", f"http://127.0.0.1:{port}/repository/maven-public/"
    )


def second_round_cases() -> list[Case]:
    junit5 = pom(
        "calc",
        "<dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-engine</artifactId><version>5.9.2</version><scope>test</scope></dependency>",
    )
    online = {
        "pom.xml": pom("calc", JUNIT4 + "\n    " + dep("com.acme.libs", "ledger-client", "2.4.1")),
        ".mvn/maven.config": "-s\n.mvn/settings.xml\n",
        java("Calc.java"): CALC,
    }

    def serving(status: int, port: int) -> str:
        return PREPARE + f"\npython3 .mvn/fake_repo.py {port} {status} >/dev/null 2>&1 &\ntrap 'kill $!' EXIT\nsleep 1"

    return [
        case(
            "mvn3-compile-e",
            "build",
            "mvn -B -e package",
            project(**{java("Report.java"): BROKEN_MAIN}),
            first_of(r"^\[ERROR\] \S*/src/main/java/acme/Report\.java:\[\d+,\d+\] "),
            "compile errors under -e: Maven's stack trace (CompilationFailureException) follows the error list",
        ),
        case(
            "mvn3-surefire-before-class",
            "test",
            "mvn -B -Dsurefire.runOrder=alphabetical test",
            project(
                **{
                    test("AOkTest.java"): OK_TEST,
                    test("DbMigrationTest.java"): DB_TEST,
                    test("NameTest.java"): NAME_TEST,
                }
            ),
            surefire("DbMigrationTest", "", r"java\.lang\.IllegalStateException: embedded database did not start"),
            "a JUnit 4 @BeforeClass throws: Surefire names the class, not a method, then another class fails",
        ),
        case(
            "mvn3-junit5-nested",
            "test",
            "mvn -B -Dsurefire.runOrder=alphabetical test",
            project(
                junit5,
                **{
                    test("AdderTest.java"): JUPITER_OK,
                    test("InvoiceTest.java"): JUPITER_NESTED,
                    test("NameTest.java"): JUPITER_NAME,
                },
            ),
            surefire("InvoiceTest", "roundsHalfUp", r"org\.opentest4j\.MultipleFailuresError:"),
            "JUnit 5: a chatty passing class, then a class whose @Nested class (listed under the outer class) has assertAll's MultipleFailuresError and an assertThrows failure",
        ),
        case(
            "mvn3-repo-not-found",
            "dependency",
            "mvn -B verify",
            {**online, ".mvn/settings.xml": repo_settings(18417), ".mvn/fake_repo.py": FAKE_REPO},
            first_of(r"Could not find artifact com\.acme\.libs:ledger-client:(?:jar|pom):2\.4\.1"),
            "the company mirror answers 404: the artifact was never published",
            prepare=serving(404, 18417),
        ),
        case(
            "mvn3-repo-unauthorized",
            "permission",
            "mvn -B verify",
            {**online, ".mvn/settings.xml": repo_settings(18418), ".mvn/fake_repo.py": FAKE_REPO},
            first_of(
                r"Could not transfer artifact com\.acme\.libs:ledger-client:pom:2\.4\.1 from/to company-nexus .*401"
            ),
            "the company mirror answers 401: the job has no credentials for it",
            prepare=serving(401, 18418),
            alt_categories=("dependency", "config"),
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
    prepare: str = PREPARE,
    alt_categories: tuple[str, ...] = (),
) -> Case:
    tool = {"test": "surefire", "timeout": "surefire"}.get(category, "maven")
    if name.startswith("mvn3-checkstyle-errors"):
        tool = "checkstyle"
    if name.startswith(("mvn3-javadoc", "mvn3-compiler")):
        tool = {"mvn3-javadoc": "maven-javadoc"}.get(name[:12], "maven-compiler")
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


def maven3_cases() -> list[Case]:
    return surefire_cases() + plugin_cases() + dependency_cases() + checkstyle_cases() + second_round_cases()
