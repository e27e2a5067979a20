"""Dependabot's update jobs: the culprit is the first dependency the updater could not update, not its closing
count nor the CLI's exit line."""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict


def test_dependabot_names_the_first_dependency_it_could_not_update() -> None:
    # Given an update job's containers: the proxy's requests, two dependencies that failed, the results table
    first = (
        "updater | 2026/11/30 10:00:02 INFO <job_123> Handled error whilst updating lodash:"
        ' dependency_file_not_resolvable {message: "npm ERR! code ERESOLVE"}'
    )
    log = step_log(
        "Dependabot",
        "updater | 2026/11/30 10:00:00 INFO <job_123> Starting job processing",
        "  proxy | 2026/11/30 10:00:00 [008] GET https://github.com:443/acme/app.git/info/refs?service=git-upload-pack",
        "updater | 2026/11/30 10:00:01 INFO <job_123> Checking if lodash 4.17.20 needs updating",
        first,
        "updater | 2026/11/30 10:00:02 ERROR <job_123> Error processing zod (Dependabot::DependencyFileNotResolvable)",
        "updater | 2026/11/30 10:00:03 INFO <job_123> Finished job processing",
        "updater | Dependabot encountered '2' error(s) during execution, please check the logs for more details.",
        "updater | |            Dependencies failed to update            |",
        "    cli | 2026/11/30 10:00:04 updater failure: updater exited with code 1",
    )
    # Then that dependency's line is the culprit, a dependency failure
    assert verdict(log) == (Category.DEPENDENCY, first, "dependabot-update-error")


def test_an_errored_dependency_is_read_at_its_error_processing_line() -> None:
    # Given the updater's error for one dependency, its backtrace under it, then the count
    error = "updater | 2026/06/10 07:42:23 ERROR <job_9> Error processing com.example:core (RuntimeError)"
    log = step_log(
        "Dependabot",
        error,
        "updater | 2026/06/10 07:42:23 ERROR <job_9> /home/dependabot/dependabot-updater/lib/dependabot/updater.rb:64"
        ":in `run'",
        "updater | Dependabot encountered '1' error(s) during execution, please check the logs for more details.",
    )
    # Then the error line is the culprit
    assert verdict(log) == (Category.DEPENDENCY, error, "dependabot-update-error")
