/** A term's weighted average out of 20 (Σ grade × coefficient / Σ coefficient), rounded to two decimals; null without grades. */
export function termAverage(courses: ReadonlyArray<{ grade: number; coefficient: number }>): number | null {
  const weight = courses.reduce((sum, c) => sum + c.coefficient, 0);
  if (!weight) return null;
  return Math.round((courses.reduce((sum, c) => sum + c.grade * c.coefficient, 0) / weight) * 100) / 100;
}
