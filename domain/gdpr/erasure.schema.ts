import { z } from 'zod';

/** An erasure as its request shows it (docs/adr/0027-erasure.md): the report, the undo window, or the refusal. */
const instant = z.string().datetime();
export const erasureExceptionView = z.object({
  table: z.string(), activity: z.string(), activityName: z.string(), columns: z.array(z.string()), rows: z.number().int(),
  legalReference: z.string().nullable(), until: z.string().nullable(), from: z.string(),
  text: z.object({ fr: z.string(), en: z.string() }),
});
export const erasureRetainedView = z.object({
  table: z.string(), rows: z.number().int(), chained: z.boolean(), activity: z.string(), activityName: z.string(), duration: z.string(), legalReference: z.string().nullable(),
  text: z.object({ fr: z.string(), en: z.string() }),
});
export const erasureView = z.object({
  /** The reason a legal hold (or the request's state) refused it, in French; the rest is then null. */
  refused: z.string().nullable(),
  erasedAt: instant.nullable(),
  undoUntil: instant.nullable(),
  /** The data protection officer may undo now (`POST …/erasure/undo`). */
  undoable: z.boolean(),
  undoneAt: instant.nullable(),
  /** When the sealed original values were destroyed (the window's end, or the undo). */
  snapshotDestroyedAt: instant.nullable(),
  tables: z.array(z.object({ table: z.string(), rows: z.number().int() })),
  files: z.number().int(),
  exceptions: z.array(erasureExceptionView),
  /** Entries left in append-only, hash-chained logs (the audit log), with why. */
  retained: z.array(erasureRetainedView),
});
export type ErasureView = z.infer<typeof erasureView>;

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

/** The erasure part of a request's row, or null when none was attempted. */
export function presentErasure(row: Row, now: Date): ErasureView | null {
  const report = row.erasureReport as { refused?: string; tables?: ErasureView['tables']; files?: number; exceptions?: ErasureView['exceptions']; retained?: ErasureView['retained'] } | null | undefined;
  if (!report) return null;
  const undoUntil = iso(row.erasureUndoUntil);
  return {
    refused: report.refused ?? null, erasedAt: iso(row.erasedAt), undoUntil,
    undoable: Boolean(undoUntil && !row.erasureUndoneAt && !row.erasureSnapshotDestroyedAt && Date.parse(undoUntil) > now.getTime()),
    undoneAt: iso(row.erasureUndoneAt), snapshotDestroyedAt: iso(row.erasureSnapshotDestroyedAt),
    tables: report.tables ?? [], files: report.files ?? 0, exceptions: report.exceptions ?? [], retained: report.retained ?? [],
  };
}
