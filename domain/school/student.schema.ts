import { z } from 'zod';
import { email, optionalText, phone, recordMeta, requiredText, text, uuid } from '../core/fields';
import { checkNir } from './nir';

/**
 * A student of the single registry (spec 004, issue 18): the one schema the API, its OpenAPI, the staff's forms
 * and the Excel import validate with. The NIR arrives in clear, is checked by its shape and control key, and is
 * never answered in clear by a list: `student.nir` is its masked form (`maskedFromLastDigits`).
 */
export const STUDENT_STATUSES = ['prospect', 'enrolled', 'alumni'] as const;
export const studentStatus = z.enum(STUDENT_STATUSES);
export type StudentStatus = z.infer<typeof studentStatus>;

/** The social security number as typed (spaces, dots allowed), answered normalised; its refusals are the registry's messages. */
export const nirField = z.string().max(40).transform((value, ctx) => {
  const checked = checkNir(value);
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', message: checked.reason === 'nir-format' ? 'school.registry.nir-format' : 'school.registry.nir-key' });
    return z.NEVER;
  }
  return checked.nir;
});

/** A French postal code (5 digits, Corsica's 20xxx included). */
export const frenchPostalCode = text(10).regex(/^\d{5}$/, 'school.registry.postal-code').nullable().optional();

/** A class year: the year a student's cursus ends (their promotion). */
export const promotionYear = z.number().int().min(1950).max(2100);

const fields = {
  lastName: requiredText(120),
  firstName: requiredText(120),
  nir: nirField,
  status: studentStatus.optional(),
  address: optionalText(300),
  postalCode: frenchPostalCode,
  city: optionalText(120),
  email,
  personalPhone: phone,
  professionalPhone: phone,
  companyId: uuid.nullable().optional(),
  cursus: optionalText(120),
  promotion: promotionYear.nullable().optional(),
  notes: optionalText(2000),
};

/** A new student (POST /school/students; an import row once mapped). */
export const studentCreate = z.object(fields).strict();
export type StudentCreate = z.output<typeof studentCreate>;

/** A change to a student (PATCH, If-Match): any of its fields, the NIR included (checked again). */
export const studentUpdate = z.object(fields).partial().strict();
export type StudentUpdate = z.output<typeof studentUpdate>;

/**
 * A student as answered. `nir` is masked (« •••••••••••4512 ») to who may see it at all; a detail read opens it
 * for the roles holding `school.nir`. Contact details are answered to who holds `school.student.contact`.
 */
export const student = z.object({
  ...recordMeta,
  number: z.number().int(),
  lastName: z.string(),
  firstName: z.string(),
  nir: z.string(),
  status: studentStatus,
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  personalPhone: z.string().nullable(),
  professionalPhone: z.string().nullable(),
  companyId: z.string().uuid().nullable(),
  companyName: z.string().nullable(),
  cursus: z.string().nullable(),
  promotion: z.number().int().nullable(),
  userId: z.string().uuid().nullable(),
  notes: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
});
export type Student = z.infer<typeof student>;

/** The fields a student's contact group guards (addresses and phones: not a teacher's business). */
export const STUDENT_CONTACT_FIELDS = ['address', 'postalCode', 'city', 'personalPhone', 'professionalPhone', 'notes', 'userId'] as const;
