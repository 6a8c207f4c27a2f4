/**
 * A module's scheduled job (ADR 0045): work a vertical runs on a Temporal Schedule without the core naming
 * it. The schedule starts `moduleJob` with two of the module's activity names: `list` answers the items
 * (say, one per organisation and month), `each` is called once per item, in order, each retried alone.
 * The vertical owns its activities and its schedule; the core only this generic workflow.
 */
export const MODULE_JOB_WORKFLOW = 'moduleJob';

export interface ModuleJobInput {
  /** The activity listing the items: `(input) => Promise<unknown[]>`. */
  list: string;
  /** What `list` is given (`{}` when left out): a run narrowed to some items, as a test or an operator asks. */
  listInput?: Record<string, unknown>;
  /** The activity doing one item: `(item) => Promise<unknown>`. */
  each: string;
}

export interface ModuleJobResult {
  done: number;
  results: unknown[];
}
