import type registryFr from './registry.fr';

/** Texts of the student registry's screens (English). */
const registryEn: typeof registryFr = {
  nav: 'Students',
  title: 'Students',
  search: 'Search a student (last or first name)',
  create: 'New student',
  count: '{n} student | {n} student | {n} students',
  none: 'No student matches.',
  created: '{name} is in the registry (no. {number}).',
  number: 'Student no. {number}',
  promotion: 'Class of {year}',
  historyRecord: 'the student',
  readOnly: 'Read only: the student office keeps the registry.',
  columns: { number: 'No.', name: 'Name', status: 'Status', promotion: 'Class', cursus: 'Programme', city: 'City', company: 'Company' },
  status: { prospect: 'Prospect', enrolled: 'Enrolled', alumni: 'Alumni' },
  filters: { promotion: 'Class', anyPromotion: 'Every class', cursus: 'Programme', anyCursus: 'Every programme' },
  fields: {
    lastName: 'Last name', firstName: 'First name', nir: 'Social security no.', status: 'Status', promotion: 'Class', cursus: 'Programme',
    email: 'E-mail', address: 'Address', postalCode: 'Postal code', city: 'City', personalPhone: 'Personal phone',
    professionalPhone: 'Work phone', notes: 'Notes', company: 'Company (alumni)',
  },
  nir: {
    show: 'Show', hide: 'Hide', correct: 'Correct',
    correctTitle: 'Correct the social security number',
    correctIntro: 'The new number is checked by its control key; it replaces the old one in the registry and in the history (masked).',
    correctSubmit: 'Save the number',
  },
  createDialog: {
    submit: 'Register',
    nirHint: '15 characters, key included (spaces allowed): checked by its control key.',
  },
  parse: {
    required: 'Required',
    number: 'A year is expected, such as 2026',
    amount: 'Invalid amount',
    dateTime: 'Invalid date',
    percent: 'Invalid percentage',
  },
  conflict: {
    status: 'Changed elsewhere',
    title: 'Someone else changed this student',
    intro: 'Your changes were not saved. Choose the version to keep:',
  },
};

export default registryEn;
