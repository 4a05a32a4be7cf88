/**
 * Deterministic JSON for the artifact bundle (seed 000 "Output Artifacts"; issue 8: two exports
 * of the same state are byte-identical).
 */

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * JSON text with object keys sorted by UTF-16 code unit order at every depth, 2-space indent and a
 * trailing newline. Arrays keep their order; `undefined` properties are dropped.
 * @param value JSON-compatible data (no Date, Map, BigInt; pass instants as ISO strings).
 * @returns the text, e.g. `{\n  "a": 1\n}\n`.
 * @throws TypeError for a value JSON cannot represent (BigInt, cycles); RangeError for a
 *   non-finite number (NaN and ±Infinity would silently become null).
 */
export function stableJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value), (_key, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new RangeError("a non-finite number cannot be written as JSON");
    return v;
  }, 2);
  if (text === undefined) throw new TypeError("value is not JSON-serializable");
  return `${text}\n`;
}
