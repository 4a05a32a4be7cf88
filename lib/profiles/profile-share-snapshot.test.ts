import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildProfileShareSnapshot, serializeProfileShareSnapshot, type ProfileShareSnapshotInput } from "./profile-share-snapshot";

const HASH = "a".repeat(64);
const input = (over: Partial<ProfileShareSnapshotInput> = {}): ProfileShareSnapshotInput => ({
  audit: { slug: "shop-launch-2026-06-01", title: "Shop", profile: "launch_readiness", profileLabel: "Production readiness", projectName: "shop", strictness: "HIGH" },
  verdict: "READY_WITH_CONDITIONS",
  gate: "CONDITIONAL_PASS",
  reasons: ["b reason", "a reason"],
  signOffHash: HASH,
  findings: [
    { id: 3, section: "security", title: "S3", severity: "LOW", category: "FIX_SOON", status: "OPEN", owner: "ops", dueDate: "2026-07-01" },
    { id: 2, section: "code-health", title: "C2", severity: "LOW", category: "ACCEPTABLE_RISK", status: "ACCEPTED", owner: null, dueDate: null },
    { id: 1, section: "security", title: "S1", severity: "HIGH", category: "FIX_SOON", status: "RESOLVED", owner: null, dueDate: null },
  ],
  documents: [
    { kind: "report", version: 1, fileName: "r1.md", sha256: "1".repeat(64) },
    { kind: "report", version: 3, fileName: "r3.md", sha256: "3".repeat(64) },
    { kind: "adr", version: 2, fileName: "adr.md", sha256: "2".repeat(64) },
    { kind: "report", version: 2, fileName: "r2.md", sha256: "2".repeat(64) },
  ],
  signOffs: [
    { signer: "Ann", signedAt: new Date("2026-06-02T10:00:00Z"), snapshotHash: HASH, revokedAt: null },
    { signer: "Bob", signedAt: new Date("2026-06-01T09:00:00Z"), snapshotHash: "b".repeat(64), revokedAt: null },
    { signer: "Cid", signedAt: new Date("2026-06-02T11:00:00Z"), snapshotHash: HASH, revokedAt: new Date("2026-06-03T00:00:00Z") },
  ],
  publishedAt: new Date("2026-06-04T12:34:56.789Z"),
  eventLogHeadHash: null,
  ...over,
});

describe("buildProfileShareSnapshot", () => {
  const s = buildProfileShareSnapshot(input());
  it("sorts findings by section then id and keeps only the published fields", () => {
    expect(s.findings.map((f) => f.id)).toEqual([2, 1, 3]);
    expect(Object.keys(s.findings[0]).sort()).toEqual(["category", "dueDate", "id", "owner", "section", "severity", "status", "title"]);
  });
  it("orders sections as the seeds do (phases by number, then lenses), not by name; others last by name", () => {
    const f = (id: number, section: string) => ({ id, section, title: "T", severity: "LOW", category: null, status: "OPEN", owner: null, dueDate: null });
    const sections = buildProfileShareSnapshot(input({ findings: [f(1, "zz-other"), f(2, "observability"), f(3, "data-safety"), f(4, "architect"), f(5, "general"), f(6, "data-safety")] })).findings.map((x) => `${x.section}:${x.id}`);
    expect(sections).toEqual(["data-safety:3", "data-safety:6", "observability:2", "architect:4", "general:5", "zz-other:1"]);
  });
  it("publishes the newest version of each document kind, sorted by kind", () => {
    expect(s.documents.map((d) => `${d.kind}:${d.version}:${d.fileName}`)).toEqual(["adr:2:adr.md", "report:3:r3.md"]);
  });
  it("gives each signature its status against the sign-off hash: valid, stale, revoked", () => {
    expect(s.signatures.map((g) => [g.signer, g.status])).toEqual([
      ["Ann", "valid"],
      ["Bob", "stale"],
      ["Cid", "revoked"],
    ]);
    expect(s.signatures[1].signedAt).toBe("2026-06-01T09:00:00.000Z");
  });
  it("keeps the reasons in the verdict's order and the instant in UTC", () => {
    expect(s.reasons).toEqual(["b reason", "a reason"]);
    expect(s.publishedAt).toBe("2026-06-04T12:34:56.789Z");
  });
});

describe("serializeProfileShareSnapshot", () => {
  it("is RFC 8785 canonical JSON (keys sorted, no spaces) and the SHA-256 of its UTF-8 bytes", () => {
    const s = buildProfileShareSnapshot(input({ audit: { ...input().audit, title: "Café ünïcode" } }));
    const { json, hash } = serializeProfileShareSnapshot(s);
    expect(json.startsWith('{"audit":{"profile":"launch_readiness"')).toBe(true);
    expect(Object.keys(JSON.parse(json))).toEqual([...Object.keys(s)].sort());
    expect(json).not.toMatch(/": /);
    expect(hash).toBe(createHash("sha256").update(Buffer.from(json, "utf8")).digest("hex"));
    // same content, keys built in another order: same bytes
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as typeof s;
    expect(serializeProfileShareSnapshot(reordered).json).toBe(json);
  });
});
