import { operatorOrdersPoll } from '../../domain/telecom/operator-orders.activity-contracts';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';
import { pollPendingOrders, type OperatorOrderDeps } from './operator-orders';

/** The operator orders' activities (contracts: domain/telecom/operator-orders.activity-contracts.ts). */
export function createOperatorOrderActivities(deps: OperatorOrderDeps) {
  return {
    async 'telecom.operator-orders.poll'(raw: unknown, meta: Pick<ServiceTaskMeta, 'tenantId'>) {
      parseTaskInput(operatorOrdersPoll.input, raw);
      return pollPendingOrders(deps, meta.tenantId);
    },
  };
}
