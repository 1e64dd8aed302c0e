"""An agency's change feed as Atom, read by feedparser as a feed reader
would: well formed, the latest changes newest first, each entry the change
its id names in the JSON feed."""

import json
import sys
import urllib.request

import feedparser

API = sys.argv[1]
PATH = "/v1/changes?agency=jamstalldhetsmyndigheten"


def fetch(path, accept):
    request = urllib.request.Request(f"{API}{path}", headers={"Accept": accept})
    with urllib.request.urlopen(request) as response:
        return response.headers["Content-Type"], response.read()


content_type, body = fetch(PATH, "application/atom+xml")
assert content_type == "application/atom+xml; charset=utf-8", content_type
feed = feedparser.parse(body)
assert not feed.bozo, feed.bozo_exception
assert feed.version == "atom10", feed.version
assert feed.feed.title.endswith("changes concerning agency jamstalldhetsmyndigheten"), feed.feed.title
entries = feed.entries
assert 3 <= len(entries) <= 20, len(entries)

cursors = []
for entry in entries:
    # The entry's id is the address of that one change in the JSON feed.
    path = entry.id[entry.id.index("/v1/"):]
    _, one = fetch(path, "application/json")
    (change,) = json.loads(one)["items"]
    assert entry.title.lower().startswith(change["event"].replace("_", " ")), (entry.title, change)
    assert json.loads(entry.content[0].value) == change, entry.id
    cursors.append(int(change["cursor"]))
assert cursors == sorted(cursors, reverse=True), cursors

# The same changes as the JSON feed's last page of the agency: none after.
_, whole = fetch(f"{PATH}&after={cursors[-1] - 1}&limit=100", "application/json")
assert [int(c["cursor"]) for c in json.loads(whole)["items"]] == cursors[::-1]
print(f"atom: {len(entries)} entries read by feedparser as the JSON feed gives them")
