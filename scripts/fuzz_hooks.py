"""Schemathesis hooks for scripts/fuzz: generated data that fits the
OpenAPI document and also the rules no JSON Schema can express.

An organisation number's last digit is a Luhn check digit over the other
nine. The document can say the form (`^(16)?[0-9]{6}-?[0-9]{4}$`) but not
the check, so a generated number of the right form gets its right check
digit; the API's answer to a wrong one (400 naming `org_nr`) is tested in
tests/api/national.rs.

A reconciliation batch (`queries` of `/v1/reconcile`) is a JSON object of
queries in a string. The document says it is a string; a generated string
becomes the name a batch of one query asks for, so that every name the
fuzzer can think of is looked for. The API's answer to what is not a batch
(400 naming `queries`) is tested in tests/api/reconciliation.rs.
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
    made a batch of one query for it as a name."""
    queries = values.get("queries") if isinstance(values, dict) else None
    if isinstance(queries, str):
        values["queries"] = json.dumps({"q0": {"query": queries}})
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
