# ruff: noqa: E501  (CI output is data: one string a line, as the CI prints it)
"""The development set's failures as other CI systems print them: no tool is run again.

Each GitHub Actions log of the set (``logs/*.log.gz`` with its ``labels.json`` entry) holds the failing step's tool
output between its ``##[group]Run <command>`` / ``##[endgroup]`` header and ``##[error]Process completed with exit
code N.``. This module cuts that output out (raw: colour codes and carriage returns kept) and wraps it again as a
job log of Travis CI, GitLab CI, Jenkins (freestyle and Pipeline, some with Timestamper's prefixes), Buildkite,
CircleCI, Azure Pipelines or a terminal paste, shifting the labelled culprit lines mechanically: the category, the
tool and the culprit's text stay those of the source log, ``ci`` names the CI and ``path`` the source log.

    python3 bench/toolchain/ci_wrap_cases.py            # or: python3 bench/toolchain/make_logs.py --rewrap

A deterministic sample: every tool of the set at least once, one more log per six of a tool's logs, the CI formats
rotated over the sample in tool order (a tool's logs go to different CIs). Some wrappers have variants, chosen from
a hash of the source log's name: see each function. Three later rounds, each committed before the analyzer ran on it,
add one shape each on a part of the same sample (see ``rewrap``): Buildkite's and GitLab's per-line time stamps
(``bk-ts-``, ``gitlab-ts-``), Travis jobs stopped in ``install`` or ``before_script`` (``travis-install-``,
``travis-beforescript-``), a report upload failing in GitLab's after_script or a Pipeline's post section
(``gitlab-after-``, ``jenkins-post-``).

The wrappers follow each CI's own source or documentation:

- Travis CI, travis-ci/travis-build: ``lib/travis/build/bash/travis_fold.bash`` (``travis_fold:start:<name>\\r
  ESC[0K``), ``travis_time_start.bash`` / ``travis_time_finish.bash`` (``travis_time:start:<id>\\rESC[0K``,
  ``travis_time:end:<id>:start=..,finish=..,duration=..,event=..\\rESC[0K``), ``travis_cmd.bash`` (``$ <cmd>``
  echoed in ESC[33;1m... for setup, plain for the script), ``travis_result.bash`` (``\\nESC[31;1mThe command
  "<cmd>" exited with N.ESC[0m``), the header's worker and system information folds, the ``store build cache`` fold
  and ``Done. Your build exited with 1.`` (``lib/travis/build/templates/header.sh``). The script phase goes on after
  a failed command (docs "Job Lifecycle": "If any of the commands in the script phase fail, the job will be marked
  failed, but the subsequent commands will still run"), then ``after_failure`` and ``after_script`` run.
- GitLab Runner (gitlab-org/gitlab-runner ``helpers/trace``, ``shells/abstract.go``, ``common/build.go``): ``Running
  with gitlab-runner <version>``, ``section_start:<unix time>:<name>\\rESC[0K`` / ``section_end:...`` around the
  prepare, get_sources, step_script, after_script, upload_artifacts_on_failure and cleanup_file_variables stages
  (docs "Job logs": "Expand and collapse job log sections"), ``ESC[32;1m$ <command>ESC[0;m`` echo,
  ``Cleaning up project directory and file based variables``, ``ESC[31;1mERROR: Job failed: exit code 1``;
  the artifact uploader's ``WARNING: ...: no matching files`` and ``ERROR: No files to upload``.
- Jenkins: freestyle's Shell builder (``[<ws>] $ /bin/sh -xe /tmp/jenkins<n>.sh``, hudson.tasks.CommandInterpreter),
  the shell's ``+ <command>`` xtrace, ``Build step 'Execute shell' marked build as failure`` and ``Finished:
  FAILURE`` (jenkins core hudson/model/Messages.properties, Run.java); Pipeline's ``[Pipeline] sh`` steps, stages,
  ``ERROR: script returned exit code 1`` (workflow-durable-task-step) printed after ``[Pipeline] End of Pipeline``;
  the Timestamper plugin's ``HH:mm:ss`` prefix (freestyle, its default system-clock format) and
  ``[2026-11-29T10:00:01.123Z]`` (Pipeline's ``timestamps()``, its ISO-8601 decorator).
- Buildkite agent (buildkite/agent ``internal/job/executor.go``, its shell logger): ``~~~ <header>`` for the agent's
  own phases, ``$ <command>`` prompts, ``# <comment>``, ``🚨 Error: The command exited with status N`` and
  ``user command error: exit status N``; ``--- ``/``+++ `` are headers a build script prints (docs "Managing log
  output"), ``^^^ +++`` reopens the previous one.
- CircleCI (docs "Configuring CircleCI": a run step's default shell ``/bin/bash -eo pipefail``; the step's output
  ends ``Exited with code exit status 1``, and the local CLI's ``CircleCI received exit code 1``).
- Azure Pipelines (microsoft/azure-pipelines-agent, microsoft/azure-pipelines-tasks BashV3): ``##[section]Starting:
  <step>``, the task's banner, ``Generating script.``, ``Script contents:``, ``========================== Starting
  Command Output ===========================``, ``/usr/bin/bash /home/vsts/work/_temp/<uuid>.sh``,
  ``##[error]Bash exited with code '1'.`` and ``##[section]Finishing: <step>``, each line after the runner's
  ISO-8601 time stamp.
- Terminal pastes: bare tool output, some with the colour codes written out as text (``^[[31m``, as a terminal or
  a viewer copies ESC), some with CRLF line ends.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAMP = "2026-11-29T10:00:00.0000000Z "
PREFIXES = ("travis-", "gitlab-", "jenkins-", "bk-", "circle-", "azure-", "paste-")
ESC = "\x1b"
CLEAR = f"\r{ESC}[0K"  # what Travis and GitLab put after a fold or section marker
_STEP = re.compile(r"^##\[group\]Run ")
_WORKFLOW_COMMAND = re.compile(r"^::(?:error|warning|notice|debug|group|endgroup|add-matcher|remove-matcher)\b")
_EXIT = re.compile(r"^##\[error\]Process completed with exit code (\d+)\.$")


@dataclass
class Source:
    name: str  # the source log's file name
    label: dict[str, object]
    body: list[str]  # the failing step's raw output lines, runner time stamp removed
    culprits: list[int]  # 0-based indices into body
    code: int

    @property
    def command(self) -> str:
        return str(self.label["command"])

    @property
    def ecosystem(self) -> str:
        return str(self.label["ecosystem"])


def load_source(logs: Path, name: str, label: dict[str, object]) -> Source:
    lines = [
        line.removeprefix(STAMP) for line in gzip.decompress((logs / f"{name}.gz").read_bytes()).decode().split("\n")
    ]
    error = next(i for i, line in enumerate(lines) if _EXIT.match(line))
    group = max(i for i, line in enumerate(lines[:error]) if _STEP.match(line))
    end = next(i for i in range(group, error) if lines[i] == "##[endgroup]")
    body = lines[end + 1 : error]
    culprits = [int(line) - 1 - (end + 1) for line in label["culprit_lines"]]  # type: ignore[union-attr]
    # Workflow commands (`::error file=...::`) are printed only because the tool saw GITHUB_ACTIONS: another CI's log
    # does not have them. Dropped, and the culprits shifted up past them.
    kept = [i for i, line in enumerate(body) if i in culprits or not _WORKFLOW_COMMAND.match(line)]
    body, culprits = [body[i] for i in kept], [kept.index(i) for i in culprits]
    if not all(0 <= index < len(body) for index in culprits):
        raise RuntimeError(f"{name}: a culprit line outside the failed step")
    match = _EXIT.match(lines[error])
    assert match is not None
    return Source(name, label, body, culprits, int(match.group(1)))


def digest(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16)


def clock(second: int) -> str:
    return f"10:{second // 60 % 60:02d}:{second % 60:02d}"


# --- what each ecosystem's job installs before its script (Travis and GitLab show it) --------------------------------

INSTALL: dict[str, tuple[str, list[str]]] = {
    "python": (
        "pip install -r requirements.txt",
        [
            "Requirement already satisfied: pip in /home/travis/virtualenv/python3.11.7/lib/python3.11/site-packages (23.2.1)",
            "Collecting attrs>=22.2.0",
            "  Using cached attrs-23.2.0-py3-none-any.whl (60 kB)",
            "Installing collected packages: attrs",
            "Successfully installed attrs-23.2.0",
        ],
    ),
    "javascript": ("npm ci", ["", "added 312 packages, and audited 313 packages in 6s", "", "found 0 vulnerabilities"]),
    "go": ("go mod download", []),
    "ruby": (
        "bundle install --jobs=3 --retry=3",
        ["Using bundler 2.4.22", "Bundle complete! 5 Gemfile dependencies, 23 gems now installed."],
    ),
    "rust": ("cargo fetch", []),
}


# --- Travis CI -------------------------------------------------------------------------------------------------------


def fold(name: str) -> str:
    return f"travis_fold:start:{name}{CLEAR}"


def unfold(name: str) -> str:
    return f"travis_fold:end:{name}{CLEAR}"


def timer(n: int, event: str = "") -> tuple[str, str]:
    ident = f"{digest(str(n)) & 0xFFFFFFFF:08x}"
    start = 1764410400_000000000 + n * 1_700_000_000
    finish = start + 1_234_567_890
    tail = f",event={event}" if event else ""
    return (
        f"travis_time:start:{ident}{CLEAR}",
        f"travis_time:end:{ident}:start={start},finish={finish},duration={finish - start}{tail}{CLEAR}",
    )


TRAVIS_LANGUAGE = {"python": "python", "javascript": "node_js", "go": "go", "java": "java", "java-maven": "java"}


def travis(source: Source, variant: int, second: Source | None) -> tuple[list[str], int]:
    """Variants: 0 the failed command is the script's last; 1 a later script command passes; 2 a later script
    command fails too (the second source log's output); and, on odd ``variant // 3``, ``after_failure`` cats an
    application log holding ERROR lines."""
    language = TRAVIS_LANGUAGE.get(
        source.ecosystem, "generic" if source.ecosystem not in ("ruby", "rust") else source.ecosystem
    )
    start, end = timer(1, "checkout")
    lines = [
        f"{fold('worker_info')}{ESC}[33;1mWorker information{ESC}[0m",
        "hostname: 5a1e7c2b-9d3f-4e61-8b0a-2c4d6e8f0a1b@1.worker-com-5d8f9c7b6-x2k4p.gce-production-3",
        "version: v6.2.22 https://github.com/travis-ci/worker/tree/3e5b3a4b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f",
        "instance: travis-job-8c3d2e1f-0a9b-4c8d-9e7f-6a5b4c3d2e1f travis-ci-focal-1640000000-2a8ec3b (via amqp)",
        "startup: 6.351282184s",
        unfold("worker_info"),
        f"{fold('system_info')}{ESC}[33;1mBuild system information{ESC}[0m",
        f"Build language: {language}",
        "Build group: stable",
        "Build dist: focal",
        "Build id: 1234567890",
        "Job id: 2345678901",
        "Runtime kernel version: 5.4.0-1034-gcp",
        "travis-build version: 9d8f3ba2c",
        f"{ESC}[34m{ESC}[1mBuild image provisioning date and time{ESC}[0m",
        "Mon Nov 23 10:00:00 UTC 2026",
        f"{ESC}[34m{ESC}[1mOperating System Details{ESC}[0m",
        "Distributor ID:\tUbuntu",
        "Description:\tUbuntu 20.04.6 LTS",
        "Release:\t20.04",
        "Codename:\tfocal",
        unfold("system_info"),
        "",
        f"{fold('git.checkout')}{start}$ git clone --depth=50 --branch=main https://github.com/acme/acme.git acme/acme",
        "Cloning into 'acme/acme'...",
        f"{end}$ cd acme/acme",
        "$ git checkout -qf 3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345",
        unfold("git.checkout"),
        "",
        f"{ESC}[33;1mSetting environment variables from .travis.yml{ESC}[0m",
        "$ export CI_STRICT=1",
        "$ export LANG=C.UTF-8",
        "",
    ]
    if source.ecosystem == "python":
        lines += ["$ source ~/virtualenv/python3.11/bin/activate", "$ python --version", "Python 3.11.7"]
    elif source.ecosystem == "javascript":
        lines += ["$ node --version", "v20.20.2", "$ npm --version", "11.19.1"]
    if source.ecosystem in INSTALL:
        command, output = INSTALL[source.ecosystem]
        start, end = timer(2)
        lines += [f"{fold('install')}{start}$ {command}", *output, f"{end}{unfold('install')}"]
    start, end = timer(3)
    lines += [f"{start}$ {source.command}"]
    first = len(lines)
    lines += source.body
    lines += [end, f'{ESC}[31;1mThe command "{source.command}" exited with {source.code}.{ESC}[0m']
    later = variant % 3
    if later == 1:
        start, end = timer(4)
        lines += [
            f"{start}$ git diff --stat",
            end,
            "",
            f'{ESC}[32;1mThe command "git diff --stat" exited with 0.{ESC}[0m',
        ]
    elif later == 2 and second is not None:
        start, end = timer(4)
        lines += [f"{start}$ {second.command}", *second.body, end, ""]
        lines += [f'{ESC}[31;1mThe command "{second.command}" exited with {second.code}.{ESC}[0m']
    if variant // 3 % 2:
        lines += [
            "",
            f"{fold('after_failure.1')}{ESC}[33;1m$ cat logs/server.log{ESC}[0m",
            "2026-11-29 10:00:03,412 INFO acme.server: listening on 127.0.0.1:8080",
            "2026-11-29 10:00:04,017 ERROR acme.db: connection refused (attempt 1 of 3)",
            "2026-11-29 10:00:05,020 ERROR acme.db: connection refused (attempt 2 of 3)",
            "2026-11-29 10:00:06,021 INFO acme.db: connected to postgres://localhost:5432/acme",
            "2026-11-29 10:00:09,730 ERROR acme.jobs: job 17 failed: ValueError: negative amount",
            unfold("after_failure.1"),
        ]
    lines += [
        "",
        f'{fold("after_script.1")}{ESC}[33;1m$ echo "build finished"{ESC}[0m',
        "build finished",
        unfold("after_script.1"),
        "",
        f"{fold('cache.2')}store build cache",
        "change detected (content changed, file is created, or file is deleted):",
        "/home/travis/.cache/acme/index.json",
        "",
        "changes detected, packing new archive",
        "uploading main/cache-linux-focal-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855--generic.tgz",
        "cache uploaded",
        unfold("cache.2"),
        "",
        "Done. Your build exited with 1.",
    ]
    return lines, first


def travis_stopped(source: Source, variant: int, second: Source | None, stage: str) -> tuple[list[str], int]:
    """A command of the ``install`` or ``before_script`` phase failed: travis-build's ``travis_assert`` prints
    ``The command "<cmd>" failed and exited with N during <stage>.`` in red, then ``Your build has been stopped.``,
    and nothing runs after it (docs "Job Lifecycle": a failure there errors the job at once)."""
    lines, first = travis(source, variant, second)
    head = lines[: first - 1]  # down to the script's first command
    if stage == "install":  # down to the install fold, which holds the failed command instead
        head = head[: next((i for i, line in enumerate(head) if line.startswith(fold("install"))), len(head))]
    start, _end = timer(5)
    head += [f"{fold(stage)}{start}$ {source.command}"]
    first = len(head)
    head += source.body
    head += [
        "",
        f'{ESC}[31;1mThe command "{source.command}" failed and exited with {source.code} during {stage}.{ESC}[0m',
        "",
        "Your build has been stopped.",
    ]
    return head, first


# --- GitLab CI -------------------------------------------------------------------------------------------------------


def section(time: int, name: str, title: str) -> str:
    return f"section_start:{1764410400 + time}:{name}{CLEAR}{ESC}[0K{ESC}[36;1m{title}{ESC}[0;m"


def section_end(time: int, name: str) -> str:
    return f"section_end:{1764410400 + time}:{name}{CLEAR}"


GITLAB_IMAGE = {
    "python": "python:3.11",
    "javascript": "node:20",
    "go": "golang:1.22",
    "ruby": "ruby:3.1",
    "rust": "rust:1.95",
}


def gitlab(source: Source, variant: int, _second: Source | None) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has an after_script; ``variant // 2 % 2`` an artifact upload that finds no report
    (GitLab's own ``ERROR: No files to upload`` below the failure)."""
    image = GITLAB_IMAGE.get(source.ecosystem, "debian:bookworm")
    lines = [
        f"{ESC}[0KRunning with gitlab-runner 17.5.2 (c6eae8bd){ESC}[0;m",
        f"{ESC}[0K  on docker-runner-1 t3_AbCdEf, system ID: s_0123456789ab{ESC}[0;m",
        section(0, "prepare_executor", 'Preparing the "docker" executor'),
        f"{ESC}[0KUsing Docker executor with image {image} ...{ESC}[0;m",
        f"{ESC}[0KPulling docker image {image} ...{ESC}[0;m",
        f"{ESC}[0KUsing docker image sha256:4f1c0de2a6b8e3c5d7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3 for {image} with digest "
        f"{image.split(':')[0]}@sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b ...{ESC}[0;m",
        section_end(2, "prepare_executor"),
        section(2, "prepare_script", "Preparing environment"),
        "Running on runner-t3abcdef-project-42-concurrent-0 via docker-runner-1...",
        section_end(3, "prepare_script"),
        section(3, "get_sources", "Getting source from Git repository"),
        f"{ESC}[32;1mFetching changes with git depth set to 20...{ESC}[0;m",
        "Initialized empty Git repository in /builds/acme/acme/.git/",
        f"{ESC}[32;1mCreated fresh repository.{ESC}[0;m",
        f"{ESC}[32;1mChecking out 3f1c2a9b as detached HEAD (ref is main)...{ESC}[0;m",
        "",
        f"{ESC}[32;1mSkipping Git submodules setup{ESC}[0;m",
        section_end(5, "get_sources"),
        section(5, "step_script", 'Executing "step_script" stage of the job script'),
        f"{ESC}[0KUsing docker image sha256:4f1c0de2a6b8e3c5d7f9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3 for {image} with digest "
        f"{image.split(':')[0]}@sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b ...{ESC}[0;m",
    ]
    if source.ecosystem in INSTALL:
        command, output = INSTALL[source.ecosystem]
        lines += [
            f"{ESC}[32;1m$ {command}{ESC}[0;m",
            *(line.replace("/home/travis/", "/usr/local/") for line in output),
        ]
    lines += [f"{ESC}[32;1m$ {line}{ESC}[0;m" for line in source.command.split("\n")]
    first = len(lines)
    lines += source.body
    lines += [section_end(40, "step_script")]
    if variant % 2:
        lines += [
            section(40, "after_script", "Running after_script"),
            f"{ESC}[32;1mRunning after script...{ESC}[0;m",
            f"{ESC}[32;1m$ ls -la reports/ || true{ESC}[0;m",
            "ls: cannot access 'reports/': No such file or directory",
            section_end(41, "after_script"),
        ]
    if variant // 2 % 2:
        lines += [
            section(41, "upload_artifacts_on_failure", "Uploading artifacts for failed job"),
            f"{ESC}[32;1mUploading artifacts...{ESC}[0;m",
            f"{ESC}[0;33mWARNING: reports/junit.xml: no matching files. Ensure that the artifact path is relative to the"
            f" working directory (/builds/acme/acme){ESC}[0;m ",
            f"{ESC}[31;1mERROR: No files to upload                         {ESC}[0;m ",
            section_end(42, "upload_artifacts_on_failure"),
        ]
    lines += [
        section(42, "cleanup_file_variables", "Cleaning up project directory and file based variables"),
        section_end(43, "cleanup_file_variables"),
        "",
        f"{ESC}[31;1mERROR: Job failed: exit code {source.code}",
        f"{ESC}[0;m",
    ]
    return lines, first


# --- Jenkins ---------------------------------------------------------------------------------------------------------

JENKINS_GIT = [
    "The recommended git tool is: NONE",
    "No credentials specified",
    " > git rev-parse --resolve-git-dir /var/lib/jenkins/workspace/acme/.git # timeout=10",
    "Fetching changes from the remote Git repository",
    " > git config remote.origin.url https://github.com/acme/acme.git # timeout=10",
    "Fetching upstream changes from https://github.com/acme/acme.git",
    " > git --version # timeout=10",
    " > git --version # 'git version 2.39.5'",
    " > git fetch --tags --force --progress -- https://github.com/acme/acme.git +refs/heads/*:refs/remotes/origin/* # timeout=10",
    " > git rev-parse refs/remotes/origin/main^{commit} # timeout=10",
    "Checking out Revision 3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345 (refs/remotes/origin/main)",
    " > git config core.sparsecheckout # timeout=10",
    " > git checkout -f 3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345 # timeout=10",
    'Commit message: "Parse the new configuration keys"',
    " > git rev-list --no-walk 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567 # timeout=10",
]


def xtrace(command: str) -> list[str]:
    """What ``sh -xe`` prints before running each simple command of a script."""
    return [f"+ {part.strip()}" for line in command.split("\n") for part in line.split(" && ")]


def jenkins(source: Source, variant: int, _second: Source | None) -> tuple[list[str], int]:
    """Variants: even ``variant`` a freestyle job, odd a Pipeline; ``variant // 2 % 3``: 1 Timestamper's clock
    prefix (freestyle) or ISO prefix (Pipeline) on every line, else none."""
    if variant % 2 == 0:
        lines = [
            "Started by user Jane Doe",
            "Running as SYSTEM",
            "Building in workspace /var/lib/jenkins/workspace/acme",
            *JENKINS_GIT,
            "[acme] $ /bin/sh -xe /tmp/jenkins4912233190125117763.sh",
            *xtrace(source.command),
        ]
        first = len(lines)
        lines += source.body
        lines += [
            "Build step 'Execute shell' marked build as failure",
            "Archiving artifacts",
            "Recording test results",
            "ERROR: Step \u2018Publish JUnit test result report\u2019 failed: No test report files were found. Configuration error?",
            "Sending e-mails to: dev@example.com",
            "Finished: FAILURE",
        ]
    else:
        lines = [
            "Started by user Jane Doe",
            "[Pipeline] Start of Pipeline",
            "[Pipeline] node",
            "Running on agent-2 in /home/jenkins/workspace/acme_main",
            "[Pipeline] {",
            "[Pipeline] stage",
            "[Pipeline] { (Declarative: Checkout SCM)",
            "[Pipeline] checkout",
            *(
                line.replace("/var/lib/jenkins/workspace/acme", "/home/jenkins/workspace/acme_main")
                for line in JENKINS_GIT
            ),
            "[Pipeline] }",
            "[Pipeline] // stage",
            "[Pipeline] withEnv",
            "[Pipeline] {",
            "[Pipeline] stage",
            "[Pipeline] { (Test)",
            "[Pipeline] sh",
            *xtrace(source.command),
        ]
        first = len(lines)
        lines += source.body
        lines += [
            "[Pipeline] }",
            "[Pipeline] // stage",
            "[Pipeline] stage",
            "[Pipeline] { (Publish)",
            'Stage "Publish" skipped due to earlier failure(s)',
            "[Pipeline] }",
            "[Pipeline] // stage",
            "[Pipeline] stage",
            "[Pipeline] { (Declarative: Post Actions)",
            "[Pipeline] junit",
            "Recording test results",
            "[Checks API] No suitable checks publisher found.",
            "[Pipeline] cleanWs",
            "[WS-CLEANUP] Deleting project workspace...",
            "[WS-CLEANUP] Deferred wipeout is used...",
            "[WS-CLEANUP] done",
            "[Pipeline] }",
            "[Pipeline] // stage",
            "[Pipeline] }",
            "[Pipeline] // withEnv",
            "[Pipeline] }",
            "[Pipeline] // node",
            "[Pipeline] End of Pipeline",
            f"ERROR: script returned exit code {source.code}",
            "Finished: FAILURE",
        ]
    if variant // 2 % 3 == 1:
        if variant % 2 == 0:
            lines = [f"{clock(1 + index // 25)}  {line}" if index else line for index, line in enumerate(lines)]
        else:
            lines = [
                f"[2026-11-29T{clock(1 + index // 25)}.{index * 37 % 1000:03d}Z] {line}"
                for index, line in enumerate(lines)
            ]
    return lines, first


# --- Buildkite -------------------------------------------------------------------------------------------------------


def buildkite(source: Source, variant: int, _second: Source | None) -> tuple[list[str], int]:
    """Variants: odd ``variant``: the build script prints its own ``--- `` header before the command and ``+++``
    after it fails (docs "Managing log output")."""
    lines = [
        "~~~ Running global environment hook",
        "$ /etc/buildkite-agent/hooks/environment",
        "~~~ Preparing working directory",
        '# Creating "/var/lib/buildkite-agent/builds/agent-1/acme/acme"',
        "$ cd /var/lib/buildkite-agent/builds/agent-1/acme/acme",
        "$ git clone -v -- https://github.com/acme/acme.git .",
        "Cloning into '.'...",
        "POST git-upload-pack (175 bytes)",
        "$ git clean -ffxdq",
        "$ git fetch -v --prune -- origin main",
        "From https://github.com/acme/acme",
        " * branch            main       -> FETCH_HEAD",
        "$ git checkout -f 3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345",
        "HEAD is now at 3f1c2a9 Parse the new configuration keys",
        "# Cleaning again to catch any post-checkout changes",
        "$ git clean -ffxdq",
        "# Checking to see if Git data needs to be sent to Buildkite",
        "$ buildkite-agent meta-data exists buildkite:git:commit",
        "~~~ Running commands",
    ]
    if variant % 2:
        lines += ["$ ./ci/test.sh", "--- :hammer: Running the checks", *xtrace(source.command)]
    else:
        lines += [f"$ {source.command}"]
    first = len(lines)
    lines += source.body
    if variant % 2:
        lines += ["^^^ +++"]
    lines += [
        f"🚨 Error: The command exited with status {source.code}",
        "^^^ +++",
        f"user command error: exit status {source.code}",
    ]
    return lines, first


# --- CircleCI --------------------------------------------------------------------------------------------------------


def circleci(source: Source, variant: int, _second: Source | None) -> tuple[list[str], int]:
    """Variants: odd ``variant`` is the local CLI's run (``circleci local execute``), which ends ``CircleCI received
    exit code N``; even, the steps as the web page's copied output shows them."""
    image = GITLAB_IMAGE.get(source.ecosystem, "cimg/base:2026.11").replace("python:", "cimg/python:")
    lines = [
        "Spin up environment",
        "Build-agent version 1.0.250000-3a4b5c6d (2026-11-20T10:00:00+0000)",
        "System information:",
        " Server Version: 24.0.9",
        " Storage Driver: overlay2",
        "  Backing Filesystem: xfs",
        " Cgroup Driver: cgroupfs",
        " Cgroup Version: 1",
        " Kernel Version: 5.15.0-1057-aws",
        " Operating System: Ubuntu 22.04.4 LTS",
        " OSType: linux",
        " Architecture: x86_64",
        "",
        f"Starting container {image}",
        f"  image cache not found on this host, downloading {image}",
        "Digest: sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b",
        "Time to upload agent and config: 498.215ms",
        "Time to start containers: 612.7ms",
        "Preparing environment variables",
        "Using build environment variables:",
        "  BASH_ENV=/tmp/.bash_env-6543210fedcba-0-build",
        "  CI=true",
        "  CIRCLECI=true",
        "  CIRCLE_BRANCH=main",
        "  CIRCLE_JOB=test",
        "",
        "Checkout code",
        "#!/bin/sh -eo pipefail",
        "Cloning git repository",
        "Cloning into '.'...",
        "HEAD is now at 3f1c2a9 Parse the new configuration keys",
        "",
        "Run tests",
        "#!/bin/bash -eo pipefail",
        *source.command.split("\n"),
    ]
    first = len(lines)
    lines += source.body
    lines += ["", f"Exited with code exit status {source.code}"]
    if variant % 2:
        lines += [f"CircleCI received exit code {source.code}"]
    else:
        lines += [
            "",
            "Uploading test results",
            "Archiving the following test results",
            "  * /home/circleci/project/reports",
            "",
        ]
        lines += ["Found no path with test results, skipping"]
    return lines, first


# --- Azure Pipelines -------------------------------------------------------------------------------------------------


def azure(source: Source, variant: int, _second: Source | None) -> tuple[list[str], int]:
    """Variants: odd ``variant`` has a PublishTestResults step (``condition: always()``) after the failed one."""
    banner = "=============================================================================="
    lines = [
        "##[section]Starting: Job",
        "Agent name: 'Hosted Agent'",
        "Agent machine name: 'fv-az123-456'",
        "Current agent version: '4.264.2'",
        "##[group]Operating System",
        "Ubuntu",
        "24.04.3",
        "LTS",
        "##[endgroup]",
        "##[group]Runner Image",
        "Image: ubuntu-24.04",
        "Version: 20261123.1.0",
        "##[endgroup]",
        "Current image version: '20261123.1.0'",
        "Agent running as: 'vsts'",
        "Prepare build directory.",
        "Set build variables.",
        "Download all required tasks.",
        "Downloading task: Bash (3.250.1)",
        "Checking job knob settings.",
        "Finished checking job knob settings.",
        "Start tracking orphan processes.",
        "##[section]Finishing: Initialize job",
        "##[section]Starting: Checkout acme@main to s",
        banner,
        "Task         : Get sources",
        "Description  : Get sources from a repository. Supports Git, TfsVC, and SVN repositories.",
        "Version      : 1.0.0",
        "Author       : Microsoft",
        "Help         : [More Information](https://go.microsoft.com/fwlink/?LinkId=798199)",
        banner,
        "Syncing repository: acme (GitHub)",
        "git version",
        "git version 2.51.0",
        "git checkout --progress --force refs/remotes/origin/3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345",
        "HEAD is now at 3f1c2a9 Parse the new configuration keys",
        "##[section]Finishing: Checkout acme@main to s",
        "##[section]Starting: Run the checks",
        banner,
        "Task         : Bash",
        "Description  : Run a Bash script on macOS, Linux, or Windows",
        "Version      : 3.250.1",
        "Author       : Microsoft Corporation",
        "Help         : https://docs.microsoft.com/azure/devops/pipelines/tasks/utility/bash",
        banner,
        "Generating script.",
        "Script contents:",
        *source.command.split("\n"),
        "========================== Starting Command Output ===========================",
        "/usr/bin/bash /home/vsts/work/_temp/4f6d2a1e-8b3c-4d5e-9f0a-1b2c3d4e5f60.sh",
    ]
    first = len(lines)
    lines += source.body
    lines += ["", f"##[error]Bash exited with code '{source.code}'.", "##[section]Finishing: Run the checks"]
    if variant % 2:
        lines += [
            "##[section]Starting: PublishTestResults",
            banner,
            "Task         : Publish Test Results",
            "Description  : Publish test results to Azure Pipelines",
            "Version      : 2.250.0",
            "Author       : Microsoft Corporation",
            "Help         : https://docs.microsoft.com/azure/devops/pipelines/tasks/test/publish-test-results",
            banner,
            "/usr/bin/dotnet --version",
            "8.0.404",
            "##[warning]No test result files matching '**/TEST-*.xml' were found.",
            "##[section]Finishing: PublishTestResults",
        ]
    lines += [
        "##[section]Starting: Checkout acme@main to s",
        "Cleaning any cached credential from repository: acme (GitHub)",
        "##[section]Finishing: Checkout acme@main to s",
        "##[section]Starting: Finalize Job",
        "Cleaning up task key",
        "Start cleaning up orphan processes.",
        "##[section]Finishing: Finalize Job",
        "##[section]Finishing: Job",
    ]
    return [f"{STAMP}{line}" for line in lines], first


# --- a terminal ------------------------------------------------------------------------------------------------------


def terminal(source: Source, variant: int, _second: Source | None) -> tuple[list[str], int]:
    """Variants, by ``variant % 3``: 0 the output as the terminal showed it (colour codes kept, as ``script`` or a
    raw copy keeps them); 1 colour codes written out as text (``^[[31m``), as copied from a terminal or a viewer;
    2 CRLF line ends. Odd ``variant // 3`` starts with the prompt and the command typed."""
    lines: list[str] = []
    if variant // 3 % 2:
        lines += [f"dev@laptop:~/src/acme$ {source.command.split(chr(10))[0]}", *source.command.split("\n")[1:]]
    first = len(lines)
    lines += source.body
    lines += ["dev@laptop:~/src/acme$ "]
    if variant % 3 == 1:
        lines = [line.replace(ESC, "^[") for line in lines]
    elif variant % 3 == 2:
        lines = [f"{line}\r" for line in lines]
    return lines, first


# --- the second round: the same CIs with their time stamps on every line -------------------------------------------


def buildkite_timestamps(source: Source, variant: int, second: Source | None) -> tuple[list[str], int]:
    """Buildkite's agent marks each line's time with an APC escape, ``ESC_bk;t=<unix ms>BEL``, at its start (the
    agent's "ANSI timestamps" in the job log it uploads; buildkite/terminal-to-html renders them): a raw log
    downloaded from the API keeps them."""
    lines, first = buildkite(source, variant, second)
    return [f"{ESC}_bk;t={1764410400000 + index * 137}\a{line}" for index, line in enumerate(lines)], first


def gitlab_timestamps(source: Source, variant: int, second: Source | None) -> tuple[list[str], int]:
    """GitLab Runner 17's job log time stamps (docs "Job logs", "Job log timestamps"): each line starts with its
    RFC 3339 time, the stream (two hex digits) and ``O`` for stdout or ``E`` for stderr, ``+`` when it continues the
    line above, and a space."""
    lines, first = gitlab(source, variant, second)
    return [
        f"2026-11-29T10:00:{index // 20 % 60:02d}.{index * 7919 % 1000000:06d}Z 00O {line}"
        for index, line in enumerate(lines)
    ], first


# --- the fourth round: a report upload after the failure that fails too ------------------------------------------

UPLOAD = "curl -fsS -F file=@reports/junit.xml https://reports.example.com/upload"
UPLOAD_ERROR = "curl: (6) Could not resolve host: reports.example.com"


def gitlab_after_script(source: Source, variant: int, second: Source | None) -> tuple[list[str], int]:
    """GitLab runs ``after_script`` after a failed script; its failure does not change the job's result, and the
    runner says so (``WARNING: after_script failed, but job will continue unaffected: exit code N``)."""
    lines, first = gitlab(source, variant & ~1, second)
    at = next(i for i, line in enumerate(lines) if line.startswith("section_end:") and ":step_script" in line) + 1
    lines[at:at] = [
        section(40, "after_script", "Running after_script"),
        f"{ESC}[32;1mRunning after script...{ESC}[0;m",
        f"{ESC}[32;1m$ {UPLOAD}{ESC}[0;m",
        UPLOAD_ERROR,
        f"{ESC}[0;33mWARNING: after_script failed, but job will continue unaffected: exit code 6{ESC}[0;m",
        section_end(41, "after_script"),
    ]
    return lines, first


def jenkins_post(source: Source, variant: int, second: Source | None) -> tuple[list[str], int]:
    """A declarative Pipeline's ``post { always { sh '... || true' } }`` runs after the failed stage, before
    ``End of Pipeline`` and the ``ERROR: script returned exit code N`` of the stage that failed."""
    lines, first = jenkins(source, variant | 1, second)
    at = next(i for i, line in enumerate(lines) if line.endswith("[Pipeline] { (Declarative: Post Actions)")) + 1
    stamp = lines[at - 1].removesuffix("[Pipeline] { (Declarative: Post Actions)")
    lines[at:at] = [f"{stamp}{line}" for line in ("[Pipeline] sh", f"+ {UPLOAD}", UPLOAD_ERROR, "+ true")]
    return lines, first


Wrapper = Callable[[Source, int, "Source | None"], tuple[list[str], int]]
FORMATS: list[tuple[str, str, Wrapper]] = [
    ("travis-", "travis", travis),
    ("gitlab-", "gitlab", gitlab),
    ("jenkins-", "jenkins", jenkins),
    ("bk-", "buildkite", buildkite),
    ("circle-", "circleci", circleci),
    ("azure-", "azure-pipelines", azure),
    ("paste-", "terminal", terminal),
]


def sample(labels: dict[str, dict[str, object]]) -> list[str]:
    """Every tool at least once, one more log per six of a tool's logs, in tool order; a tool's logs in the order
    of their names' hashes."""
    by_tool: dict[str, list[str]] = {}
    for name, label in labels.items():
        if label["ci"] == "github-actions" and not name.startswith(PREFIXES):
            by_tool.setdefault(str(label["tool"]), []).append(name)
    chosen = []
    for tool in sorted(by_tool):
        names = sorted(by_tool[tool], key=digest)
        chosen += names[: 1 + (len(names) - 1) // 6]
    return chosen


def write(
    out: Path, prefix: str, ci: str, wrapper: Wrapper, source: Source, second: Source
) -> dict[str, dict[str, object]]:
    """One re-wrapped log written to ``out``, and its label."""
    variant = digest(source.name) % 12
    lines, first = wrapper(source, variant, second)
    culprits = [first + index + 1 for index in source.culprits]
    text = "\n".join(lines) + "\n"
    raw = text.split("\n")
    for line, index in zip(culprits, source.culprits, strict=True):
        if (
            not raw[line - 1]
            .rstrip("\r")
            .endswith(source.body[index].rstrip("\r").replace(ESC, "^[" if ci == "terminal" else ESC))
        ):
            raise RuntimeError(f"{source.name}: culprit {line} shifted wrong")
    name = f"{prefix}{source.name}"
    (out / f"{name}.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    label = dict(source.label)
    label.update(
        path=f"ci_wrap_cases.py:{source.name.removesuffix('.log')}",
        ci=ci,
        culprit_lines=culprits,
        culprit_texts=[raw[line - 1] for line in culprits],
        why=f"{label['why']} (the same output as a {ci} job log, variant {variant})",
    )
    print(f"{name:<44} {ci:<16} lines {culprits}")
    return {name: label}


def write_travis_copy(
    out: Path, labels: dict[str, dict[str, object]], key: str, new: str, lines: list[str], culprits: list[int], **label
) -> None:
    """A case module's Travis CI copy of the log ``key``: ``lines`` written as ``new`` and its label added to
    ``labels``, ``key``'s label with the copy's culprit lines and texts and ``label``'s fields (path, why, ...)."""
    text = "\n".join(lines) + "\n"
    raw = text.split("\n")
    (out / f"{new}.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    copied = dict(labels[key])
    copied.update(ci="travis", culprit_lines=culprits, culprit_texts=[raw[line - 1] for line in culprits], **label)
    labels[new] = copied
    print(f"{new:<44} lines {culprits}")


def rewrap(out: Path = HERE / "logs") -> dict[str, dict[str, object]]:
    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    labels = {name: label for name, label in labels.items() if not name.startswith(PREFIXES)}
    names = sample(labels)
    sources = [load_source(out, name, labels[name]) for name in names]
    made = {}
    for index, source in enumerate(sources):
        prefix, ci, wrapper = FORMATS[index % len(FORMATS)]
        # another tool's failure, for a Travis script that goes on
        made.update(write(out, prefix, ci, wrapper, source, sources[(index + 1) % len(sources)]))
    # The second round (committed apart, before the analyzer ran on it): every seventh sampled log, from the first
    # and the third of the rotation, as Buildkite's and GitLab's logs with their time stamps.
    for index, source in enumerate(sources):
        if index % 14 not in (0, 2):
            continue
        prefix, ci, wrapper = (
            ("bk-ts-", "buildkite", buildkite_timestamps)
            if index % 14 == 0
            else ("gitlab-ts-", "gitlab", gitlab_timestamps)
        )
        made.update(write(out, prefix, ci, wrapper, source, sources[(index + 1) % len(sources)]))
    # The third round (committed apart, before the analyzer ran on it): Travis jobs stopped by a failed install
    # (the sample's package managers) or before_script (every other sampled linter).
    managers = ("npm", "pip", "pnpm", "poetry", "uv", "yarn")
    linters = [source for source in sources if source.label["category"] == "lint"][::2]
    for source in sources:
        stage = "install" if source.label["tool"] in managers else "before_script" if source in linters else ""
        if stage:
            made.update(
                write(
                    out,
                    f"travis-{stage.replace('_', '')}-",
                    "travis",
                    lambda src, var, sec, stage=stage: travis_stopped(src, var, sec, stage),
                    source,
                    source,
                )
            )
    # The fourth round (committed apart, before the analyzer ran on it): every fourteenth sampled log, from the
    # fifth and the twelfth, with a report upload after the failure that cannot resolve its host.
    for index, source in enumerate(sources):
        if index % 14 in (4, 11):
            prefix, ci, wrapper = (
                ("gitlab-after-", "gitlab", gitlab_after_script)
                if index % 14 == 4
                else ("jenkins-post-", "jenkins", jenkins_post)
            )
            made.update(write(out, prefix, ci, wrapper, source, source))
    labels.update(made)
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")
    return made


if __name__ == "__main__":
    rewrap(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "logs")
