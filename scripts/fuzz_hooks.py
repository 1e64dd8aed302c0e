"""Schemathesis hooks for scripts/fuzz: generated data that fits the
OpenAPI document and also the rules no JSON Schema can express.

An organisation number's last digit is a Luhn check digit over the other
nine. The document can say the form (`^(16)?[0-9]{6}-?[0-9]{4}$`) but not
the check, so a generated number of the right form gets its right check
digit; the API's answer to a wrong one (400 naming `org_nr`) is tested in
tests/api/national.rs.

A reconciliation batch (`queries` of `/v1/reconcile`) is a JSON object of
queries in a string, and an extension (`extend`) one of ids and properties.
The document says each is a string, and cannot say "not both"; a generated
string becomes the name a batch of one query asks for, or the id an
extension asks about, so that every name the fuzzer can think of is looked
for; where both come, the extension is left out. The API's answer to what
is not a batch or an extension (400 naming it) is tested in
tests/api/reconciliation.rs.
"""

import json
import re

import schemathesis

FORM = re.compile(r"^(16)?([0-9]{6})-?([0-9]{4})$")


def check_digit(nine: str) -> str:
    total = 0
    for position, character in enumerate(nine):
        digit = int(character)
        if position % 2 == 0:
            digit *= 2
            digit = digit // 10 + digit % 10
        total += digit
    return str((10 - total % 10) % 10)


def with_a_batch(values):
    """`values` (a query or a form) with its `queries`, where it is text,
    made a batch of one query for it as a name, and its `extend` an
    extension about it as an id."""
    if not isinstance(values, dict):
        return values
    queries, extend = values.get("queries"), values.get("extend")
    if isinstance(queries, str):
        values["queries"] = json.dumps({"q0": {"query": queries}})
        values.pop("extend", None)
    elif isinstance(extend, str):
        values["extend"] = json.dumps({"ids": [extend], "properties": [{"id": "website"}]})
        values.pop("queries", None)
    return values


@schemathesis.hook
def map_query(context, query):
    number = query.get("org_nr") if isinstance(query, dict) else None
    if isinstance(number, str):
        form = FORM.match(number)
        if form:
            nine = form.group(2) + form.group(3)[:3]
            query["org_nr"] = number[:-1] + check_digit(nine)
    return with_a_batch(query)


@schemathesis.hook
def map_body(context, body):
    return with_a_batch(body)
