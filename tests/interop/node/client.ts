// The founding case through openapi-fetch, with types that openapi-typescript
// generates from openapi/openapi.json (into schema.d.ts, beside this file,
// by scripts/interop; not committed): find an agency, ask who held the
// national assignment on 2017-12-31 and 2018-01-01, fetch the contacts, page
// through a list, and make one authenticated write. `tsc` checks this
// against the generated types first, so a change to the document that
// breaks these calls fails before anything runs.

import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const [api, token] = process.argv.slice(2);
if (!api || !token) throw new Error("usage: node client.js <api> <token>");
const NATIONAL = "nationellt-samordningsuppdrag-prostitution-manniskohandel";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`failed: ${what}`);
}

// Some operations also answer JSON-LD, vCard or CSV; this client reads JSON.
const client = createClient<paths, "application/json">({ baseUrl: api });

const found = await client.GET("/v1/agencies", {
  params: { query: { q: "jämställdhetsmyndigheten", limit: 5 } },
});
check(found.data !== undefined, `agency search: ${JSON.stringify(found.error)}`);
check(found.data.items[0]?.slug === "jamstalldhetsmyndigheten", "the agency is found first");

for (const [at, holder] of [
  ["2017-12-31", "lansstyrelsen-stockholm"],
  ["2018-01-01", "jamstalldhetsmyndigheten"],
] as const) {
  const answer = await client.GET("/v1/assignments/{id}/holder", {
    params: { path: { id: NATIONAL }, query: { at } },
  });
  check(answer.data !== undefined, `holder on ${at}: ${JSON.stringify(answer.error)}`);
  check(answer.data.agency?.slug === holder, `holder on ${at} is ${holder}`);
}

const contacts = await client.GET("/v1/assignments/{id}/contacts", {
  params: { path: { id: "nationella-stodprocessen" }, query: { at: "2018-01-01" } },
});
check(contacts.data !== undefined, "contacts");
const hotlines = contacts.data.items.filter((item) => item.kind === "hotline").map((item) => item.value);
check(JSON.stringify(hotlines) === JSON.stringify(["020-390 000"]), `hotline: ${hotlines}`);

const slugs: string[] = [];
let cursor: string | undefined;
let pages = 0;
do {
  const page = await client.GET("/v1/agencies", {
    params: { query: { limit: 100, at: "2018-01-01", ...(cursor ? { cursor } : {}) } },
  });
  check(page.data !== undefined, "a page of agencies");
  slugs.push(...page.data.items.map((agency) => agency.slug));
  cursor = page.data.next_cursor ?? undefined;
  pages += 1;
} while (cursor);
check(new Set(slugs).size === slugs.length && slugs.length > 100, `${slugs.length} distinct agencies`);

const slug = `typescript-client-${Date.now()}`;
const written = await client.POST("/v1/sources", {
  headers: { Authorization: `Bearer ${token}` },
  body: { slug, title: "Written by the generated TypeScript client", published_on: "2026-12-03" },
});
check(written.response.status === 201, `the write: ${written.response.status} ${JSON.stringify(written.error)}`);
check(written.data?.slug === slug, "the written source");

console.log(`typescript client: founding case, ${slugs.length} agencies in ${pages} pages, one write`);
