import type fr from './companies.fr';

/** Texts of the companies screens (English). */
const en: typeof fr = {
  nav: { companies: 'Companies', sms: 'Text students' },
  title: 'Companies',
  intro: 'Prospect companies for internships, apprenticeships and training, save them, then put them in touch with your students.',
  tabs: { search: 'Search', listed: 'Our companies', import: 'GetEnt migration' },
  search: {
    q: 'Name, SIREN or SIRET', naf: 'NAF code (e.g. 70.22Z)', postalCode: 'Postcode or département', workforce: 'Workforce',
    submit: 'Search', none: 'No company matches this search.', ceased: 'Ceased', headOffice: 'Head office',
    save: 'Save', saved: 'Already saved', giveOne: 'Type a name, a SIREN or at least one filter.',
  },
  save: {
    title: 'Save {name}', email: 'E-mail address', phone: 'Phone number', confirm: 'Save the company', cancel: 'Cancel',
    done: '{name} is saved in your companies.', already: '{name} was already saved.',
  },
  listed: {
    filter: 'Filter by name', none: 'No company saved yet.', contacts: 'Contacts', students: 'Students and alumni',
    noContact: 'No contact', noStudent: 'No student', open: '{n} introduction(s) in progress', introduce: 'Introduce a student',
    introductions: 'Introductions', legacyRef: 'GetEnt ref. {ref}',
  },
  introduce: {
    company: 'Company', title: 'Introduce a student to {name}', student: 'Student', studentHint: 'Type a name', contact: 'Contact at the company', noContact: 'The HR department',
    purpose: 'Purpose', channel: 'Tell the student by', note: 'Note (optional)', submit: 'Introduce', cancel: 'Cancel',
    done: 'Introduction saved: {student} has been told.', doneSilent: 'Introduction saved.',
  },
  purposes: { internship: 'Internship', apprenticeship: 'Apprenticeship', job: 'Job', training: 'Training' },
  channels: { sms: 'SMS', mail: 'Mail', none: 'Do not tell' },
  statuses: { proposed: 'Proposed', sent: 'Sent', accepted: 'Accepted', declined: 'Declined', closed: 'Closed' },
  moves: { accepted: 'Accepted', declined: 'Declined', closed: 'Close' },
  message: 'Message: {status}',
  import: {
    intro: 'Import GetEnt\'s « Gestion des entreprises » table (CSV or Excel: id_entreprise, Nom de l’entreprise, Adresse postale, Adresse mail, Numéro de téléphone). The address is split into address, postcode and city; a company imported before is updated.',
    file: 'File', dryRun: 'Check (saves nothing)', run: 'Import', counts: '{create} to create · {update} to update · {unchanged} unchanged · {rejected} rejected',
    written: 'Import done.', outcomes: { create: 'Create', update: 'Update', unchanged: 'Unchanged', rejected: 'Rejected' },
    columns: { row: 'Row', outcome: 'Outcome', ref: 'id_entreprise', name: 'Company', city: 'City', reason: 'Reason' },
  },
  sms: {
    title: 'Text students',
    action: 'Send an SMS',
    intro: 'An SMS to one student, a selection or a promotion. Transactional templates (room change, enrolment reminder) reach everyone; offers reach only the students who agreed to them. A student who answered STOP receives nothing more.',
    target: 'Recipients', promotion: 'A promotion', selection: 'Chosen students', promotionYear: 'Promotion', students: 'Students', studentsHint: 'Type a name',
    template: 'Template', marketing: 'Offer: consent required', send: 'Send', cancel: 'Cancel',
    started: 'Sending to {total} student(s) of {selected} ({withoutPhone} without a mobile).', report: 'See the sending report',
    templates: { 'exam-room-change': 'Exam room change', 'enrolment-reminder': 'Enrolment file reminder', 'internship-offer': 'Internship offer' },
    variables: {
      exam: { name: 'Exam', date: 'Date and time', room: 'New room' },
      enrolment: { deadline: 'Deadline' },
      offer: { title: 'Offer title', company: 'Company' },
    },
  },
};

export default en;
