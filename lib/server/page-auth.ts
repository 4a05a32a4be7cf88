import { redirect } from "next/navigation";
import { type CurrentUser, getCurrentUser } from "./auth";

/** For pages: the signed-in user, or a redirect to /login that comes back to `returnTo`. */
export async function requirePageUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
