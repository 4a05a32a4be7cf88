/**
 * Whether a pipeline may release on this gate (issue 8 "Gate API for CI"; seed 000 "Closure
 * Gating"): OPEN, CONDITIONAL_PASS with at least one valid approver sign-off on the current
 * snapshot, or EXCEPTION (a granted break-glass). BLOCKED never; an unknown gate never (fail
 * closed). Unlike closeout, a release does not wait for destructive-remediation clearance or for
 * the audit to be closed. Pure; throws nothing.
 * @param validSignOffs count of valid (not stale, not revoked) sign-offs, a whole number ≥ 0.
 */
export function releaseAllowed(gateState: string, validSignOffs: number): boolean {
  if (gateState === "OPEN" || gateState === "EXCEPTION") return true;
  return gateState === "CONDITIONAL_PASS" && Number.isInteger(validSignOffs) && validSignOffs >= 1;
}
