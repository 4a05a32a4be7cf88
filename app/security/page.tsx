import type { Metadata } from "next";
import { AvailabilityForm } from "@/components/signoff/availability-form";
import { Badge } from "@/components/ui/badges";
import { Forbidden } from "@/components/ui/forbidden";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { listSecurityAvailability } from "@/db/queries/signoff";
import { requirePageUser } from "@/lib/server/page-auth";
import { formatUtcMinute } from "@/lib/format-time";

export const metadata: Metadata = { title: "Security availability" };

/** Security users record whether they can be reached (break-glass depends on it). */
export default async function SecurityPage() {
  const user = await requirePageUser("/security");
  if (!user.roles.some((r) => r === "security" || r === "admin")) return <Forbidden role="security" />;
  const security = await listSecurityAvailability(getDb());
  const me = security.find((u) => u.id === user.id);
  const isAdmin = user.roles.includes("admin");
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Security availability</h1>
      {me && (
        <Panel title="You">
          <p className="text-sm" data-testid="my-availability">
            You are {me.available ? <Badge tone="green">available</Badge> : <Badge tone="red">unavailable</Badge>} since {formatUtcMinute(me.since)}.
          </p>
          <AvailabilityForm userId={me.id} name={me.name} available={me.available} />
        </Panel>
      )}
      <Panel title="Security team">
        <p className="text-sm text-slate-600">
          Break-glass is possible only while every security user has been unavailable for more than 4 hours. Someone who cannot be reached cannot record it themselves, so an
          admin may record it for them, with the time it started; every change is kept in the event log.
        </p>
        {security.length === 0 && <p className="text-sm text-slate-600">Nobody holds the security role.</p>}
        <ul className="space-y-4 text-sm" data-testid="security-team">
          {security.map((u) => (
            <li key={u.id} className="space-y-2">
              <p>
                {u.name} ({u.email}): {u.available ? <Badge tone="green">available</Badge> : <Badge tone="red">unavailable</Badge>} since {formatUtcMinute(u.since)}
              </p>
              {isAdmin && u.id !== user.id && <AvailabilityForm userId={u.id} name={u.name} available={u.available} />}
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
