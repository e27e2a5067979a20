"""The period a report covers, the one before it, the weeks its trends compare against, and its name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

DEFAULT_DAYS = 7
BASELINE_PERIODS = 4  # trends compare a period with the four before it
_TICK = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Period:
    """``[start, end)`` in UTC."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            if getattr(self, name).utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware")
        if self.end <= self.start:
            raise ValueError(f"a period must end after it starts: {self.start} .. {self.end}")

    @classmethod
    def ending(cls, end: datetime, days: int = DEFAULT_DAYS) -> Period:
        """The ``days`` days before ``end``."""
        if days < 1:
            raise ValueError(f"a period is at least one day, got {days}")
        end = end.astimezone(UTC)
        return cls(end - timedelta(days=days), end)

    @classmethod
    def days_before_midnight(cls, now: datetime, days: int = DEFAULT_DAYS) -> Period:
        """The ``days`` whole days (UTC) before ``now``: a schedule firing a little after Sunday 00:00 reports
        Sunday to Sunday, whatever the delay of the invocation."""
        now = now.astimezone(UTC)
        return cls.ending(datetime(now.year, now.month, now.day, tzinfo=UTC), days)

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    @property
    def days(self) -> int:
        return max(1, round(self.length / timedelta(days=1)))

    def previous(self, periods: int = 1) -> Period:
        """The ``periods`` periods of the same length just before this one, as one period."""
        return Period(self.start - periods * self.length, self.start)

    @property
    def week(self) -> str:
        """The ISO week the period ends in (its last instant), e.g. ``2026-W48``: a Sunday-to-Sunday week
        is named after the Monday-to-Saturday it mostly covers."""
        year, week, _day = (self.end - _TICK).isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def name(self) -> str:
        """The week for a seven-day period; ``2026-W48-14d`` for others, so they never overwrite a weekly one."""
        return self.week if self.days == DEFAULT_DAYS else f"{self.week}-{self.days}d"

    def day_starts(self) -> list[date]:
        """The calendar days (UTC) the period touches, in order."""
        first = self.start.astimezone(UTC).date()
        last = (self.end - _TICK).astimezone(UTC).date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]

    def __contains__(self, moment: object) -> bool:
        return isinstance(moment, datetime) and self.start <= moment < self.end
