import type { Metadata } from "next";
import { CreateApiTokenForm } from "@/components/admin/api-tokens-admin";
import { Badge } from "@/components/ui/badges";
import { ConfirmRevokeForm } from "@/components/ui/confirm-revoke";
import { Forbidden } from "@/components/ui/forbidden";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { listProjects } from "@/db/queries/projects";
import { requirePageUser } from "@/lib/server/page-auth";
import { revokeApiTokenAction } from "./actions";
import { formatUtcMinute } from "@/lib/format-time";

export const metadata: Metadata = { title: "API tokens" };

const when = (d: Date | null) => (d ? formatUtcMinute(d) : "never");

/** Admin: API tokens for pipelines that read gates (`GET /api/v1/audits/{slug}/gate`). */
export default async function ApiTokensPage() {
  const user = await requirePageUser("/admin/tokens");
  if (!user.roles.includes("admin")) return <Forbidden role="admin" />;
  const [tokens, projects] = await Promise.all([listApiTokens(getDb()), listProjects(getDb()).then((ps) => ps.map((p) => p.name))]);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <Panel title="Create a token" id="create-token">
        <p className="text-sm text-slate-600">
          A token reads closure gates through <code className="font-mono">GET /api/v1/audits/&lt;slug&gt;/gate</code> with the header{" "}
          <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>, for every project or for one. Only its hash is kept: copy it when it is shown.
        </p>
        <CreateApiTokenForm projects={projects} />
      </Panel>
      <Panel title="Tokens" id="tokens">
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600">No API tokens yet.</p>
        ) : (
          <div className="relative overflow-x-auto" tabIndex={0}>
            <table className="min-w-full text-sm" data-testid="api-tokens">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3">Name</th>
                  <th scope="col" className="pr-3">Scope</th>
                  <th scope="col" className="pr-3">Created</th>
                  <th scope="col" className="pr-3">Last used</th>
                  <th scope="col" className="pr-3">State</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-3 font-medium">{t.name}</td>
                    <td className="min-w-44 pr-3">
                      read gates · {t.projectName ? <span>project <code className="font-mono">{t.projectName}</code></span> : "every project"}
                    </td>
                    <td className="whitespace-nowrap pr-3">
                      {when(t.createdAt)}
                      <div className="text-xs text-slate-500">by {t.createdBy}</div>
                    </td>
                    <td className="whitespace-nowrap pr-3" data-testid="token-last-used">{when(t.lastUsedAt)}</td>
                    <td className="pr-3">{t.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}</td>
                    <td className="text-right">
                      {!t.revokedAt && <ConfirmRevokeForm action={revokeApiTokenAction} hidden={{ apiTokenId: t.id }} question={`Revoke the API token "${t.name}"? Pipelines using it will get 401 at once.`} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
