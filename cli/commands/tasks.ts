import type { Command } from 'commander';
import { formatDateTime } from '../dates';
import { CliError, ExitCode, usageError } from '../exit-codes';
import type { Api } from '../http';
import { renderList } from '../output';
import { isUuid } from '../records';
import { emit, withJson, type Context, type JsonFlag } from './common';
import { tr } from '../i18n';

interface Task {
  id: string;
  processKey: string;
  businessKey: string | null;
  elementId: string;
  name: string | null;
  assignee: string | null;
  dueAt: string | null;
  status: string;
}

/** "true", "12", "null", '{"a":1}' are JSON values; anything else is kept as text. */
export function parseValue(text: string): unknown {
  if (/^(true|false|null|-?\d+(\.\d+)?|\{.*\}|\[.*\]|".*")$/s.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The task's data: --data's JSON object, then each key=value on top of it. */
export function taskData(json: string | undefined, pairs: string[]): Record<string, unknown> {
  let data: Record<string, unknown> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw usageError(
        tr(`--data n'est pas du JSON valide (${(e as Error).message}) : écrivez-le comme '{"approved": true}'.`, `--data is not valid JSON (${(e as Error).message}): write it like '{"approved": true}'.`),
        [{ field: '--data', message: tr('n\'est pas du JSON valide', 'is not valid JSON') }],
      );
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw usageError(
        tr('--data doit être un objet JSON, comme \'{"approved": true}\'.', '--data must be a JSON object, such as \'{"approved": true}\'.'),
        [{ field: '--data', message: tr('doit être un objet', 'must be an object') }],
      );
    }
    data = parsed as Record<string, unknown>;
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw usageError(
        tr(`« ${pair} » n'est pas de la forme clé=valeur : écrivez-le comme approved=true ou comment="Fait".`, `"${pair}" is not key=value: write it like approved=true or comment="Done".`),
        [{ field: pair, message: tr('n\'est pas de la forme clé=valeur', 'is not key=value') }],
      );
    }
    data[pair.slice(0, at).trim()] = parseValue(pair.slice(at + 1));
  }
  return data;
}

/** A task id, or the first characters of one as `tasks list` shows them. */
async function resolveTask(api: Api, ref: string): Promise<string> {
  if (isUuid(ref)) return ref;
  if (!/^[0-9a-f-]{4,}$/i.test(ref)) {
    throw usageError(
      tr(`« ${ref} » n'est pas un identifiant de tâche : copiez-le depuis \`relais tasks list\`.`, `"${ref}" is not a task id: copy it from \`relais tasks list\`.`),
      [{ field: '<id>', message: tr('n\'est pas un identifiant de tâche', 'is not a task id') }],
    );
  }
  const tasks = (await api.get<{ items: Task[] }>('/tasks', { query: { candidate: 'me', limit: 200 } })).body.items;
  const matches = tasks.filter((t) => t.id.toLowerCase().startsWith(ref.toLowerCase()));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) {
    throw new CliError(tr(`Aucune de vos tâches ouvertes ne commence par « ${ref} ». Voir \`relais tasks list\`.`, `No open task of yours starts with "${ref}". See \`relais tasks list\`.`), ExitCode.NOT_FOUND);
  }
  throw usageError(tr(`« ${ref} » commence les identifiants de plusieurs tâches : donnez-en davantage.`, `"${ref}" starts several tasks' ids: give more of it.`));
}

export function registerTasks(program: Command, ctx: Context): void {
  const tasks = program.command('tasks').description(tr('vos tâches des processus : lister et terminer', 'your tasks in the lead-to-event process: list and complete'));

  withJson(tasks.command('list').description(tr('les tâches ouvertes qui vous sont confiées ou proposées à vos rôles', 'open tasks assigned to you or offered to your roles'))
    .option('--assigned', tr('seulement les tâches qui me sont confiées', 'only tasks assigned to me'))
    .option(tr('--status <statut>', '--status <status>'), tr('open (ouverte), completed (terminée) ou cancelled (annulée)', 'open, completed or cancelled'), 'open')
    .option(tr('--process <clé>', '--process <key>'), tr('seulement ce processus (par exemple events.lead-to-event)', 'only this process (e.g. events.lead-to-event)'))
    .option('--limit <n>', tr('combien (1-200)', 'how many (1-200)'), '50'))
    .action(async (o: JsonFlag & { assigned?: boolean; status: string; process?: string; limit: string }) => {
      const api = ctx.api();
      const query = { ...(o.assigned ? { assignee: 'me' } : { candidate: 'me' }), status: o.status, processKey: o.process, limit: o.limit };
      const res = await api.get<{ items: Task[] }>('/tasks', { query, flags: { status: '--status', processKey: '--process', limit: '--limit' } });
      const me = api.currentSession?.userId;
      emit(ctx, o, res.body, () => renderList(res.body.items, [
        { header: tr('Identifiant', 'Id'), value: (t) => t.id },
        { header: tr('Tâche', 'Task'), value: (t) => t.name ?? t.elementId },
        { header: tr('Étape', 'Step'), value: (t) => t.elementId },
        { header: tr('Processus', 'Process'), value: (t) => t.processKey },
        { header: tr('Objet', 'About'), value: (t) => t.businessKey },
        { header: tr('Confiée à', 'Assignee'), value: (t) => (t.assignee ? (t.assignee === me ? tr('moi', 'me') : tr('quelqu\'un d\'autre', 'someone else')) : tr('(proposée)', '(offered)')) },
        { header: tr('Échéance', 'Due'), value: (t) => formatDateTime(t.dueAt, ctx.timeZone) },
      ], { fr: ['tâche', 'tâches'], en: ['task', 'tasks'], feminine: true }));
    });

  withJson(tasks.command('complete').argument('<id>', tr('identifiant de la tâche (ou ses premiers caractères)', 'task id (or its first characters)'))
    .argument('[values...]', tr('valeurs du formulaire en clé=valeur (approved=true comment="OK")', 'form values as key=value (approved=true comment="OK")'))
    .description(tr('termine une tâche avec les données de son formulaire', 'complete a task with its form data'))
    .option('--data <json>', tr('les données du formulaire en objet JSON', 'the form data as a JSON object')))
    .action(async (ref: string, values: string[], o: JsonFlag & { data?: string }) => {
      const api = ctx.api();
      const data = taskData(o.data, values);
      const id = await resolveTask(api, ref);
      const res = await api.post<{ id: string; status: string }>(`/tasks/${id}/complete`, data);
      emit(ctx, o, res.body, () => tr(`La tâche ${id} est terminée.`, `Task ${id} is completed.`));
    });
}
