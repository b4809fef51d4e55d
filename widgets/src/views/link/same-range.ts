/** Two windows equal up to float noise (one that went through a zoom transform and back). */
export function sameRange(a: [number, number], b: [number, number]): boolean {
  const tol = Math.abs(b[1] - b[0]) * 1e-9;
  return Math.abs(a[0] - b[0]) <= tol && Math.abs(a[1] - b[1]) <= tol;
}
