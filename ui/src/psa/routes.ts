import type { RouteRecordRaw } from 'vue-router';
import { ticketsRoutes } from './tickets/routes';

/** The MSP's screens (children of the app shell): each area's routes, merged here. */
export const psaRoutes: RouteRecordRaw[] = [...ticketsRoutes];
