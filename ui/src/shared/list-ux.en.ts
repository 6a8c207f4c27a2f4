import type listUxFr from './list-ux.fr';

const listUxEn: typeof listUxFr = {
  shortcuts: {
    title: 'Keyboard shortcuts',
    notWhileTyping: 'Inactive while typing in a field.',
    move: 'Next / previous row',
    open: 'Open the selected row',
    close: 'Close the side panel',
    search: 'Go to the list search',
    palette: 'Search and commands',
    help: 'Show this help',
    keyEnter: 'Enter',
    keyEscape: 'Esc',
  },
  palette: {
    commands: 'Commands',
    recent: 'Recent records',
    recentNote: 'Kept in this browser',
    recentRecord: 'Recent record',
    myTasks: 'Go to my tasks',
    newAccount: 'New account',
  },
  views: {
    title: 'Views',
    local: 'Local views (in this browser)',
    localHint: 'Saved in this browser only: share the link to show it to someone.',
    none: 'No saved view',
    save: 'Save the current view',
    saveButton: 'Save',
    name: 'View name',
    delete: 'Delete the view {name}',
  },
  selection: {
    selected: '{n} selected | {n} selected',
    allLoaded: 'All {n} rows of this page are selected.',
    selectAllMatching: 'Select all matching this filter',
    allMatching: 'All matching this filter are selected',
    clear: 'Clear selection',
    summary: '{ok} done, {failed} refused',
    ok: 'done',
    report: 'Result per record',
    actions: 'Bulk actions',
  },
};

export default listUxEn;
