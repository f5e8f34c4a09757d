const ts = require('typescript');

/**
 * Jest transformer for the few ES-module-only packages Node 20 loads with require() but jest
 * cannot: TypeScript's transpiler rewrites their import/export syntax to CommonJS.
 */
module.exports = {
  process(source, filename) {
    const { outputText, sourceMapText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, sourceMap: true },
    });
    return { code: outputText, map: sourceMapText };
  },
};
