"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { countersignBreakGlass, declareSingleSigner, requestBreakGlass } from "@/db/mutations/break-glass";
import { authorizedAction } from "@/lib/server/action";
import { auditIdBySlug, refreshAudit, slugField } from "@/lib/server/audit-ref";
import { checkStepUp } from "@/lib/server/auth";
import { getHeadSigner } from "@/lib/server/signing-key";

const contact = (label: string) => z.string().trim().min(1, `Enter the ${label}`).max(200, "At most 200 characters");

/** Opens a break-glass request (operator): critical impact, justification, emergency contacts. */
export const requestBreakGlassAction = authorizedAction(
  "operator",
  z.object({
    ...slugField,
    impact: z.enum(["critical", "high", "medium", "low"], { error: "Choose the impact" }),
    justification: z.string().trim().min(20, "Give the business justification (at least 20 characters)").max(4_000, "At most 4,000 characters"),
    dataTeamLead: contact("data team lead"),
    complianceOfficer: contact("compliance officer"),
    ctoEscalation: contact("CTO escalation contact"),
  }),
  async (data, user) => {
    await requestBreakGlass(getDb(), {
      auditId: await auditIdBySlug(data.slug),
      requestedBy: user.id,
      impact: data.impact,
      justification: data.justification,
      contacts: { data_team_lead: data.dataTeamLead, compliance_officer: data.complianceOfficer, cto_escalation: data.ctoEscalation },
    });
    refreshAudit(data.slug);
    return { ok: true, message: "Break-glass requested: two independent signers must now countersign." };
  },
);

/** One countersignature (approver or security; step-up re-authentication). */
export const countersignAction = authorizedAction(
  ["approver", "security"],
  z.object({
    ...slugField,
    slot: z.enum(["technical_owner", "compliance_security"], { error: "Choose the slot you sign as" }),
    statement: z.string().trim().min(1, "Write what you countersign and why").max(2_000, "At most 2,000 characters"),
    password: z.string().min(1, "Enter your password to sign"),
  }),
  async (data, user) => {
    const stepUp = await checkStepUp(user, data.password);
    if (stepUp) return { ok: false, message: "Fix the highlighted fields.", errors: stepUp };
    const { granted } = await countersignBreakGlass(getDb(), { auditId: await auditIdBySlug(data.slug), signerId: user.id, signerRoles: user.roles, slot: data.slot, statement: data.statement, headSigner: getHeadSigner() });
    refreshAudit(data.slug);
    return { ok: true, message: granted ? "Countersigned: the exception is granted and the gate is EXCEPTION." : "Countersigned: one more independent signer is needed." };
  },
);

/** Records that only one signer can be found: the attempt is kept and the CTO escalation shown. */
export const declareSingleSignerAction = authorizedAction(["operator", "approver", "security"], z.object(slugField), async (data, user) => {
  await declareSingleSigner(getDb(), { auditId: await auditIdBySlug(data.slug), actorId: user.id });
  refreshAudit(data.slug);
  return { ok: true, message: "Escalation to the CTO recorded; the gate stays BLOCKED." };
});
