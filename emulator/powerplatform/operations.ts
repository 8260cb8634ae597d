/**
 * Long-running operations of the emulated admin APIs: each finishes `delayMs` after it started (or
 * fails, when told to), and its effect on the state is applied once, when it succeeds.
 *
 * @module
 */

/** One operation. */
export interface EmulatedOperation {
  operationId: string;
  name: string;
  environmentId?: string;
  startTime: string;
  finishAt: number;
  fail: boolean;
  /** Applied once on success. */
  effect?: () => void;
  applied: boolean;
}

/** The operation registry. */
export class OperationBook {
  readonly #ops = new Map<string, EmulatedOperation>();
  /** How long an operation runs, in ms. */
  delayMs: number;
  /** Operations still to start that must fail. */
  failNext = 0;
  /** Every operation fails. */
  failAll = false;
  readonly #now: () => number;

  /** `now` is the emulator's clock; operations finish `delayMs` after they start. */
  constructor(now: () => number, delayMs: number) {
    this.#now = now;
    this.delayMs = delayMs;
  }

  /** Starts an operation. */
  start(name: string, environmentId: string | undefined, effect?: () => void): EmulatedOperation {
    const fail = this.failAll || this.failNext > 0;
    if (this.failNext > 0) this.failNext--;
    const op: EmulatedOperation = {
      operationId: crypto.randomUUID(),
      name,
      environmentId,
      startTime: new Date(this.#now()).toISOString(),
      finishAt: this.#now() + this.delayMs,
      fail,
      effect,
      applied: false,
    };
    this.#ops.set(op.operationId, op);
    return op;
  }

  /** An operation by id. */
  get(id: string): EmulatedOperation | undefined {
    return this.#ops.get(id);
  }

  /** Every operation of an environment, newest first. */
  forEnvironment(environmentId: string): EmulatedOperation[] {
    return [...this.#ops.values()].filter((o) => o.environmentId === environmentId).reverse();
  }

  /** Applies the effect of every operation that has finished by now (state reads see finished work). */
  settle(): void {
    for (const op of this.#ops.values()) if (!op.applied) this.status(op);
  }

  /** `Running`, `Succeeded` or `Failed` (applying the effect on first success). */
  status(op: EmulatedOperation): "Running" | "Succeeded" | "Failed" {
    if (this.#now() < op.finishAt) return "Running";
    if (op.fail) return "Failed";
    if (!op.applied) {
      op.applied = true;
      op.effect?.();
    }
    return "Succeeded";
  }

  /** The Power Platform API view of an operation. */
  view(op: EmulatedOperation): Record<string, unknown> {
    const status = this.status(op);
    return {
      operationId: op.operationId,
      name: op.name,
      status,
      startTime: op.startTime,
      ...(status === "Running" ? {} : { endTime: new Date(op.finishAt).toISOString() }),
      ...(status === "Failed"
        ? {
          errorDetail: {
            code: "OperationFailed",
            message: `The emulator was told to fail this ${op.name} operation.`,
          },
        }
        : {}),
      ...(op.environmentId ? { updatedEnvironment: { environmentId: op.environmentId } } : {}),
    };
  }
}
