import { request, http } from './client';

/** Tasks, process instances, definitions and the modeler's catalogue (/api/v1). */

export type TaskStatus = 'open' | 'completed' | 'cancelled';
export type TaskSort = 'dueAt' | '-priority' | 'createdAt' | '-createdAt';

/** A JSON Schema object form (inline in the BPMN, or the UI's mapping of a registered form key). */
export interface JsonSchemaProperty {
  type?: 'string' | 'number' | 'integer' | 'boolean';
  title?: string;
  description?: string;
  enum?: Array<string | number>;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

export interface JsonSchemaObject {
  type?: 'object';
  title?: string;
  properties?: Record<string, JsonSchemaProperty>;
  required?: string[];
}

export interface Task {
  id: string;
  instanceId: string;
  processKey: string;
  businessKey: string;
  elementId: string;
  name: string | null;
  formKey: string | null;
  inlineForm: JsonSchemaObject | null;
  candidateRoles: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueAt: string | null;
  priority: number | null;
  status: TaskStatus;
  data: Record<string, unknown> | null;
  createdAt: string;
  claimedAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  version: number;
}

export interface TaskQuery {
  assignee?: 'me';
  candidate?: 'me';
  status?: TaskStatus;
  processKey?: string | null;
  sort?: TaskSort;
  limit?: number;
}

export type InstanceStatus = 'running' | 'incident' | 'completed' | 'cancelled';

export interface InstanceSummary {
  id: string;
  workflowId: string;
  processKey: string;
  version: number;
  businessKey: string;
  status: InstanceStatus;
  startedAt: string | null;
  endedAt: string | null;
  cancelReason: string | null;
  startedBy: string | null;
}

export interface InstanceQuery {
  processKey?: string | null;
  status?: InstanceStatus | null;
  businessKey?: string | null;
  version?: number | null;
  limit?: number;
}

export interface Incident {
  id: string;
  elementId: string;
  message: string;
  status: 'open' | 'resolved' | string;
  createdAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface InstanceTask {
  id: string;
  elementId: string;
  name: string | null;
  status: TaskStatus;
  assignee: string | null;
  dueAt: string | null;
  completedAt: string | null;
}

export interface InstanceDetail {
  id: string;
  workflowId: string;
  processKey: string;
  version: number;
  businessKey: string;
  status: InstanceStatus;
  startedAt: string | null;
  endedAt: string | null;
  cancelReason: string | null;
  activeElements: string[];
  completedElements: Record<string, number> | null;
  openTasks: InstanceTask[];
  tasks: InstanceTask[];
  incidents: Incident[];
  /** Absent without process.instance.variables.read; null when the engine did not answer. */
  variables?: Record<string, unknown> | null;
}

export interface InstanceEvent {
  id: string;
  at: string | null;
  type: string;
}

export interface DefinitionListItem {
  key: string;
  name: string | null;
  latestVersion: number | null;
  versions: number;
  hasDraft: boolean;
  deployedAt: string | null;
  deployedBy: string | null;
  draftSavedAt: string | null;
}

export interface DefinitionVersion {
  id: string;
  key: string;
  version: number | null;
  status: 'draft' | 'deployed';
  name: string | null;
  deployedAt: string | null;
  deployedBy: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DefinitionProblem {
  elementId: string | null;
  rule: string;
  message: string;
}

export interface DefinitionSaved {
  id: string;
  key: string;
  version: number | null;
  status: 'draft' | 'deployed';
  name: string | null;
  deployedAt: string | null;
  /** Lint problems of a draft (a deploy with problems is refused with 422). */
  problems?: DefinitionProblem[];
}

export type VersionRef = number | 'latest' | 'draft';

export interface Localised {
  fr: string;
  en: string;
}

export interface CatalogueActivity {
  name: string;
  description: Localised;
  inputs: Array<{ name: string; required: boolean }>;
}

export interface ProcessCatalogue {
  activities: CatalogueActivity[];
  forms: Array<{ key: string; title: Localised }>;
  roles: Array<{ key: string; labelFr: string; labelEn: string }>;
}

const id = encodeURIComponent;

export const tasksApi = {
  list: (query: TaskQuery, signal?: AbortSignal) => http.get<{ items: Task[] }>('/tasks', { limit: 100, ...query }, signal),
  get: (taskId: string) => http.get<Task>(`/tasks/${id(taskId)}`),
  claim: (taskId: string) => http.post<Task>(`/tasks/${id(taskId)}/claim`, {}),
  release: (taskId: string) => http.post<Task>(`/tasks/${id(taskId)}/release`, {}),
  complete: (taskId: string, data: Record<string, unknown>) => http.post<{ id: string; status: string }>(`/tasks/${id(taskId)}/complete`, data),
};

export const instancesApi = {
  list: (query: InstanceQuery, signal?: AbortSignal) => http.get<{ items: InstanceSummary[] }>('/process-instances', { limit: 100, ...query }, signal),
  get: (instanceId: string, signal?: AbortSignal) => http.get<InstanceDetail>(`/process-instances/${id(instanceId)}`, undefined, signal),
  history: (instanceId: string) => http.get<{ items: InstanceEvent[] }>(`/process-instances/${id(instanceId)}/history`),
  cancel: (instanceId: string, reason: string) => http.post<unknown>(`/process-instances/${id(instanceId)}/cancel`, { reason }),
  resolveIncident: (instanceId: string, incidentId: string, action: 'retry' | 'skip', variables?: Record<string, unknown>) =>
    http.post<unknown>(`/process-instances/${id(instanceId)}/incidents/${id(incidentId)}/resolve`, { action, ...(variables ? { variables } : {}) }),
};

export const definitionsApi = {
  list: () => http.get<{ items: DefinitionListItem[] }>('/process-definitions'),
  versions: (key: string) => http.get<{ items: DefinitionVersion[] }>(`/process-definitions/${id(key)}/versions`),
  xml: (key: string, version: VersionRef) =>
    request<string>('GET', `/process-definitions/${id(key)}/versions/${id(String(version))}/xml`, { responseType: 'text' }),
  /** Saves the draft of the file's process key (answers lint problems), or deploys it (422 with problems). */
  save: (xml: string, deploy: boolean) =>
    request<DefinitionSaved>('POST', '/process-definitions', { query: { deploy: String(deploy) }, body: xml, contentType: 'application/xml' }),
  catalogue: () => http.get<ProcessCatalogue>('/process-catalogue'),
};
