"""The same tool output as other CI systems print their job logs: the analyzer finds the failure of the command that
failed first, whatever the CI prints around it (its own phases, later commands, uploads, closing lines).

The CI lines are those of each CI's own source (see bench/toolchain/ci_wrap_cases.py for the references); the tool
lines are real gcc, tsc, go test and pytest output.
"""

from __future__ import annotations

import re

import pytest

from ci_agent.analysis import Category, analyze_log

ESC = "\x1b"
CLEAR = f"\r{ESC}[0K"

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

TSC = [
    "src/money.ts(7,5): error TS2322: Type 'string' is not assignable to type 'number'.",
    "src/money.ts(12,10): error TS2304: Cannot find name 'rate'.",
]

GO_TEST = [
    "=== RUN   TestParse",
    "--- PASS: TestParse (0.00s)",
    "=== RUN   TestTotal",
    "    total_test.go:18: Total() = 29, want 30",
    "--- FAIL: TestTotal (0.00s)",
    "FAIL",
    "FAIL\tgithub.com/acme/acme/money\t0.004s",
    "FAIL",
]


def culprit(log: str) -> tuple[Category, str]:
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    line = re.sub(r"(?:\x1b|\^\[)\[[0-9;]*[mK]", "", log.split("\n")[analysis.culprit.line - 1])
    assert analysis.culprit.text.strip() in line
    return analysis.category, analysis.culprit.text.strip()


def test_travis_the_first_failed_script_command_is_the_culprit_not_a_later_one_nor_after_failure() -> None:
    lines = [
        f"travis_fold:start:worker_info{CLEAR}{ESC}[33;1mWorker information{ESC}[0m",
        "hostname: 5a1e7c2b@1.worker-com-5d8f9c7b6-x2k4p.gce-production-3",
        f"travis_fold:end:worker_info{CLEAR}",
        f"travis_fold:start:git.checkout{CLEAR}travis_time:start:0a1b2c3d{CLEAR}$ git clone --depth=50 "
        "https://github.com/acme/acme.git acme/acme",
        f"travis_time:end:0a1b2c3d:start=1,finish=2,duration=1,event=checkout{CLEAR}$ cd acme/acme",
        f"travis_fold:end:git.checkout{CLEAR}",
        f"travis_time:start:1b2c3d4e{CLEAR}$ make",
        *GCC,
        f"travis_time:end:1b2c3d4e:start=3,finish=4,duration=1{CLEAR}",
        f'{ESC}[31;1mThe command "make" exited with 2.{ESC}[0m',
        f"travis_time:start:2c3d4e5f{CLEAR}$ npx tsc --noEmit",
        *TSC,
        f"travis_time:end:2c3d4e5f:start=5,finish=6,duration=1{CLEAR}",
        f'{ESC}[31;1mThe command "npx tsc --noEmit" exited with 2.{ESC}[0m',
        f"travis_fold:start:after_failure.1{CLEAR}$ cat logs/server.log",
        "2026-11-29 10:00:04,017 ERROR acme.db: connection refused (attempt 1 of 3)",
        "Traceback (most recent call last):",
        "ValueError: negative amount",
        f"travis_fold:end:after_failure.1{CLEAR}",
        "",
        "Done. Your build exited with 1.",
    ]
    assert culprit("\n".join(lines) + "\n") == (Category.BUILD, GCC_CULPRIT)


def test_gitlab_npm_installs_success_count_and_the_artifact_uploaders_error_are_not_the_failure() -> None:
    lines = [
        f"{ESC}[0KRunning with gitlab-runner 17.5.2 (c6eae8bd){ESC}[0;m",
        f'section_start:1764410405:step_script{CLEAR}{ESC}[0K{ESC}[36;1mExecuting "step_script" stage of the job'
        f" script{ESC}[0;m",
        f"{ESC}[32;1m$ npm ci{ESC}[0;m",
        "added 312 packages, and audited 313 packages in 6s",
        "found 0 vulnerabilities",
        f"{ESC}[32;1m$ npx tsc --noEmit{ESC}[0;m",
        *TSC,
        f"section_end:1764410440:step_script{CLEAR}",
        f"section_start:1764410441:upload_artifacts_on_failure{CLEAR}{ESC}[0K{ESC}[36;1mUploading artifacts for failed"
        f" job{ESC}[0;m",
        f"{ESC}[0;33mWARNING: reports/junit.xml: no matching files. Ensure that the artifact path is relative to the"
        f" working directory (/builds/acme/acme){ESC}[0;m ",
        f"{ESC}[31;1mERROR: No files to upload                         {ESC}[0;m ",
        f"section_end:1764410442:upload_artifacts_on_failure{CLEAR}",
        f"section_start:1764410442:cleanup_file_variables{CLEAR}{ESC}[0K{ESC}[36;1mCleaning up project directory and"
        f" file based variables{ESC}[0;m",
        f"section_end:1764410443:cleanup_file_variables{CLEAR}",
        f"{ESC}[31;1mERROR: Job failed: exit code 1",
        f"{ESC}[0;m",
    ]
    assert culprit("\n".join(lines) + "\n") == (Category.BUILD, TSC[0])


def test_jenkins_freestyle_with_timestamper_clock_and_its_post_build_errors_below() -> None:
    lines = [
        "Started by user Jane Doe",
        "[acme] $ /bin/sh -xe /tmp/jenkins4912233190125117763.sh",
        "+ go test ./...",
        *GO_TEST,
        "Build step 'Execute shell' marked build as failure",
        "Recording test results",
        "ERROR: Step \u2018Publish JUnit test result report\u2019 failed: No test report files were found."
        " Configuration error?",
        "Finished: FAILURE",
    ]
    log = "\n".join(f"10:00:{index:02d}  {line}" for index, line in enumerate(lines)) + "\n"
    assert culprit(log) == (Category.TEST, "--- FAIL: TestTotal (0.00s)")


def test_jenkins_pipeline_error_after_end_of_pipeline() -> None:
    lines = [
        "[Pipeline] Start of Pipeline",
        "[Pipeline] node",
        "[Pipeline] stage",
        "[Pipeline] { (Build)",
        "[Pipeline] sh",
        "+ make",
        *GCC,
        "[Pipeline] }",
        "[Pipeline] // stage",
        "[Pipeline] End of Pipeline",
        "ERROR: script returned exit code 2",
        "Finished: FAILURE",
    ]
    assert culprit("\n".join(lines) + "\n") == (Category.BUILD, GCC_CULPRIT)


def test_buildkite_red_error_line_ends_the_command() -> None:
    lines = [
        "~~~ Preparing working directory",
        "$ git clean -ffxdq",
        "~~~ Running commands",
        "$ go test ./...",
        *GO_TEST,
        f"{ESC}[31m🚨 Error: The command exited with status 1{ESC}[0m",
        "^^^ +++",
        "user command error: exit status 1",
        "~~~ Uploading artifacts",
        "2026-11-29 10:00:50 ERROR  No files matched paths: reports/*.xml",
    ]
    assert culprit("\n".join(lines) + "\n") == (Category.TEST, "--- FAIL: TestTotal (0.00s)")


def test_circleci_step() -> None:
    lines = ["Run tests", "#!/bin/bash -eo pipefail", "make", *GCC, "", "Exited with code exit status 2"]
    lines += ["CircleCI received exit code 2"]
    assert culprit("\n".join(lines) + "\n") == (Category.BUILD, GCC_CULPRIT)


def test_azure_pipelines_bash_task() -> None:
    lines = [
        "##[section]Starting: Run the checks",
        "Generating script.",
        "Script contents:",
        "npx tsc --noEmit",
        "========================== Starting Command Output ===========================",
        "/usr/bin/bash /home/vsts/work/_temp/4f6d2a1e.sh",
        *TSC,
        "",
        "##[error]Bash exited with code '2'.",
        "##[section]Finishing: Run the checks",
        "##[section]Starting: PublishTestResults",
        "##[warning]No test result files matching '**/TEST-*.xml' were found.",
        "##[section]Finishing: PublishTestResults",
    ]
    log = "".join(f"2026-11-29T10:00:00.0000000Z {line}\n" for line in lines)
    assert culprit(log) == (Category.BUILD, TSC[0])


def test_terminal_paste_with_colour_codes_written_out_and_crlf() -> None:
    lines = [
        "dev@laptop:~/src/acme$ make",
        *GCC[:3],
        f"^[[01m^[[K{GCC[3][:18]}^[[m^[[K ^[[01;31m^[[Kerror: ^[[m^[[K{GCC[3].split('error: ', 1)[1]}",
        *GCC[4:],
    ]
    assert culprit("\r\n".join(lines) + "\r\n") == (Category.BUILD, GCC_CULPRIT)


def test_buildkite_lines_with_the_agents_time_stamp_escape() -> None:
    lines = ["~~~ Running commands", "$ go test ./...", *GO_TEST, "🚨 Error: The command exited with status 1"]
    lines += ["^^^ +++", "user command error: exit status 1"]
    log = "".join(f"{ESC}_bk;t={1764410400000 + 137 * index}\a{line}\n" for index, line in enumerate(lines))
    assert culprit(log) == (Category.TEST, "--- FAIL: TestTotal (0.00s)")


def test_gitlab_runner_17_time_stamps() -> None:
    lines = [f"{ESC}[32;1m$ go test ./...{ESC}[0;m", *GO_TEST, f"{ESC}[31;1mERROR: Job failed: exit code 1"]
    log = "".join(f"2026-11-29T10:00:01.{index:06d}Z 00O {line}\n" for index, line in enumerate(lines))
    assert culprit(log) == (Category.TEST, "--- FAIL: TestTotal (0.00s)")


UPLOAD = "curl -fsS -F file=@reports/junit.xml https://reports.example.com/upload"
UPLOAD_ERROR = "curl: (6) Could not resolve host: reports.example.com"


def test_gitlab_after_script_failure_does_not_decide_the_job() -> None:
    lines = [
        f"section_start:1764410405:step_script{CLEAR}{ESC}[0K{ESC}[36;1mExecuting step_script{ESC}[0;m",
        f"{ESC}[32;1m$ go test ./...{ESC}[0;m",
        *GO_TEST,
        f"section_end:1764410440:step_script{CLEAR}",
        f"section_start:1764410440:after_script{CLEAR}{ESC}[0K{ESC}[36;1mRunning after_script{ESC}[0;m",
        f"{ESC}[32;1mRunning after script...{ESC}[0;m",
        f"{ESC}[32;1m$ {UPLOAD}{ESC}[0;m",
        UPLOAD_ERROR,
        f"{ESC}[0;33mWARNING: after_script failed, but job will continue unaffected: exit code 6{ESC}[0;m",
        f"section_end:1764410441:after_script{CLEAR}",
        f"{ESC}[31;1mERROR: Job failed: exit code 1",
    ]
    log = "".join(f"2026-11-29T10:00:01.{index:06d}Z 01O+{line}\n" for index, line in enumerate(lines))
    assert culprit(log) == (Category.TEST, "--- FAIL: TestTotal (0.00s)")


def test_jenkins_pipeline_post_actions_run_after_the_failed_stage() -> None:
    lines = [
        "[Pipeline] stage",
        "[Pipeline] { (Test)",
        "[Pipeline] sh",
        "+ go test ./...",
        *GO_TEST,
        "[Pipeline] }",
        "[Pipeline] // stage",
        "[Pipeline] stage",
        "[Pipeline] { (Declarative: Post Actions)",
        "[Pipeline] sh",
        f"+ {UPLOAD}",
        UPLOAD_ERROR,
        "+ true",
        "[Pipeline] }",
        "[Pipeline] End of Pipeline",
        "ERROR: script returned exit code 1",
        "Finished: FAILURE",
    ]
    assert culprit("\n".join(lines) + "\n") == (Category.TEST, "--- FAIL: TestTotal (0.00s)")


def test_travis_stalled_build_and_time_limit_are_timeouts() -> None:
    # Given a Travis job whose tests stopped printing, killed by the worker, and one that ran past its time limit
    start = [f"travis_time:start:3d4e5f6a{CLEAR}$ bundle exec rake", "Run options: --seed 1234", "# Running:", "....."]
    stalled = (
        "No output has been received in the last 10m0s, this potentially indicates a stalled build or something"
        " wrong with the build itself."
    )
    over = "The job exceeded the maximum time limit for jobs, and has been terminated."
    docs = "Check the details on how to adjust your build configuration on: https://docs.travis-ci.com/user/common-build-problems/"
    # Then each is a timeout named by the worker's own line, not the last line printed
    assert culprit("\n".join([*start, "", stalled, docs, "", "The build has been terminated", ""])) == (
        Category.TIMEOUT,
        stalled,
    )
    assert culprit("\n".join([*start, "", over, ""])) == (Category.TIMEOUT, over)


def test_other_cis_time_limits_are_timeouts_even_where_the_ci_closes_the_job() -> None:
    # Given GitLab Runner's timeout, which it prints after `ERROR: Job failed: ` (a closing line otherwise)
    gitlab = "ERROR: Job failed: execution took longer than 1h0m0s seconds"
    log = "\n".join(["$ make test", "ok  \tgithub.com/acme/acme/db\t0.41s", "=== RUN   TestSync", gitlab, ""])
    # and CircleCI's no-output limit
    circle = "Too long with no output (exceeded 10m0s): context deadline exceeded"
    # Then both are timeouts named by those lines
    assert culprit(log) == (Category.TIMEOUT, gitlab)
    assert culprit(f"#!/bin/bash -eo pipefail\nnpm test\n> jest --runInBand\n{circle}\n") == (Category.TIMEOUT, circle)


def test_a_gem_whose_native_extension_failed_is_read_where_rubygems_says_so() -> None:
    # Given bundler stopping after a gem's extconf failed (Travis retries the install, then gives up)
    build_error = "Gem::Ext::BuildError: ERROR: Failed to build gem native extension."
    lines = [
        "$ bundle install --jobs=3 --retry=3 --deployment",
        "Installing nokogiri 1.6.8 with native extensions",
        build_error,
        "",
        "    current directory: /home/travis/build/acme/app/vendor/bundle/ruby/2.3.0/gems/nokogiri-1.6.8/ext/nokogiri",
        "checking for gzdopen() in -lz... no",
        "zlib is missing; necessary for building libxml2",
        "*** extconf.rb failed ***",
        "An error occurred while installing nokogiri (1.6.8), and Bundler cannot continue.",
        "Make sure that `gem install nokogiri -v '1.6.8'` succeeds before bundling.",
        'The command "bundle install --jobs=3 --retry=3 --deployment" failed and exited with 5 during .',
    ]
    # Then RubyGems' line is the culprit, a dependency failure
    assert culprit("\n".join(lines) + "\n") == (Category.DEPENDENCY, build_error)


def test_travis_retry_lines_only_say_that_a_command_failed() -> None:
    # Given travis_retry running a download script that fails three times with its own message
    lines = ["$ travis_retry ./scripts/fetch-fixtures.sh"]
    for attempt in (1, 2):
        lines += ["fetching fixtures.tar.gz", "fixture archive checksum mismatch"]
        lines += [f'The command "./scripts/fetch-fixtures.sh" failed. Retrying, {attempt + 1} of 3.', ""]
    lines += ["fetching fixtures.tar.gz", "fixture archive checksum mismatch", ""]
    lines += ['The command "./scripts/fetch-fixtures.sh" failed 3 times.', ""]
    lines += [
        'The command "travis_retry ./scripts/fetch-fixtures.sh" exited with 1.',
        "",
        "Done. Your build exited with 1.",
    ]
    analysis = analyze_log("\n".join(lines) + "\n")
    # Then the script's own last words are the culprit, not travis_retry's count of attempts
    assert analysis.culprit is not None
    assert analysis.culprit.text == "fixture archive checksum mismatch"
    assert analysis.culprit.line == max(i for i, line in enumerate(lines, 1) if line == analysis.culprit.text)


TRAVIS_SCRIPT = [
    f"travis_time:start:1b2c3d4e{CLEAR}$ make",
    *GCC,
    f"travis_time:end:1b2c3d4e:start=3,finish=4,duration=1{CLEAR}",
    f'{ESC}[31;1mThe command "make" exited with 2.{ESC}[0m',
    f"travis_time:start:2c3d4e5f{CLEAR}$ npx tsc --noEmit",
    *TSC,
    f'{ESC}[31;1mThe command "npx tsc --noEmit" exited with 2.{ESC}[0m',
    "",
    "Done. Your build exited with 1.",
]
GITLAB_SCRIPT = [
    f"{ESC}[32;1m$ npm ci{ESC}[0;m",
    "added 312 packages, and audited 313 packages in 6s",
    f"{ESC}[32;1m$ npx tsc --noEmit{ESC}[0;m",
    *TSC,
    f"{ESC}[31;1mERROR: Job failed: exit code 1",
]
JENKINS_FREESTYLE = [
    "+ go test ./...",
    *GO_TEST,
    "Build step 'Execute shell' marked build as failure",
    "Finished: FAILURE",
]
BUILDKITE_COMMANDS = ["~~~ Running commands", "$ go test ./...", *GO_TEST, "🚨 Error: The command exited with status 1"]
TERMINAL_PASTE = ["dev@laptop:~/src/acme$ git pull", "Already up to date.", "dev@laptop:~/src/acme$ make", *GCC]
POWERSHELL_PASTE = ["PS C:\\src\\acme> npx tsc --noEmit", *TSC]


@pytest.mark.parametrize(
    ("lines", "step"),
    [
        (TRAVIS_SCRIPT, "make"),  # the first command Travis says failed, not the later one
        (GITLAB_SCRIPT, "npx tsc --noEmit"),  # the command the runner echoed before the culprit
        (JENKINS_FREESTYLE, "Execute shell"),  # Jenkins names the build step
        (BUILDKITE_COMMANDS, "go test ./..."),
        (TERMINAL_PASTE, "make"),  # a shell prompt's command, not an earlier one
        (POWERSHELL_PASTE, "npx tsc --noEmit"),
    ],
    ids=["travis", "gitlab", "jenkins", "buildkite", "terminal", "powershell"],
)
def test_a_log_of_another_ci_names_the_failed_command_as_its_step(lines: list[str], step: str) -> None:
    # Given a log with no `##[group]Run` step markers, as another CI or a terminal prints it
    # When it is analysed
    analysis = analyze_log("\n".join(lines) + "\n")
    # Then the failed step is the command the CI says failed, else the one echoed above the culprit
    assert analysis.failed_step == step


def test_the_failed_command_names_the_kind_of_failure_no_line_says() -> None:
    # Given a Travis job whose test script prints a sentence no rule knows and with no word of a kind of failure
    lines = [
        f"travis_time:start:1b2c3d4e{CLEAR}$ npm test",
        "> acme@1.0.0 test",
        "> node check.js",
        "",
        "the widget count drifted from 3 to 4",
        f'{ESC}[31;1mThe command "npm test" exited with 1.{ESC}[0m',
        "",
        "Done. Your build exited with 1.",
    ]
    analysis = analyze_log("\n".join(lines) + "\n")
    # Then that sentence is the culprit, and the failed command says it is a test failure
    assert analysis.culprit is not None and analysis.culprit.text == "the widget count drifted from 3 to 4"
    assert (analysis.failed_step, analysis.category) == ("npm test", Category.TEST)


def test_travis_install_stopped_with_an_empty_stage_name_is_not_the_culprit() -> None:
    # Given travis_assert's line for a failed install command, whose stage name is empty in many jobs (`during .`),
    # then `Your build has been stopped.`; the command's own message is one no rule knows
    lines = [
        f"travis_fold:start:install{CLEAR}travis_time:start:0a1b2c3d{CLEAR}$ ./scripts/fetch-fixtures.sh",
        "fetching fixtures for 3 suites",
        "fixture archive checksum does not match the manifest",
        "",
        f'{ESC}[31;1mThe command "./scripts/fetch-fixtures.sh" failed and exited with 1 during .{ESC}[0m',
        "",
        "Your build has been stopped.",
    ]
    analysis = analyze_log("\n".join(lines) + "\n")
    # Then the script's message is the culprit, not Travis's closing lines, and the command is the failed step
    assert analysis.culprit is not None
    assert analysis.culprit.text == "fixture archive checksum does not match the manifest"
    assert analysis.failed_step == "./scripts/fetch-fixtures.sh"
