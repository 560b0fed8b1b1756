/** Training failures as the engine reports them: a code the UI and the CLI can act on, and a message. */
export type EngineErrorCode = 'nan' | 'oom' | 'device-lost' | 'data' | 'state' | 'error';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly phase?: string,
    readonly loss?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

const OOM = /out of memory|\boom\b|failed to allocate|allocation failed|array buffer allocation|cannot allocate/i;
const LOST = /device (was |is )?lost|lost device|context (was |is )?lost|contextlost|gpu device/i;

/** Wraps any thrown value as an EngineError, recognising allocation failures and lost devices. */
export function classifyError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (LOST.test(message)) return new EngineError('device-lost', `the device was lost: ${message}`);
  if (OOM.test(message) || (err instanceof RangeError && /allocat|buffer/i.test(message))) {
    return new EngineError('oom', `out of memory: ${message} (try a smaller size preset or batch)`);
  }
  return new EngineError('error', message);
}
