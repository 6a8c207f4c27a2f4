import type { RouteRecordRaw } from 'vue-router';
import { pipelineRoutes } from './pipeline/routes';
import { contractsRoutes } from './contracts/routes';
import { prebillingRoutes } from './prebilling/routes';
import { ticketsRoutes } from './tickets/routes';
import { timeRoutes } from './time/routes';
import { machinesRoutes } from './machines/routes';
import { slaRoutes } from './sla/routes';

/** The MSP's screens (children of the app shell): each area's routes, merged here. */
export const psaRoutes: RouteRecordRaw[] = [...ticketsRoutes, ...timeRoutes, ...prebillingRoutes, ...contractsRoutes, ...pipelineRoutes, ...machinesRoutes, ...slaRoutes];
