import type { MissionStatus } from './mission.schema';

/** The statuses as people read them (the UI's chips, the messages), French first. */
export const MISSION_STATUS_LABELS: Readonly<Record<MissionStatus, { fr: string; en: string }>> = {
  new: { fr: 'Nouvelle', en: 'New' },
  planned: { fr: 'Planifiée', en: 'Planned' },
  on_site: { fr: 'Sur site', en: 'On site' },
  drafting: { fr: 'Rédaction', en: 'Drafting' },
  review: { fr: 'Relecture', en: 'Review' },
  delivered: { fr: 'Livrée', en: 'Delivered' },
  anonymised: { fr: 'Anonymisée', en: 'Anonymised' },
};
