import { z } from 'zod';

/**
 * Alumnet's answers as our adapter reads them (docs/integrations/alumnet.md): every answer is checked against
 * these schemas before anything of it is used. A field renamed, a type changed or a page without its paging
 * block is an `unexpected-response` (spec 004 risk 4: the vendor changes its API on go-live day), never half read.
 * Unknown extra fields are tolerated (an API may grow); missing or mistyped ones are not.
 */
const isoInstant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date-time');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().max(max);

export const alumnetMe = z.object({
  organisation: z.object({ id: z.string().min(1), name: z.string().min(1) }),
});

export const alumnetPosition = z.object({
  company: text(200).nullable(),
  title: text(200).nullable(),
  city: text(120).nullable(),
  start_date: isoDay.nullable(),
});

export const alumnetMember = z.object({
  id: z.string().min(1).max(80),
  external_ref: z.string().max(80).nullable(),
  first_name: text(120),
  last_name: text(120),
  graduation_year: z.number().int().min(1900).max(2100).nullable(),
  program: text(200).nullable(),
  current_position: alumnetPosition.nullable(),
  updated_at: isoInstant,
});
export type AlumnetMember = z.infer<typeof alumnetMember>;

export const alumnetMembersPage = z.object({
  data: z.array(alumnetMember),
  paging: z.object({ next_cursor: z.string().min(1).nullable() }),
  server_time: isoInstant,
});
export type AlumnetMembersPage = z.infer<typeof alumnetMembersPage>;

/** What we send to create or update a member (PUT /v1/members/external/{external_ref}). */
export const alumnetMemberPut = z.object({
  first_name: text(120),
  last_name: text(120),
  graduation_year: z.number().int().nullable(),
  program: text(200).nullable(),
  professional_email: z.string().max(320).nullable(),
  professional_phone: z.string().max(20).nullable(),
}).strict();
export type AlumnetMemberPut = z.infer<typeof alumnetMemberPut>;

export const alumnetMemberPutAnswer = z.object({
  id: z.string().min(1).max(80),
  external_ref: z.string().max(80),
  updated_at: isoInstant,
});

/** `error.code` and `error.message` of an Alumnet error body (`{ "error": { "code", "message" } }`). */
export function alumnetErrorOf(body: Record<string, unknown>): { code: string; message: string } {
  const error = (body.error ?? {}) as Record<string, unknown>;
  return { code: String(error.code ?? 'refused'), message: String(error.message ?? body.message ?? 'refused').slice(0, 300) };
}

/** Where a zod failure is, without any value (a value may be a person's name): `data.3.current_position.company`. */
export function shapeProblems(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
}
