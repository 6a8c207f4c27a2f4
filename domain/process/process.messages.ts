import { defineMessages, entry, messagesOf, type Text } from '../i18n/messages';

/**
 * The process context's messages (docs/adr/0010-server-messages.md): tasks'
 * refusals and the refusal of a definition that has problems. The lint
 * problems of a diagram are in lint.messages.ts.
 */
const both = (fr: string, en: string) => ({ fr, en });
type Problem = { elementId: string | null; message: Text };
/** An instance's status, as French says it after « est » (instances' status column). */
const STATUS_FR: Record<string, string> = {
  running: 'en cours', incident: 'en incident', completed: 'terminé', cancelled: 'annulé', failed: 'en échec', terminated: 'arrêté',
};

export const processMessages = defineMessages({
  'tasks.forbidden-list': entry({
    example: { permission: 'process.task.read' },
    fr: (p) => `Votre rôle ne donne pas accès à la liste des tâches (permission ${p.permission}).`,
    en: (p) => `Your role does not give access to the task list (permission ${p.permission}).`,
  }),
  'tasks.not-open': entry({
    example: { status: 'completed' as 'completed' | 'cancelled' | string },
    fr: (p) => `Cette tâche est déjà ${({ completed: 'terminée', cancelled: 'annulée' } as Record<string, string>)[p.status] ?? p.status}.`,
    en: (p) => `This task is already ${p.status}.`,
  }),
  'tasks.not-offered': both('Cette tâche ne vous est pas proposée, ni à vos rôles.', 'This task is not offered to you or your roles.'),
  'tasks.claimed-by-other': both('Quelqu\'un d\'autre a déjà pris cette tâche.', 'Someone else has already claimed this task.'),
  'tasks.release-forbidden': both(
    'Seule la personne qui a pris cette tâche (ou un responsable) peut la libérer.',
    'Only the person who claimed this task (or a manager) can release it.',
  ),
  'tasks.reassign-forbidden': both(
    'Seul un responsable peut confier une tâche à quelqu\'un d\'autre (permission process.task.update sur toutes les tâches).',
    'Only a manager can give a task to someone else (permission process.task.update on all tasks).',
  ),
  'tasks.no-such-assignee': both('ne désigne aucun utilisateur actif de cette organisation', 'refers to no active user of this organisation'),
  'tasks.form-gone': entry({
    example: { form: 'events.sign-contract' },
    fr: (p) => `Le formulaire « ${p.form} » de cette tâche n'est plus enregistré ; prévenez un administrateur.`,
    en: (p) => `The form "${p.form}" of this task is no longer registered; ask an administrator.`,
  }),
  'tasks.not-a-form-field': both('n\'est pas un champ de ce formulaire', 'is not a field of this form'),
  'tasks.claimed-release-first': both(
    'Quelqu\'un d\'autre a pris cette tâche ; demandez-lui de la libérer d\'abord.',
    'Someone else has claimed this task; ask them to release it first.',
  ),
  'definitions.field.version': entry({
    example: { draft: true },
    fr: (p) => `doit être un numéro de version, « latest »${p.draft ? ' ou « draft »' : ''}`,
    en: (p) => `must be a version number, "latest"${p.draft ? ' or "draft"' : ''}`,
  }),
  'definitions.field.version-to-delete': both('indiquez le numéro de version, ou « draft »', 'name the version number, or "draft"'),
  'definitions.forbidden-read': both(
    'Vous ne pouvez pas consulter les définitions de processus (permission process.definition.read).',
    'You may not view process definitions (permission process.definition.read).',
  ),
  'definitions.forbidden-create': both(
    'Vous ne pouvez pas créer de définition de processus (permission process.definition.create).',
    'You may not create process definitions (permission process.definition.create).',
  ),
  'definitions.forbidden-update': both(
    'Vous ne pouvez pas modifier cette définition de processus (permission process.definition.update).',
    'You may not change this process definition (permission process.definition.update).',
  ),
  'definitions.forbidden-delete-draft': both(
    'Vous ne pouvez pas supprimer ce brouillon (permission process.definition.update ou delete).',
    'You may not delete this draft (permission process.definition.update or delete).',
  ),
  'definitions.no-process': both('Le fichier ne contient aucun processus à enregistrer.', 'The file holds no process to store.'),
  'definitions.not-found': entry({
    example: { key: 'order-approval', version: 'any' as 'any' | 'draft' | 'latest' | number },
    fr: (p, f) => `${p.version === 'any' ? 'La définition de processus' : p.version === 'draft' ? 'Le brouillon de la définition de processus' : p.version === 'latest' ? 'Une version déployée de la définition de processus' : `La version ${p.version} de la définition de processus`} ${f.quote(p.key)} est introuvable, ou vous n'y avez pas accès.`,
    en: (p) => `${p.version === 'any' ? 'The process definition' : p.version === 'draft' ? 'The draft of process definition' : p.version === 'latest' ? 'A deployed version of process definition' : `Version ${p.version} of process definition`} "${p.key}" was not found, or you do not have access to it.`,
  }),
  'definitions.only-draft': entry({
    example: { key: 'order-approval' },
    fr: (p, f) => `Le processus ${f.quote(p.key)} n'a qu'un brouillon : rien n'est déployé, il n'y a rien à retirer. Supprimez plutôt le brouillon.`,
    en: (p) => `Process "${p.key}" has only a draft: there is nothing deployed to retire. Delete the draft instead.`,
  }),
  'definitions.version-kept': entry({
    example: { key: 'order-approval', version: 2 },
    fr: (p, f) => `La version ${p.version} du processus ${f.quote(p.key)} est déployée : les versions déployées sont conservées (des instances les ont exécutées). Retirez plutôt le processus (POST /api/v1/process-definitions/${p.key}/retire) : il ne démarrera plus de nouvelle instance.`,
    en: (p) => `Version ${p.version} of process "${p.key}" is deployed: deployed versions are kept (instances ran them). Retire the process instead (POST /api/v1/process-definitions/${p.key}/retire): it then starts no new instance.`,
  }),
  'definitions.retired': entry({
    example: { key: 'order-approval', retiredAt: '2026-04-18T10:00:00.000Z', doing: 'start' as 'start' | 'deploy' },
    fr: (p, f) => `Le processus ${f.quote(p.key)} a été retiré le ${f.date(p.retiredAt)}. ${p.doing === 'deploy' ? 'Aucune nouvelle version ne peut être déployée tant qu\'il est retiré' : 'Il ne démarre plus de nouvelle instance'} : réactivez-le d'abord (POST /api/v1/process-definitions/${p.key}/reactivate).`,
    en: (p, f) => `Process "${p.key}" was retired on ${f.date(p.retiredAt)}. ${p.doing === 'deploy' ? 'A new version cannot be deployed while it is retired' : 'It starts no new instance'}: reactivate it first (POST /api/v1/process-definitions/${p.key}/reactivate).`,
  }),
  'definitions.send-xml': entry({
    example: { format: 'BPMN' as 'BPMN' | 'DMN' },
    fr: (p) => `Envoyez le fichier ${p.format} lui-même comme corps de la requête, avec « Content-Type: application/xml ».`,
    en: (p) => `Send the ${p.format} file itself as the request body, with "Content-Type: application/xml".`,
  }),
  'definitions.timer-start-cycle': entry({
    example: { el: 'Chaque lundi', problem: '"x" is not a cycle' as Text },
    fr: (p, f) => `Le début programmé ${f.quote(p.el)} : ${f.text(p.problem)}. Corrigez son cycle, puis déployez à nouveau.`,
    en: (p, f) => `Timer start event "${p.el}": ${f.text(p.problem)}. Correct its cycle, then deploy again.`,
  }),
  'decisions.forbidden-read': both(
    'Vous ne pouvez pas consulter les définitions de décisions (permission process.definition.read).',
    'You may not view decision definitions (permission process.definition.read).',
  ),
  'decisions.forbidden-create': both(
    'Vous ne pouvez pas déployer de définition de décisions (permission process.definition.create).',
    'You may not deploy decision definitions (permission process.definition.create).',
  ),
  'decisions.not-found': entry({
    example: { decisionId: 'discount', version: null as number | null },
    fr: (p, f) => `${p.version === null ? 'La décision' : `La version ${p.version} de la décision`} ${f.quote(p.decisionId)} est introuvable, ou vous n'y avez pas accès.`,
    en: (p) => `The decision "${p.decisionId}"${p.version === null ? '' : ` version ${p.version}`} was not found, or you do not have access to it.`,
  }),
  'instances.forbidden': entry({
    example: { action: 'read' as 'read' | 'create' | 'update' },
    fr: (p) => `Votre rôle ne permet pas ${({ read: 'de consulter les processus', create: 'de démarrer un processus', update: 'd\'agir sur les processus' })[p.action]} (permission process.instance.${p.action}).`,
    en: (p) => `Your role does not allow this on processes (permission process.instance.${p.action}).`,
  }),
  'instances.already-running': entry({
    example: { processKey: 'order-approval', businessKey: 'order-42' },
    fr: (p, f) => `Un processus ${f.quote(p.processKey)} est déjà en cours pour ${p.businessKey}.`,
    en: (p) => `A "${p.processKey}" process is already running for ${p.businessKey}.`,
  }),
  'instances.not-deployed': entry({
    example: { processKey: 'order-approval' },
    fr: (p, f) => `Aucune version du processus ${f.quote(p.processKey)} n'est déployée : déployez-le d'abord (POST /api/v1/process-definitions?deploy=true).`,
    en: (p) => `No deployed version of process "${p.processKey}": deploy it first (POST /api/v1/process-definitions?deploy=true).`,
  }),
  'instances.already-ended': entry({
    example: { status: 'completed' },
    fr: (p) => `Ce processus est déjà ${STATUS_FR[p.status] ?? p.status}.`,
    en: (p) => `This process is already ${p.status}.`,
  }),
  'instances.retry-not-failed': entry({
    example: { status: 'running' },
    fr: (p) => `Seul un processus en échec peut être relancé : celui-ci est ${STATUS_FR[p.status] ?? p.status}.`,
    en: (p) => `Only a failed process can be retried: this one is ${p.status}.`,
  }),
  'instances.retry-nothing-before': both(
    'Ce processus a échoué avant sa première étape : il n\'y a rien où revenir. Annulez-le et démarrez-le à nouveau.',
    'This process failed before its first step: there is nothing to go back to. Cancel it and start it again.',
  ),
  'instances.incident-resolved': both('Cet incident est déjà résolu.', 'This incident is already resolved.'),
  'instances.no-longer-running': both('Ce processus ne s\'exécute plus.', 'This process is no longer running.'),
  'engine.task-not-open': both('Cette tâche n\'est plus ouverte : elle a été terminée ou annulée.', 'This task is no longer open: it was completed or cancelled.'),
  'engine.not-a-candidate': both('Vous n\'êtes ni la personne assignée ni un candidat de cette tâche.', 'You are neither the assignee nor a candidate of this task.'),
  'engine.incident-not-open': both('Cet incident n\'est pas ouvert.', 'This incident is not open.'),
  'engine.cannot-skip': entry({
    example: { elementId: 'Compute' },
    fr: (p, f) => `L'élément ${f.quote(p.elementId)} ne peut pas être sauté : il calcule une valeur dont le processus a besoin. Corrigez les variables et relancez.`,
    en: (p) => `Element ${p.elementId} cannot be skipped: it computes a value the process needs. Correct the variables and retry.`,
  }),
  'messages.forbidden-send': both(
    'Votre rôle ne permet pas d\'envoyer des messages aux processus (permission process.message.create).',
    'Your role may not send process messages (permission process.message.create).',
  ),
  'signals.forbidden-send': both(
    'Votre rôle ne permet pas d\'émettre des signaux vers les processus (permission process.message.create).',
    'Your role may not send process signals (permission process.message.create).',
  ),
  'signals.lost': entry({
    example: { name: 'stock-low' },
    fr: (p, f) => `Aucune instance n'attend le signal ${f.quote(p.name)} et aucun processus ne démarre sur lui : les signaux ne sont pas conservés, celui-ci est donc perdu.`,
    en: (p) => `No instance waits for signal "${p.name}" and no process starts on it: signals are not buffered, so this one is lost.`,
  }),
  'messages.buffered': entry({
    example: { name: 'payment-received', correlationKey: 'C-42', expiresAt: '2026-04-18T10:00:00.000Z' },
    fr: (p, f) => `Aucun processus n'attend encore le message ${f.quote(p.name)} de clé ${f.quote(p.correlationKey)} : il est gardé jusqu'au ${f.dateTime(p.expiresAt)} pour le premier qui l'attendra (GET /api/v1/process-messages/buffered), puis il expire.`,
    en: (p, f) => `No process waits for message "${p.name}" with key "${p.correlationKey}" yet: it is kept until ${f.dateTime(p.expiresAt)} for the first one that does (GET /api/v1/process-messages/buffered), then expires.`,
  }),
  'incident.feel': entry({
    example: { expression: 'a +', detail: 'Incomplete <ArithmeticExpression>' },
    // FEEL's own reason (in English) is quoted for the expert who corrects the expression or the variables.
    fr: (p, f) => `L'expression FEEL ${f.quote(p.expression)} ne s'évalue pas (${p.detail}).`,
    en: (p) => `FEEL "${p.expression}": ${p.detail}`,
  }),
  'incident.no-flow': both(
    'Aucune condition des flux sortants n\'est vraie et il n\'y a pas de flux par défaut : corrigez les variables et relancez, ou ajoutez un flux par défaut.',
    'No outgoing flow\'s condition holds and there is no default flow: correct the variables and retry, or add a default flow.',
  ),
  'incident.uncaught-error': entry({
    example: { code: 'REFUSED' },
    fr: (p, f) => `L'erreur ${f.quote(p.code)} est levée ici mais aucune erreur attachée ne l'attrape.`,
    en: (p) => `Error "${p.code}" is thrown here but no boundary error event catches it.`,
  }),
  'incident.called-process-retired': entry({
    example: { processKey: 'billing', retiredAt: '2026-04-18T10:00:00.000Z' },
    fr: (p, f) => `Le processus appelé ${f.quote(p.processKey)} a été retiré le ${f.date(p.retiredAt)} : il ne démarre plus de nouvelle instance. Réactivez-le (POST /api/v1/process-definitions/${p.processKey}/reactivate) ou modifiez le processus appelant, puis relancez cet incident.`,
    en: (p, f) => `The called process "${p.processKey}" was retired on ${f.date(p.retiredAt)}: it starts no new instance. Reactivate it (POST /api/v1/process-definitions/${p.processKey}/reactivate) or change the calling process, then retry this incident.`,
  }),
  'incident.uncaught-business-error': entry({
    example: { code: 'REFUSED', detail: 'the bank refused' },
    // The activity's own words (`detail`) are quoted as it wrote them.
    fr: (p, f) => `L'activité a signalé l'erreur métier ${f.quote(p.code)} (${p.detail}) et aucune erreur attachée ne l'attrape.`,
    en: (p) => `The activity reported business error "${p.code}" (${p.detail}) and no boundary error event catches it.`,
  }),
  'incident.not-a-list': entry({
    example: { expression: '=items' },
    fr: (p, f) => `La collection multi-instance ${f.quote(p.expression)} n'est pas une liste.`,
    en: (p) => `The multi-instance collection "${p.expression}" is not a list.`,
  }),
  'incident.priority': entry({
    example: { value: 'high' },
    fr: (p, f) => `La priorité doit être un nombre de 0 à 100, pas ${f.quote(p.value)}.`,
    en: (p) => `The priority must be a number from 0 to 100, not "${p.value}".`,
  }),
  'incident.due-date': entry({
    example: { value: 'soon' },
    fr: (p, f) => `Une échéance doit être une durée ISO 8601 (P2D) ou une date et heure, pas ${f.quote(p.value)}.`,
    en: (p) => `A due date must be an ISO 8601 duration (P2D) or date-time, not "${p.value}".`,
  }),
  'incident.cardinality': entry({
    example: { value: -1 as unknown },
    fr: (p) => `Le nombre d'instances doit être un nombre entier positif ou nul, pas ${JSON.stringify(p.value)}.`,
    en: (p) => `The loop cardinality must be a whole number ≥ 0, not ${JSON.stringify(p.value)}.`,
  }),
  'incident.too-many-instances': entry({
    example: { count: 5000, max: 1000 },
    fr: (p) => `${p.count} instances demandées, au plus ${p.max} s'exécutent pour un élément : découpez le travail (un appel de processus par lot) ou corrigez la variable.`,
    en: (p) => `${p.count} instances asked, at most ${p.max} run for one element: split the work (a call activity per batch) or correct the variable.`,
  }),
  // ---- the monitor's technical history (api/process/instances.router.ts, instance-history.ts) ----
  'history.process-started': both('Processus démarré', 'Process started'),
  'history.process-completed': both('Processus terminé', 'Process completed'),
  'history.continued-as-new': both('Poursuivi dans une nouvelle exécution', 'Continued as new run'),
  'history.activity-scheduled': entry({
    example: { activity: 'comms.sms.send' },
    fr: (p) => `Activité ${p.activity} planifiée`, en: (p) => `Activity ${p.activity} scheduled`,
  }),
  'history.activity-completed': both('Activité terminée', 'Activity completed'),
  'history.activity-failed': entry({
    example: { reason: 'timeout' },
    // The activity's own failure text is quoted as it came.
    fr: (p) => `Activité en échec : ${p.reason}`, en: (p) => `Activity failed: ${p.reason}`,
  }),
  'history.timer-started': both('Minuterie lancée', 'Timer started'),
  'history.timer-fired': both('Minuterie déclenchée', 'Timer fired'),
  'history.signal': entry({ example: { name: 'cancelProcess' }, fr: (p) => `Signal ${p.name}`, en: (p) => `Signal ${p.name}` }),
  'history.update': entry({ example: { name: 'completeTask' }, fr: (p) => `Mise à jour ${p.name}`, en: (p) => `Update ${p.name}` }),
  'history.child-started': both('Processus appelé démarré', 'Called process started'),
  'history.child-completed': both('Processus appelé terminé', 'Called process completed'),
  'history.element': entry({
    example: { element: 'Valider (Task_1)', phase: 'started' as string },
    fr: (p) => `Élément ${p.element} ${({ started: 'démarré', completed: 'terminé', interrupted: 'interrompu', cancelled: 'annulé', skipped: 'sauté', failed: 'en échec' } as Record<string, string>)[p.phase] ?? p.phase}`,
    en: (p) => `Element ${p.element} ${p.phase}`,
  }),
  'definitions.has-problems': entry({
    example: { what: 'deployed' as 'deployed' | 'saved' | 'decision', count: 4, shown: [{ elementId: 'Task_1', message: 'This element is not connected to anything.' }] as Problem[] },
    fr: (p, f) => {
      const what = { deployed: 'La définition de processus ne peut pas être déployée', saved: 'La définition de processus ne peut pas être enregistrée', decision: 'La définition de décisions ne peut pas être déployée' }[p.what];
      const shown = p.shown.slice(0, 3).map((x) => (x.elementId ? `${x.elementId} : ${f.text(x.message)}` : f.text(x.message))).join(' ');
      return `${what} : ${p.count === 1 ? '1 problème' : `${p.count} problèmes`}. ${shown}${p.count > 3 ? ` …et ${p.count - 3} de plus (voir « problems »).` : ''}`;
    },
    en: (p, f) => {
      const what = { deployed: 'The process definition cannot be deployed', saved: 'The process definition cannot be saved', decision: 'The decision definition cannot be deployed' }[p.what];
      const shown = p.shown.slice(0, 3).map((x) => (x.elementId ? `${x.elementId}: ${f.text(x.message)}` : f.text(x.message))).join(' ');
      return `${what}: ${p.count === 1 ? '1 problem' : `${p.count} problems`}. ${shown}${p.count > 3 ? ` …and ${p.count - 3} more (see "problems").` : ''}`;
    },
  }),
});

export const processMessage = messagesOf(processMessages);
