import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/components/external-audit/copy-button";
import { AuditorAgreement, MachineVsHumanTable, SideBySide } from "@/components/external-audit/findings";
import { CalibrateForm, DecideFindingForm, FinalizeForm, LinkFindingForm, OverrideForm, PasteOutputForm, PrepareForm } from "@/components/external-audit/forms";
import { PromptView } from "@/components/external-audit/prompt-view";
import { OutputStatus, VersionList } from "@/components/external-audit/versions";
import { Badge } from "@/components/ui/badges";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { cycleStateOf, getExternalAuditCycle, latestDocument, listSampledUnits, listTemplateVersions, outputRef } from "@/db/queries/external-audit";
import { calibrationBlockers, calibratorPromptStale, finalizeBlockers, nextStep, sharedFamily, type Step } from "@/lib/external-audit-progress";
import { auditorAgreement, machineVsHuman } from "@/lib/external-audit/agreement";
import { externalAuditYaml } from "@/lib/external-audit/telemetry";
import { AUDITOR_ROLES, type AuditorOutput, type AuditorRole, type CalibratorOutput, type OutputRole, type TemplateRole } from "@/lib/external-audit/types";
import { formatUtcMinute } from "@/lib/format-time";
import { requireAuditPage } from "@/lib/server/project-auth";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `External audit · ${(await params).slug}` };
}

const STEPS: { step: Step; label: string }[] = [
  { step: "prepare", label: "Prepare the auditor prompts" },
  { step: "paste_auditors", label: "Paste both auditor outputs" },
  { step: "override", label: "Heterogeneity (different model families)" },
  { step: "calibrate", label: "Prepare the calibrator prompt" },
  { step: "paste_calibrator", label: "Paste the calibrator output" },
  { step: "finalize", label: "Finalize" },
];

/**
 * The external-audit cycle of one audit (issue 12, seed 002): where it stands and what to do next,
 * each step's form (operators), the prompts to copy or download, every pasted version, the
 * findings side by side with the agreement figures, the adjudication queue of disputed findings,
 * and machine vs human on linked sampled units.
 */
export default async function ExternalAuditPage({ params }: Props) {
  const { slug } = await params;
  const { user, audit } = await requireAuditPage(slug, `/audits/${slug}/external-audit`);
  const db = getDb();
  const [cycle, templates, units] = await Promise.all([getExternalAuditCycle(db, { auditId: audit.id }), listTemplateVersions(db), listSampledUnits(db, { auditId: audit.id })]);
  const state = cycleStateOf(cycle);
  const next = nextStep(state);
  const isOperator = user.roles.includes("operator") && !audit.closedAt;
  const canEdit = isOperator && !state.finalizedAt;
  const canDecide = user.roles.some((r) => r === "operator" || r === "reviewer") && !audit.closedAt;
  const templateVersion = (id: number | null) => templates.find((t) => t.id === id)?.version ?? null;
  const docs = (kind: "prompt" | "output", role: OutputRole) => cycle.documents.filter((d) => d.kind === kind && d.role === role);
  const primary = state.primary?.valid ? state.primary.output : null;
  const secondary = state.secondary?.valid ? state.secondary.output : null;
  const calRef = outputRef<CalibratorOutput>(cycle.documents, "calibrator");
  const calibrator = calRef?.valid && !calibratorPromptStale(state) ? calRef.output : null;
  const family = sharedFamily(state);
  const currentIndex = STEPS.findIndex((s) => s.step === next.step);
  const m = cycle.material;
  const prompt = (role: OutputRole, templateRole: TemplateRole) => {
    const doc = latestDocument(cycle.documents, "prompt", role);
    return doc && <PromptView slug={slug} templateRole={templateRole} doc={doc} templateVersion={templateVersion(doc.templateId)} />;
  };
  const outputs: Record<AuditorRole, AuditorOutput | null> = { "auditor-primary": primary, "auditor-secondary": secondary };
  const models = Object.fromEntries(AUDITOR_ROLES.map((r) => [r, outputs[r] ? `${outputs[r].model.family} / ${outputs[r].model.name}` : "no valid output"])) as Record<AuditorRole, string>;
  const categoryOf = (role: AuditorRole, id: string) => outputs[role]?.findings.find((f) => f.id === id)?.category;
  const linksWithCategory = cycle.links.flatMap((l) => {
    const category = categoryOf(l.role, l.findingId);
    return category ? [{ role: l.role, findingId: l.findingId, category, humanFinding: l.humanFinding }] : [];
  });
  const disputed = calibrator?.reconciled_findings.filter((f) => f.status === "disputed") ?? [];

  return (
    <div className="space-y-5">
      <div>
        <Link href={`/audits/${slug}`} className="text-sm text-indigo-700 hover:underline">
          ← {audit.title}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">External audit</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Two AI auditors from different model families review the change; a calibrator reconciles them. Countersign calls no model: copy each prompt into the auditor of your choice and paste its JSON answer back.
        </p>
      </div>

      <Panel title="Where it stands" id="progress">
        <ol className="space-y-1 text-sm">
          {STEPS.map((s, i) => {
            const done = state.finalizedAt !== null || i < currentIndex;
            return (
              <li key={s.step} className="flex items-center gap-2">
                {done ? <Badge tone="green">done</Badge> : i === currentIndex ? <Badge tone="indigo">next</Badge> : <Badge>to do</Badge>}
                <span className={i === currentIndex ? "font-medium" : ""}>{s.label}</span>
              </li>
            );
          })}
        </ol>
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid="next-step">
          {next.message}
        </p>
      </Panel>

      <Panel title="1. Auditor prompts" id="prepare">
        {canEdit && (
          <PrepareForm
            slug={slug}
            prepared={state.prepared}
            material={{ gitRange: m?.gitRange ?? "", gitDiff: m?.gitDiff ?? "", ailogPaths: m?.ailogPaths ?? "", ailogContents: m?.ailogContents ?? "" }}
          />
        )}
        {state.prepared ? (
          <div className="grid gap-3 lg:grid-cols-2">
            {prompt("auditor-primary", "auditor-primary")}
            {prompt("auditor-secondary", "auditor-secondary")}
          </div>
        ) : (
          <p className="text-sm text-slate-600">Not prepared yet.</p>
        )}
      </Panel>

      <Panel title="2. Auditor outputs" id="auditor-outputs">
        <div className="grid gap-4 lg:grid-cols-2">
          {AUDITOR_ROLES.map((role) => {
            const latest = latestDocument(cycle.documents, "output", role);
            return (
              <div key={role} className="space-y-2" data-testid={`output-${role}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-medium">{role}</h3>
                  <OutputStatus doc={latest} />
                </div>
                {canEdit && state.prepared && <PasteOutputForm slug={slug} role={role} />}
                <VersionList docs={docs("output", role)} testId={`versions-${role}`} />
              </div>
            );
          })}
        </div>
      </Panel>

      <Panel title="3. Heterogeneity" id="heterogeneity">
        {!primary || !secondary ? (
          <p className="text-sm text-slate-600">Checked once both auditor outputs are valid.</p>
        ) : family === null ? (
          <p className="text-sm" data-testid="families">
            Different model families: <span className="font-medium">{primary.model.family}</span> and <span className="font-medium">{secondary.model.family}</span>.
          </p>
        ) : (
          <div className="space-y-2 text-sm">
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900" data-testid="same-family">
              Both auditors are from the model family &quot;{family}&quot;. The seed asks for two families; calibration is refused unless an operator accepts this with a reason.
            </p>
            {m?.sameFamilyOverrideReason ? (
              <p data-testid="override-reason">
                Override recorded{m.sameFamilyOverrideAt ? ` ${formatUtcMinute(m.sameFamilyOverrideAt)}` : ""}: {m.sameFamilyOverrideReason}
              </p>
            ) : (
              canEdit && <OverrideForm slug={slug} />
            )}
          </div>
        )}
      </Panel>

      <Panel title="4. Calibrator prompt" id="calibrate">
        {calibrationBlockers(state).length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="calibration-blockers">
            {calibrationBlockers(state).map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        ) : (
          canEdit && <CalibrateForm slug={slug} again={state.calibratorPromptId !== null} />
        )}
        {calibratorPromptStale(state) && <p className="text-sm text-amber-800">An auditor output changed after this prompt was prepared: prepare it again.</p>}
        {prompt("calibrator", "calibrator-reconciler")}
      </Panel>

      <Panel title="5. Calibrator output" id="calibrator-output">
        <div className="space-y-2" data-testid="output-calibrator">
          <OutputStatus doc={latestDocument(cycle.documents, "output", "calibrator")} />
          {canEdit && state.calibratorPromptId !== null && <PasteOutputForm slug={slug} role="calibrator" />}
          <VersionList docs={docs("output", "calibrator")} testId="versions-calibrator" />
        </div>
      </Panel>

      <Panel title="6. Finalize" id="finalize">
        {state.finalizedAt && primary && secondary && calRef?.output ? (
          <FinalizedBlock
            yaml={externalAuditYaml({ slug, primary, secondary, calibrator: calRef.output, override: m?.sameFamilyOverrideReason ? { reason: m.sameFamilyOverrideReason } : null, finalizedAt: state.finalizedAt })}
            summary={calRef.output.summary}
            finalizedAt={state.finalizedAt}
          />
        ) : finalizeBlockers(state).length === 0 ? (
          canEdit ? <FinalizeForm slug={slug} /> : <p className="text-sm text-slate-600">Ready to finalize (operator).</p>
        ) : (
          <p className="text-sm text-slate-600">{finalizeBlockers(state).join(" ")}</p>
        )}
      </Panel>

      {primary && secondary && (
        <Panel title="Findings side by side" id="findings">
          <SideBySide primary={primary} secondary={secondary} calibrator={calibrator} />
          {calibrator && (
            <>
              <h3 className="pt-2 text-sm font-semibold">Agreement between the auditors</h3>
              <AuditorAgreement {...auditorAgreement(calibrator, primary, secondary)} />
            </>
          )}
        </Panel>
      )}

      {calibrator && (
        <Panel title="Adjudication queue (disputed findings)" id="adjudication">
          {disputed.length === 0 ? (
            <p className="text-sm text-slate-600">The calibrator marked no finding as disputed.</p>
          ) : (
            <ul className="space-y-3" data-testid="adjudication-queue">
              {disputed.map((f) => {
                const decision = cycle.decisions.find((d) => d.findingId === f.id);
                return (
                  <li key={f.id} className="space-y-1 rounded-md border border-slate-200 p-3 text-sm" data-testid={`disputed-${f.id}`}>
                    <div>
                      <code className="font-mono text-xs">{f.id}</code> <span className="font-medium">{f.title}</span> <span className="text-xs text-slate-500">({f.category})</span>
                    </div>
                    <p className="text-slate-600">{f.rationale}</p>
                    {decision ? (
                      <p data-testid={`decision-${f.id}`}>
                        <Badge tone={decision.decision === "upheld" ? "amber" : "slate"}>{decision.decision}</Badge> {decision.category ? `as ${decision.category}: ` : ""}
                        {decision.note} <span className="text-xs text-slate-500">({formatUtcMinute(decision.decidedAt)})</span>
                      </p>
                    ) : canDecide ? (
                      <DecideFindingForm slug={slug} findingId={f.id} category={f.category} />
                    ) : (
                      <p className="text-slate-500">Awaiting a decision.</p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Panel>
      )}

      {(primary || secondary) && (
        <Panel title="Machine vs human" id="machine-vs-human">
          <p className="text-sm text-slate-600">
            Link auditor findings to the sampled units they are about. For every linked unit a human reviewed, an implementation_gap or real_debt finding counts as &quot;defect&quot; and a hallucination or false_positive as &quot;no defect&quot;, against the review (FAIL = defect, PASS = no defect; UNKNOWN and unreviewed units are left out).
          </p>
          {isOperator && units.length > 0 && (
            <LinkFindingForm
              slug={slug}
              units={units}
              findings={AUDITOR_ROLES.flatMap((role) => (outputs[role]?.findings ?? []).map((f) => ({ role, id: f.id, label: `${role} · ${f.id} · ${f.category} · ${f.title}` })))}
            />
          )}
          {units.length === 0 && <p className="text-sm text-slate-600">Draw the sample first to link findings to units.</p>}
          {cycle.links.length > 0 && (
            <table className="min-w-full text-sm" data-testid="finding-links">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-3">Auditor</th>
                  <th scope="col" className="pr-3">Finding</th>
                  <th scope="col" className="pr-3">Unit</th>
                  <th scope="col">Human review</th>
                </tr>
              </thead>
              <tbody>
                {cycle.links.map((l) => (
                  <tr key={`${l.role}-${l.findingId}-${l.sampleUnitId}`} className="border-t border-slate-100">
                    <td className="py-1 pr-3">{l.role}</td>
                    <td className="pr-3">
                      <code className="font-mono text-xs">{l.findingId}</code> {categoryOf(l.role, l.findingId) ?? "(not in the latest valid output)"}
                    </td>
                    <td className="pr-3">
                      <Link href={`/audits/${slug}/review/${l.sampleUnitId}`} className="font-mono text-xs text-indigo-700 hover:underline">
                        {l.unitKey}
                      </Link>
                    </td>
                    <td>{l.humanFinding ?? "not reviewed"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <MachineVsHumanTable result={machineVsHuman(linksWithCategory)} models={models} />
        </Panel>
      )}
    </div>
  );
}

/** The finalized cycle: the external_audit YAML with a copy button, and the calibrator's reconciliation summary. */
function FinalizedBlock({ yaml, summary, finalizedAt }: { yaml: string; summary: string; finalizedAt: Date }) {
  return (
    <div className="space-y-3 text-sm">
      <p>Finalized {formatUtcMinute(finalizedAt)}. Paste this block into the charter telemetry:</p>
      <div className="flex justify-end">
        <CopyButton text={yaml} label="Copy YAML" testId="copy-yaml" />
      </div>
      <pre className="overflow-auto rounded bg-slate-50 p-3 font-mono text-xs" data-testid="external-audit-yaml">
        {yaml}
      </pre>
      <div>
        <h3 className="font-semibold">Reconciliation summary</h3>
        <p className="whitespace-pre-wrap" data-testid="reconciliation-summary">
          {summary}
        </p>
      </div>
    </div>
  );
}
