import { PLATFORM_SECURITY_MEASURES, RECIPIENTS, cols, p, type PersonalDataDeclaration } from '../gdpr/personal-data';

/**
 * The student import's tables (issue 18, ADR 0050). Mappings and settings hold column headers, a folder path and
 * ids. A run's report lists every row of the file as it would be written — names, masked NIR (its last four
 * characters only, never in clear), address, phones — so the office can check a day's import; it is the import's
 * trace, kept one year, and erased with its run.
 */
export const importPersonalData: PersonalDataDeclaration = {
  activities: [
    {
      key: 'school.registry-import',
      name: { fr: 'Import quotidien du référentiel étudiant', en: 'Daily import of the student registry' },
      purpose: {
        fr: 'Mettre à jour le référentiel unique des étudiants depuis le fichier Excel de l’école et garder la trace de chaque import',
        en: 'Update the single student registry from the school’s Excel file and keep a trace of each import',
      },
      legalBasis: 'legitimate-interest',
      dataSubjects: [{ fr: 'Étudiants, prospects et alumni de l’école', en: 'The school’s students, prospects and alumni' }],
      recipients: [RECIPIENTS.staff, RECIPIENTS.host],
      retention: { duration: 'P1Y', from: { fr: 'après l’import', en: 'after the import' } },
      securityMeasures: PLATFORM_SECURITY_MEASURES,
    },
  ],
  tables: {
    school_import_mappings: {
      activity: 'school.registry-import',
      notPersonal: cols('id tenant_id name version columns created_by created_at'),
    },
    school_import_runs: {
      activity: 'school.registry-import',
      personal: { report: p.erase('identity'), file_name: p.erase('free-text') },
      notPersonal: cols('id tenant_id source file_sha256 dry_run status total created updated unchanged rejected mapping_id mapping_version error_code run_day attempts created_by started_at finished_at'),
    },
    school_import_settings: {
      activity: 'school.registry-import',
      notPersonal: cols('tenant_id drop_folder owner_user_id mapping_name enabled hour updated_by updated_at'),
    },
  },
  notAboutSubjects: {
    school_import_runs: {
      fr: 'Comptes rendus d’import (une ligne par ligne du fichier, NIR masqué), conservés un an : la personne est dans school_students',
      en: 'Import reports (one entry per row of the file, NIR masked), kept one year: the person is in school_students',
    },
  },
};
