"""What the operator allows the fix flow to do: the kill switch, which repositories are opted in, dry runs, the
daily budget and the caps. Read from one JSON document the operator can change without a deploy (an SSM
parameter on AWS, see README "The fix flow"), validated strictly so a misspelled key is an error, not a default.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

DEFAULT_DAILY_BUDGET = 10
DEFAULT_MAX_TRIES = 3
DEFAULT_MAX_RERUNS = 2  # a run is attempted at most 1 + 2 times
DEFAULT_RERUN_DELAY_SECONDS = 60
OPT_OUT_LABEL = "ci-agent:no-autofix"
OPT_OUT_TOPIC = "ci-agent-no-autofix"


class FixPolicyError(ValueError):
    """The fix-flow configuration is not valid; the message says where."""


class RepositoryPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    dry_run: bool | None = None  # None: the global setting
    daily_budget: int | None = Field(default=None, ge=0)


class FixPolicy(BaseModel):
    """The fix flow's configuration. On AWS nothing is fixed until a repository is listed (or
    ``all_repositories`` is set): the flow pushes branches and opens pull requests, which an operator opts in to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True  # the global kill switch
    dry_run: bool = False
    all_repositories: bool = False
    repositories: dict[str, RepositoryPolicy] = Field(default_factory=dict)
    daily_budget: int = Field(default=DEFAULT_DAILY_BUDGET, ge=0)
    max_tries: int = Field(default=DEFAULT_MAX_TRIES, ge=1, le=10)
    max_reruns: int = Field(default=DEFAULT_MAX_RERUNS, ge=0, le=5)
    rerun_delay_seconds: int = Field(default=DEFAULT_RERUN_DELAY_SECONDS, ge=0, le=3600)
    opt_out_label: str = OPT_OUT_LABEL
    opt_out_topic: str = OPT_OUT_TOPIC

    @classmethod
    def from_json(cls, text: str | None) -> FixPolicy:
        if not text or not text.strip():
            return cls()
        try:
            data: Any = json.loads(text)
            return cls.model_validate(data)
        except (ValueError, ValidationError) as exc:
            raise FixPolicyError(f"invalid fix-flow configuration: {exc}") from exc

    def for_repository(self, repo: str) -> RepositoryPolicy | None:
        """The repository's settings if the flow may touch it at all, else None."""
        listed = self.repositories.get(repo) or _case_insensitive(self.repositories, repo)
        if listed is not None:
            return listed if listed.enabled else None
        return RepositoryPolicy() if self.all_repositories else None

    def why_not(self, repo: str) -> str | None:
        """Why the flow may not touch the repository, or None if it may."""
        if not self.enabled:
            return "the fix flow is switched off (kill switch)"
        if self.for_repository(repo) is None:
            return f"{repo} is not opted in to automatic fixes"
        return None

    def dry_run_for(self, repo: str) -> bool:
        listed = self.for_repository(repo)
        if listed is not None and listed.dry_run is not None:
            return listed.dry_run
        return self.dry_run

    def budget_for(self, repo: str) -> int:
        listed = self.for_repository(repo)
        if listed is not None and listed.daily_budget is not None:
            return listed.daily_budget
        return self.daily_budget


def _case_insensitive(repositories: Mapping[str, RepositoryPolicy], repo: str) -> RepositoryPolicy | None:
    # GitHub treats owner and name case-insensitively; an operator may not match the payload's case.
    wanted = repo.lower()
    return next((policy for name, policy in repositories.items() if name.lower() == wanted), None)
