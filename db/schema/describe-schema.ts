/**
 * Engine-neutral descriptions of the two schema declarations (./sqlite.ts and ./pg.ts), built with
 * drizzle's own introspection (`getTableConfig`), so db/schema/drift.test.ts can compare them.
 * Not imported by the app.
 */
import { is, SQL } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";

type AnyColumn = {
  name: string;
  notNull: boolean;
  primary: boolean;
  hasDefault: boolean;
  default?: unknown;
  dataType: string;
  columnType: string;
  enumValues?: readonly string[];
  isUnique: boolean;
  uniqueName?: string;
  autoIncrement?: boolean;
  generatedIdentity?: unknown;
};

export type ColumnDescription = {
  notNull: boolean;
  primaryKey: boolean;
  /** "none", "now", "generated id", or "value:<JSON>" */
  default: string;
  /** JavaScript kind a read returns: number, string, boolean, date, json. */
  kind: string;
  enumValues: string[] | null;
  unique: boolean;
};

export type TableDescription = {
  columns: Record<string, ColumnDescription>;
  primaryKeys: string[][];
  uniques: string[][];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[] }[];
};

/** What a column's default means, independent of how each engine spells it. */
function defaultMeaning(c: AnyColumn): string {
  if (c.generatedIdentity || c.autoIncrement) return "generated id";
  // drizzle marks a SQLite INTEGER PRIMARY KEY as having a default (the rowid) with no value: we
  // always supply such keys (they reference another table), so it means no default here.
  if (!c.hasDefault || c.default === undefined) return "none";
  const d = c.default;
  if (is(d, SQL)) {
    const text = d.queryChunks.map((q) => (typeof q === "object" && q !== null && "value" in q ? String((q as { value: unknown }).value) : String(q))).join("");
    if (/unixepoch|now\(\)|current_timestamp/i.test(text)) return "now";
    return `sql:${text}`;
  }
  return `value:${JSON.stringify(d)}`;
}

/** What a read of the column returns in JavaScript. */
function kind(c: AnyColumn): string {
  if (c.dataType === "json" || c.columnType === "PgJsonb" || c.columnType === "PgJson") return "json";
  if (c.dataType === "date") return "date";
  return c.dataType;
}

function describeColumn(c: AnyColumn): ColumnDescription {
  return {
    notNull: c.notNull,
    primaryKey: c.primary,
    default: defaultMeaning(c),
    kind: kind(c),
    enumValues: c.enumValues && c.enumValues.length > 0 ? [...c.enumValues] : null,
    unique: c.isUnique,
  };
}

const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Describes one table of either engine. */
export function describeTable(table: PgTable | SQLiteTable): { name: string; description: TableDescription } {
  const config = is(table, PgTable) ? pgConfig(table) : sqliteConfig(table as SQLiteTable);
  const columns = config.columns as unknown as AnyColumn[];
  const nameOf = (col: { name: string }) => col.name;
  return {
    name: config.name,
    description: {
      columns: Object.fromEntries(sorted(columns.map((c) => c.name)).map((n) => [n, describeColumn(columns.find((c) => c.name === n)!)])),
      primaryKeys: sorted(config.primaryKeys.map((pk) => pk.columns.map(nameOf))),
      uniques: sorted(config.uniqueConstraints.map((u) => u.columns.map(nameOf))),
      indexes: sorted(
        config.indexes.map((i) => ({
          name: i.config.name ?? "",
          columns: i.config.columns.map((c) => (typeof c === "object" && c !== null && "name" in c ? String((c as { name: string }).name) : String(c))),
          unique: Boolean(i.config.unique),
        })),
      ),
      foreignKeys: sorted(
        config.foreignKeys.map((fk) => {
          const ref = fk.reference();
          const foreignName = is(ref.foreignTable, PgTable) ? pgConfig(ref.foreignTable).name : sqliteConfig(ref.foreignTable as unknown as SQLiteTable).name;
          return { columns: ref.columns.map(nameOf), table: foreignName, foreignColumns: ref.foreignColumns.map(nameOf) };
        }),
      ),
    },
  };
}

/** Describes every table exported by a schema module, keyed by SQL table name. */
export function describeSchema(module: Record<string, unknown>): Record<string, TableDescription> {
  const out: Record<string, TableDescription> = {};
  for (const value of Object.values(module)) {
    if (is(value, PgTable) || is(value, SQLiteTable)) {
      const { name, description } = describeTable(value as PgTable | SQLiteTable);
      out[name] = description;
    }
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}
