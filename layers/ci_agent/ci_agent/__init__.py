"""ci-agent: explains GitHub Actions failures, fixes the safe ones, learns which fixes work, reports weekly."""

__version__ = "0.1.0"
