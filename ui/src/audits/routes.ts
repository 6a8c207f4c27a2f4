import type { RouteRecordRaw } from 'vue-router';
import { assistantRoutes } from './assistant/routes';
import { catalogueRoutes } from './catalogue/routes';
import { missionsRoutes } from './missions/routes';
import { captureRoutes } from './capture/routes';
import { reportRoutes } from './report/routes';
import { processRoutes } from './process/routes';

/** Cassandre's audit screens (children of the app shell): each area's routes, merged here. */
export const auditsRoutes: RouteRecordRaw[] = [...missionsRoutes, ...catalogueRoutes, ...assistantRoutes, ...captureRoutes, ...reportRoutes, ...processRoutes];
