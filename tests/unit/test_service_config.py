"""Settings the functions read from their environment: a wrong value is refused at once, naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ci_agent.config import ConfigError, Settings
from ci_agent.local.stack import LocalStack

SCRIPT = Path(sys.executable).parent / "ci-agent"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("LOG_MAX_BYTES", "0"),  # every log fetch would fail: each delivery retried into the dead-letter queue
        ("LOG_MAX_BYTES", "-1"),
        ("DELIVERY_TTL_DAYS", "0"),  # every claim expired at once: a redelivered webhook processed again
        ("DELIVERY_TTL_DAYS", "ten"),
    ],
)
def test_a_setting_that_cannot_work_is_refused_with_its_name(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.from_env({variable: value})


def test_unset_settings_take_their_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.log_max_bytes > 0
    assert settings.delivery_ttl_days > 0


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CI_AGENT_"))}


def test_the_cli_names_a_bad_setting_instead_of_crashing() -> None:
    env = _clean_env() | {"AWS_ENDPOINT_URL": "http://127.0.0.1:9", "DELIVERY_TTL_DAYS": "0"}
    result = subprocess.run([str(SCRIPT), "stats"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "DELIVERY_TTL_DAYS must be at least 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_local_stack_names_missing_handlers_instead_of_crashing(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SCRIPT), "local", "--functions-dir", str(tmp_path / "nowhere")],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "no Lambda handler at" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_local_stack_that_cannot_start_leaves_the_process_as_it_found_it(tmp_path: Path) -> None:
    before = {name: os.environ.get(name) for name in ("AWS_ENDPOINT_URL", "ANALYSIS_QUEUE_URL", "GITHUB_API_URL")}
    stack = LocalStack(functions_dir=tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="no Lambda handler"):
        stack.start()
    assert {name: os.environ.get(name) for name in before} == before  # not pointing at a stopped moto server
    with pytest.raises(RuntimeError, match="not started"):
        _ = stack.github.api_url  # the local GitHub it had started is stopped again
