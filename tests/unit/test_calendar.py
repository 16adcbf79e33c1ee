from datetime import timedelta, timezone

from bot.policy import Duration
from tests.conftest import london, utc


def test_weekends_and_bank_holidays_are_skipped(calendar):
    # Tue 22 Dec 2026 + 5 working days: Christmas Day (Fri) and the Boxing Day
    # substitute (Mon 28) are bank holidays in England and Wales.
    due = calendar.due(london(2026, 12, 22, 10, 0), Duration("working_days", 5))
    assert due.astimezone(calendar.tz).date().isoformat() == "2026-12-31"


def test_easter_is_skipped(calendar):
    # Thu 2 Apr 2026, then Good Friday 3 Apr and Easter Monday 6 Apr.
    due = calendar.due(london(2026, 4, 2, 9, 0), Duration("working_days", 1))
    assert due.astimezone(calendar.tz).date().isoformat() == "2026-04-07"


def test_reported_on_a_saturday_counts_from_monday(calendar):
    due = calendar.due(london(2026, 11, 21, 15, 0), Duration("working_days", 10))
    assert due.astimezone(calendar.tz).date().isoformat() == "2026-12-04"


def test_due_times_are_utc_and_end_of_the_local_day(calendar):
    due = calendar.due(london(2026, 7, 1, 12, 0), Duration("working_days", 1))
    assert due.tzinfo == timezone.utc
    # 23:59:59 BST is 22:59:59 UTC
    assert (due.hour, due.minute) == (22, 59)


def test_hours_are_elapsed_time_across_the_clock_change(calendar):
    # The clocks go forward at 01:00 UTC on 29 March 2026: 24 hours is still 24 hours.
    start = utc(2026, 3, 28, 23, 30)
    due = calendar.due(start, Duration("hours", 24))
    assert due - start == timedelta(hours=24)


def test_weeks(calendar):
    due = calendar.due(london(2026, 1, 5, 9, 0), Duration("weeks", 12))
    assert due.astimezone(calendar.tz).date().isoformat() == "2026-03-30"
