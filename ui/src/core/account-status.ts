import type { AccountStatus } from '@/api/accounts.api';

export const STATUS_COLORS: Record<AccountStatus, string> = {
  prospect: 'info',
  active: 'success',
  suspended: 'warning',
  closed: 'grey',
};
