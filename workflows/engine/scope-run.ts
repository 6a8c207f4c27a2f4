import { CancellationScope } from '@temporalio/workflow';
import type { BoundaryEventNode, PlanNode } from '../../kernel/process/plan';
import { TerminateSignal } from './signals';

/** A token waiting at a join gateway, on the flow it arrived by. */
export interface JoinWaiter {
  flow: string | undefined;
  token: number;
  /** Set when a firing of the join took this token (it continues, or ends if another token carries on). */
  consumed: boolean;
}

/** The element an embedded sub-process runs for: its boundary events catch what the scope throws (escalations). */
export interface HostControl {
  node: PlanNode;
  /** The scope the host element runs in (where a non-interrupting boundary's path goes). */
  scope: ScopeRun;
  /** Interrupts the host for this boundary event (its path is taken instead of the host's outgoing flows). */
  interrupt(boundary: BoundaryEventNode): void;
}

/** A completed activity that a compensation throw can undo: its handler, or the compensable activities inside it. */
export interface Compensable {
  nodeId: string;
  handlerId?: string;
  locals: Record<string, unknown>;
  inner?: Compensable[];
}

/**
 * One running instance of a scope (the process, or an embedded sub-process):
 * its tokens and where each one is, the tokens waiting at its joins, its local
 * variables; it can be cancelled as a whole (interrupting boundary events,
 * errors, terminate).
 */
export class ScopeRun {
  private active = 0;
  private nextToken = 1;
  private waiting: Array<() => void> = [];
  private failure: unknown;
  /** Where each live token of this scope is (node id). */
  readonly positions = new Map<number, string>();
  /** Tokens waiting at each join gateway. */
  readonly joins = new Map<string, JoinWaiter[]>();
  /** Set when a terminate end event ended this scope: its elements end "terminated". */
  terminated = false;
  /** The interrupting event sub-process that took the scope over. */
  interruptedBy: string | undefined;
  hostCtl: HostControl | undefined;
  /** Completed activities with something to compensate, in order of completion. */
  compensable: Compensable[] = [];

  constructor(
    readonly scopeId: string,
    readonly cancellation: CancellationScope,
    readonly parent: ScopeRun | undefined,
    readonly locals: Record<string, unknown> = {},
  ) {}

  get tokens(): number {
    return this.active;
  }

  /**
   * Starts a token in this scope's own cancellation scope, whoever starts it:
   * the path a non-interrupting boundary event opens lives on after its host
   * ends. A token that fails cancels its siblings and fails the scope.
   */
  spawn(run: () => Promise<void>): void {
    this.active += 1;
    this.cancellation.run(run)
      .catch((error) => {
        if (this.failure === undefined) {
          this.failure = error;
          if (error instanceof TerminateSignal) this.terminated = true;
          this.cancellation.cancel();
        }
      })
      .finally(() => {
        this.active -= 1;
        if (this.active === 0) this.waiting.splice(0).forEach((resolve) => resolve());
      });
  }

  /** A token enters the scope at a node: answers its number. */
  track(nodeId: string): number {
    const token = this.nextToken++;
    this.positions.set(token, nodeId);
    return token;
  }

  /** An interrupting event sub-process starts: every token of the scope stops. */
  interrupt(eventSubProcessId: string): void {
    if (this.interruptedBy !== undefined) return;
    this.interruptedBy = eventSubProcessId;
    this.cancellation.cancel();
  }

  /** Something around the tokens failed (an event sub-process watcher): the scope fails with it. */
  fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.cancellation.cancel();
  }

  /** Resolves when every token has ended; rethrows the first failure. */
  async done(): Promise<void> {
    if (this.active > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** True when this scope or one around it was ended by a terminate end event. */
  isTerminated(): boolean {
    return this.terminated || (this.parent?.isTerminated() ?? false);
  }

  /** The variables visible here: the process's, then each enclosing scope's locals. */
  context(variables: Record<string, unknown>): Record<string, unknown> {
    const chain: ScopeRun[] = [this];
    for (let s = this.parent; s; s = s.parent) chain.unshift(s);
    return Object.assign({}, variables, ...chain.map((s) => s.locals));
  }
}
