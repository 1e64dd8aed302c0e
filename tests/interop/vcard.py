"""The registry's vCards, read by vobject as an address book would."""

import sys
import urllib.request

import vobject

API = sys.argv[1]


def card(path):
    request = urllib.request.Request(f"{API}{path}", headers={"Accept": "text/vcard"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"] == "text/vcard; charset=utf-8"
        return vobject.readOne(response.read().decode("utf-8"))


for at, holder in [
    ("2017-12-31", "Länsstyrelsen i Stockholms län"),
    ("2018-01-01", "Jämställdhetsmyndigheten"),
]:
    found = card(f"/v1/assignments/nationella-stodprocessen/contacts?at={at}")
    assert found.version.value == "4.0"
    assert found.fn.value == holder, (at, found.fn.value)
    numbers = [tel.value for tel in found.contents.get("tel", [])]
    assert numbers[0] == "tel:+4620390000", numbers

agency = card("/v1/agencies/jamstalldhetsmyndigheten/contacts?at=2018-01-08")
assert [email.value for email in agency.contents["email"]] == ["info@jamy.se"]
streets = sorted(adr.value.street for adr in agency.contents["adr"])
assert streets == ["Angereds Torg 9", "Box 73, 424 22 Angered"], streets
print("vcard: 3 cards read by vobject as the JSON says")
