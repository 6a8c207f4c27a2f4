import type { DomainModule } from '../modules/vertical-module';
import { planningMessages } from './planning.messages';
import { entrySample, teamSample } from './record-samples';
import { planningEntries, planningTeams } from './resources';
import { planningPersonalData } from './planning.personal-data';

/**
 * Planning (issue 14, spec 003 §2.3.3): one context every vertical plans on — each person's agenda
 * (interventions remote or on site planning a record of a vertical, absences, appointments), working
 * hours, teams, the capacity forecast and each person's iCalendar feed. Nothing in it is a vertical's:
 * a vertical brings the records to plan (`plannables`) and its roles' grants (grants.ts).
 * A core context: every organisation has it; its roles' grants decide who uses it.
 */
export const planningModule: DomainModule = {
  key: 'planning',
  personalData: planningPersonalData,
  kind: 'core',
  label: { fr: 'Planning', en: 'Planning' },
  messages: planningMessages,
  resources: {
    'planning.entry': 'PlanningEntry',
    'planning.team': 'PlanningTeam',
  },
  records: [
    {
      resource: planningEntries, path: 'planning/entries',
      label: { fr: 'entrée d’agenda', en: 'agenda entry', frPlural: 'entrées d’agenda', enPlural: 'agenda entries' },
      personalDataColumns: ['notes', 'absence_reason'],
      sample: entrySample,
    },
    {
      resource: planningTeams, path: 'planning/teams',
      label: { fr: 'équipe', en: 'team', frPlural: 'équipes', enPlural: 'teams' },
      personalDataColumns: [],
      sample: teamSample,
    },
  ],
};
