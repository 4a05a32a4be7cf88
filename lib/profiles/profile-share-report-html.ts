/**
 * The public report page of a checklist (profile) audit's share link (issue 13), rendered from its
 * published snapshot (lib/profiles/profile-share-snapshot.ts) to one self-contained HTML document,
 * in the same page shell as a sampling audit's report (lib/share-report-html.ts): verdict and gate
 * with reasons, findings by section with counts, the generated documents with their SHA-256, the
 * sign-offs, and how to check the snapshot. Pure.
 */
import { formatUtcMinute } from "../format-time";
import { changedSinceNotice, checkSection, escapeHtml, gateBadge, reportDocument } from "../share-report-html";
import { CATEGORIES, SEVERITIES } from "./findings";
import { PHASES } from "./launch-readiness";
import type { ProfileShareSnapshot } from "./profile-share-snapshot";

const VERDICT_COLOURS: Record<string, string> = { READY: "#d1fae5", PASS: "#d1fae5", GO: "#d1fae5", READY_WITH_CONDITIONS: "#fef3c7", NOT_READY: "#fee2e2", FAIL: "#fee2e2", NO_GO: "#fee2e2" };
const label = (s: string | null) => (s === null || s === "" ? "—" : s.replace(/_/g, " "));
/** A section's name: the launch readiness phase's number and title (seed 001), else the section id (ADR lens, "general"). */
const sectionName = (id: string) => {
  const phase = PHASES.find((p) => p.id === id);
  return phase ? `${phase.number}. ${phase.title}` : label(id);
};

/** Most serious first: launch readiness categories, then severities (lib/profiles/findings.ts). */
const COUNT_ORDER = [...CATEGORIES, ...SEVERITIES] as readonly string[];

/** Findings counted by category (launch readiness) or else severity, most serious first, open ones apart: e.g. "2 STOP SHIP (1 open)". */
function counts(findings: ProfileShareSnapshot["findings"]): string {
  const by = new Map<string, { all: number; open: number }>();
  for (const f of findings) {
    const key = f.category ?? f.severity;
    const c = by.get(key) ?? { all: 0, open: 0 };
    c.all += 1;
    if (f.status === "OPEN" || f.status === "IN_PROGRESS") c.open += 1;
    by.set(key, c);
  }
  const rank = (k: string) => (COUNT_ORDER.includes(k) ? COUNT_ORDER.indexOf(k) : COUNT_ORDER.length);
  return [...by.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, c]) => `${c.all} ${escapeHtml(label(k))} (${c.open} open)`).join(" · ");
}

function findingsTable(findings: ProfileShareSnapshot["findings"]): string {
  if (findings.length === 0) return `<p class="muted">No findings.</p>`;
  const rows = findings
    .map(
      (f) =>
        `<tr><td>${escapeHtml(sectionName(f.section))}</td><td>${escapeHtml(f.title)}</td><td>${escapeHtml(label(f.severity))}</td><td>${escapeHtml(label(f.category))}</td><td>${escapeHtml(label(f.status))}</td><td>${escapeHtml(f.owner ?? "—")}</td><td>${escapeHtml(f.dueDate ?? "—")}</td></tr>`,
    )
    .join("");
  return `<p class="muted" data-testid="report-finding-counts">${findings.length} finding${findings.length === 1 ? "" : "s"}: ${counts(findings)}</p>
<div class="scroll" tabindex="0" role="region" aria-label="Findings"><table data-testid="report-findings"><caption>Findings by section</caption><thead><tr><th scope="col">Section</th><th scope="col">Finding</th><th scope="col">Severity</th><th scope="col">Category</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Due</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="muted">Evidence and locations are not published here; they stay in the audit.</p>`;
}

/**
 * The report page for a published checklist-audit snapshot.
 * @param view.hash the snapshot's SHA-256; view.changedSince: the audit changed after publication;
 *   view.snapshotPath: where the canonical JSON downloads from; view.expiresAt: ISO UTC.
 */
export function renderProfileSharedReport(s: ProfileShareSnapshot, view: { hash: string; changedSince: boolean; snapshotPath: string; expiresAt: string }): string {
  const documents =
    s.documents.length === 0
      ? ""
      : `<section class="card" aria-labelledby="docs-h"><h2 id="docs-h">Documents</h2><ul data-testid="report-documents">${s.documents.map((d) => `<li>${escapeHtml(d.fileName)} (version ${d.version}) <span class="mono muted">SHA-256 ${d.sha256}</span></li>`).join("")}</ul></section>`;
  const signatures =
    s.signatures.length === 0
      ? `<p class="muted">No sign-off.</p>`
      : `<ul data-testid="report-signatures">${s.signatures.map((g) => `<li>${escapeHtml(g.signer)}: <strong>${g.status}</strong>, ${formatUtcMinute(g.signedAt)} <span class="mono muted">${g.signedHash.slice(0, 16)}…</span></li>`).join("")}</ul>`;
  const body = `
<p class="eyebrow">${escapeHtml(s.audit.profileLabel)} report · published snapshot · read-only</p>
<h1>${escapeHtml(s.audit.title)}</h1>
<p class="mono muted">${escapeHtml(s.audit.slug)}</p>
<p class="muted">Project ${escapeHtml(s.audit.projectName)}${s.audit.strictness ? ` · strictness ${escapeHtml(s.audit.strictness)}` : ""}</p>
${view.changedSince ? changedSinceNotice(s.publishedAt) : ""}
<section class="card" aria-labelledby="verdict-h"><h2 id="verdict-h">Verdict</h2>
<p><span class="badge" style="background:${VERDICT_COLOURS[s.verdict] ?? "#e2e8f0"}" data-testid="verdict">${escapeHtml(label(s.verdict))}</span> gate ${gateBadge(s.gate)}</p>
${s.reasons.length === 0 ? `<p class="muted">No reasons against.</p>` : `<ul class="reasons" data-testid="verdict-reasons">${s.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>`}
</section>
<section class="card" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>${findingsTable(s.findings)}</section>
${documents}
<section class="card" aria-labelledby="people-h"><h2 id="people-h">Sign-off</h2>
<p class="muted">Signatures are over the sign-off snapshot <span class="mono">${s.signOffHash}</span>; a signature of an earlier state is shown as stale.</p>
${signatures}
</section>
${checkSection({ publishedAt: s.publishedAt, expiresAt: view.expiresAt, facts: "", hash: view.hash, eventLogHeadHash: s.eventLogHeadHash, snapshotPath: view.snapshotPath })}`;
  return reportDocument(`${s.audit.title}: ${s.audit.profileLabel} report`, body);
}
