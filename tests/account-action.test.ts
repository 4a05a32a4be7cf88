/**
 * /account "Change password" (app/account/actions.ts, issue 10): the current password is required,
 * field errors name the field, a change ends the user's other sessions and re-issues this
 * browser's session cookie with the new session version.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

const session: { current: { user: { id: number; sv: number } } | null } = { current: null };
const jar = new Map<string, string>();

vi.mock("server-only", () => ({}));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current, default: () => () => new Response(null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({ redirect: () => undefined, unstable_rethrow: () => undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));

process.env.COUNTERSIGN_DB = path.join(mkdtempSync(path.join(os.tmpdir(), "cs-account-")), "t.db");
process.env.NEXTAUTH_SECRET = "y".repeat(40);

const COOKIE = "next-auth.session-token";
let userId = 0;

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

beforeAll(async () => {
  const { getDb } = await import("@/db/client");
  const { createUser } = await import("@/db/mutations/users");
  const { encode } = await import("next-auth/jwt");
  await getDb().migrate();
  userId = await createUser(getDb(), { email: "pat@example.test", name: "Pat", password: "pat-old-password", roles: ["reviewer"], actorId: null });
  session.current = { user: { id: userId, sv: 0 } };
  jar.set(COOKIE, await encode({ token: { uid: userId, sv: 0, email: "pat@example.test" }, secret: process.env.NEXTAUTH_SECRET! }));
});

async function userRow() {
  const { getDb } = await import("@/db/client");
  const { getUser } = await import("@/db/queries/users");
  return (await getUser(getDb(), { id: userId }))!;
}

describe("changePasswordAction", () => {
  it("refuses a wrong current password and bad new ones with field errors; nothing is written", async () => {
    const { changePasswordAction } = await import("@/app/account/actions");
    const before = await userRow();
    expect(await changePasswordAction({}, form({ currentPassword: "not-my-password", newPassword: "pat-new-password", confirmPassword: "pat-new-password" }))).toMatchObject({
      ok: false,
      errors: { currentPassword: ["The current password is not right."] },
    });
    expect(await changePasswordAction({}, form({ currentPassword: "pat-old-password", newPassword: "short", confirmPassword: "short" }))).toMatchObject({
      ok: false,
      errors: { newPassword: [expect.stringMatching(/at least 12 characters/)] },
    });
    expect(await changePasswordAction({}, form({ currentPassword: "pat-old-password", newPassword: "pat-new-password", confirmPassword: "pat-new-passwore" }))).toMatchObject({
      ok: false,
      errors: { confirmPassword: ["The two new passwords differ"] },
    });
    expect(await userRow()).toEqual(before);
  });

  it("changes the password, ends other sessions and keeps this one with the new version", async () => {
    const { changePasswordAction } = await import("@/app/account/actions");
    const { decode } = await import("next-auth/jwt");
    const { verifyPassword } = await import("@/lib/server/passwords");
    const { sessionIsCurrent } = await import("@/lib/session-version");
    const result = await changePasswordAction({}, form({ currentPassword: "pat-old-password", newPassword: "pat-new-password", confirmPassword: "pat-new-password" }));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/Password changed/) });
    const row = await userRow();
    expect(await verifyPassword(row.passwordHash, "pat-new-password")).toBe(true);
    expect(sessionIsCurrent(row, 0)).toBe(false);
    const token = await decode({ token: jar.get(COOKIE)!, secret: process.env.NEXTAUTH_SECRET! });
    expect(token).toMatchObject({ uid: userId, sv: row.sessionVersion, email: "pat@example.test" });
    expect(sessionIsCurrent(row, token!.sv)).toBe(true);
  });
});
