import { on } from '../identity/grants';

/**
 * Planning grants for the roles of the verticals that plan (issue 14: the MSP; audits and field service
 * next): who runs the agendas manages every entry and the teams; a technician reads his own agenda and
 * his teams' (scope `assigned`: his own and his teammates', resources.ts), writes his own, and reads the teams.
 */
export const planningManage = [...on('planning.entry', 'rcud=all'), ...on('planning.team', 'rcud=all')];
export const planningTeamMember = [...on('planning.entry', 'r=assigned cud=own'), ...on('planning.team', 'r=all')];
/** Someone who follows the agendas without planning (direction). */
export const planningRead = [...on('planning.entry', 'r=all'), ...on('planning.team', 'r=all')];
