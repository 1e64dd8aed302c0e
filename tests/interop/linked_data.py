"""The registry's JSON-LD, read by pyld, a JSON-LD processor: the context is
fetched from the API itself, the documents are turned into RDF triples, and
the founding case must read the same as triples as it does as JSON."""

import json as json_module
import sys
import urllib.request

from pyld import jsonld

API = sys.argv[1]
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TIME = "http://www.w3.org/2006/time#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TRANSFER = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten"
NATIONAL = "nationellt-samordningsuppdrag-prostitution-manniskohandel"

# Every document names the context by URL; pyld's own loader fetches it.
jsonld.set_document_loader(jsonld.requests_document_loader(timeout=10))


def triples(path):
    """The triples of a document, as (subject, predicate, object) strings."""
    request = urllib.request.Request(f"{API}{path}", headers={"Accept": "application/ld+json"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"] == "application/ld+json", path
        document = json_module.load(response)
    # The context is a URL: pyld fetches it from the API.
    dataset = jsonld.to_rdf(document, {})
    found = set()
    for triple in dataset["@default"]:
        obj = triple["object"]
        if obj["type"] == "literal":
            value = (obj["value"], obj.get("language") or obj.get("datatype"))
        else:
            value = obj["value"]
        found.add((triple["subject"]["value"], triple["predicate"]["value"], value))
    return found


def one(found, subject, predicate):
    values = [o for s, p, o in found if s == subject and p == predicate]
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return values[0]


def json(path):
    with urllib.request.urlopen(f"{API}{path}") as response:
        return json_module.load(response)


def agency_iri(agency):
    return f"{API}/v1/agencies/{agency['id']}"


checked = 0

# A transfer is an org:ChangeEvent from the old holder to the new.
transfer = json(f"/v1/transfers/{TRANSFER}")
found = triples(f"/v1/transfers/{TRANSFER}")
event = f"{API}/v1/transfers/{transfer['id']}"
assert (event, RDF_TYPE, ORG + "ChangeEvent") in found, found
stockholm = agency_iri(transfer["from_agency"])
jamy = agency_iri(transfer["to_agency"])
assert one(found, event, ORG + "originalOrganization") == stockholm
assert one(found, event, ORG + "resultingOrganization") == jamy
assert (stockholm, SKOS + "prefLabel", ("Länsstyrelsen i Stockholms län", "sv")) in found
assert (jamy, SKOS + "prefLabel", ("Swedish Gender Equality Agency", "en")) in found
assert one(found, event, "http://purl.org/dc/terms/date") == ("2018-01-01", XSD + "date")
moved = {o for s, p, o in found if s == event and p.endswith("vocabulary#moved")}
assert len(moved) == len(transfer["assignments"]), moved
assert one(found, event, PROV + "wasDerivedFrom").startswith(f"{API}/v1/sources/")
# Its legal basis: an ELI legal resource, known by its citation.
basis = one(found, event, "http://data.europa.eu/m8g/hasLegalResource")
assert (basis, RDF_TYPE, "http://data.europa.eu/eli/ontology#LegalResource") in found, found
assert one(found, basis, "http://purl.org/dc/terms/bibliographicCitation") == (
    transfer["legal_basis"],
    XSD + "string",
)
assert "2017:937" in transfer["legal_basis"], transfer["legal_basis"]
checked += 1

# An agency is an org:Organization and a cv:PublicOrganisation.
agency = json("/v1/agencies/jamstalldhetsmyndigheten")
found = triples("/v1/agencies/jamstalldhetsmyndigheten")
node = agency_iri(agency)
assert (node, RDF_TYPE, ORG + "Organization") in found
assert (node, RDF_TYPE, "http://data.europa.eu/m8g/PublicOrganisation") in found
assert (node, SKOS + "prefLabel", ("Jämställdhetsmyndigheten", "sv")) in found
if agency["organisation_number"]:
    assert one(found, node, ORG + "identifier") == (agency["organisation_number"], XSD + "string")
checked += 1

# Who held the national assignment: a dated holding, the day before and on the day.
for at, holder, begins, ends in [
    ("2017-12-31", stockholm, ("2009", XSD + "gYear"), ("2018-01-01", XSD + "date")),
    ("2018-01-01", jamy, ("2018-01-01", XSD + "date"), None),
]:
    found = triples(f"/v1/assignments/{NATIONAL}/holder?at={at}")
    holdings = [s for s, p, o in found if p == RDF_TYPE and o.endswith("vocabulary#Holding")]
    assert len(holdings) == 1, found
    holding = holdings[0]
    assert one(found, holding, f"{API}/v1/vocabulary#holder") == holder
    interval = one(found, holding, f"{API}/v1/vocabulary#during")
    beginning = one(found, interval, TIME + "hasBeginning")
    assert begins in [o for s, p, o in found if s == beginning], (at, found)
    ends_at = [o for s, p, o in found if s == interval and p == TIME + "hasEnd"]
    if ends is None:
        assert ends_at == [], ends_at
    else:
        assert ends in [o for s, p, o in found if s == ends_at[0]], (at, found)
    checked += 1

# Trafikverket resulted from the merger of its predecessors: a change event
# from each, dated.
trafikverket = json("/v1/agencies/trafikverket")
found = triples("/v1/agencies/trafikverket")
node = agency_iri(trafikverket)
events = {o for s, p, o in found if s == node and p == ORG + "resultedFrom"}
assert len(events) == len(trafikverket["predecessors"]) > 1, events
for link in trafikverket["predecessors"]:
    event = f"{API}/v1/lineage-links/{link['id']}"
    assert event in events, (event, events)
    assert (event, RDF_TYPE, ORG + "ChangeEvent") in found
    assert one(found, event, ORG + "originalOrganization") == agency_iri(link["predecessor"])
    assert one(found, event, ORG + "resultingOrganization") == node
    assert one(found, event, "http://purl.org/dc/terms/date") == (link["effective_on"], XSD + "date")
# It answers to its ministry of today, a node named with its name.
ministry = agency_iri(trafikverket["ministry"]["agency"])
assert one(found, node, f"{API}/v1/vocabulary#answersTo") == ministry
assert (ministry, SKOS + "prefLabel", (trafikverket["ministry"]["agency"]["name"]["sv"], "sv")) in found
checked += 1

print(f"linked data: {checked} documents expanded by pyld read as the JSON does")

# A whole dataset as one document: every holding of the national assignment.
history = json(f"/v1/assignments/{NATIONAL}/history")
found = triples("/v1/exports/holdings?format=jsonld")
national = f"{API}/v1/assignments/{history['assignment']['id']}"
held = {s for s, p, o in found if p == f"{API}/v1/vocabulary#assignment" and o == national}
holders = {one(found, holding, f"{API}/v1/vocabulary#holder") for holding in held}
assert holders == {agency_iri(h["agency"]) for h in history["holders"]}, holders
print(f"linked data: the holdings export read by pyld holds the {len(held)} holdings of the national assignment")
