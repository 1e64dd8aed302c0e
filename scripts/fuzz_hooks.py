"""Schemathesis hooks for scripts/fuzz: generated data that fits the
OpenAPI document and also the rules no JSON Schema can express.

An organisation number's last digit is a Luhn check digit over the other
nine. The document can say the form (`^(16)?[0-9]{6}-?[0-9]{4}$`) but not
the check, so a generated number of the right form gets its right check
digit; the API's answer to a wrong one (400 naming `org_nr`) is tested in
tests/api/national.rs.
"""

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


@schemathesis.hook
def map_query(context, query):
    number = query.get("org_nr") if isinstance(query, dict) else None
    if isinstance(number, str):
        form = FORM.match(number)
        if form:
            nine = form.group(2) + form.group(3)[:3]
            query["org_nr"] = number[:-1] + check_digit(nine)
    return query
