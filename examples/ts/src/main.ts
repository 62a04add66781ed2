// What a frontend does with certpath's openapi.json: a client typed from the document
// (src/schema.d.ts, made by `npm run generate`), and every operation called through it, with
// its problem+json errors read as typed values. scripts/covers-every-operation.mjs fails CI
// when an operation in openapi.json is called nowhere here.
//
//   CERTPATH_URL   the server (default http://127.0.0.1:8000, as `make run` serves it)
//   CERTPATH_KEY   a maintainer's key (`make admin-key name=NAME`); without it the writes and
//                  the audit trail answer 401, which the program reads and prints like any problem
//
// It exits 1 on any answer it did not expect, so CI can run it against a real server.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Schemas = components["schemas"];
type Problem = Schemas["Problem"];

const baseUrl = process.env.CERTPATH_URL ?? "http://127.0.0.1:8000";
const key = process.env.CERTPATH_KEY;

// Some reads also offer JSON-LD or SVG; this program asks for, and is typed for, JSON and
// problem+json only.
type Media = "application/json" | "application/problem+json";
const api = createClient<paths, Media>({ baseUrl });
// Keys go in a header, never in a URL; only writes and the audit trail need one.
const admin = createClient<paths, Media>({
  baseUrl,
  headers: key === undefined ? {} : { Authorization: `Bearer ${key}` },
});

/** A problem as a person reads it: title, detail, and each rejected field. */
function explain(what: string, problem: Problem): void {
  console.log(`${what}: ${problem.status} ${problem.title}: ${problem.detail ?? ""}`);
  for (const error of problem.errors ?? []) {
    console.log(`  ${error.field}: ${error.message} (${error.type})`);
  }
  if (problem.request_id !== undefined && problem.request_id !== null) {
    console.log(`  quote request id ${problem.request_id} when you report it`);
  }
}

/** An answer the program did not expect: shown, and the exit status says so (CI runs this
 * against a server). Without a key, the 401s of writes and the audit trail are expected. */
function failed(what: string, problem: Problem): void {
  explain(what, problem);
  if (key !== undefined || problem.status !== 401) process.exitCode = 1;
}

/** A problem the program asks for on purpose, to show how one reads. */
function expectProblem(what: string, status: number, problem: Problem | undefined): void {
  if (problem === undefined || problem.status !== status) {
    console.log(`${what}: expected a ${status} problem, got ${problem?.status ?? "success"}`);
    process.exitCode = 1;
  } else {
    explain(what, problem);
  }
}

/** The ETag a write needs in If-Match: the one from the last read or write of the item. */
function etagOf(response: Response): string {
  const etag = response.headers.get("ETag");
  if (etag === null) throw new Error(`no ETag from ${response.url}`);
  return etag;
}

async function probes(): Promise<void> {
  const live = await api.GET("/healthz");
  if (live.error) failed("healthz", live.error);
  else console.log(`healthz: ${live.data.status}`);
  const ready = await api.GET("/readyz");
  if (ready.error) failed("readyz", ready.error);
  else console.log(`readyz: ${ready.data.status} at migration ${ready.data.migration ?? "none"}`);
}

async function catalog(): Promise<void> {
  const certs = await api.GET("/certifications", {
    params: { query: { status: "active", sort: "-difficulty", limit: 5 } },
  });
  if (certs.error) return failed("list certifications", certs.error);
  console.log(`${certs.data.total} active certifications; the hardest:`);
  for (const cert of certs.data.data) console.log(`  ${cert.difficulty}/5 ${cert.name}`);

  const first = certs.data.data[0];
  if (first !== undefined) {
    const one = await api.GET("/certifications/{slug}", {
      params: { path: { slug: first.slug } },
    });
    if (one.error) failed("get certification", one.error);
    else console.log(`${one.data.name}: prepared by ${one.data.prepared_by.length} course(s)`);
  }

  const courses = await api.GET("/courses", { params: { query: { level: "beginner" } } });
  if (courses.error) return failed("list courses", courses.error);
  for (const course of courses.data.data) {
    const one = await api.GET("/courses/{slug}", { params: { path: { slug: course.slug } } });
    if (one.error) failed("get course", one.error);
    else console.log(`course ${one.data.title} (${one.data.provider.name})`);
  }

  // Facet counts for a filter sidebar, beside the page.
  const faceted = await api.GET("/courses", {
    params: { query: { level: "beginner", facets: "provider,level" } },
  });
  if (faceted.error) failed("facet courses", faceted.error);
  else {
    for (const level of faceted.data.facets?.level ?? []) {
      console.log(`  ${level.value}: ${level.count}`);
    }
  }

  // The whole catalog in one answer: one JSON object a line.
  // As text, so a failure's body is text as well: the status says what happened.
  const exported = await api.GET("/export", { parseAs: "text" });
  if (exported.data === undefined) {
    console.log(`export: answered ${exported.response.status}`);
    process.exitCode = 1;
  } else console.log(`export: ${exported.data.trim().split("\n").length} lines`);

  // Problems are typed too: a 404 names the slug, a 422 names each bad parameter.
  const missing = await api.GET("/courses/{slug}", { params: { path: { slug: "no-such-course" } } });
  expectProblem("an unknown slug", 404, missing.error);
  const invalid = await api.GET("/certifications", { params: { query: { limit: 1000 } } });
  expectProblem("a limit over 100", 422, invalid.error);
}

async function plans(): Promise<void> {
  const profile: Schemas["ProfileIn"] = {
    background: "software_engineer",
    years_ml_experience: 0,
    target_cloud: "gcp",
    goal: "get_hired",
    hours_per_week: 8,
  };
  const plan = await api.POST("/recommendations", { body: profile });
  if (plan.error) return failed("recommend", plan.error);
  for (const step of plan.data.steps) {
    console.log(`  weeks ${step.start_week}-${step.end_week}: ${step.title} (${step.rule})`);
  }
  // The same plan by GET, from the profile as query parameters: a link to share.
  const linked = await api.GET("/recommendations", {
    params: { query: { ...profile, as_of: plan.data.as_of, format: "json" } },
  });
  if (linked.error) failed("recommendation by link", linked.error);
  else console.log(`the same plan by GET: ${linked.data.total_weeks} weeks`);
}

const CERTIFICATION: Schemas["CertificationIn"] = {
  slug: "example-client-certification",
  name: "Example Client Certification",
  kind: "vendor_exam",
  discipline: "ml_engineering",
  issuer: "aws",
  cloud: "aws",
  proctored: true,
  description: "Made by the TypeScript example client, and deleted again right after.",
  difficulty: 3,
  hiring_signal: { weight: "moderate", note: "An example, not a credential." },
  lifecycle: { status: "active" },
  url: "https://example.org/certification",
};

const COURSE: Schemas["CourseIn"] = {
  slug: "example-client-course",
  title: "Example Client Course",
  description: "Made by the TypeScript example client, and deleted again right after.",
  provider: "deeplearning-ai",
  platform: "coursera",
  level: "beginner",
  audience: ["student"],
  interview: { relevance: "low" },
  url: "https://example.org/course",
};

async function certificationWrites(): Promise<void> {
  const created = await admin.POST("/certifications", {
    // A retry with the same key gets the first answer back; a new run needs a new key.
    params: { header: { "Idempotency-Key": crypto.randomUUID() } },
    body: CERTIFICATION,
  });
  if (created.error) return failed("create certification", created.error);
  const path = { slug: created.data.slug };
  const patched = await admin.PATCH("/certifications/{slug}", {
    params: { path, header: { "If-Match": etagOf(created.response) } },
    body: { difficulty: 4 },
  });
  if (patched.error) return failed("patch certification", patched.error);
  const replaced = await admin.PUT("/certifications/{slug}", {
    params: { path, header: { "If-Match": etagOf(patched.response) } },
    body: { ...CERTIFICATION, difficulty: 2 },
  });
  if (replaced.error) return failed("replace certification", replaced.error);
  // A stale ETag is refused with 412: someone else changed the item since it was read.
  const stale = await admin.DELETE("/certifications/{slug}", {
    params: { path, header: { "If-Match": etagOf(created.response) } },
  });
  expectProblem("delete with a stale ETag", 412, stale.error);
  const deleted = await admin.DELETE("/certifications/{slug}", {
    params: { path, header: { "If-Match": etagOf(replaced.response) } },
  });
  if (deleted.error) failed("delete certification", deleted.error);
  else console.log(`created, changed and deleted ${path.slug}`);
}

async function courseWrites(): Promise<void> {
  const created = await admin.POST("/courses", { body: COURSE });
  if (created.error) return failed("create course", created.error);
  const path = { slug: created.data.slug };
  const patched = await admin.PATCH("/courses/{slug}", {
    params: { path, header: { "If-Match": etagOf(created.response) } },
    body: { duration_hours: 12 },
  });
  if (patched.error) return failed("patch course", patched.error);
  const replaced = await admin.PUT("/courses/{slug}", {
    params: { path, header: { "If-Match": etagOf(patched.response) } },
    body: { ...COURSE, level: "intermediate" },
  });
  if (replaced.error) return failed("replace course", replaced.error);
  const deleted = await admin.DELETE("/courses/{slug}", {
    params: { path, header: { "If-Match": etagOf(replaced.response) } },
  });
  if (deleted.error) failed("delete course", deleted.error);
  else console.log(`created, changed and deleted ${path.slug}`);
}

async function audit(): Promise<void> {
  const events = await admin.GET("/audit", { params: { query: { limit: 5 } } });
  if (events.error) return failed("audit", events.error);
  for (const event of events.data.data) {
    console.log(`  ${event.at} ${event.actor} ${event.action} ${event.item_kind} ${event.slug}`);
  }
}

await probes();
await catalog();
await plans();
await certificationWrites();
await courseWrites();
await audit();
