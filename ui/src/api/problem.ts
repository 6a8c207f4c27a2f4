/** RFC 9457 problem details, as every API error answers. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

/** A failed API call. `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  /** Someone else saved the record first (412, type …/stale-version). */
  get isStaleVersion(): boolean {
    return this.status === 412 && String(this.problem.type ?? '').endsWith('stale-version');
  }
}

export async function problemFrom(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') problem = { ...problem, ...(body as Problem) };
  } catch {
    // Not JSON (a proxy error page, for instance): keep the status line.
  }
  return new ApiError(response.status, problem);
}
