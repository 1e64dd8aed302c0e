// The lookup page: search an agency or an assignment as you type, pick a day,
// and see who was responsible then and how to reach them, with a timeline of
// who held the assignment when. It uses only the public API (/v1/...), builds
// every element with textContent (nothing from the API is parsed as HTML),
// and keeps its state in the address (?assignment=…&at=…&lang=…) so that a
// link shows the same answer; a link may also carry a search (?q=…), or an
// agency's or an assignment's UUID alone (?id=…).
"use strict";

// TEXT, every text of the page in Swedish and English, is in texts.js, and
// an agency's answer (renderAgency) in agency.js, both loaded before this.

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  lang: params.get("lang") === "en" ? "en" : "sv",
  // `?id=` (a reconciliation service's view address) names an agency or an
  // assignment by its UUID alone: which of them is asked on the first render.
  kind: ["agency", "assignment", "id"].find((kind) => params.has(kind)) || null,
  slug: params.get("agency") || params.get("assignment") || params.get("id"),
};
let searches = 0;
let renders = 0;

const t = (key) => TEXT[key][state.lang === "en" ? 1 : 0];
const named = (text) => (text && ((state.lang === "en" && text.en) || text.sv)) || "";

/** An element with attributes and children (strings become text). */
function el(tag, attributes = {}, ...children) {
  const node = attributes.svg
    ? document.createElementNS("http://www.w3.org/2000/svg", tag)
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "svg" || value === undefined || value === null) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function stockholmToday() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body };
}

const day = () => $("day").value || stockholmToday();

function remember() {
  const query = new URLSearchParams();
  if (state.kind) query.set(state.kind, state.slug);
  query.set("at", day());
  if (state.lang === "en") query.set("lang", "en");
  history.replaceState(null, "", `?${query}`);
}

function translate() {
  document.documentElement.lang = state.lang;
  document.title = `${t("title")} – Registry of public responsibilities`;
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
  const other = state.lang === "sv" ? "en" : "sv";
  $("language").textContent = t("switchTo");
  $("language").lang = other;
}

async function search() {
  const q = $("query").value.trim();
  const mine = ++searches;
  if (q.length < 2) {
    $("results").replaceChildren();
    return;
  }
  // One search of both, in one order: the agencies the text names first
  // ("skolverket"), then the assignments, then agencies it only resembles.
  const answer = await api(`/v1/search?q=${encodeURIComponent(q)}&limit=10&at=${day()}`);
  if (mine !== searches) return;
  // Each match says where it stands on the day: an assignment when it began
  // (a yearly one recurs under one title), its status and holder; an agency
  // whether it existed (many names recur in agencies long dissolved).
  const described = (match) => {
    const item = match[match.type];
    return match.type === "assignment"
      ? ["assignment", item.slug, named(item.title),
        [item.started_on ? `${t("started")} ${item.started_on}` : null, t(`status_${item.status}`),
          named(item.holder?.name)]]
      : ["agency", item.slug, named(item.name), [item.status === "active" ? null : t(`agency_${item.status}`)]];
  };
  const found = (answer.body?.items || []).map(described);
  $("results").replaceChildren(
    ...(found.length
      ? found.map(([kind, slug, text, about]) =>
          el("li", {}, el("button", { type: "button", "data-kind": kind, "data-slug": slug,
            onclick: () => choose(kind, slug) }, text,
            el("small", {}, [t(kind), ...about].filter(Boolean).join(" · ")))))
      : [el("li", {}, t("nothing"))]),
  );
}

function choose(kind, slug) {
  Object.assign(state, { kind, slug });
  remember();
  render().then(() => $("answer").focus());
}

function contactValue(item) {
  const text = item.formatted || item.value;
  if (item.kind === "email") return el("a", { href: `mailto:${item.value}` }, text);
  // Only a web page is a link: never a javascript: or data: address, whatever
  // the registry holds.
  if (item.kind === "website") {
    return /^https?:\/\//i.test(item.value) ? el("a", { href: item.value }, text) : text;
  }
  if (item.kind === "phone" || item.kind === "hotline") {
    return el("a", { href: `tel:${item.value.replace(/[^+0-9]/g, "")}` }, text);
  }
  return text;
}

function contacts(items, at) {
  if (!items.length) return el("p", {}, t("noContacts"));
  // Known only from a later source, with no known start (a register's
  // snapshot): answered for the day, but it may not have held then. Said
  // once where that is true of them all.
  const stated = (item) => (!item.valid_from && item.source?.published_on > at ? item.source.published_on : null);
  const dates = new Set(items.map(stated));
  const once = dates.size === 1 && !dates.has(null) ? [...dates][0] : null;
  const list = el("dl", { class: "contacts" }, items.map((item) => {
    // A label that only repeats the kind ("Besöksadress") is said once.
    const label = named(item.label);
    const own = label && label.toLowerCase() !== t(item.kind).toLowerCase();
    const on = once ? null : stated(item);
    return [el("dt", {}, own ? `${t(item.kind)} (${label})` : t(item.kind)),
      el("dd", {}, contactValue(item), on ? el("small", {}, `${t("statedOn")} ${on}; ${t("startUnknown")}`) : null)];
  }));
  return once ? [list, el("p", { class: "stated" }, `${t("allStatedOn")} ${once}; ${t("startUnknown")}.`)] : list;
}

/** A partial date (`2009`, `2022-07`, `2018-01-01`) as its first day, in ms. */
function when(text) {
  const first = { 4: `${text}-01-01`, 7: `${text}-01` }[text.length] || text;
  return Date.parse(first);
}
/** A holding's start: as known, or where it is not, the earliest it can be. */
const began = (holding) => holding.valid_from
  || (holding.earliest_from ? `${t("notBefore")} ${holding.earliest_from}` : t("unknown"));

function timeline(history, chosen) {
  const holders = history.holders || [];
  if (!holders.length) return null;
  const now = when(stockholmToday());
  const starts = holders.map((h) => when(h.valid_from || h.earliest_from || holders[0].valid_to || chosen));
  const ends = holders.map((h) => (h.valid_to ? when(h.valid_to) : Math.max(now, when(chosen))));
  const first = Math.min(...starts, when(chosen));
  const last = Math.max(...ends, when(chosen) + 86400000);
  const width = 640, left = 8, right = 8, row = 38, top = 10;
  const x = (ms) => left + ((ms - first) / (last - first)) * (width - left - right);
  const height = top + holders.length * row + 34;
  const colours = ["#0b4f9c", "#6b2f8a"];
  const bars = holders.map((holder, i) => {
    const y = top + i * row;
    const label = `${named(holder.agency.name)}: ${began(holder)} – ${holder.valid_to || t("open")}`;
    // A label that would run off the right edge ends where its bar ends.
    const late = x(starts[i]) > width / 2;
    return el("g", { svg: true },
      el("text", { svg: true, x: late ? x(ends[i]) : x(starts[i]), y: y + 11,
        "text-anchor": late ? "end" : "start" }, label),
      el("rect", { svg: true, x: x(starts[i]), y: y + 15, width: Math.max(2, x(ends[i]) - x(starts[i])),
        height: 14, fill: colours[i % 2], rx: 2 }));
  });
  const transfers = (history.transfers || []).map((transfer) => {
    const at = x(when(transfer.effective_on));
    return el("g", { svg: true },
      el("title", { svg: true }, `${t("transfer")} ${transfer.effective_on}`),
      el("line", { svg: true, x1: at, x2: at, y1: top, y2: height - 24, stroke: "#1b1b1b",
        "stroke-dasharray": "4 3" }),
      el("text", { svg: true, x: at + 3, y: height - 6 }, transfer.effective_on));
  });
  const mark = x(when(chosen));
  const years = [new Date(first).getUTCFullYear(), new Date(last).getUTCFullYear()];
  return el("figure", {},
    el("svg", { svg: true, viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
      "aria-labelledby": "timeline-caption" },
      bars, transfers,
      el("line", { svg: true, x1: mark, x2: mark, y1: 0, y2: height - 24, stroke: "#b00020", "stroke-width": 2 }),
      el("text", { svg: true, x: left, y: height - 6 }, String(years[0])),
      // The last year ends at the right edge, or just before the red line
      // where the chosen day is near the end of the axis.
      el("text", { svg: true, x: mark > width - right - 40 ? mark - 4 : width - right, y: height - 20,
        "text-anchor": "end" }, String(years[1]))),
    el("figcaption", { id: "timeline-caption" }, t("timelineCaption")),
    // For screen readers; in a box of its own, since a table is never
    // narrower than its text and would widen the page.
    el("div", { class: "visually-hidden" }, el("table", {},
      el("tr", {}, el("th", {}, t("holder")), el("th", {}, t("from")), el("th", {}, t("to"))),
      holders.map((h) => el("tr", {}, el("td", {}, named(h.agency.name)),
        el("td", {}, began(h)), el("td", {}, h.valid_to || t("open")))))));
}

/**
 * The page for a slug that names nothing (a link typed by hand, or cut
 * short): what it may have meant, as the 404 suggests, each a button to
 * it; null for any other refusal.
 */
function unknown(kind, problem) {
  if (!Array.isArray(problem?.suggestions)) return null;
  const meant = problem.suggestions.map((suggestion) => el("li", {},
    el("button", { type: "button", onclick: () => choose(kind, suggestion.slug) },
      named(suggestion.name || suggestion.title))));
  return [el("p", { class: "none" }, t(`noSuch_${kind}`)),
    meant.length ? [el("p", {}, t("meant")), el("ul", { class: "agencies" }, meant)] : null];
}

async function renderAssignment(slug, at) {
  const [answer, history] = await Promise.all([
    api(`/v1/assignments/${encodeURIComponent(slug)}/contacts?at=${at}`),
    api(`/v1/assignments/${encodeURIComponent(slug)}/history`),
  ]);
  if (!history.ok) {
    return unknown("assignment", history.body) || [el("p", {}, `${t("error")} ${history.body?.detail || history.status}`)];
  }
  const parts = [el("h2", {}, named(history.body.assignment.title))];
  const others = (answer.body?.co_recipients || []).map((recipient) => recipient.agency);
  const agencies = (list) => el("ul", { class: "agencies" }, list.map((agency) => el("li", {},
    el("button", { type: "button", onclick: () => choose("agency", agency.slug) }, named(agency.name)))));
  if (answer.ok && answer.body.holder) {
    parts.push(
      el("p", {}, `${t("responsible")} ${at}: `, el("span", { class: "holder" }, named(answer.body.holder.name))),
      others.length ? [el("p", {}, t("together")), agencies(others)] : null,
      el("h3", {}, t("reach")),
      contacts(answer.body.items, at),
    );
  } else if (answer.ok) {
    // Given to several with none leading: each reaches its own.
    const own = answer.body.items.filter((item) => item.assignment);
    parts.push(
      el("p", { class: "holder" }, `${t("jointly")} ${at}:`),
      agencies(others),
      el("h3", {}, t("reach")),
      own.length ? contacts(own, at) : el("p", {}, t("reachEach")),
    );
  } else if (answer.body?.type === "/problems/no-holder") {
    // Why, where its recipients name no agency; who held it last before the
    // day (and who took over, where that agency ended) and who holds it
    // next: the problem's own members, in the page's language (its detail
    // is in English, with slugs).
    const { unresolved, last_holding: last, next_holding: next } = answer.body;
    parts.push(
      el("p", { class: "none" }, `${t("nobody")} ${at}.`),
      unresolved ? el("p", {}, `${t("givenTo")} ${t(`unresolved_${unresolved.reason}`)}`
        + (unresolved.recipient_text ? `: ”${unresolved.recipient_text}”.` : ".")) : null,
      last ? [el("p", {}, `${t("lastHolder")} ${last.valid_to || last.agency_ended_on}:`), agencies([last.agency])] : null,
      last?.agency_ended_on && last.successors.length
        ? [el("p", {}, `${t("endedWith")} ${last.agency_ended_on}; ${t("tookOver")}`), agencies(last.successors.map((link) => link.successor))] : null,
      next ? [el("p", {}, `${t("nextHolder")} ${next.valid_from}:`), agencies([next.agency])] : null,
    );
  } else {
    parts.push(el("p", {}, `${t("error")} ${answer.body?.detail || answer.status}`));
  }
  const held = timeline(history.body, at);
  if (held) parts.push(el("h3", {}, t("timeline")), held);
  return parts;
}

async function render() {
  const mine = ++renders;
  if (!state.kind) return;
  if (state.kind === "id") {
    const agency = await api(`/v1/agencies/${encodeURIComponent(state.slug)}`);
    state.kind = agency.ok ? "agency" : "assignment";
    remember();
  }
  const at = day();
  const parts = state.kind === "agency" ? await renderAgency(state.slug, at) : await renderAssignment(state.slug, at);
  if (mine === renders) $("answer").replaceChildren(...parts.flat(Infinity).filter(Boolean));
}

function move(event) {
  const buttons = [...$("results").querySelectorAll("button")];
  const at = buttons.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && buttons.length) {
    event.preventDefault();
    buttons[Math.min(at + 1, buttons.length - 1)].focus();
  } else if (event.key === "ArrowUp" && at >= 0) {
    event.preventDefault();
    (at === 0 ? $("query") : buttons[at - 1]).focus();
  } else if (event.key === "Escape") {
    $("query").focus();
  }
}

function start() {
  $("day").value = /^\d{4}-\d{2}-\d{2}$/.test(params.get("at") || "") ? params.get("at") : stockholmToday();
  translate();
  let pending;
  $("query").addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(search, 200);
  });
  $("query").addEventListener("keydown", move);
  $("results").addEventListener("keydown", move);
  $("lookup").addEventListener("submit", (event) => event.preventDefault());
  $("day").addEventListener("change", () => {
    remember();
    render();
    search();
  });
  $("language").addEventListener("click", () => {
    state.lang = state.lang === "sv" ? "en" : "sv";
    translate();
    remember();
    render();
    search();
  });
  // A link may carry a search (`/?q=barnahus`).
  if (params.get("q")) {
    $("query").value = params.get("q");
    search();
  }
  render();
}

start();
