"""An agency's reporting deadlines as an iCalendar, read by vobject as a
calendar that subscribes to it would: an all-day event for each report due
that the JSON lists, on its day."""

import datetime
import json
import sys
import urllib.request

import vobject

API = sys.argv[1]
PATH = "/v1/agencies/statskontoret/deadlines"


def fetch(path, accept):
    request = urllib.request.Request(f"{API}{path}", headers={"Accept": accept})
    with urllib.request.urlopen(request) as response:
        return response.headers["Content-Type"], response.read().decode("utf-8")


content_type, text = fetch(PATH, "text/calendar")
assert content_type == "text/calendar; charset=utf-8", content_type
calendar = vobject.readOne(text)
assert calendar.version.value == "2.0"
assert calendar.contents["x-wr-calname"][0].value == "Redovisningar: Statskontoret"

_, body = fetch(PATH, "application/json")
items = json.loads(body)["items"]
events = calendar.contents.get("vevent", [])
assert len(events) == len(items) > 0, (len(events), len(items))
uids = set()
for event, item in zip(events, items):
    start, end = event.dtstart.value, event.dtend.value
    # All-day: dates, not date-times.
    assert type(start) is datetime.date and type(end) is datetime.date, (start, end)
    # A day, or the first day of a month or a year known only as such.
    assert start.isoformat()[: len(item["due_on"])] == item["due_on"], (start, item)
    assert end > start
    report = "Delredovisning" if item["report"] == "interim" else "Slutredovisning"
    assert event.summary.value == f"{report}: {item['assignment']['title']['sv']}", event.summary.value
    if item["source"]["url"]:
        assert event.url.value == item["source"]["url"]
        assert item["source"]["url"] in event.description.value
    uids.add(event.uid.value)
assert len(uids) == len(events), "each event its own UID"
print(f"calendar: {len(events)} deadlines read by vobject as the JSON lists them")
