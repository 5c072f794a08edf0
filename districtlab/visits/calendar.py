"""iCalendar feeds (RFC 5545) of meetings, written with the icalendar library."""
import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from . import models as m

HOURS = {m.Meeting.Length.FULL_DAY: 6.5, m.Meeting.Length.HALF_DAY: 3.5, m.Meeting.Length.HOURS: 1.5}
STATUS = {m.Meeting.Status.PLANNED: "CONFIRMED", m.Meeting.Status.HELD: "CONFIRMED",
          m.Meeting.Status.POSTPONED: "TENTATIVE", m.Meeting.Status.CANCELLED: "CANCELLED"}


def feed(meetings, name: str, host: str = "districtlab") -> bytes:
    """A calendar of ``meetings``: timed events in the district's time zone, all-day events without a time."""
    from icalendar import Calendar, Event  # loaded for a feed, not whenever the visits pages are

    cal = Calendar()
    cal.add("prodid", "-//DistrictLab//Meetings and visits//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        if meeting.starts_at:
            start = dt.datetime.combine(meeting.date, meeting.starts_at, ZoneInfo(meeting.district.time_zone))
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(hours=HOURS.get(meeting.length, 1.5)))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        event.add("summary", meeting.title)
        event.add("status", STATUS[meeting.status])
        if meeting.location or meeting.host:
            event.add("location", meeting.location or str(meeting.host))
        description = [meeting.get_kind_display()] + ([f"Lens: {meeting.lens}"] if meeting.lens else [])
        event.add("description", "\n".join(description))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
