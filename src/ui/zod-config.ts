/** Imported first by the page, before anything that could build a zod schema (see zod-jitless.ts). */
import '../graph/zod-jitless';
