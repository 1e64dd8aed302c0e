"""The founding case through a client generated from openapi/openapi.json by
openapi-python-client: find an agency, ask who held the national assignment
on 2017-12-31 and 2018-01-01, fetch the contacts, page through a list, and
make one authenticated write."""

import datetime
import sys

from registry_client import AuthenticatedClient, Client
from registry_client.api.agencies import list_agencies
from registry_client.api.assignments import assignment_contacts, assignment_holder
from registry_client.api.records import create_source, get_source
from registry_client.models import AgencyPage, AssignmentContacts, Holder, NewSource, Source

API, TOKEN = sys.argv[1], sys.argv[2]
NATIONAL = "nationellt-samordningsuppdrag-prostitution-manniskohandel"
SLUG = f"python-client-{datetime.datetime.now():%Y%m%d%H%M%S%f}"
client = Client(base_url=API, raise_on_unexpected_status=True)

found = list_agencies.sync(client=client, q="jämställdhetsmyndigheten", limit=5)
assert isinstance(found, AgencyPage), found
assert found.items[0].slug == "jamstalldhetsmyndigheten", [a.slug for a in found.items]
assert found.items[0].name.sv == "Jämställdhetsmyndigheten"

for day, holder in [
    (datetime.date(2017, 12, 31), "lansstyrelsen-stockholm"),
    (datetime.date(2018, 1, 1), "jamstalldhetsmyndigheten"),
]:
    answer = assignment_holder.sync(NATIONAL, client=client, at=day)
    assert isinstance(answer, Holder), answer
    assert answer.agency.slug == holder, (day, answer.agency.slug)
    assert answer.at == day

contacts = assignment_contacts.sync(
    "nationella-stodprocessen", client=client, at=datetime.date(2018, 1, 1)
)
assert isinstance(contacts, AssignmentContacts), contacts
hotlines = [c.value for c in contacts.items if c.kind.value == "hotline"]
assert hotlines == ["020-390 000"], hotlines

slugs, cursor, pages = [], None, 0
while True:
    kwargs = {"cursor": cursor} if cursor else {}
    page = list_agencies.sync(client=client, limit=100, at=datetime.date(2018, 1, 1), **kwargs)
    slugs += [agency.slug for agency in page.items]
    pages += 1
    if not page.next_cursor:
        break
    cursor = page.next_cursor
assert len(slugs) == len(set(slugs)) > 100, len(slugs)
assert slugs == sorted(slugs, key=lambda slug: slug.encode())

writer = AuthenticatedClient(base_url=API, token=TOKEN, raise_on_unexpected_status=True)
created = create_source.sync(
    client=writer,
    body=NewSource(
        slug=SLUG,
        title="Written by the generated Python client",
        published_on=datetime.date(2026, 12, 3),
    ),
)
assert isinstance(created, Source), created
assert get_source.sync(SLUG, client=client).title == created.title

print(f"python client: founding case, {len(slugs)} agencies in {pages} pages, one write")
