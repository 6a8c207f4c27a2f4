import type { requestsFr } from './requests.fr';

/** Texts of the rights requests (English), under `gdpr.requests`. */
export const requestsEn: typeof requestsFr = {
  requests: {
    nav: 'People’s requests',
    title: 'Data subject requests',
    intro: 'Access, rectification, erasure, portability, objection: answer within one month of receipt (extendable once by two months, saying why; GDPR article 12).',
    create: 'Record a request',
    empty: 'No request.',
    filters: { open: 'Open', closed: 'Closed', all: 'All' },
    filter: 'Show',
    columns: { number: 'No.', kind: 'Kind', subject: 'Person', receivedAt: 'Received', dueAt: 'Answer due', status: 'Status' },
    overdue: 'Overdue',
    kinds: { access: 'Access', erasure: 'Erasure', portability: 'Portability', rectification: 'Rectification', objection: 'Objection' },
    methods: {
      'signed-in': 'Signed in to their account', 'id-document': 'ID document (seen, not kept)', 'known-address': 'Answer from an address already known',
      'in-person': 'In person', other: 'Other means',
    },
    relations: { self: 'The person themselves', representative: 'A representative (lawyer, parent…)' },
    fields: {
      kind: 'Kind of request', subjectKind: 'Kind of person', subject: 'Person concerned', subjectSearch: 'Search by name or address',
      requesterName: 'Requester’s name', requesterEmail: 'Requester’s e-mail', relation: 'The requester is', details: 'Request (as received)', receivedAt: 'Received on',
      method: 'Verification means', reason: 'Reason for the extension (told to the person)', outcome: 'Outcome', answer: 'Answer sent to the person',
      refusalReason: 'Reason for refusal (and the right to complain to the CNIL)',
    },
    outcomes: { answered: 'Request granted', refused: 'Request refused' },
    sections: { request: 'Request', identity: 'Requester’s identity', deadline: 'Deadline', answer: 'Answer' },
    requester: 'Requester',
    received: 'Received on {date}',
    due: 'Answer due on {date}',
    extended: 'Deadline extended on {date}: {reason}',
    verifiedAt: 'Identity verified on {date} ({method})',
    notVerified: 'Identity not verified yet.',
    verify: 'Record the verification',
    extend: 'Extend by two months',
    answer: 'Record the answer',
    answeredAt: 'Answered on {date}',
    download: 'Download the export (zip)',
    saved: 'Saved',
    noSubject: 'Nobody found.',
  },
};
