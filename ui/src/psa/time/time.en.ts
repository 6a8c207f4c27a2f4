import type timeFr from './time.fr';

/** Texts of time entry, approval and the timer (English). */
const timeEn: typeof timeFr = {
  nav: { approval: 'Time approval', timesheet: 'My time' },
  kind: { billable: 'Billable', 'non-billable': 'Non-billable', included: 'Included in contract', outside: 'Outside contract' },
  status: { draft: 'Draft', submitted: 'Submitted', approved: 'Approved', 'changes-requested': 'To correct' },
  week: 'Week of {day}',
  total: 'Total: {duration}',
  columns: { ticket: 'Ticket', account: 'Client', day: 'Date', duration: 'Duration', kind: 'Kind', description: 'Work done', status: 'Status' },
  ticket: '#{number} — {title}',
  approval: {
    title: 'Time approval',
    intro: 'Time submitted by technicians, per person and week. Only approved time is deducted from hour banks and invoiced.',
    empty: 'No time waiting for approval.',
    selectGroup: 'Select the time of {name}, week of {day}',
    selectEntry: 'Select the time on ticket #{number}',
    approve: 'Approve ({n})',
    requestChanges: 'Ask for changes ({n})',
    confirmApprove: 'Approve the {n} selected time entries?',
    commentLabel: 'What to correct',
    commentHint: 'The technician reads this comment on their time entry.',
    send: 'Send back',
    cancel: 'Cancel',
    notSubmitted: 'is no longer submitted',
    report: 'Result: {ok} done, {failed} refused',
  },
  timesheet: {
    title: 'My time',
    previous: 'Previous week',
    next: 'Next week',
    empty: 'No time this week.',
    submit: 'Submit',
    submitAll: 'Submit the drafts ({n})',
    comment: 'Manager’s comment: {comment}',
  },
  timer: {
    short: 'Ticket #{number}',
    on: 'Timer running on ticket #{number} — {title}',
    elapsed: 'Elapsed time',
    stop: 'Stop the timer',
    stopped: '{minutes} min saved as a draft on ticket #{number}.',
    stoppedCapped: 'The timer ran more than 24 h: {minutes} min saved as a draft on ticket #{number}, to correct.',
    open: 'My time',
    start: 'Start the timer',
  },
};

export default timeEn;
