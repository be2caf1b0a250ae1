/**
 * fast-check building blocks for the fuzz suite: hostile values, hostile bodies
 * (bad JSON, invalid UTF-8, deep nesting, prototype keys, oversize) and hostile headers.
 */
import fc from "fast-check";

/** A body as it goes on the wire. */
export type Payload =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string; type: string }
  | { kind: "bytes"; bytes: Uint8Array; type: string; encoding?: string };

export const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  "1; select pg_sleep(10)--",
  "\\x00\\'\"",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(document.cookie)>",
  "javascript:alert(1)",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202e\u200b\ufeff",
  "噪音 & | ! ( ) : * ' \\",
  "__proto__",
  "constructor",
  "prototype",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x1F",
  "null",
  "true",
  "",
  " ",
  "2025-02-30",
  "0000-01-01",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "9999-12-31T23:59:59Z",
  "1",
];

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

/** Strings meant to hurt: payloads, any code points (lone surrogates, NUL), long runs. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PAYLOADS), weight: 5 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 2 },
  { arbitrary: fc.integer({ min: 100, max: 6_000 }).map((n) => "噪".repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 40_000, max: 140_000 }).map((n) => "x".repeat(n)), weight: 1 },
);

/** Nested arrays or objects of the given depth. */
export function nested(depth: number, kind: "array" | "object"): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

/** Any hostile JSON value: wrong types, numbers at the edges, deep nesting. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 6 },
  { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, 0.5)), weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.constantFrom("array", "object") as fc.Arbitrary<"array" | "object">).map(([d, k]) => nested(d, k)), weight: 1 },
);

/** A valid object (`cleanWeight` : 1 of the time) or one with up to `max` fields replaced by hostile values, deleted, or joined by unknown ones. */
export function mutated(valid: fc.Arbitrary<Record<string, unknown>>, fields: readonly string[], max = 3, cleanWeight = 1): fc.Arbitrary<Record<string, unknown>> {
  const edit = fc.tuple(
    fc.oneof(fc.constantFrom(...fields), fc.constantFrom("__proto__", "constructor", "prototype", "isAdmin", "role", "status", "id"), fc.string({ maxLength: 8 })),
    fc.option(nastyValue, { freq: 6 }),
  );
  const edits = fc.oneof({ arbitrary: fc.constant([] as [string, unknown][]), weight: cleanWeight }, { arbitrary: fc.array(edit, { minLength: 1, maxLength: max }), weight: 1 });
  return fc.tuple(valid, edits).map(([base, edits]) => {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of edits) {
      if (value === null) delete out[key];
      else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

/** JSON text with prototype-polluting keys in front of the object's own. */
function withPrototypeKeys(value: unknown): string {
  const inner = JSON.stringify(value ?? {});
  const prefix = `{"__proto__":{"polluted":"yes","role":"admin"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}`;
  return inner.startsWith("{") && inner.length > 2 ? `${prefix},${inner.slice(1)}` : `${prefix}}`;
}

/** Bytes that are not valid UTF-8, alone or inside JSON strings. */
const invalidUtf8 = fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xe0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0x00]);

/** A body on the wire around a JSON value: mostly proper JSON, else every way a body can be broken. */
export function payload(value: fc.Arbitrary<unknown>): fc.Arbitrary<Payload> {
  const json = "application/json";
  return fc.oneof(
    { arbitrary: value.map((v): Payload => ({ kind: "json", value: v })), weight: 40 },
    { arbitrary: value.map((v): Payload => ({ kind: "text", text: withPrototypeKeys(v), type: json })), weight: 2 },
    { arbitrary: fc.tuple(value, fc.nat()).map(([v, n]): Payload => { const t = JSON.stringify(v ?? {}); return { kind: "text", text: t.slice(0, n % Math.max(1, t.length)), type: json }; }), weight: 1 },
    { arbitrary: fc.constantFrom("{", "}", "[", "nul", "{'a':1}", '{"a":}', '{"a":1,}', "\u0000", "undefined", "{\"a\":NaN}", "1", "\"str\"", "null", "[]").map((t): Payload => ({ kind: "text", text: t, type: json })), weight: 1 },
    { arbitrary: fc.tuple(value, invalidUtf8).map(([v, bad]): Payload => {
        const t = JSON.stringify(v ?? {});
        const at = Math.max(0, t.indexOf('":"') + 3);
        return { kind: "bytes", bytes: Buffer.concat([Buffer.from(t.slice(0, at)), Buffer.from(bad), Buffer.from(t.slice(at))]), type: json };
      }), weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((b): Payload => ({ kind: "bytes", bytes: b, type: json })), weight: 1 },
    { arbitrary: fc.tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.boolean()).map(([d, arr]): Payload => ({ kind: "text", text: arr ? "[".repeat(d) + "]".repeat(d) : '{"a":'.repeat(d) + "1" + "}".repeat(d), type: json })), weight: 1 },
    { arbitrary: fc.integer({ min: 90_000, max: 400_000 }).map((n): Payload => ({ kind: "text", text: JSON.stringify({ title: "x".repeat(n), description: "y" }), type: json })), weight: 1 },
    { arbitrary: fc.tuple(value, fc.constantFrom("application/json; charset=utf-16", "application/json; charset=latin1", "application/json; charset=bogus", "text/plain", "application/x-www-form-urlencoded", "application/vnd.api+json", "multipart/form-data; boundary=x")).map(([v, type]): Payload => ({ kind: "text", text: JSON.stringify(v ?? {}), type })), weight: 1 },
    { arbitrary: fc.tuple(fc.uint8Array({ maxLength: 100 }), fc.constantFrom("gzip", "deflate", "br", "bogus", "identity")).map(([b, encoding]): Payload => ({ kind: "bytes", bytes: b, type: json, encoding })), weight: 1 },
  );
}

/** A junk header value (printable ASCII, as an HTTP client can send it). */
export const junkHeader: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: printable, maxLength: 60 }),
  fc.constantFrom("", " ", "null", "' OR 1=1 --", "<script>alert(1)</script>", "%00", "\t"),
  fc.integer({ min: 150, max: 900 }).map((n) => "k".repeat(n)),
);

/** An Authorization header: mostly the given valid ones, else junk of every kind, or none. */
export function authorization(valid: readonly string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid), weight: 30 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.oneof(junkHeader, junkHeader.map((j) => `Bearer ${j}`), junkHeader.map((j) => `Bearer owk_${j}`), junkHeader.map((j) => `Basic ${j}`), fc.constantFrom(...valid).map((v) => v.slice(0, -2) + "xx"), fc.constantFrom(...valid).map((v) => v + ".x")), weight: 2 },
  );
}

/** Extra headers: Idempotency-Key, CSRF, cookies and languages, each junk or absent. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    "Idempotency-Key": fc.oneof({ arbitrary: fc.string({ unit: printable, minLength: 8, maxLength: 40 }), weight: 2 }, { arbitrary: junkHeader, weight: 1 }),
    "X-CSRF-Token": junkHeader,
    Cookie: fc.oneof(junkHeader.map((j) => `ow.sid=${j}`), junkHeader),
    "Accept-Language": fc.oneof(fc.constantFrom("en", "zh-CN", "en-US,en;q=0.9", "*", "xx;q=abc"), junkHeader),
    "X-Forwarded-For": junkHeader,
  },
  { requiredKeys: [] },
);

/** A path segment: mostly percent-encoded hostile text, sometimes raw broken escapes. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: nastyString.filter((s) => s.length < 3000).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "\ufffd"))), weight: 4 },
  { arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%00", "%2e%2e", "..", ".", "%2F", "%u0041", "%ff%fe"), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom(..."abcdef0123456789-"), minLength: 1, maxLength: 80 }), weight: 2 },
);
