"""The data files that sit beside the strategies (deprecated actions, import names, ...), read once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def strategy_table(filename: str) -> dict[str, Any]:
    """The parsed TOML file ``filename`` shipped in this package."""
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    return tomllib.loads(text)
