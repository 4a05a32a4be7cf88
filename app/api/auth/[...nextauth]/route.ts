import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/server/auth";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: Context) {
  return NextAuth(getAuthOptions())(req, { params: await context.params });
}

export { handler as GET, handler as POST };
