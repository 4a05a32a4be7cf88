/**
 * The two schema declarations (SQLite and PostgreSQL) describe the same tables: columns,
 * nullability, defaults' meaning, the JavaScript type a read returns, enums, primary and unique
 * keys, indexes and foreign keys. Any drift fails here, before it reaches a migration.
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer as pgInteger, pgTable, text as pgText, timestamp } from "drizzle-orm/pg-core";
import { index as sqliteIndex, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { describeSchema, describeTable } from "./describe-schema";
import * as pg from "./pg";
import * as sqlite from "./sqlite";

describe("schema declarations per engine", () => {
  it("describe the same tables, columns, keys, indexes and foreign keys", () => {
    const a = describeSchema(sqlite);
    const b = describeSchema(pg);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const table of Object.keys(a)) expect(a[table], `table ${table}`).toEqual(b[table]);
  });

  it("read back as the expected kinds (spot checks of the normalisation)", () => {
    const s = describeSchema(sqlite);
    expect(s.users.columns.id).toMatchObject({ primaryKey: true, default: "generated id", kind: "number" });
    expect(s.users.columns.created_at).toMatchObject({ notNull: true, default: "now", kind: "date" });
    expect(s.audits.columns.trigger_reasons.kind).toBe("json");
    expect(s.sample_units.columns.false_positive).toMatchObject({ kind: "boolean", default: "value:false" });
    expect(s.events.columns.prev_hash.unique).toBe(true);
    expect(s.sample_unit_reasons.primaryKeys).toEqual([["sample_unit_id", "reason"]]);
  });
});

describe("the comparison notices drift", () => {
  // One reference table per engine, then variants that each differ from it in one aspect.
  const parent = sqliteTable("parent", { id: integer("id").primaryKey({ autoIncrement: true }) });
  const other = sqliteTable("other", { id: integer("id").primaryKey({ autoIncrement: true }) });
  const pgParent = pgTable("parent", { id: pgInteger("id").primaryKey().generatedByDefaultAsIdentity() });
  const pgOther = pgTable("other", { id: pgInteger("id").primaryKey().generatedByDefaultAsIdentity() });
  const sqliteRef = sqliteTable(
    "t",
    {
      parentId: integer("parent_id").notNull().references(() => parent.id),
      flag: integer("flag", { mode: "boolean" }).notNull().default(false),
      at: integer("at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
      label: text("label"),
    },
    (t) => [sqliteIndex("t_label").on(t.label)],
  );
  const pgRef = pgTable(
    "t",
    {
      parentId: pgInteger("parent_id").notNull().references(() => pgParent.id),
      flag: boolean("flag").notNull().default(false),
      at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
      label: pgText("label"),
    },
    (t) => [index("t_label").on(t.label)],
  );
  const describeOne = (t: Parameters<typeof describeTable>[0]) => describeTable(t).description;

  it("the reference pair is equal", () => {
    expect(describeOne(sqliteRef)).toEqual(describeOne(pgRef));
  });

  it.each([
    ["nullability", pgTable("t", { parentId: pgInteger("parent_id").references(() => pgParent.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgText("label") }, (t) => [index("t_label").on(t.label)])],
    ["a missing index", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgParent.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgText("label") })],
    ["a default's meaning", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgParent.id), flag: boolean("flag").notNull().default(true), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgText("label") }, (t) => [index("t_label").on(t.label)])],
    ["a missing default", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgParent.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull(), label: pgText("label") }, (t) => [index("t_label").on(t.label)])],
    ["a foreign key's target", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgOther.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgText("label") }, (t) => [index("t_label").on(t.label)])],
    ["a column's type", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgParent.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgInteger("label") }, (t) => [index("t_label").on(t.label)])],
    ["a unique index", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgParent.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgText("label") }, (t) => [index("t_label").on(t.label), index("t_x").on(t.parentId)])],
    ["uniqueness", pgTable("t", { parentId: pgInteger("parent_id").notNull().references(() => pgParent.id), flag: boolean("flag").notNull().default(false), at: timestamp("at", { withTimezone: true }).notNull().defaultNow(), label: pgText("label").unique() }, (t) => [index("t_label").on(t.label)])],
  ])("differs in %s", (_aspect, variant) => {
    expect(describeOne(sqliteRef)).not.toEqual(describeOne(variant));
  });

  it("notices a different foreign key target on the SQLite side too", () => {
    const variant = sqliteTable("t", {
      parentId: integer("parent_id").notNull().references(() => other.id),
      flag: integer("flag", { mode: "boolean" }).notNull().default(false),
      at: integer("at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
      label: text("label"),
    }, (t) => [sqliteIndex("t_label").on(t.label)]);
    expect(describeOne(variant)).not.toEqual(describeOne(pgRef));
  });
});
