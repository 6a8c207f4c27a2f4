import type { RouteRecordRaw } from 'vue-router';
import { contractsRoutes } from './contracts/routes';

/** The MSP's screens (children of the app shell): each area's routes, merged here. */
export const psaRoutes: RouteRecordRaw[] = [...contractsRoutes];
