/**
 * Documents are validated without generated code: zod's JIT builds parsers with `new Function`,
 * and even its probe for whether that is allowed is a violation under the app's
 * Content-Security-Policy (no `unsafe-eval`). Imported by the document schema and by each worker
 * entry, so the page, the workers and the CLI all validate the same way.
 */
import { z } from 'zod';

z.config({ jitless: true });
