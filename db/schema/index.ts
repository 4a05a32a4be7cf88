/**
 * The schema as the data layer sees it. Queries and mutations are written once against these
 * types and take their tables from the handle (`db.tables`), which holds the declaration of the
 * handle's engine (./sqlite.ts or ./pg.ts). Both declarations read back the same row types.
 */
import * as pg from "./pg";
import * as sqlite from "./sqlite";

/** The tables, typed by the PostgreSQL declaration (the SQLite one reads back the same shapes). */
export type Tables = typeof pg;
export type Engine = "sqlite" | "pg";

/** The table declarations of one engine. */
export function tablesFor(engine: Engine): Tables {
  return engine === "pg" ? pg : (sqlite as unknown as Tables);
}

export type User = typeof pg.users.$inferSelect;
export type Audit = typeof pg.audits.$inferSelect;
export type PopulationImport = typeof pg.populationImports.$inferSelect;
export type Unit = typeof pg.units.$inferSelect;
export type Sample = typeof pg.samples.$inferSelect;
export type SampleUnit = typeof pg.sampleUnits.$inferSelect;
export type ShareLink = typeof pg.shareLinks.$inferSelect;
export type Event = typeof pg.events.$inferSelect;
export type ProfileAudit = typeof pg.profileAudits.$inferSelect;
export type ProfileFinding = typeof pg.profileFindings.$inferSelect;
export type ProfileSignOff = typeof pg.profileSignOffs.$inferSelect;
