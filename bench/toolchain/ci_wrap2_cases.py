# ruff: noqa: E501  (CI output is data: one string a line, as the CI prints it)
"""The development set's failures as eight more CI systems print them: no tool is run again.

The second module of re-wrapped logs (the first is ``ci_wrap_cases.py``, whose loading, sampling and culprit
shifting this one imports): every fourth log of ``ci_wrap_cases.sample`` (the failing step's raw output cut out of a
GitHub Actions log of the set) wrapped as a job log of AppVeyor, TeamCity, Drone, Bitbucket Pipelines, Cirrus CI,
Semaphore, Bamboo or Buildbot, the formats rotated over the sample in tool order. The category, the tool and the
culprit's text stay those of the source log; ``ci`` names the CI and ``path`` the source log.

    python3 bench/toolchain/ci_wrap2_cases.py           # or: python3 bench/toolchain/make_logs.py --rewrap

What each wrapper prints around the command, and where it comes from:

- AppVeyor (public build logs quoted in issues, e.g. cuberite/cuberite#3024, scoder/lupa#170, OpenSC via
  appveyor/ci#3910, sakura-editor/sakura#43): ``Build started``, ``git clone -q --branch=<b> <url> <dir>``,
  ``git checkout -qf <sha>``, ``Running Install scripts``, each script command echoed as a line of its own before
  its output, ``Command exited with code N`` ending the job.
- TeamCity (its downloaded build log, as quoted in jonnyzzz/TeamCity.Virtual#22, JetBrains/teamcity-unity-plugin#44
  and jonnyzzz/TeamCity.Node#113): ``[HH:MM:SS]<status>:`` time stamps with ``i``/``W``/``E`` status letters,
  ``Step 2/2: <name> (Command Line)``, ``[Step 2/2]`` prefixes, ``Starting: .../custom_script<n>``, ``in directory:``,
  ``Process exited with code 1``, ``Process exited with code 1 (Step: <name> (Command Line))``, ``Step <name>
  (Command Line) failed``, ``Build finished``; variant: the same copied from the web view, without time stamps.
- Drone (drone/drone-git's clone script with ``set -x``: ``+ git init``, ``+ git fetch ...``; the runner's
  shell script echoes each command as ``+ <command>``; the web view ends a failed step with ``exit code 1``); variant:
  ``drone exec``'s ``[<step>:<line>] `` prefix on every line.
- Bitbucket Pipelines: ``+ <command>`` for each script command (the clone ones included: ``+ umask 000``,
  ``+ GIT_LFS_SKIP_SMUDGE=1 retry 6 git clone ...``), then after the failed step ``Build teardown``, ``Skipping cache
  upload for failed step``, the test-report scan (``Searching for test report files in directories named [...]``,
  ``Finished scanning for test reports. Found 0 test report files.``, ``Merged test suites, total number tests is
  0, with 0 failures and 0 errors.``).
- Cirrus CI (cirruslabs/cirrus-ci-agent ``executor/clone.go``: ``Using built-in Git...``; issues
  cirruslabs/cirrus-ci-docs#386 and #664: the script's commands above their output, ``Exit status: N``).
- Semaphore 2.0 (semaphoreci/agent ``pkg/jobs/job.go`` and its tests: each command is a ``directive`` followed by
  its output and ``Exit Code: N``; the agent's own ``Exporting environment variables`` (``Exporting <NAME>``),
  ``Injecting Files`` and, after the commands, ``Exporting SEMAPHORE_JOB_RESULT`` before the epilogue).
- Bamboo (public logs quoted in AllenInstitute/MIES#1413 and issues quoting Bamboo build logs): every line
  ``<type>\\t<dd-MMM-yyyy HH:mm:ss>\\t<text>`` with ``build`` for the task's output, ``simple`` and ``command``
  for Bamboo's own lines, ``Failing task since return code of [<script>] was N while expected 0``, ``Finished task
  '<name>' with result: Failed``, a JUnit parser task that then fails too (``Failing task since test cases were
  expected but none were found.``).
- Buildbot (buildbot/buildbot ``worker/buildbot_worker/runprocess.py``: the header lines ``<command>``, `` in dir
  <dir> (timeout 1200 secs)``, `` watching logfiles {}``, `` argv: ...``, `` environment:`` and its variables,
  `` using PTY: False``, then ``program finished with exit code N`` and ``elapsedTime=<s.ffffff>``); variant: the
  ``git`` step's stdio log above it.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ci_wrap_cases import INSTALL, PREFIXES, Source, digest, load_source, sample

HERE = Path(__file__).resolve().parent
SHA = "3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345"
Wrapper = Callable[[Source, int], tuple[list[str], int]]


def commands(source: Source) -> list[str]:
    return source.command.split("\n")


def install(source: Source) -> tuple[str, list[str]] | None:
    return INSTALL.get(source.ecosystem) or None


# --- AppVeyor --------------------------------------------------------------------------------------------------------


def appveyor(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` is a Windows image (``C:\\projects\\acme``), even the Ubuntu one."""
    folder = "C:\\projects\\acme" if variant % 2 else "/home/appveyor/projects/acme"
    lines = [
        "Build started",
        f"git clone -q --branch=main https://github.com/acme/acme.git {folder}",
        f"git checkout -qf {SHA}",
    ]
    step = install(source)
    if step:
        lines += ["Running Install scripts", step[0], *step[1]]
    lines += commands(source)
    first = len(lines)
    lines += source.body
    lines += [f"Command exited with code {source.code}"]
    return lines, first


# --- TeamCity --------------------------------------------------------------------------------------------------------


def teamcity(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` is the log as the web view copies it (no time stamps, indentation only)."""
    stamped = not variant % 2
    second = [0]

    def line(status: str, text: str, depth: int = 0) -> str:
        second[0] += 1
        indent = "\t " * depth if depth else " "
        if stamped:
            return (
                f"[{10 + second[0] // 3600:02d}:{second[0] // 60 % 60:02d}:{second[0] % 60:02d}]{status}:{indent}{text}"
            )
        return f"{'  ' * depth}{text}"

    steps = 2 if install(source) else 1
    step = f"Step {steps}/{steps}"
    lines = [
        line(" ", "acme_Build (14s)"),
        line("i", "TeamCity server version is 2023.05.4 (build 129421), server timezone: UTC"),
        line(" ", "The build is removed from the queue to be prepared for the start"),
        line(" ", "Collecting changes in 1 VCS root (1s)"),
        line(" ", 'Starting the build on the agent "linux-agent-1"'),
        line(" ", "Updating sources: auto checkout (on agent) (1s)"),
        line(" ", "[Updating sources] Will use agent side checkout", 1),
        line(" ", f"[Updating sources] Updating {SHA} on refs/heads/main", 1),
    ]
    if install(source):
        _command, output = install(source)  # type: ignore[misc]
        lines += [
            line(" ", "Step 1/2: Install dependencies (Command Line)"),
            line(" ", "[Step 1/2] Starting: /opt/buildagent/temp/agentTmp/custom_script4460123497120912571", 1),
            line(" ", "[Step 1/2] in directory: /opt/buildagent/work/5d8f0c2e9a1b7c34", 1),
            *[line(" ", f"[Step 1/2] {text}", 1) for text in output],
            line(" ", "[Step 1/2] Process exited with code 0", 1),
        ]
    lines += [
        line(" ", f"{step}: Run the checks (Command Line)"),
        line(" ", f"[{step}] Starting: /opt/buildagent/temp/agentTmp/custom_script8812093345571002764", 1),
        line(" ", f"[{step}] in directory: /opt/buildagent/work/5d8f0c2e9a1b7c34", 1),
    ]
    first = len(lines)
    lines += [line(" ", f"[{step}] {text}", 1) for text in source.body]
    lines += [
        line(" ", f"[{step}] Process exited with code {source.code}", 1),
        line("E", f"[{step}] Process exited with code {source.code} (Step: Run the checks (Command Line))", 1),
        line("E", f"[{step}] Step Run the checks (Command Line) failed", 1),
        line(" ", "Publishing internal artifacts"),
        line("i", "[Publishing internal artifacts] Publishing 1 file using [ArtifactsCachePublisher]", 1),
        line(" ", "Build finished"),
    ]
    return lines, first


# --- Drone -----------------------------------------------------------------------------------------------------------


def drone(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` is ``drone exec``'s output, each line as ``[<step>:<n>] <text>``."""
    clone = [
        "+ git init",
        "Initialized empty Git repository in /drone/src/.git/",
        "+ git remote add origin https://github.com/acme/acme.git",
        "+ git fetch origin +refs/heads/main:",
        "From https://github.com/acme/acme",
        " * branch            main       -> FETCH_HEAD",
        " * [new branch]      main       -> origin/main",
        f"+ git checkout {SHA} -b main",
        "Switched to a new branch 'main'",
    ]
    test = [f"+ {command}" for command in commands(source)]
    step = install(source)
    if step:
        test = [f"+ {step[0]}", *step[1], *test]
    if variant % 2:
        lines = [f"[clone:{n}] {text}" for n, text in enumerate(clone)]
        lines += [f"[test:{n}] {text}" for n, text in enumerate(test)]
        first = len(lines)
        lines += [f"[test:{len(test) + n}] {text}" for n, text in enumerate(source.body)]
        return lines, first
    lines = [*clone, "", *test]
    first = len(lines)
    lines += [*source.body, f"exit code {source.code}"]
    return lines, first


# --- Bitbucket Pipelines ---------------------------------------------------------------------------------------------


def bitbucket(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has an ``after-script`` (it runs after a failed script too) that reports the
    exit code it sees (``BITBUCKET_EXIT_CODE``)."""
    lines = [
        "+ umask 000",
        "",
        '+ GIT_LFS_SKIP_SMUDGE=1 retry 6 git clone --branch="main" --depth 50 https://x-token-auth:$REPOSITORY_OAUTH_ACCESS_TOKEN@bitbucket.org/$BITBUCKET_REPO_FULL_NAME.git $BUILD_DIR',
        "Cloning into '/opt/atlassian/pipelines/agent/build'...",
        "",
        f"+ git reset --hard {SHA}",
        "HEAD is now at 3f1c2a9 Parse the new configuration keys",
        "",
        "+ git config user.name bitbucket-pipelines",
        "",
        "+ git config user.email commits-noreply@bitbucket.org",
        "",
        "+ git config push.default current",
        "",
        "+ git remote set-url origin http://bitbucket.org/acme/acme",
        "",
        "+ git reflog expire --expire=all --all",
        "",
        '+ echo ".bitbucket/pipelines/generated" >> .git/info/exclude',
        "",
        "+ chmod 777 $BUILD_DIR",
        "",
    ]
    step = install(source)
    if step:
        lines += [f"+ {step[0]}", *step[1], ""]
    lines += [f"+ {commands(source)[0]}", *commands(source)[1:]]
    first = len(lines)
    lines += source.body
    lines += [""]
    if variant % 2:
        lines += [
            '+ echo "after-script: exit code $BITBUCKET_EXIT_CODE"',
            f"after-script: exit code {source.code}",
            "",
        ]
    lines += [
        "Build teardown",
        "",
        "Skipping cache upload for failed step",
        "Searching for test report files in directories named [test-results, failsafe-reports, test-reports, TestResults, surefire-reports] down to a depth of 4",
        "Finished scanning for test reports. Found 0 test report files.",
        "Merged test suites, total number tests is 0, with 0 failures and 0 errors.",
    ]
    return lines, first


# --- Cirrus CI -------------------------------------------------------------------------------------------------------


def cirrus(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has an ``on_failure`` artifacts instruction that finds nothing to upload."""
    lines = [
        "Using built-in Git...",
        "Cloning refs/heads/main...",
        f"Checked out {SHA} on main branch.",
    ]
    step = install(source)
    if step:
        lines += [step[0], *step[1]]
    lines += commands(source)
    first = len(lines)
    lines += source.body
    lines += [f"Exit status: {source.code}"]
    if variant % 2:
        lines += ["Uploading 0 artifacts for /tmp/cirrus-ci-build/reports/*.xml", "No artifacts found!"]
    return lines, first


# --- Semaphore -------------------------------------------------------------------------------------------------------


def semaphore(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has an ``epilogue`` (``always``) command after the failed one."""
    lines = [
        "Exporting environment variables",
        "Exporting CI",
        "Exporting DISPLAY",
        "Exporting PAGER",
        "Exporting SEMAPHORE_GIT_BRANCH",
        "Exporting SEMAPHORE_GIT_SHA",
        "Exporting SEMAPHORE_JOB_ID",
        "Exit Code: 0",
        "Injecting Files",
        "Exit Code: 0",
        "checkout",
        "Performing shallow clone with depth: 50",
        "Cloning into 'acme'...",
        f"HEAD is now at {SHA[:7]} Parse the new configuration keys",
        "Exit Code: 0",
    ]
    step = install(source)
    if step:
        lines += [step[0], *step[1], "Exit Code: 0"]
    lines += commands(source)
    first = len(lines)
    lines += source.body
    lines += [
        f"Exit Code: {source.code}",
        "Exporting environment variables",
        "Exporting SEMAPHORE_JOB_RESULT",
        "Exit Code: 0",
    ]
    if variant % 2:
        lines += ['echo "job result: $SEMAPHORE_JOB_RESULT"', "job result: failed", "Exit Code: 0"]
    return lines, first


# --- Bamboo ----------------------------------------------------------------------------------------------------------


def bamboo(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has the JUnit parser task after the failed script task, failing for want of
    reports."""
    second = [0]

    def line(kind: str, text: str) -> str:
        second[0] += 1
        return f"{kind}\t29-Nov-2026 10:{second[0] // 60 % 60:02d}:{second[0] % 60:02d}\t{text}"

    key = "ACME-MAIN-JOB1-42"
    script = f"/opt/bamboo-agent-home/temp/{key}-ScriptBuildTask-8744185176314095995.sh"
    lines = [
        line("simple", f"Build Acme - Main - Default Job #42 ({key}) started building on agent linux-agent-1"),
        line("simple", "Build working directory is /opt/bamboo-agent-home/xml-data/build-dir/ACME-MAIN-JOB1"),
        line("simple", "Executing build Acme - Main - Default Job #42 (ACME-MAIN-JOB1-42)"),
        line(
            "simple",
            "Starting task 'Checkout Default Repository' of type 'com.atlassian.bamboo.plugins.vcs:task.vcs.checkout'",
        ),
        line("simple", f"Updating source code to revision: {SHA}"),
        line("simple", "Finished task 'Checkout Default Repository' with result: Success"),
        line(
            "simple",
            "Starting task 'Run the checks' of type 'com.atlassian.bamboo.plugins.scripttask:task.builder.script'",
        ),
        line(
            "command",
            f"Beginning to execute external process for build 'Acme - Main - Default Job #42 ({key})'\n"
            f" ... running command line: \n/bin/sh {script}\n"
            " ... in: /opt/bamboo-agent-home/xml-data/build-dir/ACME-MAIN-JOB1",
        ),
    ]
    lines = "\n".join(lines).split("\n")
    step = install(source)
    if step:
        lines += [line("build", text) for text in (f"+ {step[0]}", *step[1])]
    lines += [line("build", f"+ {command}") for command in commands(source)]
    first = len(lines)
    lines += [line("build", text) for text in source.body]
    lines += [
        line("simple", f"Failing task since return code of [/bin/sh {script}] was {source.code} while expected 0"),
        line("simple", "Finished task 'Run the checks' with result: Failed"),
    ]
    if variant % 2:
        lines += [
            line(
                "simple",
                "Starting task 'JUnit Parser' of type 'com.atlassian.bamboo.plugins.testresultparser:task.testresultparser.junit'",
            ),
            line("simple", "Parsing test results under /opt/bamboo-agent-home/xml-data/build-dir/ACME-MAIN-JOB1..."),
            line("simple", "Failing task since test cases were expected but none were found."),
            line("simple", "Finished task 'JUnit Parser' with result: Failed"),
        ]
    lines += [
        line("simple", "Running post build plugin 'Docker Container Cleanup'"),
        line("simple", "Running post build plugin 'NCover Results Collector'"),
        line("simple", "Running post build plugin 'Clover Results Collector'"),
        line("simple", "Finalising the build..."),
        line("simple", "Stopping timer."),
        line("simple", f"Build {key} completed."),
    ]
    return lines, first


# --- Buildbot --------------------------------------------------------------------------------------------------------


def buildbot_header(command: str, build: str) -> list[str]:
    return [
        command,
        f" in dir {build} (timeout 1200 secs)",
        " watching logfiles {}",
        f" argv: {command.encode()!r}",
        " environment:",
        "  HOME=/home/buildbot",
        "  LANG=C.UTF-8",
        "  PATH=/usr/local/bin:/usr/bin:/bin",
        f"  PWD={build}",
        "  USER=buildbot",
        " using PTY: False",
    ]


def buildbot(source: Source, variant: int) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has the ``git`` step's stdio log above the failed step's."""
    build = "/home/buildbot/worker/acme-linux/build"
    lines: list[str] = []
    if variant % 2:
        lines += [
            *buildbot_header("git fetch -t https://github.com/acme/acme.git main --progress", build),
            "From https://github.com/acme/acme",
            " * branch            main       -> FETCH_HEAD",
            "program finished with exit code 0",
            "elapsedTime=0.812345",
        ]
    lines += buildbot_header(source.command.replace("\n", " && "), build)
    first = len(lines)
    lines += source.body
    lines += [
        f"program finished with exit code {source.code}",
        f"elapsedTime={12 + variant}.{digest(source.name) % 1000000:06d}",
    ]
    return lines, first


FORMATS: list[tuple[str, str, Wrapper]] = [
    ("appveyor-", "appveyor", appveyor),
    ("teamcity-", "teamcity", teamcity),
    ("drone-", "drone", drone),
    ("bitbucket-", "bitbucket-pipelines", bitbucket),
    ("cirrus-", "cirrus-ci", cirrus),
    ("semaphore-", "semaphore", semaphore),
    ("bamboo-", "bamboo", bamboo),
    ("buildbot-", "buildbot", buildbot),
]
PREFIXES2 = tuple(prefix for prefix, _ci, _wrapper in FORMATS)


def write(out: Path, prefix: str, ci: str, wrapper: Wrapper, source: Source) -> dict[str, dict[str, object]]:
    variant = digest(source.name) % 12
    lines, first = wrapper(source, variant)
    culprits = [first + index + 1 for index in source.culprits]
    text = "\n".join(lines) + "\n"
    raw = text.split("\n")
    for line, index in zip(culprits, source.culprits, strict=True):
        if not raw[line - 1].endswith(source.body[index]):
            raise RuntimeError(f"{source.name}: culprit {line} shifted wrong")
    name = f"{prefix}{source.name}"
    (out / f"{name}.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    label = dict(source.label)
    label.update(
        path=f"ci_wrap2_cases.py:{source.name.removesuffix('.log')}",
        ci=ci,
        culprit_lines=culprits,
        culprit_texts=[raw[line - 1] for line in culprits],
        why=f"{label['why']} (the same output as a {ci} job log, variant {variant})",
    )
    print(f"{name:<48} {ci:<20} lines {culprits}")
    return {name: label}


def rewrap2(out: Path = HERE / "logs") -> dict[str, dict[str, object]]:
    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    labels = {name: label for name, label in labels.items() if not name.startswith(PREFIXES2)}
    assert not set(PREFIXES2) & set(PREFIXES)
    names = sample(labels)[::4]  # every fourth log of ci_wrap_cases' sample
    made = {}
    for index, name in enumerate(names):
        prefix, ci, wrapper = FORMATS[index % len(FORMATS)]
        made.update(write(out, prefix, ci, wrapper, load_source(out, name, labels[name])))
    labels.update(made)
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")
    return made


if __name__ == "__main__":
    rewrap2(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "logs")
