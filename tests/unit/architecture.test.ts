/**
 * The import direction the architecture promises, checked on the source: the page (everything
 * src/main.tsx loads) and the pure layers (src/graph, src/compiler) never reach TensorFlow.js or
 * src/engine through a value import. Type-only imports are allowed: they vanish when compiled.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

export interface ImportEdge {
  /** As written: './x', '@tensorflow/tfjs'. */
  specifier: string;
  line: number;
  /** `import('…')`: loaded on demand, but loaded all the same. */
  dynamic: boolean;
}

/** The imports of a TypeScript file that survive compilation (not `import type`, not all-`type` specifiers). */
export function valueImports(fileName: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const allTypes = (elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[]) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      if (clause && !clause.name && named && ts.isNamedImports(named) && allTypes(named.elements)) continue;
      edges.push({ specifier: statement.moduleSpecifier.text, line: lineOf(statement), dynamic: false });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && allTypes(clause.elements)) continue;
      edges.push({ specifier: statement.moduleSpecifier.text, line: lineOf(statement), dynamic: false });
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) edges.push({ specifier: arg.text, line: lineOf(node), dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** A relative specifier as the bundler resolves it (extensionless, or a folder's index), or null for non-code files. */
function resolveLocal(from: string, specifier: string, exists: (p: string) => boolean): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.(ts|tsx)$/.test(candidate) && exists(candidate)) return candidate;
  }
  return null;
}

export interface Violation {
  /** The files from the root to the one that reaches the forbidden module, then the module. */
  chain: string[];
}

export interface SourceTree {
  read(path: string): string;
  exists(path: string): boolean;
}

const disk: SourceTree = {
  read: (p) => readFileSync(p, 'utf8'),
  exists: (p) => existsSync(p) && statSync(p).isFile(),
};

/**
 * Follows value imports from `roots` (breadth first) and returns the shortest chain to each
 * forbidden module reached: a package for which `forbidPackage` holds, or a file for which
 * `forbidFile` holds. Other packages are not followed (none of ours re-exports TF.js).
 */
export function findForbidden(
  roots: string[],
  rules: { forbidPackage: (name: string) => boolean; forbidFile: (path: string) => boolean },
  tree: SourceTree = disk,
): Violation[] {
  const parent = new Map<string, string | null>(roots.map((r) => [r, null]));
  const queue = [...roots];
  const violations: Violation[] = [];
  const chainTo = (file: string): string[] => {
    const chain: string[] = [];
    for (let at: string | null = file; at; at = parent.get(at) ?? null) chain.unshift(at);
    return chain;
  };
  while (queue.length) {
    const file = queue.shift()!;
    for (const edge of valueImports(file, tree.read(file))) {
      const where = `${file}:${edge.line}`;
      if (!edge.specifier.startsWith('.')) {
        if (rules.forbidPackage(edge.specifier)) violations.push({ chain: [...chainTo(file).slice(0, -1), where, edge.specifier] });
        continue;
      }
      const target = resolveLocal(file, edge.specifier, tree.exists);
      if (!target) continue;
      if (rules.forbidFile(target)) {
        violations.push({ chain: [...chainTo(file).slice(0, -1), where, target] });
        continue;
      }
      if (!parent.has(target)) {
        parent.set(target, file);
        queue.push(target);
      }
    }
  }
  return violations;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const ENGINE = join(ROOT, 'src', 'engine') + '/';
const noTfjs = {
  forbidPackage: (name: string) => name.startsWith('@tensorflow/'),
  forbidFile: (path: string) => path.startsWith(ENGINE),
};

const show = (violations: Violation[]) => violations.map((v) => v.chain.map((p) => relative(ROOT, p) || p).join(' → ')).join('\n');

describe('architecture: one way down', () => {
  it('the page (src/main.tsx and everything it imports) never loads TF.js or src/engine', () => {
    const found = findForbidden([join(ROOT, 'src', 'main.tsx')], noTfjs);
    expect(show(found), 'value imports from the page into the engine').toBe('');
  });

  it('src/graph and src/compiler never load TF.js or src/engine', () => {
    const roots = [...filesUnder(join(ROOT, 'src', 'graph')), ...filesUnder(join(ROOT, 'src', 'compiler'))];
    expect(roots.length).toBeGreaterThan(10);
    const found = findForbidden(roots, noTfjs);
    expect(show(found), 'value imports from the pure layers into the engine').toBe('');
  });

  it('test-only hooks are imported only in test builds (behind VITE_TEST_HOOKS, false in `npm run build`)', () => {
    const guard = "import.meta.env.VITE_TEST_HOOKS === '1'";
    const places: string[] = [];
    for (const file of filesUnder(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('test-hook')) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        const specifier = ts.isImportDeclaration(node) ? node.moduleSpecifier : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword ? node.arguments[0] : undefined;
        if (specifier && ts.isStringLiteralLike(specifier) && /\/test-hook$/.test(specifier.text)) {
          let guarded = false;
          for (let at: ts.Node | undefined = node.parent; at; at = at.parent) if (ts.isIfStatement(at) && at.expression.getText(source).startsWith(guard)) guarded = true;
          places.push(`${relative(ROOT, file)}: ${ts.isImportDeclaration(node) ? 'static' : 'dynamic'} import, ${guarded ? 'guarded' : 'NOT guarded'}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(places).toEqual(['src/ui/training/install.ts: dynamic import, guarded']);
  });

  it('the walk sees through re-exports and dynamic imports, and lets type-only imports pass', () => {
    const files: Record<string, string> = {
      '/p/src/ui/a.tsx': "import type { Engine } from '../engine/engine';\nimport { type Tensor } from '../engine/tf';\nimport { b } from './b';\n",
      '/p/src/ui/b.ts': "export { c } from './c';\nexport type { T } from '../engine/types';\n",
      '/p/src/ui/c.ts': "export const c = () => import('../engine/tf');\n",
      '/p/src/ui/d.ts': "import '@tensorflow/tfjs';\n",
      '/p/src/engine/tf.ts': "export * from '@tensorflow/tfjs';\n",
    };
    const tree: SourceTree = { read: (p) => files[p], exists: (p) => p in files };
    const rules = { forbidPackage: noTfjs.forbidPackage, forbidFile: (p: string) => p.startsWith('/p/src/engine/') };
    const found = findForbidden(['/p/src/ui/a.tsx'], rules, tree);
    expect(found.map((v) => v.chain)).toEqual([['/p/src/ui/a.tsx', '/p/src/ui/b.ts', '/p/src/ui/c.ts:1', '/p/src/engine/tf.ts']]);
    expect(findForbidden(['/p/src/ui/d.ts'], rules, tree).map((v) => v.chain)).toEqual([['/p/src/ui/d.ts:1', '@tensorflow/tfjs']]);
  });
});
