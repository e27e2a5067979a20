# ruff: noqa: E501  (real messages are kept whole, one line each)
"""Container image builds (BuildKit, the legacy docker builder, docker compose, buildah / podman) and shell
scripts, on job logs built from the tools' output.

BuildKit cannot run on the development machine: its logs here are built from its format strings (moby/buildkit
`util/progress/progressui/printer.go`: `#%d %s` per vertex, `#%d ERROR: %s`, the `------` / ` > %s:` block
that restates a failed vertex's last log lines as `<seconds> <line>`; `solver/errdefs/source.go`: the
`Dockerfile:N` / `--------------------` / ` %3d | >>> %s` excerpt; `solver/llbsolver/ops/exec.go`: `process %q
did not complete successfully`, before v0.9 `executor failed running %v`), with buildx's closing `ERROR: failed
to solve: %v`. The buildah, podman, bash and dash outputs were printed by the tools themselves (buildah 1.28.2,
podman 4.3.1, bash 5.2.15, dash 0.5.12; bench/toolchain/container_cases.py). Each test asserts the category and
that the culprit is the failing command's own error line, not the builder's summary of it.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import job_log

BUILDKIT_HEAD = [
    '#0 building with "builder-3f1c" instance using docker-container driver',
    "#1 [internal] load build definition from Dockerfile",
    "#1 transferring dockerfile: 412B done",
    "#1 DONE 0.0s",
    "#2 [internal] load metadata for registry.example.com/library/node:20-alpine",
    "#2 DONE 0.8s",
    "#3 [internal] load .dockerignore",
    "#3 transferring context: 2B done",
    "#3 DONE 0.0s",
    "#4 [build 1/5] FROM registry.example.com/library/node:20-alpine@sha256:4c1f0e8a",
    "#4 DONE 0.1s",
    "#5 [build 2/5] WORKDIR /app",
    "#5 CACHED",
]


def buildkit_run_failure(command: str, output: list[str], *, vertex: int = 9, stage: str = "build 5/5") -> list[str]:
    """A plain-progress BuildKit log whose RUN ``command`` printed ``output`` and exited 1."""
    streamed = [f"#{vertex} 1.034 {line}" for line in output]
    restated = [f"1.034 {line}" for line in output[-10:]]  # printer.go keeps a vertex's last 10 lines
    process = f'process "/bin/sh -c {command}" did not complete successfully: exit code: 1'
    return [
        *BUILDKIT_HEAD,
        f"#{vertex} [{stage}] RUN {command}",
        *streamed,
        f"#{vertex} ERROR: {process}",
        "------",
        f" > [{stage}] RUN {command}:",
        *restated,
        "------",
        "Dockerfile:9",
        "--------------------",
        "   7 |     COPY package.json package-lock.json ./",
        "   8 |     COPY . .",
        f"   9 | >>> RUN {command}",
        "  10 |     ",
        "--------------------",
        f"ERROR: failed to solve: {process}",
    ]


def verdict(log: str) -> tuple[Category, str, str | None]:
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert log.splitlines()[analysis.culprit.line - 1].endswith(analysis.culprit.text)
    return analysis.category, analysis.culprit.text.strip(), analysis.rule


def copies(log: str, text: str) -> list[str]:
    """The log's lines that carry ``text`` as their message: the streamed `#N 1.034 ` one and the block's `1.034 `."""
    return [line for line in log.splitlines() if line.endswith(f" {text}")]


# --- BuildKit -----------------------------------------------------------------------------------------------


def test_an_unrecognised_error_inside_a_run_step_is_the_culprit_not_buildkits_summary() -> None:
    # Given a RUN step whose build script fails with a message no rule knows
    error = "Build failed: entry point src/main.tsx does not exist"
    output = ["", "> web@1.0.0 build", "> node scripts/build.mjs", "", error]
    log = job_log("docker buildx build --progress plain .", buildkit_run_failure("npm run build", output))
    # When the log is analysed
    category, culprit, rule = verdict(log)
    # Then the script's own error line is the culprit (BuildKit's block restates it), under the build category
    assert culprit.endswith(error)
    assert len(copies(log, error)) == 2
    assert (category, rule) == (Category.BUILD, "docker-build-step-failed")


def test_a_failing_run_step_takes_the_category_of_the_command_that_ran() -> None:
    # Given RUN steps that fail with an unrecognised message: a test run, a linter, a package install
    said = "the command printed this and gave up: failure"
    cases = {
        "python -m pytest -q tests": (Category.TEST, "docker-run-tests-failed"),
        "npm run lint": (Category.LINT, "docker-run-lint-failed"),
        "apt-get update && apt-get install -y --no-install-recommends libpq-dev": (
            Category.DEPENDENCY,
            "docker-run-install-failed",
        ),
        "yarn install --frozen-lockfile": (Category.DEPENDENCY, "docker-run-install-failed"),
        "make -j4 all": (Category.BUILD, "docker-build-step-failed"),
    }
    for command, expected in cases.items():
        # When each is analysed
        category, culprit, rule = verdict(job_log("docker build .", buildkit_run_failure(command, [said])))
        # Then the culprit is the command's line and the category that of the command
        assert culprit.endswith(said), command
        assert (category, rule) == expected, command


def test_a_known_error_inside_a_run_step_keeps_its_own_rule_and_category() -> None:
    # Given a RUN step where apt cannot find a package (apt's own words, as buildah printed them below)
    error = "E: Unable to locate package libpq-dev-acme"
    output = ["Reading package lists...", "Building dependency tree...", "Reading state information...", error]
    log = job_log("docker build .", buildkit_run_failure("apt-get install -y libpq-dev-acme", output))
    # When it is analysed
    category, culprit, rule = verdict(log)
    # Then apt's line is the culprit, as a dependency failure
    assert (category, culprit, rule) == (Category.DEPENDENCY, error, "apt-package-missing")


def test_without_an_error_line_inside_the_summary_naming_the_instruction_is_the_culprit() -> None:
    # Given a RUN step that prints nothing that reads like an error
    output = ["checking for gcc... gcc", "checking for libfoo... no"]
    log = job_log("docker build .", buildkit_run_failure("./configure --with-foo", output))
    # When it is analysed
    category, culprit, _ = verdict(log)
    # Then BuildKit's line naming the failed command is the culprit, not the Dockerfile excerpt or a later line
    assert culprit.endswith('process "/bin/sh -c ./configure --with-foo" did not complete successfully: exit code: 1')
    assert category is Category.BUILD


def test_buildkit_before_v0_9_words_the_failed_command_as_executor_failed_running() -> None:
    # Given docker 20.10's BuildKit (exec.go: `executor failed running %v`) after an unrecognised error
    output = [
        "#8 [4/5] RUN pip install -r requirements.txt",
        "#8 2.113 the installer stopped: failure resolving the lock",
        "#8 ERROR: executor failed running [/bin/sh -c pip install -r requirements.txt]: exit code: 1",
        "------",
        " > [4/5] RUN pip install -r requirements.txt:",
        "------",
        "executor failed running [/bin/sh -c pip install -r requirements.txt]: exit code: 1",
    ]
    # When it is analysed
    category, culprit, rule = verdict(job_log("docker build .", output))
    # Then the installer's line is the culprit, as a dependency failure
    assert culprit == "the installer stopped: failure resolving the lock"
    assert (category, rule) == (Category.DEPENDENCY, "docker-run-install-failed")


def test_buildkit_build_context_parse_and_pull_failures() -> None:
    # Given BuildKit's own failures: a COPY source missing from the context, a misspelt instruction, a base image
    # that does not exist (frontend/dockerfile/instructions/parse.go, client/llb/sourceresolver)
    copy = [
        "#7 [3/5] COPY requirements.txt .",
        '#7 ERROR: failed to calculate checksum of ref 9a1c2b3d::x1y2z3: "/requirements.txt": not found',
        "------",
        " > [3/5] COPY requirements.txt .:",
        "------",
        'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref 9a1c2b3d::x1y2z3: "/requirements.txt": not found',
    ]
    parse = [
        "#1 [internal] load build definition from Dockerfile",
        "#1 DONE 0.0s",
        "Dockerfile:3",
        "--------------------",
        "   3 | >>> RUNN echo hi",
        "--------------------",
        "ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)",
    ]
    pull = [
        "#2 [internal] load metadata for registry.example.com/acme/base:1.2",
        "#2 ERROR: registry.example.com/acme/base:1.2: not found",
        "------",
        " > [internal] load metadata for registry.example.com/acme/base:1.2:",
        "------",
        "ERROR: failed to solve: acme/base:1.2: failed to resolve source metadata for registry.example.com/acme/base:1.2: registry.example.com/acme/base:1.2: not found",
    ]
    # When each is analysed
    # Then each gets its own category and the line that says what is wrong
    assert verdict(job_log("docker build .", copy))[0::2] == (Category.CONFIG, "docker-build-context")
    assert verdict(job_log("docker build .", parse)) == (Category.CONFIG, parse[-1], "dockerfile-parse-error")
    assert verdict(job_log("docker build .", pull)) == (Category.DEPENDENCY, pull[-1], "docker-image-missing")


def test_a_registry_timeout_while_resolving_the_base_image_is_not_a_missing_image() -> None:
    # Given BuildKit giving up on the registry while resolving the base image
    line = (
        "ERROR: failed to solve: node:20: failed to resolve source metadata for registry.example.com/library/node:20:"
        ' failed to do request: Head "https://registry.example.com/v2/library/node/manifests/20": dial tcp'
        " 192.0.2.10:443: i/o timeout"
    )
    # When it is analysed
    category, culprit, _ = verdict(job_log("docker build .", ["#2 [internal] load metadata", line]))
    # Then it is the network's failure
    assert (category, culprit) == (Category.INFRASTRUCTURE, line)


# --- the legacy builder, compose ------------------------------------------------------------------------------


def test_the_legacy_builders_non_zero_code_points_at_the_error_above_it() -> None:
    # Given the legacy builder (`Step N/M :`, ` ---> Running in`) after an unrecognised error
    error = "Build failed: entry point src/main.tsx does not exist"
    output = [
        "Step 3/5 : RUN npm run build",
        " ---> Running in 3c4d5e6f7a8b",
        "> web@1.0.0 build",
        error,
        "The command '/bin/sh -c npm run build' returned a non-zero code: 1",
    ]
    # When it is analysed
    # Then the error is the culprit, a build failure
    assert verdict(job_log("docker build .", output)) == (Category.BUILD, error, "docker-build-step-failed")


def test_compose_v2_names_the_target_before_failed_to_solve() -> None:
    # Given `docker compose build` (its `target <service>: ` prefix) after a failing test run in the image
    said = "3 of 12 checks failed, see the report"
    output = [
        "#9 [web 5/5] RUN npm test",
        f"#9 1.034 {said}",
        '#9 ERROR: process "/bin/sh -c npm test" did not complete successfully: exit code: 1',
        "------",
        " > [web 5/5] RUN npm test:",
        f"1.034 {said}",
        "------",
        'target web: failed to solve: process "/bin/sh -c npm test" did not complete successfully: exit code: 1',
    ]
    # When it is analysed
    category, culprit, rule = verdict(job_log("docker compose build", output))
    # Then the test run's line is the culprit, as a test failure
    assert (category, culprit, rule) == (Category.TEST, said, "docker-run-tests-failed")


def test_compose_v1_daemon_and_file_errors_are_infrastructure_and_config() -> None:
    # Given docker-compose v1's own errors (compose/cli/errors.py, compose/config/config.py)
    daemon = "ERROR: Couldn't connect to Docker daemon at http+docker://localhost - is it running?"
    version = 'ERROR: Version in "./docker-compose.yml" is unsupported.'
    # When each is analysed
    # Then the daemon is infrastructure and the file config
    assert verdict(job_log("docker-compose up -d", [daemon]))[:2] == (Category.INFRASTRUCTURE, daemon)
    assert verdict(job_log("docker-compose up -d", [version]))[:2] == (Category.CONFIG, version)


def test_daemon_conflicts_and_bad_image_names() -> None:
    # Given the daemon's refusals: a leftover container's name, a port in use, an uppercase image name
    name = 'docker: Error response from daemon: Conflict. The container name "/db" is already in use by container "3f1c2a9b7d4e". You have to remove (or rename) that container to be able to reuse that name.'
    port = "docker: Error response from daemon: driver failed programming external connectivity on endpoint db (3f1c2a9b7d4e): Bind for 0.0.0.0:5432 failed: port is already allocated."
    reference = "docker: invalid reference format: repository name must be lowercase."
    # When each is analysed
    # Then the runner's state is infrastructure and the image name config
    assert verdict(job_log("docker run -d --name db -p 5432:5432 postgres", [name]))[:2] == (
        Category.INFRASTRUCTURE,
        name,
    )
    assert verdict(job_log("docker run -d -p 5432:5432 postgres", [port]))[:2] == (Category.INFRASTRUCTURE, port)
    assert verdict(job_log("docker run Acme/App", [reference]))[:2] == (Category.CONFIG, reference)


# --- buildah, podman (real output) ------------------------------------------------------------------------------


def test_buildah_the_commands_error_is_the_culprit_not_building_at_step() -> None:
    # Given buildah 1.28 building with chroot isolation: a C file that does not compile in a RUN step
    error = "main.c:4:17: error: 'undefined_total' undeclared (first use in this function)"
    output = [
        "STEP 1/5: FROM debian:bookworm-slim",
        "STEP 2/5: WORKDIR /src",
        "STEP 3/5: COPY . .",
        "STEP 4/5: RUN make",
        "cc -Wall -O2 -o app main.c",
        "main.c: In function 'main':",
        error,
        "    4 |     int total = undefined_total;",
        "main.c:6:13: error: expected ';' before '}' token",
        "make: *** [Makefile:4: app] Error 1",
        "subprocess exited with status 2",
        "subprocess exited with status 2",
        'Error: building at STEP "RUN make": exit status 2',
    ]
    # When it is analysed
    # Then the compiler's first error is the culprit
    assert verdict(job_log("buildah bud --isolation chroot -t acme/app .", output))[:2] == (Category.BUILD, error)


def test_buildah_missing_copy_source_and_unknown_instruction_are_config() -> None:
    # Given buildah 1.28's own failures: a COPY source outside the context, a misspelt instruction
    copy = 'Error: building at STEP "COPY config/settings.yaml /etc/acme/": checking on sources under "/home/runner/work/acme/acme": copier: stat: "/config/settings.yaml": no such file or directory'
    unknown = 'Error: building at STEP "RUNN ": Build error: Unknown instruction: "RUNN" &imagebuilder.Step{Env:[]string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, Command:"runn", Args:[]string{""}, Flags:[]string{}, Attrs:map[string]bool(nil), Message:"RUNN ", Original:"RUNN echo building"}'
    logrus = (
        'time="2026-11-29T23:59:41Z" level=error msg="+(UNHANDLED LOGLEVEL) &imagebuilder.Step{Command:\\"runn\\"}"'
    )
    # When each is analysed
    # Then buildah's line is the culprit, a config failure (not the logrus line above the second)
    assert verdict(job_log("buildah bud -t acme/app .", ["STEP 4/5: COPY config/settings.yaml /etc/acme/", copy])) == (
        Category.CONFIG,
        copy,
        "buildah-copy-source-missing",
    )
    assert verdict(job_log("buildah bud -t acme/app .", ["STEP 3/3: RUNN echo building", logrus, unknown])) == (
        Category.CONFIG,
        unknown,
        "dockerfile-parse-error",
    )


def test_podman_build_a_second_stage_failure_is_read_inside_the_stage() -> None:
    # Given podman build whose second stage runs a script that dies on an unrecognised line
    said = "settings: refusing to start without a database url: failure"
    output = [
        "[1/2] STEP 4/4: RUN make",
        "cc -Wall -O2 -o app main.c",
        "--> 3c6d393f7cb",
        "[2/2] STEP 1/3: FROM debian:bookworm-slim",
        "[2/2] STEP 3/3: RUN python3 settings.py",
        said,
        "subprocess exited with status 1",
        "subprocess exited with status 1",
        'Error: building at STEP "RUN python3 settings.py": exit status 1',
    ]
    # When it is analysed
    # Then the script's line is the culprit under the summary's build category
    assert verdict(job_log("podman build -t acme/app .", output)) == (Category.BUILD, said, "docker-build-step-failed")


# --- shell scripts (bash 5.2 and dash 0.5.12 output) -----------------------------------------------------------


def test_dash_and_bash_messages_name_the_failure_and_get_a_category() -> None:
    # Given what bash and dash print when a script breaks
    cases = {
        '/bin/sh: 3: Syntax error: "fi" unexpected': "shell-syntax-error",
        "/home/runner/work/_temp/9f2c1d.sh: line 5: unexpected EOF while looking for matching `\"'": "shell-syntax-error",
        "./deploy.sh: line 7: $1: unbound variable": "shell-unbound-variable",
        "./deploy.sh: 7: DEPLOY_ENV: parameter not set": "shell-unbound-variable",
        "/bin/sh: 1: ./scripts/run.sh: not found": "shell-script-missing",
        "/home/runner/work/_temp/3c9d0e4a.sh: line 3: ./scripts/run.sh: No such file or directory": "shell-script-missing",
        "bash: scripts/build.sh: /bin/bash^M: bad interpreter: No such file or directory": "shell-script-missing",
        "/usr/bin/env: ‘bash\\r’: No such file or directory": "command-not-found",
        "sh: 1: yarnpkg-acme-zz9: not found": "command-not-found",
        "cat: VERSION: No such file or directory": "shell-file-missing",
        "/home/runner/work/_temp/3c9d0e4a.sh: line 2: cd: build/output: No such file or directory": "shell-file-missing",
    }
    for line, rule in cases.items():
        # When each is the step's last words
        # Then it is the culprit, as a config failure, under its rule
        assert verdict(job_log("bash ./ci.sh", ["starting", line])) == (Category.CONFIG, line, rule), line


def test_a_missing_tool_under_make_is_the_culprit_not_makes_error_line() -> None:
    # Given make running a script that calls a tool that is not installed (bash 5.2 under GNU make 4.3)
    error = "scripts/check.sh: line 4: jq-acme-zz9: command not found"
    output = [
        "validating",
        "bash scripts/check.sh",
        "checking the schema",
        error,
        "make: *** [Makefile:3: check] Error 127",
    ]
    # When it is analysed
    # Then the shell's line is the culprit
    assert verdict(job_log("make check", output)) == (Category.CONFIG, error, "command-not-found")
