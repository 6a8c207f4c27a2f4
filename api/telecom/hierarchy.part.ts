import { Router } from 'express';
import { telecomFleets } from '../../domain/telecom/fleets';
import { recordRouter } from '../core/record.router';
import { linesRouter } from './lines.router';
import type { TelecomApiPart } from './telecom-api-part';

/** The API of the telecom vertical's accounts, contacts, sites, billing sites, fleets, lines and the catalogue of plans (spec 002 §4–5). */
export const hierarchyApiPart: TelecomApiPart = {
  routers: (deps) => {
    const fleets = Router();
    fleets.use('/', recordRouter(deps, telecomFleets));
    return [
      { path: '/telecom/lines', router: linesRouter(deps) },
      { path: '/telecom/fleets', router: fleets },
    ];
  },
};
