import { on } from '../identity/grants';
import { IMPORT_SUBJECT } from './import-access';
import { seedImportDemo } from './import-demo';
import { importMessages } from './import.messages';
import { importPersonalData } from './import.personal-data';
import type { SchoolPart } from './school-part';

/**
 * The registry import (issue 18, ADR 0050): the Excel upload with its dry run, versioned mappings, upsert on the NIR,
 * the CLI and the daily drop folder. The student office imports; its head also sets the drop folder; the direction
 * reads the history.
 */
export const importPart: SchoolPart = {
  resources: { 'school.import': IMPORT_SUBJECT },
  messages: importMessages,
  personalData: importPersonalData,
  grants: {
    'school-office': on('school.import', 'cr=all'),
    'school-lead': on('school.import', 'cru=all'),
    direction: on('school.import', 'r=all'),
  },
  seedDemo: seedImportDemo,
};
