import type { DomainModule } from '../modules/vertical-module';
import { SYSTEM_ACTIVITIES } from './system.activity-contracts';
import { systemPersonalData } from './system.personal-data';

/** The platform itself: the smoke run that proves the pieces talk, and the general-purpose service tasks. */
export const systemModule: DomainModule = {
  key: 'system',
  personalData: systemPersonalData,
  kind: 'core',
  label: { fr: 'Plateforme', en: 'Platform' },
  resources: { 'system.smoke': 'SmokeRun' },
  activities: SYSTEM_ACTIVITIES,
};
