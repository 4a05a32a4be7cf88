import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildBundleFiles, buildBundleZip, bundleMtime } from "./bundle";
import { capabilityCheck, degradedModes } from "./capability";
import { closureGateStatus } from "./gate-status";
import type { BundleInput } from "./input";
import { summaryMetrics } from "./metrics";
import { BUNDLE_FILES, SCHEMA_FILES } from "./paths";
import { auditWindow, decisionReplayPacket } from "./replay-packet";
import { fixtureBundleInput, readZip, schemaErrors } from "./testing";

const T = "2027-01-01T10:00:00.000Z";

/** A FAIL audit with a break-glass exception granted, a waiver and a two-person approval. */
function withApprovalChain(): BundleInput {
  const input = fixtureBundleInput({ findings: { 0: { finding: "FAIL", critical: "save_not_persisted" } }, waiverKeyIds: ["k2", "k1"] });
  input.gateState = "EXCEPTION";
  input.signOff.signatures = [{ id: 1, signer: "Ana Approver", snapshotHash: "f".repeat(64), statement: "ok", createdAt: T, revokedAt: null, revokeReason: null, status: "stale" }];
  input.signOff.breakGlass = {
    requestedBy: "Olivia Operator",
    impact: "critical",
    justification: "Payments down",
    contacts: { data_team_lead: "alice@org", compliance_officer: "bob@org", cto_escalation: "charlie@org" },
    allowed: true,
    securityUnavailableSince: "2027-01-01T01:00:00.000Z",
    singleSignerDeclaredAt: null,
    grantedAt: T,
    retrospectiveDue: "2027-01-08",
    createdAt: T,
    state: "granted",
    pairWarning: null,
    countersignatures: [
      { signer: "Ana Approver", roles: ["approver"], slot: "technical_owner", statement: "needed", createdAt: T },
      { signer: "Sam Security", roles: ["security"], slot: "compliance_security", statement: "agreed", createdAt: T },
    ],
  };
  input.signOff.destructive = {
    required: true,
    cleared: true,
    waivers: [{ waiverId: "W-1", record: { waiver_id: "W-1", audit_slug: input.audit.slug, scope: "DELETE", issuer: "sec@org", issued_at: T, expires_at: T, key_id: "k1" }, signature: "ab".repeat(32), keyId: "k1", recordedBy: "Olivia Operator", createdAt: T, revokedAt: null, status: "valid" }],
    approvals: [{ approver: "Sam Security", roles: ["security"], statement: "ok", degraded: true, createdAt: T }],
  };
  input.securityAvailability = [{ name: "Sam Security", email: "s@x", available: false, since: "2027-01-01T01:00:00.000Z" }];
  return input;
}

describe("bundle files", () => {
  it("are the seed's outputs under tmp/by-week/YYYY-Www/{slug}/ in a fixed order", () => {
    const files = buildBundleFiles(fixtureBundleInput({ auditDate: "2027-01-01" }));
    expect(files.map((f) => f.path)).toEqual(BUNDLE_FILES.map((f) => `tmp/by-week/2026-W53/fixture-2027-01-01/${f}`));
    for (const f of files) expect(f.content.endsWith("\n"), f.path).toBe(true);
  });

  it.each([
    ["a PASS audit", () => fixtureBundleInput()],
    ["a FAIL audit with break-glass, waiver and two-person approval", withApprovalChain],
    ["an audit without a population", () => Object.assign(fixtureBundleInput(), { populationImport: null, sample: null, units: [], summary: null, upperBound: null })],
  ])("every JSON file of %s matches its schema in public/schemas", (_name, make) => {
    const input = make();
    for (const f of buildBundleFiles(input)) {
      const rel = f.path.replace(/^tmp\/by-week\/[^/]+\/[^/]+\//, "");
      if (!rel.endsWith(".json")) continue;
      expect(SCHEMA_FILES[rel as keyof typeof SCHEMA_FILES], rel).toBeDefined();
      expect(schemaErrors(rel, f.content), rel).toEqual([]);
    }
  });

  it("a schema rejects a wrong file", () => {
    expect(schemaErrors("closure_gate_status.json", JSON.stringify({ gate_state: "MAYBE" }))).not.toEqual([]);
  });
});

describe("JSON artifacts", () => {
  it("summary_metrics carries the rates, bound and strata of the input", () => {
    const input = fixtureBundleInput();
    const m = summaryMetrics(input);
    expect(m).toMatchObject({ verdict: "PASS", gate_state: "OPEN", population_size: 40, sampled: 20, reviewed: 20, defect_rate: 0, unknown_rate: 0, strata: { random: { size: 20, reviewed: 20 } } });
    expect(m.defect_rate_upper_bound.value).toBe(input.upperBound);
  });

  it("decision_replay_packet has SHA-256 query hashes, versions, window, seed, checksum and every (counter)signature", () => {
    const p = decisionReplayPacket(withApprovalChain());
    expect(p.query_hashes).toEqual({
      algorithm: "SHA-256",
      source_of_truth_query: createHash("sha256").update("SELECT 1").digest("hex"),
      stability_test_query: createHash("sha256").update("SELECT 2").digest("hex"),
    });
    expect(p.schema_versions).toEqual({ database_engine: "sqlite", database_migration: "0003_fixture", auditor_output_schema: "1.0", trigger_contract_version: "1.0" });
    expect(p.sampling.seed).toBe("00112233445566778899aabbccddeeff");
    expect(p.approval_chain.break_glass?.countersignatures.map((c) => c.slot)).toEqual(["technical_owner", "compliance_security"]);
    expect(p.approval_chain.sign_offs).toHaveLength(1);
    expect(p.approval_chain.destructive_clearance.waivers[0].signature).toBe("ab".repeat(32));
    expect([p.window_start, p.window_end]).toEqual(["2027-01-01T09:00:00.000Z", "2027-01-01T09:00:00.000Z"]);
  });

  it("the window ends at closeout when closed", () => {
    const input = fixtureBundleInput();
    input.audit.closedAt = "2027-01-02T00:00:00.000Z";
    expect(auditWindow(input)).toEqual({ start: "2027-01-01T09:00:00.000Z", end: "2027-01-02T00:00:00.000Z" });
  });

  it("capability_check flags degraded modes: no waiver key, one break-glass signer, security unavailable", () => {
    const input = fixtureBundleInput();
    expect(degradedModes(input).map((d) => d.code)).toEqual(["NO_WAIVER_KEY"]);
    const one = withApprovalChain();
    one.signOff.breakGlass!.state = "escalated_to_cto";
    one.signOff.breakGlass!.countersignatures.pop();
    expect(degradedModes(one).map((d) => d.code)).toEqual(["TWO_PERSON_DEGRADED", "SECURITY_UNAVAILABLE", "SINGLE_BREAK_GLASS_SIGNER"]);
    expect(capabilityCheck(one).capabilities.waiver_verification).toEqual({ available: true, key_ids: ["k1", "k2"] });
  });

  it("closure_gate_status has the gate in force, verdict, approval chain, security availability and exception", () => {
    const g = closureGateStatus(withApprovalChain());
    expect(g).toMatchObject({ gate_state: "EXCEPTION", verdict: "FAIL", verdict_gate_state: "BLOCKED", exception: { state: "granted", retrospective_due: "2027-01-08" } });
    expect(g.security_availability).toEqual([{ name: "Sam Security", email: "s@x", available: false, since: "2027-01-01T01:00:00.000Z" }]);
    expect(g.approval_chain.break_glass?.countersignatures).toHaveLength(2);
  });
});

describe("the zip", () => {
  it("is byte-identical for the same state, with a fixed mtime and order", async () => {
    const a = await buildBundleZip(withApprovalChain());
    const b = await buildBundleZip(withApprovalChain());
    expect(a.equals(b)).toBe(true);
    const entries = await readZip(a);
    expect(entries.map((e) => e.path)).toEqual(buildBundleFiles(withApprovalChain()).map((f) => f.path));
    for (const e of entries) expect(e.mtime.getTime()).toBe(bundleMtime("2027-01-01").getTime());
    expect(entries[0].content.toString("utf8")).toContain("# Post-production audit summary");
  });

  it("changes when the state changes", async () => {
    const other = fixtureBundleInput({ findings: { 0: { finding: "UNKNOWN" } } });
    expect((await buildBundleZip(fixtureBundleInput())).equals(await buildBundleZip(other))).toBe(false);
  });
});
