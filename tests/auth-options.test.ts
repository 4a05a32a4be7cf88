/**
 * next-auth options (lib/server/auth.ts getAuthOptions), issue 10: a revoked session token is
 * refused where next-auth re-reads it (the `jwt` callback behind /api/auth/session and
 * getServerSession throws, so next-auth answers no session and clears the cookie), sign-out
 * ends the user's sessions, and redirects stay on the app's origin.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-auth-options-")), "t.db");
process.env.NEXTAUTH_SECRET = "z".repeat(40);

let userId = 0;

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  await getDb().migrate();
  userId = await createUser(getDb(), { email: "sam@example.test", name: "Sam", password: "sam-test-password", roles: ["operator"], actorId: null });
});

const options = async () => (await import("@/lib/server/auth")).getAuthOptions();
type JwtCallback = (p: { token: JWT; user?: unknown }) => Promise<JWT>;
const jwt = async (token: JWT) => ((await options()).callbacks!.jwt as unknown as JwtCallback)({ token });

describe("session tokens", () => {
  it("a current token passes; one with another version, no version, or an unknown user is refused", async () => {
    expect(await jwt({ uid: userId, sv: 0 })).toMatchObject({ uid: userId, sv: 0 });
    await expect(jwt({ uid: userId, sv: 1 })).rejects.toThrow(/revoked/);
    await expect(jwt({ uid: userId })).rejects.toThrow(/revoked/);
    await expect(jwt({ uid: 31_337, sv: 0 })).rejects.toThrow(/revoked/);
  });

  it("sign-out (events.signOut) ends the session, so the copied token is refused afterwards", async () => {
    const token = { uid: userId, sv: 0 };
    await (await options()).events!.signOut!({ token, session: undefined as never });
    await expect(jwt(token)).rejects.toThrow(/revoked/);
    expect(await jwt({ uid: userId, sv: 1 })).toMatchObject({ sv: 1 });
  });

  it("a deactivated user's token is refused", async () => {
    const { getDb } = await import("@/db/client");
    const { createUser, setUserActive } = await import("@/db/mutations/users");
    const adminId = await createUser(getDb(), { email: "boss@example.test", name: "Boss", password: "boss-test-password", roles: ["admin"], actorId: null });
    await setUserActive(getDb(), { userId, active: false, actorId: adminId });
    await expect(jwt({ uid: userId, sv: 2 })).rejects.toThrow(/revoked/);
  });
});

describe("redirect callback", () => {
  const baseUrl = "http://localhost:3000";
  it.each([
    ["/\\evil.example/phish", `${baseUrl}/`],
    ["//evil.example", `${baseUrl}/`],
    ["https://evil.example/x", `${baseUrl}/`],
    ["/audits/new?x=1", `${baseUrl}/audits/new?x=1`],
    [`${baseUrl}/approvals`, `${baseUrl}/approvals`],
  ])("%j → %j", async (url, expected) => {
    expect(await (await options()).callbacks!.redirect!({ url, baseUrl })).toBe(expected);
  });
});
