// `npm run lint`: enforces the architecture's boundaries, which tsc alone cannot see.
//  - shared/ is pure: no node:, Node built-ins, electron, React/DOM, nor imports from other rooms.
//  - renderer/ never imports electron, node: or the Node side.
//  - electron/core/ (and server/, migrations/) never import electron nor the Electron-only code.
//  - SQL lives only in repositories, the db layer and migrations.
//  - No window ever weakens webSecurity.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';

const ROOT = process.cwd();
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function walk(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(walk(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

function stripComments(code) {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function specifiers(code) {
  const found = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]);
  return found;
}

function resolvedRoom(file, spec) {
  if (!spec.startsWith('.')) return null;
  const target = relative(ROOT, join(file, '..', spec)).split(sep).join('/');
  return target;
}

const rules = [
  {
    applies: (f) => f.startsWith('shared/'),
    check(file, spec) {
      if (BUILTINS.has(spec)) return 'shared/ must not import Node built-ins';
      if (spec === 'electron' || spec.startsWith('electron/')) return 'shared/ must not import electron';
      if (/^(react|react-dom)(\/|$)/.test(spec)) return 'shared/ must not import React/DOM code';
      const target = resolvedRoom(file, spec);
      if (target && !target.startsWith('shared/')) return `shared/ must not import from ${target}`;
      return null;
    },
  },
  {
    applies: (f) => f.startsWith('renderer/') && !f.endsWith('vite.config.ts'),
    check(file, spec) {
      if (BUILTINS.has(spec)) return 'renderer/ must not import Node built-ins';
      if (spec === 'electron' || spec.startsWith('electron/')) return 'renderer/ must not import electron';
      const target = resolvedRoom(file, spec);
      if (target && !(target.startsWith('renderer/') || target.startsWith('shared/'))) {
        return `renderer/ may import only renderer/ and shared/, not ${target}`;
      }
      return null;
    },
  },
  {
    applies: (f) => f.startsWith('electron/core/') || f.startsWith('server/') || f.startsWith('migrations/'),
    check(file, spec) {
      if (spec === 'electron' || spec.startsWith('electron/')) return 'the core must not import electron';
      const target = resolvedRoom(file, spec);
      if (target && (target.startsWith('electron/main') || target.startsWith('electron/preload') || target.startsWith('renderer/'))) {
        return `the core must not import ${target}`;
      }
      return null;
    },
  },
  {
    applies: (f) => f.startsWith('electron/preload/'),
    check(file, spec) {
      const target = resolvedRoom(file, spec);
      if (target && target.startsWith('electron/core')) return 'the preload must stay tiny: no core imports';
      if (spec !== 'electron' && !spec.startsWith('.')) return `the sandboxed preload may import only electron, not ${spec}`;
      return null;
    },
  },
];

const DOM_GLOBALS = /\b(window|document|localStorage|sessionStorage|navigator|HTMLElement)\s*[.[]/;
const SQL_PATTERN = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\b\w*(db|sqlite|Db|Sqlite|database|trx)\.(exec|prepare|pragma)\(|\bsql`/;
const SQL_ALLOWED = ['electron/core/db/', 'electron/core/repositories/', 'migrations/', 'server/db/', 'server/repositories/', 'test/', 'bench/', 'build/'];

const problems = [];
const files = walk(ROOT).map((f) => relative(ROOT, f).split(sep).join('/'));
for (const file of files) {
  const code = stripComments(readFileSync(join(ROOT, file), 'utf8'));
  for (const spec of specifiers(code)) {
    for (const rule of rules) {
      if (!rule.applies(file)) continue;
      const problem = rule.check(join(ROOT, file), spec);
      if (problem) problems.push(`${file}: ${problem} ('${spec}')`);
    }
  }
  if (file.startsWith('shared/') && DOM_GLOBALS.test(code)) problems.push(`${file}: shared/ must not use DOM globals`);
  if (!SQL_ALLOWED.some((p) => file.startsWith(p)) && SQL_PATTERN.test(code) && !file.startsWith('renderer/')) {
    problems.push(`${file}: SQL belongs in a repository (electron/core/repositories) or the db layer`);
  }
  if (/webSecurity\s*:\s*false/.test(code)) problems.push(`${file}: webSecurity must never be disabled`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\nlint: ${problems.length} problème(s)`);
  process.exit(1);
}
console.log(`lint: ${files.length} fichiers vérifiés, aucune frontière franchie`);
