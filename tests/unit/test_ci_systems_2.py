"""The same tool output as eight more CI systems print their job logs (bench/toolchain/ci_wrap2_cases.py): the
analyzer reads the failed command's output and not what the CI prints or runs after it (its own closing lines,
post-steps, report scans, epilogues).

Each log ends with what the CI runs after the failed command (an `on_failure`/epilogue/post-build step): a report
upload that cannot resolve its host, then a Python traceback. Without the CI's own end-of-command line in
`step_end`, the whole log is one step and that later network error wins. TeamCity and Bamboo put a prefix on every
line that the engine does not take off (`[HH:MM:SS] :\t [Step 2/3] `, `build\t<date>\t`): their tests check that the
CI's own failure lines are never the culprit and that the failed step's output is read first.

The CI lines are those cited in ruleset.toml and ci_wrap2_cases.py; the tool lines are real gcc output.
"""

from __future__ import annotations

import pytest

from ci_agent.analysis import Category, analyze_log

GCC = [
    "cc -O2 -Wall -c -o src/parse.o src/parse.c",
    "src/parse.c: In function 'parse_line':",
    "src/parse.c:14:9: warning: unused variable 'n' [-Wunused-variable]",
    "src/parse.c:21:12: error: 'tokn' undeclared (first use in this function); did you mean 'tok'?",
    "src/parse.c:21:12: note: each undeclared identifier is reported only once for each function it appears in",
    "src/parse.c:30:5: error: expected ';' before '}' token",
    "make: *** [Makefile:8: src/parse.o] Error 1",
]
GCC_CULPRIT = GCC[3]

# What a post-step prints after the failure: an application log with a traceback, and (AFTER) a report upload
# before it that cannot resolve its host (a network failure, priority 90, which outranks the compiler's error when
# both are in the failed step).
APP_LOG = [
    "2026-11-29 10:00:04,017 ERROR acme.db: connection refused (attempt 1 of 3)",
    "Traceback (most recent call last):",
    '  File "/srv/acme/jobs.py", line 12, in run',
    "    total = charge(order)",
    "ValueError: negative amount",
]
AFTER = ["curl: (6) Could not resolve host: reports.example.com", *APP_LOG]


def verdict(lines: list[str]) -> tuple[Category, str]:
    analysis = analyze_log("\n".join(lines) + "\n")
    assert analysis.culprit is not None
    return analysis.category, analysis.culprit.text.strip()


def test_appveyor_command_exited_ends_the_failed_command_before_on_failure() -> None:
    lines = [
        "Build started",
        "git clone -q --branch=main https://github.com/acme/acme.git C:\\projects\\acme",
        "git checkout -qf 3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345",
        "Running Install scripts",
        "make",
        *GCC,
        "Command exited with code 2",
        "type logs\\server.log",
        *AFTER,
    ]
    assert verdict(lines) == (Category.BUILD, GCC_CULPRIT)


def test_teamcity_process_exited_ends_the_step_and_its_own_failure_lines_are_never_the_culprit() -> None:
    def step(text: str, status: str = " ") -> str:
        return f"[10:00:05]{status}:\t [Step 2/3] {text}"

    lines = [
        "[10:00:01] : Step 2/3: Build (Command Line)",
        step("Starting: /opt/buildagent/temp/agentTmp/custom_script8812093345571002764"),
        step("in directory: /opt/buildagent/work/5d8f0c2e9a1b7c34"),
        *[step(text) for text in GCC],
        step("Process exited with code 2"),
        step("Process exited with code 2 (Step: Build (Command Line))", "E"),
        step("Step Build (Command Line) failed", "E"),
        "[10:00:06] : Step 3/3: Collect logs (Command Line)",
        *[f"[10:00:06] :\t [Step 3/3] {text}" for text in APP_LOG],
        "[10:00:07] : Build finished",
    ]
    category, text = verdict(lines)
    # The `[10:00:05] :\t [Step 2/3] ` prefix is read as a line prefix: gcc's first error is the culprit, never
    # TeamCity's own lines nor the later step's traceback.
    assert (category, text) == (Category.BUILD, GCC_CULPRIT)


def test_teamcity_copied_web_view_failure_lines_are_boilerplate() -> None:
    lines = [
        "Step 1/1: Test (Command Line)",
        "  [Step 1/1] ok  \tgithub.com/acme/acme/parse\t0.003s",
        "  [Step 1/1] Process exited with code 1",
        "  [Step 1/1] Process exited with code 1 (Step: Test (Command Line))",
        "  [Step 1/1] Step Test (Command Line) failed",
    ]
    _category, text = verdict(lines)
    assert "Process exited" not in text and "Step Test" not in text


@pytest.mark.parametrize("exit_line", ["exit code 2"])
def test_drone_exit_code_ends_the_failed_step(exit_line: str) -> None:
    lines = [
        "+ git init",
        "Initialized empty Git repository in /drone/src/.git/",
        "+ git fetch origin +refs/heads/main:",
        "+ make",
        *GCC,
        exit_line,
        "+ cat logs/server.log",
        *AFTER,
    ]
    assert verdict(lines) == (Category.BUILD, GCC_CULPRIT)


def test_bitbucket_build_teardown_ends_the_failed_step_and_its_report_scan_is_boilerplate() -> None:
    lines = [
        "+ umask 000",
        "",
        "+ git reset --hard 3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345",
        "HEAD is now at 3f1c2a9 Parse the new configuration keys",
        "",
        "+ make",
        *GCC,
        "",
        "Build teardown",
        "",
        "Skipping cache upload for failed step",
        *AFTER,
        "Searching for test report files in directories named [test-results, failsafe-reports, test-reports, "
        "TestResults, surefire-reports] down to a depth of 4",
        "Finished scanning for test reports. Found 0 test report files.",
        "Merged test suites, total number tests is 0, with 0 failures and 0 errors.",
    ]
    assert verdict(lines) == (Category.BUILD, GCC_CULPRIT)


def test_cirrus_exit_status_ends_the_failed_script() -> None:
    lines = [
        "Using built-in Git...",
        "Cloning refs/heads/main...",
        "make",
        *GCC,
        "Exit status: 2",
        "cat logs/server.log",
        *AFTER,
    ]
    assert verdict(lines) == (Category.BUILD, GCC_CULPRIT)


def test_semaphore_exit_code_ends_the_failed_command_before_the_epilogue() -> None:
    lines = [
        "Exporting environment variables",
        "Exporting CI",
        "Exit Code: 0",
        "Injecting Files",
        "Exit Code: 0",
        "make",
        *GCC,
        "Exit Code: 2",
        "Exporting environment variables",
        "Exporting SEMAPHORE_JOB_RESULT",
        "Exit Code: 0",
        "cat logs/server.log",
        *AFTER,
        "Exit Code: 0",
    ]
    assert verdict(lines) == (Category.BUILD, GCC_CULPRIT)


def test_bamboo_failing_task_ends_the_script_task_and_its_task_lines_are_boilerplate() -> None:
    def line(kind: str, text: str) -> str:
        return f"{kind}\t29-Nov-2026 10:00:05\t{text}"

    lines = [
        line("simple", "Starting task 'Build' of type 'com.atlassian.bamboo.plugins.scripttask:task.builder.script'"),
        *[line("build", text) for text in GCC],
        line(
            "simple",
            "Failing task since return code of [/bin/sh /opt/bamboo-agent-home/temp/ACME-MAIN-JOB1-42-"
            "ScriptBuildTask-8744185176314095995.sh] was 2 while expected 0",
        ),
        line("simple", "Finished task 'Build' with result: Failed"),
        *[line("build", text) for text in APP_LOG],
        line("simple", "Failing task since test cases were expected but none were found."),
        line("simple", "Finished task 'JUnit Parser' with result: Failed"),
    ]
    category, text = verdict(lines)
    # The `build\t<date>\t` prefix is read as a line prefix: gcc's first error is the culprit, never Bamboo's own
    # lines nor what ran after the task.
    assert (category, text) == (Category.BUILD, GCC_CULPRIT)


def test_buildbot_program_finished_ends_the_failed_command() -> None:
    lines = [
        "make",
        " in dir /home/buildbot/worker/acme-linux/build (timeout 1200 secs)",
        " watching logfiles {}",
        " argv: b'make'",
        " using PTY: False",
        *GCC,
        "program finished with exit code 2",
        "elapsedTime=3.141593",
        "cat logs/server.log",
        *AFTER,
        "program finished with exit code 0",
        "elapsedTime=0.012345",
    ]
    assert verdict(lines) == (Category.BUILD, GCC_CULPRIT)
