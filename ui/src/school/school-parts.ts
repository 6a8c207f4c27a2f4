import type { UiModulePart } from '@/modules/ui-parts';
import { alumniUiPart } from './alumni/alumni.part';
import { companiesUiPart } from './companies/companies.part';
import { importUiPart } from './import/import.part';
import { portalUiPart } from './portal/portal.part';
import { registryUiPart } from './registry/registry.part';

/** The school screens' areas (issue 18), each in its folder; its menu entries in this order. */
export const schoolUiParts: readonly UiModulePart[] = [registryUiPart, importUiPart, portalUiPart, alumniUiPart, companiesUiPart];
