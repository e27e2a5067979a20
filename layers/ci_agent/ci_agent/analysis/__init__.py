"""Log analysis: rules engine, failure signatures and secret redaction. Pure Python, no AWS inside."""

from ci_agent.analysis.analyzer import analyze_log
from ci_agent.analysis.model import Analysis, Category, LogLine
from ci_agent.analysis.redaction import redact
from ci_agent.analysis.rules import Rule, Ruleset, RulesetError, default_ruleset

__all__ = [
    "Analysis",
    "Category",
    "LogLine",
    "Rule",
    "Ruleset",
    "RulesetError",
    "analyze_log",
    "default_ruleset",
    "redact",
]
