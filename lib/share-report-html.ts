/**
 * The public verdict report page of a share link, rendered from its snapshot to one self-contained
 * HTML document (inline CSS with a print stylesheet, an inline SVG chart, no script), so it can be
 * cached whole and served without touching the report's data again.
 */
import { formatUtcMinute } from "./format-time";
import type { ShareSnapshot } from "./share-snapshot";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(2)}%`);

/** Background colours of the gate states (OPEN with white text, CONDITIONAL_PASS with dark text: see gateBadge). */
const GATE_COLOURS: Record<string, string> = { OPEN: "#047857", CONDITIONAL_PASS: "#fcd34d", BLOCKED: "#dc2626", EXCEPTION: "#9333ea" };
const VERDICT_COLOURS: Record<string, string> = { PASS: "#d1fae5", PASS_WITH_NOTES: "#fef3c7", FAIL: "#fee2e2", INCONCLUSIVE: "#e2e8f0" };

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:56rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1rem;margin:0 0 .75rem}
.eyebrow{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#64748b;margin:0}.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.muted{color:#475569;font-size:.875rem}.card{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.25rem;margin-top:1rem}
.badge{display:inline-block;border-radius:.375rem;padding:.1rem .5rem;font-size:.75rem;font-weight:600;white-space:nowrap}
.reasons{list-style:none;padding:0;margin:.75rem 0}.reasons li{margin:.25rem 0}.reasons code{background:#f1f5f9;border-radius:.25rem;padding:.05rem .35rem;font-size:.75rem;margin-right:.5rem}
.metrics{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:1rem 0}.metrics div{background:#f8fafc;border-radius:.375rem;padding:.75rem}
.metrics dt{font-size:.75rem;color:#64748b}.metrics dd{margin:0;font-size:1.125rem;font-weight:600}
table{width:100%;border-collapse:collapse;font-size:.875rem}th,td{text-align:left;padding:.3rem .5rem .3rem 0;border-top:1px solid #f1f5f9}caption{text-align:left;font-size:.75rem;font-weight:600;color:#64748b;text-transform:uppercase}
.notice{border-radius:.375rem;padding:.5rem .75rem;font-size:.875rem}.changed{background:#fffbeb;color:#78350f;border:1px solid #fcd34d}
a{color:#4338ca}.actions{display:flex;flex-wrap:wrap;gap:1rem;margin-top:.5rem;font-size:.875rem}
svg text{font:13px system-ui,sans-serif;fill:#334155}.scroll{overflow-x:auto}
@media print{body{background:#fff;font-size:12px}main{max-width:none;padding:0}.card{border:1px solid #cbd5e1;break-inside:avoid}.actions{display:none}a{color:inherit;text-decoration:none}
.badge,.metrics div,.changed{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:15mm}}
`;

/** One self-contained HTML page (inline CSS, no script) with the given title and main content. */
export function reportDocument(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The gate state as a coloured badge (text contrast ≥ 4.5:1 on each colour). */
export function gateBadge(gate: string): string {
  return `<span class="badge" style="background:${GATE_COLOURS[gate] ?? "#334155"};color:${gate === "CONDITIONAL_PASS" ? "#451a03" : "#fff"}" data-testid="gate-state">${escapeHtml(gate)}</span>`;
}

/**
 * The "Check this report" section both report kinds end with: when published, the link's expiry,
 * extra facts (HTML, already escaped), the snapshot's SHA-256, the event-log head, the JSON download.
 */
export function checkSection(v: { publishedAt: string; expiresAt: string; facts: string; hash: string; eventLogHeadHash: string | null; snapshotPath: string }): string {
  return `<section class="card" aria-labelledby="check-h"><h2 id="check-h">Check this report</h2>
<p class="muted">Published ${formatUtcMinute(v.publishedAt)} · link expires ${formatUtcMinute(v.expiresAt)}${v.facts}</p>
<p class="muted">SHA-256 of the snapshot's canonical JSON (RFC 8785): <span class="mono" data-testid="report-snapshot-hash">${v.hash}</span></p>
<p class="muted">Event-log head when published: <span class="mono" data-testid="report-event-head">${v.eventLogHeadHash ?? "—"}</span></p>
<div class="actions"><a href="${escapeHtml(v.snapshotPath)}" download data-testid="download-snapshot">Download the snapshot JSON</a><span>Recompute: <code class="mono">sha256sum snapshot.json</code></span></div>
</section>`;
}

/** The notice shown when the audit changed after the snapshot was published. */
export function changedSinceNotice(publishedAt: string): string {
  return `<p class="notice changed" data-testid="changed-since">The audit has changed since this report was published (${formatUtcMinute(publishedAt)}). This page still shows the report as published; ask the audit's operator to publish a new snapshot.</p>`;
}

/** Horizontal bars for the defect rate, its upper bound and the unknown rate, with the 3 % PASS and 7 % FAIL lines (seed 000 "Verdict Rules"). */
function chart(m: ShareSnapshot["metrics"]): string {
  const bars = [
    ["Defect rate", m.defectRate, "#4f46e5"],
    [`${Math.round((m.confidence ?? 0.95) * 100)}% upper bound`, m.upperBound95, "#a5b4fc"],
    ["Unknown rate", m.unknownRate, "#94a3b8"],
  ].filter((b): b is [string, number, string] => b[1] !== null);
  const max = Math.max(0.1, ...bars.map(([, v]) => Math.min(v, 1)));
  const x = (v: number) => 130 + (Math.min(v, max) / max) * 220;
  const rows = bars
    .map(([label, v, fill], i) => `<text x="0" y="${i * 30 + 32}">${label}</text><rect x="130" y="${i * 30 + 18}" width="${(x(v) - 130).toFixed(1)}" height="20" fill="${fill}"/><text x="${Math.min(x(v) + 4, 360).toFixed(1)}" y="${i * 30 + 32}">${pct(v)}</text>`)
    .join("");
  const line = (v: number, colour: string, label: string) => `<line x1="${x(v)}" x2="${x(v)}" y1="8" y2="${bars.length * 30 + 14}" stroke="${colour}" stroke-dasharray="4 3"/><text x="${x(v) - 20}" y="8" style="fill:${colour}">${label}</text>`;
  return `<svg data-testid="defect-rate-chart" role="img" aria-label="Defect rate ${pct(m.defectRate)}, upper bound ${pct(m.upperBound95)}, unknown rate ${pct(m.unknownRate)}" viewBox="0 0 420 ${bars.length * 30 + 20}" width="100%" style="max-width:560px">${rows}${line(0.03, "#047857", "3% PASS")}${line(0.07, "#dc2626", "7% FAIL")}</svg>`;
}

function strata(s: NonNullable<ShareSnapshot["strata"]>, populationSize: number | null): string {
  const rows = (
    [
      ["Census (FAILED/UNKNOWN, every unit reviewed)", s.census],
      ["Random (simple random sample)", s.random],
      ["Supplementary (clusters, subgroups; not in estimates)", s.supplementary],
    ] as const
  )
    .map(([label, r]) => `<tr><th scope="row">${label}</th><td>${r.sampled}</td><td>${r.reviewed}</td><td>${r.fail}</td><td>${r.unknown}</td></tr>`)
    .join("");
  const sum = (k: "sampled" | "reviewed" | "fail" | "unknown") => s.census[k] + s.random[k] + s.supplementary[k];
  return `<div class="scroll" tabindex="0" role="region" aria-label="Sample by stratum"><table data-testid="stratum-table"><caption>Sample by stratum</caption><thead><tr><th scope="col">Stratum</th><th scope="col">Sampled</th><th scope="col">Reviewed</th><th scope="col">FAIL</th><th scope="col">UNKNOWN</th></tr></thead><tbody>${rows}<tr><th scope="row">Total (population ${populationSize?.toLocaleString("en-US") ?? "—"})</th><td>${sum("sampled")}</td><td>${sum("reviewed")}</td><td>${sum("fail")}</td><td>${sum("unknown")}</td></tr></tbody></table></div>`;
}

/**
 * The report page for a published snapshot.
 * @param view.hash the snapshot's SHA-256 (shown so a reader can check the downloaded JSON);
 *   view.changedSince: the audit changed after publication (the page says so);
 *   view.snapshotPath: where the canonical JSON downloads from; view.expiresAt: ISO UTC.
 */
export function renderSharedReport(s: ShareSnapshot, view: { hash: string; changedSince: boolean; snapshotPath: string; expiresAt: string }): string {
  const m = s.metrics;
  const signatures =
    s.signatures.length === 0
      ? `<p class="muted">No approver sign-off.</p>`
      : `<ul data-testid="report-signatures">${s.signatures.map((g) => `<li>${escapeHtml(g.signer)}: <strong>${escapeHtml(g.status)}</strong>, ${formatUtcMinute(g.signedAt)} <span class="mono muted">${g.verdictSnapshotHash.slice(0, 16)}…</span></li>`).join("")}</ul>`;
  const body = `
<p class="eyebrow">Verdict report · published snapshot · read-only</p>
<h1>${escapeHtml(s.audit.title)}</h1>
<p class="mono muted">${escapeHtml(s.audit.slug)}</p>
<p>${escapeHtml(s.audit.changeDescription)}</p>
${view.changedSince ? changedSinceNotice(s.publishedAt) : ""}
<section class="card" aria-labelledby="verdict-h"><h2 id="verdict-h">Verdict</h2>
<p><span class="badge" style="background:${VERDICT_COLOURS[s.verdict] ?? "#e2e8f0"}" data-testid="verdict">${escapeHtml(s.verdict)}</span> gate ${gateBadge(s.gateState)}</p>
<ul class="reasons" data-testid="verdict-reasons">${s.reasons.map((r) => `<li><code>${escapeHtml(r.code)}</code>${escapeHtml(r.message)}</li>`).join("")}</ul>
${
  s.strata
    ? `<dl class="metrics"><div><dt>Estimated defect rate</dt><dd data-testid="defect-rate">${pct(m.defectRate)}</dd></div><div><dt>${Math.round((m.confidence ?? 0.95) * 100)}% upper confidence bound</dt><dd data-testid="defect-rate-upper">${pct(m.upperBound95)}</dd></div><div><dt>Estimated unknown rate</dt><dd data-testid="unknown-rate">${pct(m.unknownRate)}</dd></div><div><dt>Critical defects</dt><dd>${m.criticalDefects ?? "—"}</dd></div><div><dt>Confirmed false positives</dt><dd>${m.confirmedFalsePositives ?? 0}</dd></div></dl>
<p class="muted">Decided on ${m.decisionBasis === "upper_bound" ? "the exact upper bound" : "the point estimate"} (seed 000 thresholds 3% / 7%, unknowns 2%).</p>${chart(m)}${strata(s.strata, m.populationSize)}`
    : `<p class="muted">No sample has been drawn.</p>`
}
</section>
${s.planningWarnings.length > 0 ? `<section class="card" aria-labelledby="plan-h"><h2 id="plan-h">Planning warnings</h2><ul class="reasons" data-testid="report-planning-warnings">${s.planningWarnings.map((r) => `<li><code>${escapeHtml(r.code)}</code>${escapeHtml(r.message)}</li>`).join("")}</ul></section>` : ""}
${
  s.math
    ? `<section class="card" aria-labelledby="math-h" data-testid="report-math"><h2 id="math-h">Show the math</h2><p class="muted">${escapeHtml(s.math.pointEstimate)}</p><p class="mono">Defect rate: ${escapeHtml(s.math.defectEstimate)}<br>Unknown rate: ${escapeHtml(s.math.unknownEstimate)}</p><p class="muted">${escapeHtml(s.math.upperBound)}</p><p class="mono">Defect rate: ${escapeHtml(s.math.defectUpper)}<br>Unknown rate: ${escapeHtml(s.math.unknownUpper)}</p><ul class="muted">${s.math.sources.map((x) => `<li>${escapeHtml(x)}</li>`).join("")}</ul></section>`
    : ""
}
<section class="card" aria-labelledby="people-h"><h2 id="people-h">Who reviewed and signed</h2>
<p>Reviewers: ${s.reviewers.length === 0 ? "none yet" : s.reviewers.map(escapeHtml).join(", ")}</p>
${signatures}
</section>
${checkSection({ publishedAt: s.publishedAt, expiresAt: view.expiresAt, facts: ` · risk tier ${s.audit.riskTier}${s.sample ? ` · sample seed <span class="mono">${escapeHtml(s.sample.seed)}</span> · population checksum <span class="mono">${escapeHtml(s.sample.populationChecksum)}</span>` : ""}`, hash: view.hash, eventLogHeadHash: s.eventLogHeadHash, snapshotPath: view.snapshotPath })}`;
  return reportDocument(`${s.audit.title}: verdict report`, body);
}

/** The one page every unavailable link gets (unknown, revoked or expired alike). */
export function renderUnavailableReport(): string {
  return reportDocument(
    "Report link not available",
    `<section class="card" data-testid="share-unavailable" style="max-width:32rem;margin:3rem auto;text-align:center"><h1 style="font-size:1.125rem">This report link is not available</h1><p class="muted">The link is wrong, has expired, or was revoked. Ask the person who shared it for a new one.</p></section>`,
  );
}
