/**
 * Agreement between two reviewers on categorical findings (issue 11, "Double review and
 * agreement"): the confusion matrix and Cohen's kappa.
 *
 * Source: J. Cohen, "A coefficient of agreement for nominal scales", Educational and
 * Psychological Measurement 20(1):37–46 (1960). With a k × k confusion matrix of counts n_ij
 * (row i: the first review's category, column j: the second review's), total n,
 * p_o = Σ n_ii / n (observed agreement) and p_e = Σ (n_i· · n_·i) / n² (agreement expected by
 * chance from the two reviewers' marginals), κ = (p_o − p_e) / (1 − p_e).
 */

/**
 * Cohen's kappa of a square confusion matrix.
 *
 * Computed as (n·Σ n_ii − Σ n_i·n_·i) / (n² − Σ n_i·n_·i), which is (p_o − p_e)/(1 − p_e)
 * multiplied through by n², so integer counts stay exact until the one division.
 *
 * p_e = 1 happens only when one category k holds every unit for both reviewers (Σ n_i·n_·i = n²
 * needs n_i· = n for every column i with n_·i > 0, so a single k with n_k· = n_·k = n, i.e. every
 * unit in cell (k, k)); then p_o = 1 too and κ is defined as 1 (issue 11). There is no other
 * case of p_e = 1, so the function never divides by zero.
 *
 * @param confusion k × k matrix (k ≥ 1) of non-negative finite counts; rows: first review,
 *   columns: second review, both in the same category order.
 * @returns κ in [−1, 1]: 1 is perfect agreement, 0 agreement at chance level, below 0 worse than chance.
 * @throws RangeError when the matrix is empty, not square, holds a negative or non-finite
 *   entry, or its total is 0 (no pair of reviews to compare: κ is undefined, and an error is
 *   clearer than NaN reaching a page; callers show "no double reviews yet" instead).
 */
export function cohensKappa(confusion: number[][]): number {
  const k = confusion.length;
  if (k === 0) throw new RangeError("confusion matrix is empty");
  confusion.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) throw new RangeError(`confusion matrix must be square: row ${i} has ${Array.isArray(row) ? row.length : "no"} entries, expected ${k}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`confusion matrix entry [${i}][${j}] must be a non-negative finite count, got ${v}`);
    });
  });
  const rowSums = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = confusion[0].map((_, j) => confusion.reduce((a, row) => a + row[j], 0));
  const n = rowSums.reduce((a, b) => a + b, 0);
  if (n === 0) throw new RangeError("confusion matrix total is 0: no pairs of reviews to compare");
  const agree = confusion.reduce((a, row, i) => a + row[i], 0);
  const chance = rowSums.reduce((a, r, i) => a + r * colSums[i], 0);
  const denominator = n * n - chance;
  if (denominator <= 0) return 1; // every unit in one and the same category for both (see above)
  return (n * agree - chance) / denominator;
}

/**
 * The confusion matrix of paired labels: entry [i][j] counts the items the first reviewer put in
 * `categories[i]` and the second in `categories[j]`.
 * @param first the first review's label of each item.
 * @param second the second review's label of the same items, in the same order.
 * @throws RangeError when the arrays differ in length, or a label is not one of `categories`
 *   (naming the item's index), or `categories` has duplicates.
 */
export function confusionMatrix<T>(first: readonly T[], second: readonly T[], categories: readonly T[]): number[][] {
  if (first.length !== second.length) throw new RangeError(`paired labels differ in length: ${first.length} first, ${second.length} second`);
  if (new Set(categories).size !== categories.length) throw new RangeError("categories must be distinct");
  const matrix = categories.map(() => categories.map(() => 0));
  first.forEach((a, index) => {
    const i = categories.indexOf(a);
    const j = categories.indexOf(second[index]);
    if (i < 0 || j < 0) throw new RangeError(`item ${index}: label ${String(i < 0 ? a : second[index])} is not one of the categories`);
    matrix[i][j]++;
  });
  return matrix;
}
