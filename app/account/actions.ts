"use server";

import { getDb } from "@/db/client";
import { changeOwnPassword } from "@/db/mutations/users";
import { authorizedAction } from "@/lib/server/action";
import { reissueSession } from "@/lib/server/session-cookie";
import { attemptSignIn } from "@/lib/server/sign-in";
import { changePasswordSchema } from "@/lib/user-input";

/**
 * Changes the signed-in user's own password (issue 10; any signed-in user, whatever their roles).
 * The current password is checked like a sign-in (wrong ones count towards the same throttle).
 * The change ends every session of the user; this browser's session is re-issued with the new
 * session version (lib/server/session-cookie.ts), so it stays signed in and only the others end.
 */
export const changePasswordAction = authorizedAction([], changePasswordSchema, async (data, user) => {
  const db = getDb();
  const check = await attemptSignIn(db, { email: user.email, password: data.currentPassword });
  if (check.status === "locked") return { ok: false, message: "Fix the highlighted fields.", errors: { currentPassword: [`Too many wrong passwords: try again in ${check.seconds} s.`] } };
  if (check.status !== "ok" || check.user.id !== user.id) return { ok: false, message: "Fix the highlighted fields.", errors: { currentPassword: ["The current password is not right."] } };
  const sessionVersion = await changeOwnPassword(db, { userId: user.id, password: data.newPassword });
  await reissueSession(sessionVersion);
  return { ok: true, message: "Password changed. Your other sessions have been signed out." };
});
