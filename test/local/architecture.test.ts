// The shape of local/, checked so that it stays as DESIGN.md draws it: arrows one way between its
// parts and no circle, a part reached only through its index, no function over 100 lines, and
// each index exporting what other code imports from it. services/ knows nothing of local/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = resolve(import.meta.dirname, '../..');
const CODE = /\.(ts|mjs|js)$/;

/** Each part's layer: a part may import only parts of a lower layer (files at local/'s top: 0). */
const LAYERS: Record<string, number> = {
  config: 1,
  http: 2,
  endpoint: 3,
  lambda: 3,
  template: 3,
  sqs: 4,
  logs: 4,
  metrics: 4,
  gateway: 4,
  'event-source': 4,
  console: 4,
  runtime: 5,
  cli: 6,
  bin: 7,
};
/** From this layer up to the runtime, another part is reached through its index.ts only. */
const INDEX_ONLY = { from: 3, to: 5 };
const MAX_FUNCTION_LINES = 100;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'generated' ? [] : files(path);
    return CODE.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const PARSED = new Map<string, ts.SourceFile>();

/** The file's syntax tree, parsed once: the index check reads every file once per index. */
function source(file: string): ts.SourceFile {
  let sf = PARSED.get(file);
  if (sf === undefined) {
    sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    PARSED.set(file, sf);
  }
  return sf;
}

/** Relative module specifiers a file imports or re-exports, and the workers it starts by URL. */
function specifiers(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      if (node.arguments[0] && ts.isStringLiteral(node.arguments[0])) out.push(node.arguments[0].text);
    if (ts.isNewExpression(node) && node.expression.getText(sf) === 'URL') {
      const arg = node.arguments?.[0];
      if (arg && ts.isStringLiteral(arg) && CODE.test(arg.text)) out.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.filter((s) => s.startsWith('.'));
}

/** The repository path a specifier names (`./x.js` may be x.ts). */
function target(from: string, spec: string, known: Set<string>): string {
  const path = relative(ROOT, resolve(ROOT, dirname(from), spec));
  const candidates = [path, path.replace(/\.js$/, '.ts'), `${path}.ts`, `${path}/index.ts`];
  return candidates.find((c) => known.has(c)) ?? path;
}

const LOCAL = files('local');
const KNOWN = new Set([...LOCAL, ...files('services'), ...files('test'), ...files('bench')]);
const IMPORTS = new Map(LOCAL.map((f) => [f, specifiers(source(f)).map((s) => target(f, s, KNOWN))]));

const partOf = (file: string): string => {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1]! : '';
};

test('every part of local/ has a layer', () => {
  const parts = new Set(LOCAL.map(partOf).filter((p) => p !== ''));
  assert.equal(
    [...parts].filter((p) => LAYERS[p] === undefined),
    [],
  );
});

test("arrows point one way: a part imports only lower layers, another part's index only", () => {
  const wrong: string[] = [];
  for (const [file, targets] of IMPORTS) {
    const from = partOf(file);
    for (const to of targets) {
      if (!to.startsWith('local/')) {
        wrong.push(`${file} -> ${to} (outside local/)`);
        continue;
      }
      const into = partOf(to);
      if (into === from) continue;
      const [a, b] = [LAYERS[from] ?? 0, LAYERS[into] ?? 0];
      if (b >= a) wrong.push(`${file} -> ${to} (layer ${a} -> ${b})`);
      else if (b >= INDEX_ONLY.from && b <= INDEX_ONLY.to && !to.endsWith('/index.ts'))
        wrong.push(`${file} -> ${to} (not its index)`);
    }
  }
  assert.equal(wrong, []);
});

test('no circle in the import graph of local/', () => {
  // Tarjan's strongly connected components: any with more than one file is a circle.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    for (const w of IMPORTS.get(v) ?? []) {
      if (!IMPORTS.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) circles.push(component.sort());
  };
  for (const v of IMPORTS.keys()) if (!order.has(v)) visit(v);
  assert.equal(circles, []);
});

test('services/ knows nothing of local/', () => {
  const known = new Set(files('services'));
  const wrong = files('services').flatMap((f) =>
    specifiers(source(f))
      .map((s) => target(f, s, known))
      .filter((t) => t.startsWith('local/'))
      .map((t) => `${f} -> ${t}`),
  );
  assert.equal(wrong, []);
});

test(`no function in local/ over ${MAX_FUNCTION_LINES} lines`, () => {
  const long: string[] = [];
  for (const file of LOCAL) {
    const sf = source(file);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > MAX_FUNCTION_LINES)
          long.push(`${file}:${start + 1} (${end - start + 1} lines)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.equal(long, []);
});

/** Names an index exports, each with whether it is `export *`. */
function exported(sf: ts.SourceFile): { names: string[]; star: boolean } {
  const names: string[] = [];
  let star = false;
  for (const node of sf.statements) {
    if (ts.isExportDeclaration(node)) {
      if (node.exportClause === undefined) star = true;
      else if (ts.isNamedExports(node.exportClause))
        names.push(...node.exportClause.elements.map((e) => e.name.text));
    } else if (
      ts.canHaveModifiers(node) &&
      ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      const name = (node as ts.DeclarationStatement).name;
      if (name && ts.isIdentifier(name)) names.push(name.text);
    }
  }
  return { names, star };
}

/** Names imported from `index` by files outside its directory (local/, test/, bench/). */
function importedFrom(index: string): Set<string> {
  const used = new Set<string>();
  for (const file of KNOWN) {
    if (file.startsWith(`${dirname(index)}/`) || file.startsWith('services/')) continue;
    const sf = source(file);
    for (const node of sf.statements) {
      const spec = (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
      if (target(file, spec.text, KNOWN) !== index) continue;
      const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
      if (clause && (ts.isNamedImports(clause) || ts.isNamedExports(clause)))
        for (const e of clause.elements) used.add((e.propertyName ?? e.name).text);
      else used.add('*');
    }
  }
  return used;
}

test('each index names its exports, and exports only what other code imports from it', () => {
  const wrong: string[] = [];
  for (const index of LOCAL.filter((f) => f.endsWith('/index.ts'))) {
    const { names, star } = exported(source(index));
    if (star) wrong.push(`${index}: export *`);
    const used = importedFrom(index);
    if (used.has('*')) continue;
    for (const name of names)
      if (!used.has(name)) wrong.push(`${index}: ${name} is imported by nothing outside`);
  }
  assert.equal(wrong, []);
});

test.run();
