/**
 * Glint's import rules, checked in `npm test` (`npm run check:deps`):
 * - nothing imports in a circle;
 * - a library reaches another library only through the entries its alias exposes
 *   (`@glint/<lib>` → its `index.ts`, and the subpath entries such as `@glint/identity/events`),
 *   never into its files.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: modules that need each other to load cannot be read, tested or split on their own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-reaching-into-another-library',
      severity: 'error',
      comment: 'Import another library through its @glint alias (its index.ts or a named entry), not by a path into its files.',
      // Jest's global setup runs before its module mapper exists, so it reaches files by path.
      from: { path: '^(?:libs|apps|projections|test|bench)/([^/]+)/', pathNot: '^libs/testing/jest/' },
      to: {
        path: '^libs/([^/]+)/src/',
        pathNot: ['^libs/$1/src/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/[^/]+/index\\.ts$', '^libs/[^/]+/src/events\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^dist', '^coverage'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
