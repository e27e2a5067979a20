"""Never weaken the build: a proposed change that mutes a failure instead of fixing it is refused.

(A first cut, replaced by the data-driven guardrail of the strategies work.)
"""

from __future__ import annotations

from ci_agent.healing.model import ProposedChange

_WEAKENING = ("continue-on-error", "|| true", "if: false", "--no-verify", "pytest.skip", "@pytest.mark.skip", "xfail")


def weakens_build(change: ProposedChange) -> str | None:
    """Why ``change`` would weaken the build, or None."""
    for line in change.diff().splitlines():
        if line.startswith("+") and not line.startswith("+++"):
            for marker in _WEAKENING:
                if marker in line:
                    return f"adds {marker!r}"
    return None
