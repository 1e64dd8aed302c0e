// Swagger UI and the lookup page in headless Chromium, driven by Playwright:
// - /docs: expand the holder operation, "Try it out" with its examples,
//   execute, and see a 200 with Jämställdhetsmyndigheten in the response;
// - /: the founding case as a person walks it with the keyboard: search the
//   national assignment, pick it, and see Länsstyrelsen i Stockholms län on
//   2017-12-31, Jämställdhetsmyndigheten on 2018-01-01 with the hotline
//   020-390 000, and a timeline; on 2020-01-01 its long-labelled contacts
//   stay within the page, on a phone too, and one known only from a later
//   source says so; then in English; axe-core finds no
//   accessibility violations (labels, contrast, roles) in either language;
// - /?q=socialstyrelsen shows the matches of the search it carries, and
//   /?q=skolverket the agency it names before the assignments;
// - /, with the national data: Socialstyrelsen's assignments a page at a
//   time ("Visa fler") and the ministry it answers to, the reports due from an agency in the year from the
//   day and the links to its calendar and its change feed, and an assignment the 21 county boards share, each
//   named (none leads); a reconciliation candidate's view address (the
//   manifest's, with the candidate's id) shows that agency, or that
//   assignment, and its preview fits the manifest's frame on a page of
//   another origin.
// Usage: node browser.mjs <api> <screenshot.png>
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const [api, screenshot] = process.argv.slice(2);
const axe = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
function check(condition, what) {
  if (!condition) {
    failed = true;
    console.error(`failed: ${what}`);
  }
}

try {
  // The page's CSP admits only its own scripts; axe is added by the test.
  const context = await browser.newContext({ viewport: { width: 720, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));

  // Swagger UI: try the holder operation with its examples.
  await page.goto(`${api}/docs/`);
  const operation = page.locator("#operations-assignments-assignment_holder");
  await operation.locator(".opblock-summary").click();
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.getByRole("button", { name: "Execute" }).click();
  const live = operation.locator(".live-responses-table");
  await live.getByText("Jämställdhetsmyndigheten").first().waitFor({ timeout: 20000 });
  const status = (await live.locator("tr.response .response-col_status").first().innerText()).trim();
  check(status === "200", `Swagger UI: the holder answered ${status}`);
  console.log(`swagger ui: tried the holder operation, ${status} with Jämställdhetsmyndigheten`);

  // The lookup page, by keyboard.
  await page.goto(`${api}/`);
  check((await page.locator("html").getAttribute("lang")) === "sv", "Swedish by default");
  const query = page.getByLabel("Myndighet eller uppdrag", { exact: true });
  await query.fill("nationellt samordningsuppdrag");
  await page.locator("#results button").first().waitFor();
  const match = await page.locator("#results button").first().locator("small").innerText();
  check(match === "Uppdrag · från 2009 · pågår · Jämställdhetsmyndigheten",
    `a match says since when, where it stands and who holds it today: ${match}`);
  await query.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  check(focused.startsWith("Nationellt samordningsuppdrag"), `arrow down reaches the match: ${focused}`);
  await page.keyboard.press("Enter");
  const day = page.getByLabel("Dag", { exact: true });
  for (const [at, holder] of [
    ["2017-12-31", "Länsstyrelsen i Stockholms län"],
    ["2018-01-01", "Jämställdhetsmyndigheten"],
  ]) {
    await day.fill(at);
    await page.locator(".holder", { hasText: holder }).waitFor({ timeout: 10000 });
    console.log(`lookup page: on ${at}, ${holder}`);
  }
  const answer = await page.locator("#answer").innerText();
  check(answer.includes("020-390 000"), "the hotline 020-390 000 is shown");
  check(answer.includes("Stödtelefon"), "the hotline is named");
  check((await page.locator("#answer svg rect").count()) === 2, "the timeline has a bar per holder");
  check((await page.locator("#answer svg line[stroke-dasharray]").count()) === 1, "and marks the transfer");
  check(page.url().includes("at=2018-01-01"), `the address keeps the question: ${page.url()}`);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  async function accessible(what) {
    await page.addScriptTag({ path: axe });
    const result = await page.evaluate(async () => await window.axe.run(document, {
      runOnly: ["wcag2a", "wcag2aa"],
    }));
    for (const violation of result.violations) {
      console.error(`${what}: ${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
    }
    check(result.violations.length === 0, `${what}: no accessibility violations`);
  }
  await accessible("the lookup page in Swedish");

  // From 2018-01-08 the contacts include long labels: they wrap beside
  // their values, and nothing runs off the page's right edge.
  await day.fill("2020-01-01");
  await page.locator("#answer dt", { hasText: "Frågor om överflytten" }).first().waitFor({ timeout: 10000 });
  const overflow = () => page.evaluate(() =>
    document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(await overflow() <= 0, `nothing runs off the page: ${await overflow()}px too wide`);
  const within = await page.evaluate(() => {
    const edge = document.querySelector("#answer").getBoundingClientRect().right;
    return [...document.querySelectorAll("#answer dl.contacts dd")]
      .every((value) => value.getBoundingClientRect().right <= edge + 1);
  });
  check(within, "each contact's value lies within the answer");
  const labels = await page.locator("#answer dl.contacts dt").allInnerTexts();
  check(labels.includes("Besöksadress"), `a label that repeats its kind is said once: ${labels}`);
  // The web address is known only from the registers' snapshot of
  // 2026-01-02, with no start: it says so; the press release's do not.
  const values = await page.locator("#answer dl.contacts dd").allInnerTexts();
  const website = values.find((value) => value.includes("jamstalldhetsmyndigheten.se")) || "";
  check(website.includes("enligt en uppgift från 2026-01-02; sedan när är okänt"),
    `a contact known only from a later source says so: ${website}`);
  check(values.filter((value) => value.includes("enligt en uppgift")).length === 1,
    `and only that one: ${values}`);
  // Nor on a phone's width (the timeline's table for screen readers included).
  await page.setViewportSize({ width: 375, height: 800 });
  check(await overflow() <= 0, `on a phone, nothing runs off the page: ${await overflow()}px too wide`);
  await page.setViewportSize({ width: 720, height: 900 });

  await page.getByRole("button", { name: "In English" }).click();
  await page.locator(".holder", { hasText: "Swedish Gender Equality Agency" }).waitFor();
  check((await page.locator("h1").innerText()) === "Who is responsible?", "the page is in English");
  check((await page.locator("html").getAttribute("lang")) === "en", "and says so");
  check(page.url().includes("lang=en"), "and keeps it in the address");
  await accessible("the lookup page in English");
  console.log("lookup page: the founding case, in Swedish and English, by keyboard");

  // A link that carries a search shows its matches.
  await page.goto(`${api}/?q=socialstyrelsen`);
  await page.locator("#results button", { hasText: "Socialstyrelsen" }).first().waitFor({ timeout: 10000 });
  check((await page.getByLabel("Myndighet eller uppdrag", { exact: true }).inputValue()) === "socialstyrelsen",
    "the search is in the box");
  // The agency a search names comes before the assignments that mention it.
  await page.goto(`${api}/?q=skolverket`);
  await page.locator("#results button").first().waitFor({ timeout: 10000 });
  const named = page.locator("#results button").first();
  const [firstName, firstAbout] = [await named.innerText(), await named.locator("small").innerText()];
  check(firstName.startsWith("Statens skolverk") && firstAbout === "Myndighet",
    `"skolverket" names Statens skolverk first: ${JSON.stringify(firstName)}`);
  const second = await page.locator("#results button").nth(1).locator("small").innerText();
  check(second.startsWith("Uppdrag · "), `then the assignments: ${second}`);
  console.log("lookup page: a search names the agency first, then the assignments");
  // An agency dissolved long ago says so among the matches.
  await page.goto(`${api}/?q=polismyndigheten%20blekinge&at=2026-11-29`);
  const dissolved = page.locator("#results button", { hasText: "Polismyndigheten i Blekinge län" }).first();
  await dissolved.waitFor({ timeout: 10000 });
  const ended = await dissolved.locator("small").innerText();
  check(ended === "Myndighet · upphörd", `a dissolved agency among the matches: ${ended}`);
  // Its page names who took over before how to reach it, and leads there.
  await dissolved.click();
  const successor = page.locator("#answer ul.held button", { hasText: "Polismyndigheten" }).first();
  await successor.waitFor({ timeout: 10000 });
  const link = await successor.locator("small").innerText();
  check(link === "efterträdare, sammanslagning · 2015-01-01", `who took over, and when: ${link}`);
  const gone = await page.locator("#answer p.none").innerText();
  check(gone === "Upphörde 2015-01-01.", `when it ended: ${gone}`);
  const headings = await page.locator("#answer h3").allInnerTexts();
  check(headings[0] === "Föregångare och efterträdare", `who took over comes first: ${headings}`);
  await accessible("a dissolved agency");
  await successor.click();
  await page.locator("#answer h2", { hasText: /^Polismyndigheten$/ }).waitFor({ timeout: 10000 });
  check(page.url().includes("agency=polismyndigheten&"), `the successor's page: ${page.url()}`);
  console.log("lookup page: a dissolved agency leads to its successor");
  // Not formed yet on the day: who did its work then comes first.
  await page.goto(`${api}/?agency=trafikverket&at=2009-06-01`);
  await page.locator("#answer p.none").waitFor({ timeout: 10000 });
  const formed = await page.locator("#answer p.none").innerText();
  check(formed === "Bildades 2010-04-01.", `when it was formed: ${formed}`);
  const before = await page.locator("#answer h3").allInnerTexts();
  check(before[0] === "Föregångare och efterträdare", `who did its work comes first: ${before}`);
  const predecessors = await page.locator("#answer ul.held button").allInnerTexts();
  check(["Banverket", "Vägverket"].every((name) => predecessors.some((text) => text.startsWith(name))),
    `its predecessors: ${predecessors}`);
  console.log("lookup page: an agency not yet formed names who did its work");
  // Contacts known only from the registers' snapshot, asked about 2010:
  // answered, and said to be as stated in 2026, since when unknown.
  await page.goto(`${api}/?agency=polismyndigheten&at=2010-06-01`);
  await page.locator("#answer h2", { hasText: "Rikspolisstyrelsen" }).waitFor({ timeout: 10000 });
  const stated = await page.locator("#answer p.stated").innerText();
  check(stated === "Kontaktvägarna gäller enligt en uppgift från 2026-01-02; sedan när är okänt.",
    `contacts known only from a later source: ${stated}`);
  await page.goto(`${api}/?agency=polismyndigheten&at=2026-11-29`);
  await page.locator("#answer h2", { hasText: /^Polismyndigheten$/ }).waitFor({ timeout: 10000 });
  check((await page.locator("#answer p.stated").count()) === 0, "after the source, nothing to say");
  console.log("lookup page: contacts known only from a later source say so");
  // The county board held the support process, a part of the coordination
  // assignment, from a day not known: no earlier than the whole, 2009.
  await page.goto(`${api}/?assignment=nationella-stodprocessen&at=2017-06-01`);
  await page.locator("#answer svg").waitFor({ timeout: 10000 });
  const bars = await page.locator("#answer svg text").allTextContents();
  check(bars.some((bar) => bar.startsWith("Länsstyrelsen i Stockholms län: tidigast 2009-01-01 – 2018-01-01")),
    `an unknown start, with the earliest it can be: ${bars}`);
  console.log("lookup page: an unknown start says the earliest it can be");

  // An agency that holds hundreds: a page, then the next on request.
  await page.goto(`${api}/?agency=socialstyrelsen&at=2026-11-29`);
  const held = page.locator("#answer ul.held > li");
  await held.first().waitFor({ timeout: 10000 });
  const first = await held.count();
  check(first === 20, `a page of what Socialstyrelsen holds: ${first}`);
  const about = await held.first().locator("small").innerText();
  check(/ansvarig.* · sedan \d{4}/.test(about), `each with its part, since when and where it stands: ${about}`);
  await page.getByRole("button", { name: "Visa fler" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#answer ul.held > li").length > 20);
  const more = await held.count();
  check(more === 40, `and the next page: ${more}`);
  console.log(`lookup page: Socialstyrelsen's assignments, ${first} then ${more}`);
  // The ministry it answers to, which leads to that ministry's page.
  const answersTo = await page.locator("#answer p.related").innerText();
  check(answersTo === "Lyder under Socialdepartementet", `the ministry it answers to: ${answersTo}`);
  await page.locator("#answer p.related button").click();
  await page.locator("#answer h2", { hasText: /^Socialdepartementet$/ }).waitFor({ timeout: 10000 });
  check(page.url().includes("agency=socialdepartementet&"), `the ministry's page: ${page.url()}`);
  console.log("lookup page: an agency names the ministry it answers to");

  // A board another agency runs, with no contact points of its own, names it.
  await page.goto(`${api}/?agency=granskningsnamnden-for-forsvarsuppfinningar&at=2026-11-29`);
  const hosted = page.locator("#answer p.related", { hasText: "Värdmyndighet" });
  await hosted.waitFor({ timeout: 10000 });
  const runBy = await hosted.innerText();
  check(runBy === "Värdmyndighet: Patent- och registreringsverket", `the agency that runs it: ${runBy}`);
  await hosted.locator("button").click();
  await page.locator("#answer h2", { hasText: /^Patent- och registreringsverket$/ }).waitFor({ timeout: 10000 });
  console.log("lookup page: a hosted board names the agency that runs it");

  // The reports due from an agency in the year from the day, and its calendar.
  await page.goto(`${api}/?agency=statskontoret&at=2025-12-01`);
  const due = page.locator("#answer ul.due > li");
  await due.first().waitFor({ timeout: 10000 });
  const reports = await due.locator("small").allInnerTexts();
  check(reports.includes("2026-05-31 · slutredovisning") && reports.includes("2025-12-30 · delredovisning"),
    `the reports due in the year: ${reports}`);
  check(reports.every((report) => report >= "2025-12-01" && report < "2026-12-01"), `within the year: ${reports}`);
  const subscribe = page.getByRole("link", { name: /kalender att prenumerera på/ });
  check((await subscribe.getAttribute("href")) === "/v1/agencies/statskontoret/deadlines?format=ics",
    "a link to the calendar");
  const follow = page.getByRole("link", { name: /Följ ändringar om myndigheten/ });
  check((await follow.getAttribute("href")) === "/v1/changes?agency=statskontoret&format=atom",
    "a link to the agency's change feed");
  await accessible("an agency's reports due");
  console.log(`lookup page: ${reports.length} reports due from Statskontoret in the year, its calendar and its change feed`);

  // Given to all county boards with none leading: each of them, not nobody.
  await page.goto(`${api}/?assignment=uppdrag-om-lansstrategier-for-jamstalldhetsintegrering&at=2017-03-01`);
  const boards = page.locator("#answer ul.agencies > li");
  await boards.first().waitFor({ timeout: 10000 });
  check((await boards.count()) === 21, `the 21 county boards: ${await boards.count()}`);
  check(!(await page.locator("#answer").innerText()).includes("Ingen var ansvarig"), "not 'nobody'");
  await accessible("an assignment the county boards share");
  console.log("lookup page: an assignment the 21 county boards share");

  // Held by nobody on the day: who held it last, in the page's language.
  await page.goto(`${api}/?assignment=uppdrag-att-vara-projektledare-for-utvecklingen-av-en-digital-infrastruktur-for-vaccinatio&at=2026-11-29`);
  await page.locator("#answer .none").waitFor({ timeout: 10000 });
  const unheld = await page.locator("#answer").innerText();
  check(unheld.includes("Ingen var ansvarig för uppdraget den 2026-11-29."), `nobody on the day: ${unheld}`);
  check(unheld.includes("Senast ansvarig, till 2023-12-16:"), `who held it last, and until when: ${unheld}`);
  check(!unheld.includes("Nobody is recorded"), `in Swedish, not the problem's English: ${unheld}`);
  await accessible("an assignment nobody holds");
  await page.locator("#answer ul.agencies button", { hasText: "Myndigheten för digital förvaltning" }).click();
  await page.locator("#answer h2", { hasText: "Myndigheten för digital förvaltning" }).waitFor({ timeout: 10000 });
  // Its holder ended with it unfinished: who took over from the holder.
  await page.goto(`${api}/?assignment=s20102999fh&at=2015-06-01`);
  await page.locator("#answer .none").waitFor({ timeout: 10000 });
  const orphaned = await page.locator("#answer").innerText();
  check(orphaned.includes("Senast ansvarig, till 2014-01-01:")
    && orphaned.includes("Myndigheten upphörde 2014-01-01; dess verksamhet togs över av:"),
    `who held it last, and who took over from it: ${orphaned}`);
  await page.locator("#answer ul.agencies button", { hasText: "Folkhälsomyndigheten" }).click();
  await page.locator("#answer h2", { hasText: "Folkhälsomyndigheten" }).waitFor({ timeout: 10000 });
  // Given to no agency: to whom, as the source says.
  await page.goto(`${api}/?assignment=a20082456arm&at=2026-11-29`);
  await page.locator("#answer .none").waitFor({ timeout: 10000 });
  const given = await page.locator("#answer").innerText();
  check(given.includes("Uppdraget gavs till en person, inte en myndighet: ”den särskilde utredare, som har i uppdrag”."),
    `to whom it was given: ${given}`);
  console.log("lookup page: an assignment nobody holds names who held it last, who took over, or to whom it was given");
  // A link with the name people use, not the slug: what it may have meant,
  // in the page's language, and a button there.
  await page.goto(`${api}/?agency=skolverket&at=2026-11-29`);
  await page.locator("#answer .none").waitFor({ timeout: 10000 });
  const unknownAgency = await page.locator("#answer").innerText();
  check(unknownAgency.includes("Ingen myndighet har den adressen.") && unknownAgency.includes("Menade du:"),
    `an agency no slug names: ${unknownAgency}`);
  await accessible("an agency no slug names");
  await page.locator("#answer ul.agencies button", { hasText: "Statens skolverk" }).click();
  await page.locator("#answer h2", { hasText: "Statens skolverk" }).waitFor({ timeout: 10000 });
  check(page.url().includes("agency=statens-skolverk&"), `the agency meant: ${page.url()}`);
  console.log("lookup page: a link with a name people use leads to the agency meant");
  // A reconciliation candidate, as OpenRefine shows it: the manifest's view
  // address with the candidate's id is the agency's page, or the
  // assignment's.
  const manifest = await (await fetch(`${api}/v1/reconcile`)).json();
  const batch = await fetch(`${api}/v1/reconcile`, {
    method: "POST",
    body: new URLSearchParams({ queries: JSON.stringify({
      q0: { query: "Skolverket", type: "agency" },
      q1: { query: "S2011/1232/FST", type: "assignment" },
    }) }),
  });
  const answers = await batch.json();
  for (const [key, kind] of [["q0", "agency"], ["q1", "assignment"]]) {
    const candidate = answers[key].result[0];
    await page.goto(manifest.view.url.replace("{{id}}", candidate.id));
    await page.locator("#answer h2", { hasText: candidate.name }).waitFor({ timeout: 10000 });
    const shown = await page.locator("#answer h2").first().innerText();
    check(shown.startsWith(candidate.name), `a candidate's page: ${shown}`);
    check(page.url().includes(`${kind}=${candidate.id}`), `the ${kind}'s address: ${page.url()}`);
    console.log(`lookup page: a reconciliation candidate's view address shows the ${kind} ${candidate.name}`);
  }
  // Its preview, as OpenRefine shows it: in a frame of the manifest's size,
  // on a page of another origin, under the card's own CSP (which admits its
  // style and nothing else).
  const framing = await browser.newContext({ viewport: { width: 600, height: 400 } });
  const host = await framing.newPage();
  const { width, height } = manifest.preview;
  for (const key of ["q0", "q1"]) {
    const candidate = answers[key].result[0];
    const src = manifest.preview.url.replace("{{id}}", candidate.id);
    await host.setContent(`<iframe src="${src}" width="${width}" height="${height}"></iframe>`);
    const card = host.frameLocator("iframe");
    const title = await card.locator("h1").innerText({ timeout: 10000 });
    check(title === candidate.name, `the card's title: ${title}`);
    const fits = await card.locator("body").evaluate((body) =>
      [getComputedStyle(body.querySelector("h1")).fontSize, body.scrollWidth, body.scrollHeight]);
    check(fits[0] === "15px", `the card's own style applies: ${fits[0]}`);
    check(fits[1] <= width && fits[2] <= height, `the card fits its frame: ${fits[1]}×${fits[2]}`);
    check((await card.locator("dt").count()) >= 2, `the card says more than the name: ${candidate.name}`);
    console.log(`reconciliation: ${candidate.name}'s preview fits a frame of ${width}×${height} on another origin`);
  }
  await framing.close();
  check(errors.length === 0, `no script errors: ${errors}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
