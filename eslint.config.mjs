// Lint for the whole repo: ESLint's and typescript-eslint's recommended rules, the two classic hooks rules for Preact's hooks,
// and Node globals and modules refused in browser and shared code: the typecheck refuses them there too (no Node
// types in those parts), this says it sooner and in words.
// Without type information (the type-aware rule sets would double `npm test`'s check time; tsc -b does that part).
import js from '@eslint/js';
import hooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module', 'setImmediate'].map((name) => ({
  name,
  message: '这里的代码在浏览器里运行（或两端共用），不能用 Node 的全局变量。',
}));

const NODE_MODULES = { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'url', 'child_process'], message: '浏览器和两端共用的代码不能引入 Node 模块。' };

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', 'data/', 'test-output/', 'bench-output/', 'server/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': hooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The ideographic space (U+3000) is how Chinese text is spaced in what people read.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // `_`-prefixed names are deliberately unused (a parameter kept for its position, a value destructured away).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['extension/**/*.{ts,tsx}', 'shared/**/*.ts', 'server/publicPage/page.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-imports': ['error', { patterns: [NODE_MODULES] }],
    },
  },
  {
    // The server's types reach the extension as its declarations (extension/tsconfig.json): a relative import of
    // its sources would type-check them here, without Node's types.
    files: ['extension/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NODE_MODULES, { group: ['**/server/**'], message: '扩展从 @server/… 引用服务器的类型（声明文件），不直接引入服务器源码。' }] }],
    },
  },
  {
    // One way to write what people read: the Chinese text inline where it is shown (README, 目录与架构). The
    // message catalogue in _locales holds only what Chrome reads from the manifest, so no code reads it.
    files: ['extension/**/*.{ts,tsx}', 'shared/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='i18n']", message: '界面文字直接写在显示它的地方，不经 i18n 接口读取（见 README“目录与架构”）。' },
        { selector: 'Literal[value=/_locales/]', message: '_locales 只放清单用的扩展名称、简介和按钮标题，代码不读它；界面文字直接写在显示它的地方。' },
      ],
    },
  },
);
