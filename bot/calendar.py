"""Working days and due times.

Due times are worked out on the landlord's local calendar (Europe/London by default,
so British Summer Time is right) and returned as UTC datetimes for storage.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import holidays

from bot.policy import Duration, Policy

END_OF_DAY = time(23, 59, 59)


class WorkingCalendar:
    def __init__(self, policy: Policy):
        self.tz = policy.timezone
        # A maintained list of bank holidays; years are filled in lazily as asked.
        self._holidays = holidays.country_holidays(policy.holiday_country, subdiv=policy.holiday_subdivision)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def add_working_days(self, day: date, n: int) -> date:
        """The nth working day after `day` (day itself never counts)."""
        while n > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz)

    def due(self, start: datetime, duration: Duration) -> datetime:
        """When something that starts at `start` (aware) is due, in UTC."""
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        if duration.unit == "hours":
            return (start + timedelta(hours=duration.amount)).astimezone(timezone.utc)
        local_day = self.local(start).date()
        if duration.unit == "working_days":
            day = self.add_working_days(local_day, duration.amount)
        else:  # weeks
            day = local_day + timedelta(weeks=duration.amount)
        return datetime.combine(day, END_OF_DAY, tzinfo=self.tz).astimezone(timezone.utc)
