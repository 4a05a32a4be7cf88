import { describe, expect, it } from "vitest";
import { checkUploadHeaders, type UploadHeaders } from "./upload-request";

const settings = { baseUrl: "https://countersign.example.org", maxBytes: 1000 };
const ok: UploadHeaders = { origin: "https://countersign.example.org", host: "10.0.0.11:3000", contentType: "text/csv", contentLength: "1000" };
const check = (h: Partial<UploadHeaders>) => checkUploadHeaders({ ...ok, ...h }, settings);

describe("checkUploadHeaders: Origin", () => {
  it("accepts the app's origin, the request's own host, and a missing Origin (non-browser client)", () => {
    expect(check({})).toBeNull();
    expect(check({ origin: "http://10.0.0.11:3000" })).toBeNull();
    expect(check({ origin: null })).toBeNull();
  });

  it("refuses another site, a look-alike, another port or scheme, and the opaque origin null with 403", () => {
    for (const origin of ["https://evil.example", "https://countersign.example.org.evil.example", "https://countersign.example.org:8443", "http://countersign.example.org", "null", "not a url"]) {
      expect(check({ origin })).toMatchObject({ status: 403, message: expect.stringMatching(/another site/) });
    }
  });
});

describe("checkUploadHeaders: Content-Type", () => {
  it("accepts the CSV and JSON Lines types and text/plain, with parameters and any case", () => {
    for (const contentType of ["text/csv", "text/csv; charset=utf-8", "application/x-ndjson", "application/jsonl", "Text/Plain;charset=UTF-8"]) expect(check({ contentType })).toBeNull();
  });

  it("tells a multipart form upload to send the file as the request body", () => {
    expect(check({ contentType: "multipart/form-data; boundary=----x" })).toEqual({ status: 415, message: expect.stringMatching(/^Send the file as the request body, not as a form upload/) });
  });

  it("refuses other or missing types with 415", () => {
    expect(check({ contentType: "application/octet-stream" })).toMatchObject({ status: 415, message: expect.stringMatching(/"application\/octet-stream" is not accepted/) });
    expect(check({ contentType: null })).toMatchObject({ status: 415, message: expect.stringMatching(/Content-Type is missing/) });
  });
});

describe("checkUploadHeaders: Content-Length", () => {
  it("refuses a declared length over the limit with 413 before a byte is read", () => {
    expect(check({ contentLength: "1001" })).toEqual({ status: 413, message: "The file is larger than the 1,000-byte limit; nothing was imported." });
    expect(checkUploadHeaders({ ...ok, contentLength: String(600 * 1024 * 1024) }, { ...settings, maxBytes: 512 * 1024 * 1024 })).toMatchObject({ status: 413, message: expect.stringMatching(/512 MiB limit/) });
  });

  it("accepts a length at the limit, and no length (chunked: enforced while streaming)", () => {
    expect(check({ contentLength: "1000" })).toBeNull();
    expect(check({ contentLength: null })).toBeNull();
  });

  it("refuses a malformed length with 411", () => {
    expect(check({ contentLength: "-1" })).toMatchObject({ status: 411 });
    expect(check({ contentLength: "12abc" })).toMatchObject({ status: 411 });
  });
});
