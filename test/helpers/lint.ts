// The import rules checked on code that exists only in the test: the project's own eslint config,
// without the type-aware rules (they need the file in a TypeScript project; import rules do not).
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: tseslint.configs.disableTypeChecked });

/** The `no-restricted-imports` messages eslint gives `code` as if it stood at `filePath`. */
export async function importRefusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
