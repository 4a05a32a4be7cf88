/**
 * Keyboard shortcuts of the review page (issue 11, "Reviewing without mistakes" and "Queues and
 * assignment": a reviewer finishes a unit, attaches a link and moves on without the mouse).
 * The decision is pure so it can be tested: which action, if any, a key press means given where
 * the focus is. The page's one keydown listener (components/review/review-form.tsx) acts on it.
 *
 * The rule that fixed the flipped findings: letter and digit shortcuts never fire while the focus
 * is in a text field, textarea, select or contenteditable element, nor with Ctrl, Alt, Meta or
 * Shift held, so typing an owner name like "platform-fu" stays in the field.
 */

export type Finding = "PASS" | "FAIL" | "UNKNOWN";

/** Where the focus is when a key is pressed. */
export type TargetKind =
  /** input of a text-like type, textarea, contenteditable: the user is typing. */
  | "text"
  | "select"
  /** radio or checkbox (the finding buttons are radios). */
  | "choice"
  | "button"
  | "link"
  /** inside an open modal dialog (the shortcut overlay): the dialog handles its own keys. */
  | "dialog"
  /** the page itself or anything else. */
  | "other";

export type ShortcutAction =
  | { type: "finding"; finding: Finding }
  /** Save this review and go to the next unit of the reviewer's queue. */
  | { type: "save" }
  | { type: "navigate"; to: "nextInQueue" | "previousInQueue" | "next" | "previous" }
  /** Move the focus to a part of the page. */
  | { type: "focus"; to: "evidence" | "owner" }
  | { type: "copyQuery" }
  | { type: "help" }
  /** Leave the text field (blur it) so shortcuts work again. */
  | { type: "leaveField" };

/** The subset of a KeyboardEvent the decision needs. */
export type KeyPress = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean; repeat?: boolean; isComposing?: boolean };

/** Every shortcut, in the order the `?` overlay lists them. `keys` are shown as written. */
export const SHORTCUTS: readonly { keys: readonly string[]; description: string }[] = [
  { keys: ["1", "P"], description: "Finding PASS" },
  { keys: ["2", "F"], description: "Finding FAIL (then the focus moves to the remediation owner)" },
  { keys: ["3", "U"], description: "Finding UNKNOWN" },
  { keys: ["Enter"], description: "Save and go to the next unit of your queue (outside text fields)" },
  { keys: ["Ctrl+Enter", "⌘+Enter"], description: "Save and go to the next unit of your queue, also from a text field" },
  { keys: ["J", "N"], description: "Next unreviewed unit of your queue" },
  { keys: ["K"], description: "Previous unreviewed unit of your queue" },
  { keys: ["]"], description: "Next unit of the sample" },
  { keys: ["["], description: "Previous unit of the sample" },
  { keys: ["O"], description: "Go to the remediation owner field" },
  { keys: ["E"], description: "Go to the evidence panel (attach a file or a link)" },
  { keys: ["C"], description: "Copy the source-of-truth query for this unit" },
  { keys: ["Esc"], description: "Leave a text field (or close this overlay)" },
  { keys: ["?"], description: "Show these shortcuts" },
];

const SINGLE_KEYS: Record<string, ShortcutAction> = {
  "1": { type: "finding", finding: "PASS" },
  p: { type: "finding", finding: "PASS" },
  "2": { type: "finding", finding: "FAIL" },
  f: { type: "finding", finding: "FAIL" },
  "3": { type: "finding", finding: "UNKNOWN" },
  u: { type: "finding", finding: "UNKNOWN" },
  j: { type: "navigate", to: "nextInQueue" },
  n: { type: "navigate", to: "nextInQueue" },
  k: { type: "navigate", to: "previousInQueue" },
  "]": { type: "navigate", to: "next" },
  "[": { type: "navigate", to: "previous" },
  o: { type: "focus", to: "owner" },
  e: { type: "focus", to: "evidence" },
  c: { type: "copyQuery" },
};

/**
 * What a key press means on the review page.
 * - In a dialog: nothing (the dialog closes itself on Escape).
 * - Ctrl/⌘+Enter: save, wherever the focus is (also in a textarea); key repeat ignored.
 * - Enter: save, unless the focus is in a text field (native submit / new line), a select, on a
 *   button or a link (they activate themselves); key repeat ignored.
 * - Escape in a text field or select: leave it.
 * - `?`: the shortcut overlay, unless typing.
 * - Letters, digits, `[` `]`: only with no modifier held and the focus outside text fields and selects.
 * @returns the action, or null: let the browser handle the key.
 */
export function shortcutFor(press: KeyPress, target: TargetKind): ShortcutAction | null {
  if (target === "dialog" || press.isComposing) return null;
  const command = Boolean(press.ctrlKey || press.metaKey);
  const typing = target === "text" || target === "select";
  if (press.key === "Enter") {
    if (press.repeat || press.altKey || press.shiftKey) return null;
    if (command) return { type: "save" };
    return typing || target === "button" || target === "link" ? null : { type: "save" };
  }
  if (press.key === "Escape") return typing && !command && !press.altKey ? { type: "leaveField" } : null;
  if (typing || command || press.altKey) return null;
  if (press.key === "?") return { type: "help" };
  if (press.shiftKey) return null;
  const action = SINGLE_KEYS[press.key.toLowerCase()];
  if (!action) return null;
  return press.repeat && action.type !== "finding" ? null : action;
}

/** The element-like shape `targetKindOf` reads (a DOM Element satisfies it). */
export type ElementLike = {
  tagName: string;
  getAttribute(name: string): string | null;
  isContentEditable?: boolean;
  closest(selector: string): unknown;
};

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "week", "time", ""]);

/**
 * Classifies the focused element for `shortcutFor`. An input without a type, or with a text-like
 * type (text, email, url, number, date…), counts as a text field; file inputs count as buttons.
 */
export function targetKindOf(el: ElementLike | null): TargetKind {
  if (!el) return "other";
  if (el.closest("dialog[open]")) return "dialog";
  if (el.isContentEditable) return "text";
  const tag = el.tagName.toUpperCase();
  if (tag === "TEXTAREA") return "text";
  if (tag === "SELECT") return "select";
  if (tag === "BUTTON") return "button";
  if (tag === "A") return "link";
  if (tag === "INPUT") {
    const type = (el.getAttribute("type") ?? "").toLowerCase();
    if (type === "radio" || type === "checkbox") return "choice";
    if (type === "submit" || type === "button" || type === "reset" || type === "file" || type === "image") return "button";
    return TEXT_INPUT_TYPES.has(type) ? "text" : "other";
  }
  return "other";
}
