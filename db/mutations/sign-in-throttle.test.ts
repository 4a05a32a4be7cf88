/**
 * Integration tests of the sign-in throttle (db/mutations/sign-in-throttle.ts, through
 * lib/server/sign-in.ts attemptSignIn): issue 10 "Lockout bypass" and "User enumeration".
 * The password checks are counted by injecting the verifier.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn, type PasswordChecks, type SignInResult } from "@/lib/server/sign-in";
import { verifyPassword } from "@/lib/server/passwords";
import { BASE_LOCK_SECONDS, FREE_ATTEMPTS } from "@/lib/sign-in-throttle";
import type { Db } from "../handle";
import { openTestDb, type TestDb } from "../testing";
import { claimSignInAttempt } from "./sign-in-throttle";
import { createUser, setUserActive } from "./users";

let t: TestDb;
let db: Db;
let adminId: number;

/** Real argon2 checks, counted. */
function countingChecks() {
  const counts = { verify: 0, burn: 0 };
  const checks: PasswordChecks = {
    async verify(hash, password) {
      counts.verify++;
      return verifyPassword(hash, password);
    },
    async burn() {
      counts.burn++;
      await new Promise((r) => setTimeout(r, 5));
    },
  };
  return { counts, checks };
}

const statuses = (results: SignInResult[]) => results.map((r) => r.status).sort();
const throttleRow = async (emailKey: string) => (await db.select().from(db.tables.signInThrottle).where(eq(db.tables.signInThrottle.emailKey, emailKey)))[0];
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

beforeAll(async () => {
  t = await openTestDb("throttle");
  db = t.db;
  adminId = await createUser(db, { email: "admin@test.example", name: "Admin", password: "admin-test-password", roles: ["admin"], actorId: null });
  await createUser(db, { email: "victim@test.example", name: "Victim", password: "victim-test-pass", roles: ["reviewer"], actorId: adminId });
  await createUser(db, { email: "sequential@test.example", name: "Seq", password: "sequential-pass-1", roles: ["reviewer"], actorId: adminId });
  await createUser(db, { email: "gone@test.example", name: "Gone", password: "gone-test-pass-1", roles: ["reviewer"], actorId: adminId });
});

afterAll(() => t.close());

describe("sign-in throttle", () => {
  it(`40 parallel wrong guesses at one account: at most ${FREE_ATTEMPTS} password checks, the rest locked`, async () => {
    const { counts, checks } = countingChecks();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attemptSignIn(db, { email: "victim@test.example", password: `wrong-guess-${i}`, now }, checks)));
    expect(counts.verify).toBe(FREE_ATTEMPTS);
    expect(statuses(results)).toEqual([...Array(40 - FREE_ATTEMPTS).fill("locked"), ...Array(FREE_ATTEMPTS).fill("wrong")]);
    // The right password is refused too while locked, without a check.
    expect(await attemptSignIn(db, { email: "victim@test.example", password: "victim-test-pass", now }, checks)).toEqual({ status: "locked", seconds: BASE_LOCK_SECONDS });
    expect(counts.verify).toBe(FREE_ATTEMPTS);
  });

  it("after the lock window, 40 more parallel guesses get one check, then a doubled lock", async () => {
    const { counts, checks } = countingChecks();
    const now = later(new Date(), BASE_LOCK_SECONDS + 1);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attemptSignIn(db, { email: "victim@test.example", password: `wrong-again-${i}`, now }, checks)));
    expect(counts.verify).toBe(1);
    expect(results.filter((r) => r.status === "wrong")).toHaveLength(1);
    expect(results.filter((r) => r.status === "locked")[0]).toEqual({ status: "locked", seconds: 2 * BASE_LOCK_SECONDS });
    expect((await throttleRow("victim@test.example")).failures).toBe(FREE_ATTEMPTS + 1);
  });

  it("an unknown email locks after the same number of attempts, with the same answer, and burns a dummy check each time", async () => {
    const { counts, checks } = countingChecks();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attemptSignIn(db, { email: "nobody@test.example", password: `guess-${i}`, now }, checks)));
    expect(counts).toEqual({ verify: 0, burn: FREE_ATTEMPTS });
    expect(statuses(results)).toEqual([...Array(40 - FREE_ATTEMPTS).fill("locked"), ...Array(FREE_ATTEMPTS).fill("wrong")]);
    expect(await attemptSignIn(db, { email: "nobody@test.example", password: "x", now }, checks)).toEqual({ status: "locked", seconds: BASE_LOCK_SECONDS });
  });

  it("sequential failures: four leave the account open, the fifth locks; the key is the trimmed, lowercased email", async () => {
    const { counts, checks } = countingChecks();
    const now = new Date();
    for (let i = 1; i < FREE_ATTEMPTS; i++) {
      expect(await attemptSignIn(db, { email: i % 2 ? " Sequential@Test.EXAMPLE " : "sequential@test.example", password: "nope-nope-nope", now }, checks)).toEqual({ status: "wrong" });
      expect((await throttleRow("sequential@test.example")).lockedUntil).toBeNull();
    }
    const ok = await attemptSignIn(db, { email: "SEQUENTIAL@test.example", password: "sequential-pass-1", now }, checks);
    expect(ok).toMatchObject({ status: "ok", user: { email: "sequential@test.example" } });
    expect(await throttleRow("sequential@test.example")).toBeUndefined();
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await attemptSignIn(db, { email: "sequential@test.example", password: "nope", now }, checks)).status).toBe("wrong");
    expect((await attemptSignIn(db, { email: "sequential@test.example", password: "sequential-pass-1", now }, checks)).status).toBe("locked");
    expect(counts.verify).toBe(2 * FREE_ATTEMPTS);
  });

  it("a deactivated user cannot sign in, answered like a wrong password; reactivated, they can", async () => {
    const { checks } = countingChecks();
    const gone = (await db.select().from(db.tables.users).where(eq(db.tables.users.email, "gone@test.example")))[0];
    await setUserActive(db, { userId: gone.id, active: false, actorId: adminId });
    expect(await attemptSignIn(db, { email: "gone@test.example", password: "gone-test-pass-1" }, checks)).toEqual({ status: "wrong" });
    await setUserActive(db, { userId: gone.id, active: true, actorId: adminId });
    expect((await attemptSignIn(db, { email: "gone@test.example", password: "gone-test-pass-1" }, checks)).status).toBe("ok");
  });

  it("claims are atomic on their own: 30 parallel claims on a fresh email grant exactly attempts 1..5", async () => {
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 30 }, () => claimSignInAttempt(db, { emailKey: "claims@test.example", now })));
    const granted = claims.flatMap((c) => (c.ok ? [c.attempt] : [])).sort((a, b) => a - b);
    expect(granted).toEqual([1, 2, 3, 4, 5]);
    expect(claims.filter((c) => !c.ok)).toHaveLength(25);
  });
});
