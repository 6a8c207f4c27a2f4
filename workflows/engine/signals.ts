/**
 * Control flow of the interpreter that travels as exceptions through the
 * tokens and scopes of a run. None of them is a failure: each ends where
 * BPMN says it ends.
 */
export class EngineSignal extends Error {}

/** An error end event or an activity's business error, on its way to the boundary error event that catches it. */
export class BpmnErrorSignal extends EngineSignal {
  constructor(readonly code: string) {
    super(`BPMN error ${code}`);
  }
}

/** A terminate end event: every token of its scope (only) stops; the scope completes. */
export class TerminateSignal extends EngineSignal {}

/** An error nothing in this process catches, but the calling process does: this process ends with it. */
export class ProcessErrorEnd extends EngineSignal {
  constructor(readonly code: string) {
    super(`BPMN error ${code} for the calling process`);
  }
}
