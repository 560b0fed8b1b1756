/**
 * Imported first by the page: documents are validated without generated code, so the page never
 * evaluates strings as code (no `new Function`, which zod would otherwise probe for).
 */
import { z } from 'zod';

z.config({ jitless: true });
