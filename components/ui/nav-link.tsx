"use client";

import Link, { useLinkStatus } from "next/link";

/** A dot that pulses while the link's page is loading (the page stays in place until the next one is ready). */
function PendingDot() {
  const { pending } = useLinkStatus();
  return <span aria-hidden className={`ml-1 inline-block h-1.5 w-1.5 rounded-full bg-indigo-300 align-middle ${pending ? "animate-pulse" : "invisible"}`} />;
}

/** A header navigation link that shows when its page is on the way. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="text-sm text-slate-300 hover:text-white">
      {children}
      <PendingDot />
    </Link>
  );
}
