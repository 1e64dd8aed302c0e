// The lookup page's answer for an agency: whether it existed on the day and
// who did its work where it did not, how to reach it, what it holds (a page
// at a time), the reports due from it in the coming year with its calendar,
// its lineage, and a link to follow its changes in a feed reader. Loaded before lookup.js, whose helpers (el, t, api,
// choose, contacts, unknown) it calls once the page has started.
"use strict";

/** An assignment an agency holds or shares: its title, its part and where it stands. */
function heldItem(item) {
  // Since when: a yearly assignment recurs under the same title.
  const about = [t(`role_${item.role}`), item.valid_from ? `${t("since")} ${item.valid_from}` : null,
    t(`status_${item.status}`), item.due_on ? `${t("due")} ${item.due_on}` : null];
  return el("li", {}, el("button", { type: "button", onclick: () => choose("assignment", item.assignment.slug) },
    named(item.assignment.title), el("small", {}, about.filter(Boolean).join(" · "))));
}

/**
 * The agencies this one took over from and those that took over from it (the
 * nearest link each way, as the agency's answer gives them), each a button to
 * that agency; null when none.
 */
function lineage(record) {
  const links = [
    ...(record?.predecessors || []).map((link) => [link.predecessor, `from_${link.kind}`, link.effective_on]),
    ...(record?.successors || []).map((link) => [link.successor, `to_${link.kind}`, link.effective_on]),
  ];
  if (!links.length) return null;
  return [el("h3", {}, t("lineage")), el("ul", { class: "held" }, links.map(([agency, kind, on]) =>
    el("li", {}, el("button", { type: "button", onclick: () => choose("agency", agency.slug) },
      named(agency.name), el("small", {}, [t(kind), on].filter(Boolean).join(" · "))))))];
}

/**
 * Another agency the agency stands in a relation to (the ministry it answers
 * to, the agency that runs it), `label` and a button to it; null when none.
 */
function related(label, agency) {
  if (!agency) return null;
  return el("p", { class: "related" }, [`${t(label)} `,
    el("button", { type: "button", onclick: () => choose("agency", agency.slug) },
      named(agency.name))]);
}

/** The day a year after `at` (from 29 February, 1 March). */
function yearAfter(at) {
  const next = new Date(`${at}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The reports due from the agency in the year from `at` (each a button to
 * its assignment), and a link to all of them as a calendar to subscribe to;
 * null when the agency holds nothing on the day and nothing is due, or when
 * they could not be read.
 */
function deadlines(slug, answer, holdsAny) {
  if (!answer.ok) return null;
  const items = answer.body.items || [];
  if (!items.length && !holdsAny) return null;
  const calendar = `/v1/agencies/${encodeURIComponent(slug)}/deadlines?format=ics`;
  return [
    el("h3", {}, t("deadlines")),
    items.length ? el("ul", { class: "due" }, items.map((item) => el("li", {},
      el("button", { type: "button", onclick: () => choose("assignment", item.assignment.slug) },
        named(item.assignment.title),
        el("small", {}, [item.due_on, t(`report_${item.report}`),
          item.role === "lead" ? null : t(`role_${item.role}`)].filter(Boolean).join(" · ")))))) :
      el("p", {}, t("noDeadlines")),
    el("p", {}, el("a", { href: calendar }, t("calendar"))),
  ];
}

async function renderAgency(slug, at) {
  const assignments = `/v1/agencies/${encodeURIComponent(slug)}/assignments?at=${at}&limit=20`;
  const due = `/v1/agencies/${encodeURIComponent(slug)}/deadlines?from=${at}&to=${yearAfter(at)}`;
  const [answer, held, agency, reports] = await Promise.all([
    api(`/v1/agencies/${encodeURIComponent(slug)}/contacts?at=${at}`),
    api(assignments),
    api(`/v1/agencies/${encodeURIComponent(slug)}?at=${at}`),
    api(due),
  ]);
  if (!answer.ok) {
    return unknown("agency", answer.body) || [el("p", {}, `${t("error")} ${answer.body?.detail || answer.status}`)];
  }
  const items = held.body?.items || [];
  const list = el("ul", { class: "held" }, items.map(heldItem));
  // The rest a page at a time: an agency may hold hundreds.
  let cursor = held.body?.next_cursor;
  const more = el("button", { type: "button", class: "more", onclick: async () => {
    const page = await api(`${assignments}&cursor=${encodeURIComponent(cursor)}`);
    if (!page.ok) return;
    const added = (page.body.items || []).map(heldItem);
    list.append(...added);
    cursor = page.body.next_cursor;
    if (!cursor) more.remove();
    added[0]?.querySelector("button")?.focus();
  } }, t("more"));
  // Whether it existed on the day, where it did not; not formed yet, or
  // gone by then, who did its work comes first, as that is whom to reach.
  const { status, started_on: started, ended_on: gone } = agency.body || {};
  const ended = status === "ended";
  const existed = ended && gone ? `${t("endedOn")} ${gone}.`
    : status === "not_started" && started ? `${t("startedOn")} ${started}.` : null;
  const elsewhere = status === "ended" || status === "not_started";
  const family = lineage(agency.body);
  const feed = `/v1/changes?agency=${encodeURIComponent(slug)}&format=atom`;
  return [
    el("h2", {}, named(answer.body.agency.name)),
    existed ? el("p", { class: "none" }, existed) : null,
    related("answersTo", agency.body?.ministry?.agency),
    related("hostedBy", agency.body?.host),
    elsewhere ? family : null,
    el("h3", {}, t("reach")),
    contacts(answer.body.items, at),
    items.length ? [el("h3", {}, `${t("holds")} ${at}`), list, cursor ? more : null] : null,
    deadlines(slug, reports, items.length > 0),
    elsewhere ? null : family,
    el("p", { class: "feed" }, el("a", { href: feed }, t("changes"))),
  ];
}
