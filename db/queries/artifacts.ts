import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { readFileSync } from "node:fs";
import path from "node:path";
import appPackage from "@/package.json";
import type { BundleEnvironment, BundleEvent, BundleInput, BundleUnit, ReviewRevision } from "@/lib/artifacts/input";
import { defectRateUpperBound } from "@/lib/estimation";
import { parseRoles } from "@/lib/roles";
import { INCLUSION_REASONS, type InclusionReason, type RiskTier } from "@/lib/sampling";
import pgJournal from "../migrations/pg/meta/_journal.json";
import sqliteJournal from "../migrations/sqlite/meta/_journal.json";
import type { Reader } from "../handle";
import type { Audit, Engine } from "../schema";
import { verifyEventChain } from "./events";
import { getSignOffState, listSecurityAvailability } from "./signoff";

/** Libraries whose installed versions go into decision_replay_packet.json `tool_versions`. */
const KEY_LIBRARIES = ["next", "react", "drizzle-orm", "better-sqlite3", "pg", "date-fns", "csv-parse", "csv-stringify", "yazl", "canonicalize", "zod"] as const;

/**
 * The newest committed migration of an engine (db/migrations/<engine>/meta/_journal.json), e.g.
 * `0003_share_snapshots_api_tokens`: the database schema version the app migrates to at start.
 */
export function latestMigrationId(engine: Engine): string {
  const entries = (engine === "pg" ? pgJournal : sqliteJournal).entries;
  return entries.reduce((a, b) => (b.idx > a.idx ? b : a)).tag;
}

/**
 * The runtime environment recorded in an artifact bundle: database engine and migration, app
 * version (package.json), Node version, platform, installed versions of key libraries (read from
 * node_modules/<name>/package.json under the working directory; the declared range when not found),
 * waiver key ids (never the secrets) and the separation-of-duties setting. Nothing here changes
 * between two exports on the same server, so bundles stay byte-identical.
 */
export function runtimeEnvironment(args: { engine: Engine; waiverKeyIds: string[]; separationOfDuties: boolean }): BundleEnvironment {
  const declared: Record<string, string> = { ...appPackage.dependencies, ...appPackage.devDependencies };
  const libraries: Record<string, string> = {};
  for (const name of KEY_LIBRARIES) {
    try {
      libraries[name] = (JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      if (declared[name]) libraries[name] = declared[name];
    }
  }
  return {
    engine: args.engine,
    migrationId: latestMigrationId(args.engine),
    appVersion: appPackage.version,
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
    libraries,
    waiverKeyIds: [...args.waiverKeyIds].sort(),
    separationOfDuties: args.separationOfDuties,
  };
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

function parseRecord(text: string): Record<string, string> {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : { value: String(value) };
  } catch {
    return { raw: text };
  }
}

/**
 * Gathers everything an audit's artifact bundle is built from (lib/artifacts/input.ts), reusing
 * the report, sign-off state, security availability and event-chain queries, so the bundle shows
 * exactly what the app decides: the verdict recomputed from stored reviews, the gate in force, the
 * sign-off chain with statuses at `now`. Reads only; writes nothing (no event for an export).
 * @param now UTC instant at which time-dependent statuses (waiver expiry, request deadlines) are
 *   judged; it is not written into the bundle.
 * @param environment see `runtimeEnvironment`.
 */
export async function getBundleInput(db: Reader, { audit, now, environment }: { audit: Audit; now: Date; environment: BundleEnvironment }): Promise<BundleInput> {
  const { sampleUnits, sampleUnitReasons, units, reviewHistory, events, users } = db.tables;
  const [state, security, chain, unitRows, reasonRows, historyRows, eventRows] = await Promise.all([
    getSignOffState(db, { audit, now }),
    listSecurityAvailability(db),
    verifyEventChain(db),
    db
      .select({ su: sampleUnits, unitKey: units.unitKey, executionStatus: units.executionStatus, subgroup: units.subgroup, identityKey: units.identityKey, record: units.record })
      .from(sampleUnits)
      .innerJoin(units, eq(units.id, sampleUnits.unitId))
      .where(eq(sampleUnits.auditId, audit.id))
      .orderBy(asc(sampleUnits.position)),
    db
      .select({ sampleUnitId: sampleUnitReasons.sampleUnitId, reason: sampleUnitReasons.reason })
      .from(sampleUnitReasons)
      .innerJoin(sampleUnits, eq(sampleUnits.id, sampleUnitReasons.sampleUnitId))
      .where(eq(sampleUnits.auditId, audit.id)),
    db
      .select({ h: reviewHistory, reviewer: users.name })
      .from(reviewHistory)
      .innerJoin(sampleUnits, eq(sampleUnits.id, reviewHistory.sampleUnitId))
      .innerJoin(users, eq(users.id, reviewHistory.reviewedBy))
      .where(eq(sampleUnits.auditId, audit.id))
      .orderBy(asc(reviewHistory.id)),
    db
      .select({ id: events.id, type: events.type, payload: events.payload, createdAt: events.createdAt, prevHash: events.prevHash, hash: events.hash, actor: users.name })
      .from(events)
      .leftJoin(users, eq(users.id, events.actorId))
      .where(eq(events.auditId, audit.id))
      .orderBy(asc(events.id)),
  ]);
  const { report } = state;

  // Names of everyone the bundle mentions by id.
  const ids = new Set<number>([audit.createdBy]);
  if (audit.closedBy !== null) ids.add(audit.closedBy);
  if (report.populationImport) ids.add(report.populationImport.importedBy);
  if (report.sample) ids.add(report.sample.drawnBy);
  if (state.breakGlass) ids.add(state.breakGlass.request.requestedBy);
  for (const w of state.destructive.waivers) ids.add(w.recordedBy);
  for (const r of unitRows) if (r.su.reviewedBy !== null) ids.add(r.su.reviewedBy);
  const nameRows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  const names = new Map(nameRows.map((u) => [u.id, u.name]));
  const nameOf = (id: number) => names.get(id) ?? `user ${id}`;

  const reasons = new Map<number, InclusionReason[]>();
  for (const r of reasonRows) {
    const list = reasons.get(r.sampleUnitId) ?? [];
    list.push(r.reason as InclusionReason);
    reasons.set(r.sampleUnitId, list);
  }
  const history = new Map<number, ReviewRevision[]>();
  for (const { h, reviewer } of historyRows) {
    const list = history.get(h.sampleUnitId) ?? [];
    list.push({ revision: h.id, finding: h.finding, criticalKind: h.criticalKind, falsePositive: h.falsePositive, remediationOwner: h.remediationOwner, note: h.note, reviewer, at: h.createdAt.toISOString() });
    history.set(h.sampleUnitId, list);
  }
  const bundleUnits: BundleUnit[] = unitRows.map(({ su, ...u }) => {
    const revisions = history.get(su.id) ?? [];
    return {
      position: su.position,
      unitKey: u.unitKey,
      executionStatus: u.executionStatus,
      subgroup: u.subgroup,
      identityKey: u.identityKey,
      record: parseRecord(u.record),
      stratum: su.stratum,
      reasons: (reasons.get(su.id) ?? []).sort((a, b) => INCLUSION_REASONS.indexOf(a) - INCLUSION_REASONS.indexOf(b)),
      finding: su.finding,
      criticalKind: su.criticalKind,
      falsePositive: su.falsePositive,
      remediationOwner: su.remediationOwner,
      remediationDueAt: iso(su.remediationDueAt),
      remediationDestructive: su.remediationDestructive,
      note: su.note,
      reviewedBy: su.reviewedBy === null ? null : nameOf(su.reviewedBy),
      reviewedAt: iso(su.reviewedAt),
      revision: revisions.at(-1)?.revision ?? null,
      history: revisions,
    };
  });

  const auditEvents: BundleEvent[] = eventRows.map((e) => ({ id: e.id, type: e.type, actor: e.actor, createdAt: e.createdAt, prevHash: e.prevHash, hash: e.hash, payload: JSON.parse(e.payload) as unknown }));
  const stabilityAttempts = eventRows
    .filter((e) => e.type === "audit.stability_recorded")
    .map((e) => {
      const p = JSON.parse(e.payload) as { passed: boolean; actualResult: string };
      return { at: e.createdAt, actualResult: p.actualResult, passed: p.passed, by: e.actor };
    });

  const imp = report.populationImport;
  const sample = report.sample;
  const bg = state.breakGlass;
  return {
    audit: {
      slug: audit.slug,
      projectName: audit.projectName,
      auditDate: audit.auditDate,
      title: audit.title,
      changeDescription: audit.changeDescription,
      riskTier: audit.riskTier as RiskTier,
      triggerReasons: audit.triggerReasons,
      triggerContractVersion: audit.triggerContractVersion,
      bulkMutationThreshold: audit.bulkMutationThreshold,
      duplicateClusterCap: audit.duplicateClusterCap,
      sotQuery: audit.sotQuery,
      sotStabilityQuery: audit.sotStabilityQuery,
      sotExpectedResult: audit.sotExpectedResult,
      consistencyModel: audit.consistencyModel,
      stalenessBoundSeconds: audit.stalenessBoundSeconds,
      stabilityActualResult: audit.stabilityActualResult,
      stabilityCheckedAt: iso(audit.stabilityCheckedAt),
      createdAt: audit.createdAt.toISOString(),
      createdBy: nameOf(audit.createdBy),
      closedAt: iso(audit.closedAt),
      closedBy: audit.closedBy === null ? null : nameOf(audit.closedBy),
    },
    stabilityAttempts,
    populationImport: imp
      ? {
          fileName: imp.fileName,
          format: imp.format,
          sha256: imp.sha256,
          byteSize: imp.byteSize,
          rowCount: imp.rowCount,
          failedCount: imp.failedCount,
          unknownCount: imp.unknownCount,
          populationChecksum: imp.populationChecksum,
          columnMapping: imp.columnMapping,
          highRiskSubgroups: imp.highRiskSubgroups,
          importedBy: nameOf(imp.importedBy),
          importedAt: imp.importedAt.toISOString(),
        }
      : null,
    sample: sample
      ? {
          seed: sample.seed,
          populationChecksum: sample.populationChecksum,
          riskTier: sample.riskTier as RiskTier,
          tierSize: sample.tierSize,
          requestedRandomSize: sample.requestedRandomSize,
          populationSize: sample.populationSize,
          censusSize: sample.censusSize,
          randomSize: sample.randomSize,
          clustersIncluded: sample.clustersIncluded,
          clusterUnits: sample.clusterUnits,
          clustersAvailable: sample.clustersAvailable,
          warnings: sample.warnings,
          drawnBy: nameOf(sample.drawnBy),
          drawnAt: sample.drawnAt.toISOString(),
        }
      : null,
    units: bundleUnits,
    summary: report.summary,
    assessment: report.assessment,
    gateState: state.gateState,
    upperBound: report.assessment.rates?.defectUpper ?? (report.summary ? defectRateUpperBound(report.summary) : null),
    signOff: {
      snapshotHash: state.hash,
      signatures: state.signatures.map((s) => ({ id: s.id, signer: s.signer, snapshotHash: s.snapshotHash, statement: s.statement, createdAt: s.createdAt.toISOString(), revokedAt: iso(s.revokedAt), revokeReason: s.revokeReason, status: s.status })),
      validSignOffs: state.validSignOffs,
      breakGlass: bg
        ? {
            requestedBy: nameOf(bg.request.requestedBy),
            impact: bg.request.impact,
            justification: bg.request.justification,
            contacts: bg.request.contacts,
            allowed: bg.request.allowed,
            securityUnavailableSince: iso(bg.request.securityUnavailableSince),
            singleSignerDeclaredAt: iso(bg.request.singleSignerDeclaredAt),
            grantedAt: iso(bg.request.grantedAt),
            retrospectiveDue: bg.request.retrospectiveDue,
            createdAt: bg.request.createdAt.toISOString(),
            state: bg.state,
            pairWarning: bg.pairWarning,
            countersignatures: bg.signatures.map((c) => ({ signer: c.signer, roles: c.roles, slot: c.slot, statement: c.statement, createdAt: c.createdAt.toISOString() })),
          }
        : null,
      destructive: {
        required: state.destructive.required,
        cleared: state.destructive.cleared,
        waivers: state.destructive.waivers.map((w) => ({ waiverId: w.waiverId, record: w.record, signature: w.signature, keyId: w.keyId, recordedBy: nameOf(w.recordedBy), createdAt: w.createdAt.toISOString(), revokedAt: iso(w.revokedAt), status: w.status })),
        approvals: state.destructive.approvals.map((a) => ({ approver: a.name, roles: parseRoles(a.roles), statement: a.statement, degraded: a.degraded, createdAt: a.createdAt.toISOString() })),
      },
      closeoutRefusals: state.closeoutRefusals,
    },
    securityAvailability: security.map((u) => ({ name: u.name, email: u.email, available: u.available, since: u.since.toISOString() })),
    eventLog: { headHash: chain.headHash, entries: chain.entries, intact: chain.firstBroken === null, auditEvents },
    environment,
  };
}
