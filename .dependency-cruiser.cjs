/**
 * The dependency rules of ../shared/design/ARCHITECTURE.md §2, enforced in `npm run lint`.
 */
const pure = '^src/(policy|sigv4|arn|ids)/';
module.exports = {
  forbidden: [
    {
      name: 'pure-modules-stay-pure',
      comment: 'policy/, sigv4/, arn/ and ids/ import only each other (and node:crypto): no clock, env, I/O.',
      severity: 'error',
      from: { path: pure, pathNot: '\\.test\\.ts$' },
      to: { pathNot: [pure, '^node:crypto$', '^crypto$', '^src/shapes/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'core-no-transport-or-storage',
      comment: 'core/ never imports http/, protocols/, operations/, storage/, cli/, config/ or a driver.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: {
        path: [
          '^src/(http|protocols|operations|storage|cli|config)/',
          'node_modules/(better-sqlite3|pg|kysely)/',
          '^node:(http|https|net)$',
        ],
      },
    },
    {
      name: 'no-storage-outside-wiring',
      comment: 'Only app.ts and cli/ know concrete storage adapters.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(storage|cli)/', '^src/app\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^src/storage/' },
    },
    {
      name: 'no-oidc-adapter-outside-wiring',
      comment: 'The outbound OIDC key adapter is wired by app.ts only; the domain sees the OidcKeySource port.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/oidc/', '^src/app\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^src/oidc/' },
    },
    {
      name: 'drivers-stay-in-their-folder',
      comment: 'Each database driver is used only inside its own storage folder.',
      severity: 'error',
      from: { pathNot: '^src/storage/sqlite/' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)generated/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
