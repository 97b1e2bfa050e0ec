// Type-aware lint for the whole repo: strict types (no `any`, no unsafe use of one) in production
// code, and one layer rule that holds every lib and app to the README's picture (which of our
// libraries each may import; workflow code deterministic, the domain pure, the console a browser app).
// `npm run lint` runs this and Prettier's check.
import path from 'node:path';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Test files: loosely typed JSON bodies and fakes on purpose; they may wire any part to any other. */
const tests = ['**/*.test.ts', '**/__tests__/**', 'test/**'];

/**
 * The @switchboard libraries each lib and app may import ("x (types)": `import type` only).
 * Dependencies point inward: the domain imports nothing; contracts only the domain; no lib imports
 * an app; apps never import each other. scripts/ and test/ wire everything and are not listed.
 * A lib or app without a row fails lint until it gets one.
 */
const allowed = {
  'libs/domain': [],
  'libs/config': [],
  'libs/observability': [],
  'libs/contracts': ['domain'],
  'libs/outbound': ['contracts'],
  'libs/persistence': ['domain', 'contracts'],
  'libs/telephony': ['contracts', 'outbound'],
  'libs/ad-platforms': ['domain', 'outbound'],
  'libs/temporal': ['config', 'contracts', 'persistence'],
  'libs/devstack': ['contracts', 'temporal'],
  'libs/bundle': ['domain'],
  'libs/scenarios': ['domain', 'bundle'],
  workflows: ['domain', 'contracts', 'activities (types)'],
  activities: ['ad-platforms', 'config', 'contracts', 'domain', 'outbound', 'persistence', 'telephony'],
  'apps/worker': [
    'activities',
    'ad-platforms',
    'config',
    'contracts',
    'observability',
    'persistence',
    'telephony',
    'temporal',
  ],
  'apps/api': [
    'ad-platforms',
    'bundle',
    'config',
    'contracts',
    'domain',
    'observability',
    'outbound',
    'persistence',
    'telephony',
    'temporal',
  ],
  'apps/telnyx-sim': [],
  'apps/ads-sim': [],
  'apps/admin': ['domain'],
};

/**
 * Production code keeps `any` out (no-explicit-any, no-unsafe-*: errors in the recommended sets);
 * these switch them off where loose types are on purpose.
 */
const looseTypes = Object.fromEntries(
  [
    'no-explicit-any',
    ...['assignment', 'member-access', 'argument', 'return', 'call'].map((u) => `no-unsafe-${u}`),
  ].map((rule) => [`@typescript-eslint/${rule}`, 'off']),
);

const isNodeModule = (m) => m.startsWith('node:') || builtinModules.includes(m);

/** Where a layer's nature also rules out packages from outside: what it may not import, and why. */
const outside = {
  'libs/domain': {
    forbids: () => true,
    why: 'libs/domain is pure TypeScript: relative imports only.',
  },
  workflows: {
    forbids: (m) =>
      isNodeModule(m) ||
      /^(@nestjs\/|typeorm$|pg$|telnyx(\/|$)|@temporalio\/(client|worker|activity)$)/.test(m),
    why: 'Workflow code runs in the deterministic sandbox: no I/O, Node, Nest, TypeORM or Telnyx.',
  },
  'apps/admin': {
    forbids: (m) =>
      !/^(react|react-dom|react-dom\/client|@xyflow\/react|openapi-fetch)$|^(react|@xyflow\/react)\//.test(m),
    why: 'The console runs in the browser and reaches the server only through the typed api client: it imports its own modules, React, @xyflow/react and openapi-fetch.',
  },
};

/** The layer (a key of `allowed`) a file belongs to, its path from the repo root, and unlisted libs/apps. */
function layerOf(file) {
  const rel = path
    .relative(import.meta.dirname, file)
    .split(path.sep)
    .join('/');
  const layer = Object.keys(allowed).find((l) => rel.startsWith(`${l}/`));
  const unlisted = !layer && /^(libs|apps)\/[^/]+\//.test(rel) ? rel.split('/', 2).join('/') : undefined;
  return { rel, layer, unlisted };
}

/** `switchboard/layer-imports`: each import of a lib or app checked against `allowed` and `outside`. */
const layerImports = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const { rel, layer, unlisted } = layerOf(context.filename);
    if (unlisted) {
      const message = `${unlisted} has no row in the layer table (allowed, eslint.config.mjs).`;
      return { Program: (node) => context.report({ node, message }) };
    }
    if (!layer) return {};
    const entries = allowed[layer].map((a) => /^([\w-]+)( \(types\))?$/.exec(a));
    const may = (lib, typeOnly) => entries.some(([, name, types]) => name === lib && (typeOnly || !types));
    const listed = entries.map(([entry]) => `@switchboard/${entry}`).join(', ');
    const mayImport = listed ? `only ${listed} of our libraries` : 'none of our libraries';
    const check = (source, typeOnly) => {
      const m = source?.value;
      if (typeof m !== 'string') return;
      const report = (message) => context.report({ node: source, message });
      const own = /^@switchboard\/([\w-]+)/.exec(m);
      if (m.startsWith('.')) {
        if (!path.posix.join(path.posix.dirname(rel), m).startsWith(`${layer}/`))
          report(`'${m}' leaves ${layer}: reach other libraries by their @switchboard name.`);
      } else if (own) {
        if (!may(own[1], typeOnly))
          report(
            may(own[1], true)
              ? `${layer} may import ${own[0]} as types only.`
              : `${layer} may import ${mayImport}, not ${own[0]}.`,
          );
      } else if (outside[layer]?.forbids(m)) {
        report(outside[layer].why);
      }
    };
    const allTypes = (specifiers, kind) =>
      specifiers.length > 0 && specifiers.every((s) => s[kind] === 'type');
    return {
      ImportDeclaration: (n) =>
        check(n.source, n.importKind === 'type' || allTypes(n.specifiers, 'importKind')),
      ExportNamedDeclaration: (n) =>
        check(n.source, n.exportKind === 'type' || allTypes(n.specifiers, 'exportKind')),
      ExportAllDeclaration: (n) => check(n.source, n.exportKind === 'type'),
      ImportExpression: (n) => check(n.source, false),
      TSImportType: (n) => check(n.source ?? n.argument?.literal, true),
      TSImportEqualsDeclaration: (n) => check(n.moduleReference.expression, n.importKind === 'type'),
      'CallExpression[callee.name="require"]': (n) => check(n.arguments[0], false),
    };
  },
};

// Data access lives in libs/persistence: its repositories hold every query, and only the composition
// roots that build them (the api's DatabaseModule, the worker's set-up) see TypeORM at all. Elsewhere
// a SQL string, an entity manager or a hand-built repository is refused.
const dataAccessOutsidePersistence = [
  {
    selector: 'ImportDeclaration[source.value=/^(typeorm|pg|@nestjs\\u002Ftypeorm)$/]',
    message: 'TypeORM and pg belong to libs/persistence: ask for a repository (or Transactions) instead.',
  },
  {
    selector: 'NewExpression[callee.name=/Repository$/]',
    message: 'Repositories are built by the composition root (DatabaseModule): inject them by class.',
  },
  {
    selector: "CallExpression[callee.property.name='query'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
    message: 'SQL belongs in a repository of libs/persistence.',
  },
  {
    selector: 'MemberExpression[property.name=/^(getRepository|createQueryBuilder|manager)$/]',
    message: 'Entity managers and query builders belong in a repository of libs/persistence.',
  },
];
// The composition roots: they open the DataSource and build the repositories.
const compositionRoots = [
  'apps/api/src/database/**',
  'apps/worker/src/worker.module.ts',
  'apps/worker/src/call-worker.ts',
  'apps/worker/src/temporal-worker.service.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'eslint.config.mjs',
      // Generated by `npm run openapi` (and @ts-nocheck on purpose); Prettier still checks it.
      'apps/api/src/openapi/metadata.ts',
      // Generated by `npm run openapi` from docs/openapi.json; Prettier still checks it.
      'apps/admin/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      // Nest and TypeORM need runtime class imports for decorator metadata.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // node:test's describe/it return promises the runner itself awaits.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  { files: tests, rules: looseTypes },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: tests,
    plugins: { switchboard: { rules: { 'layer-imports': layerImports } } },
    rules: { 'switchboard/layer-imports': 'error' },
  },
  {
    files: ['apps/**/*.{ts,tsx}', 'activities/**/*.ts', 'workflows/**/*.ts', 'libs/**/*.ts'],
    ignores: [
      'libs/persistence/**',
      // Creates and drops whole databases for tests and `npm start`: tooling, not the product's data.
      'libs/devstack/**',
      '**/__tests__/**',
      '**/*.test.ts',
      ...compositionRoots,
    ],
    rules: { 'no-restricted-syntax': ['error', ...dataAccessOutsidePersistence] },
  },
);
