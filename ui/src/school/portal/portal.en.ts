/** The student portal and the office's correction requests (issue 18), English. */
export default {
  nav: {
    profile: 'My profile', grades: 'My grades', alumni: 'Alumni network', companies: 'Companies', consents: 'My consents',
    myData: 'My data', requests: 'Correction requests', gradesImport: 'Grades import',
  },
  banner: { student: 'Student area', alumnus: 'Alumni area', number: 'Student no. {number}' },
  fields: {
    lastName: 'Last name', firstName: 'First name', nir: 'Social security no.', status: 'Status', promotion: 'Class', cursus: 'Programme',
    address: 'Address', postalCode: 'Postal code', city: 'City', personalPhone: 'Personal phone', professionalPhone: 'Work phone',
    email: 'E-mail', employer: 'Employer',
  },
  statuses: { prospect: 'Prospect', enrolled: 'Enrolled', alumni: 'Alumni' },
  profile: {
    title: 'My profile',
    intro: 'The data the school holds about you. A mistake? Ask for a correction: the student office checks it and answers you here.',
    schoolOwned: 'Identity and studies', contact: 'Contact details', nirHint: 'Masked, even for you: only the last four characters are shown.',
    none: 'Not given', ask: 'Ask for a correction', requests: 'My correction requests', noRequests: 'No request yet.',
  },
  request: {
    title: 'Ask for a correction', field: 'Field to correct', value: 'Correct value', reason: 'Reason', submit: 'Send the request', cancel: 'Cancel',
    sent: 'Request sent to the student office.', nirSealed: 'The number you ask for is encrypted when sent and never shown in clear.',
    status: { pending: 'Pending', accepted: 'Accepted', refused: 'Refused' }, answer: 'Student office’s answer: {answer}',
    columns: { field: 'Field', current: 'Current value', requested: 'Requested value', status: 'Status', date: 'Asked on' },
  },
  grades: {
    title: 'My grades', intro: 'Your grades as the teachers published them (GetEtu), term by term.', none: 'No grade published yet.',
    term: 'Term {term}', average: 'Average: {average}/20', noAverage: 'No average yet',
    columns: { course: 'Course', teacher: 'Teacher', grade: 'Grade /20', coefficient: 'Coef.', published: 'Published on' },
  },
  alumni: {
    title: 'Alumni network', intro: 'The school’s alumni who agreed to be listed in the directory.', search: 'Search a name', promotion: 'Class',
    none: 'No alumnus matches.', columns: { name: 'Name', promotion: 'Class', cursus: 'Programme', employer: 'Employer', job: 'Job', city: 'City of work' },
  },
  companies: {
    title: 'Companies', intro: 'The companies the school works with (internships, work-study, jobs).', search: 'Search a company',
    none: 'No company matches.', columns: { name: 'Company', city: 'City', sector: 'Sector' },
  },
  consents: {
    title: 'My consents', intro: 'Your consent to the school’s SMS and e-mails, the alumni directory and sharing with Alumnet. You may withdraw it at any time.',
    saved: 'Your choice is saved.', myData: 'Download my data (My data)',
  },
  office: {
    title: 'Correction requests', intro: 'The corrections students and alumni asked for from their portal.',
    waiting: '{count} correction request waits for your answer (the oldest: {name}) | {count} correction requests wait for your answer (the oldest: {name})', open: 'See the requests',
    pending: 'Pending', decided: 'Decided', none: 'No request.', accept: 'Accept', refuse: 'Refuse', answer: 'Answer to the student',
    refuseTitle: 'Refuse the request', accepted: 'Correction applied to the record.', refused: 'Request refused, the student sees your answer.',
    columns: { student: 'Student', field: 'Field', current: 'Current', requested: 'Requested', reason: 'Reason', date: 'Received on', status: 'Status', actions: 'Decision' },
  },
  gradesImport: {
    title: 'Grades import (GetEtu)',
    intro: 'Drop GetEtu’s CSV export: each grade is matched to its student by social security number or student number, then published in their portal. A grade already published for the same course and term is replaced.',
    columnsHint: 'Expected columns (semicolon-separated, in any order):',
    file: 'CSV file exported from GetEtu', check: 'Check', import: 'Import', other: 'Choose another file',
    checked: 'Check only: nothing was saved. Fix the rejected rows in GetEtu, or import the valid ones.',
    imported: 'Import done: {published} grade published. | Import done: {published} grades published.',
    nothing: 'No valid row: nothing to import.', onlyRejected: 'Rejected rows only', unreadable: 'This file could not be read: choose GetEtu’s CSV export.',
    counts: { created: 'new', updated: 'changed', unchanged: 'unchanged', rejected: 'rejected' },
    outcomes: { created: 'New', updated: 'Changed', unchanged: 'Unchanged', rejected: 'Rejected' },
    wouldBe: { created: 'Will be published', updated: 'Will be changed', unchanged: 'Unchanged', rejected: 'Rejected' },
    columns: { row: 'Row', outcome: 'Result', student: 'Student no.', term: 'Term', course: 'Course', reason: 'Reason' },
  },
};
