import { CancellationScope } from '@temporalio/workflow';

/**
 * One running instance of a scope (the process, or an embedded sub-process):
 * counts its tokens, keeps its join counters and local variables, and can be
 * cancelled as a whole (interrupting boundary events, errors, terminate).
 */
export class ScopeRun {
  private active = 0;
  private waiting: Array<() => void> = [];
  private failure: unknown;
  /** Tokens that arrived at each join gateway and wait for the others. */
  readonly joins = new Map<string, number>();
  /** Branches the last inclusive split activated: what the matching inclusive join waits for. */
  inclusiveBranches: number | undefined;

  constructor(
    readonly scopeId: string,
    readonly cancellation: CancellationScope,
    readonly parent: ScopeRun | undefined,
    readonly locals: Record<string, unknown> = {},
  ) {}

  get tokens(): number {
    return this.active;
  }

  /** Starts a token; a token that fails cancels its siblings and fails the scope. */
  spawn(run: () => Promise<void>): void {
    this.active += 1;
    run()
      .catch((error) => {
        if (this.failure === undefined) {
          this.failure = error;
          this.cancellation.cancel();
        }
      })
      .finally(() => {
        this.active -= 1;
        if (this.active === 0) this.waiting.splice(0).forEach((resolve) => resolve());
      });
  }

  /** Resolves when every token has ended; rethrows the first failure. */
  async done(): Promise<void> {
    if (this.active > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure !== undefined) throw this.failure;
  }

  /** The variables visible here: the process's, then each enclosing scope's locals. */
  context(variables: Record<string, unknown>): Record<string, unknown> {
    const chain: ScopeRun[] = [this];
    for (let s = this.parent; s; s = s.parent) chain.unshift(s);
    return Object.assign({}, variables, ...chain.map((s) => s.locals));
  }
}
