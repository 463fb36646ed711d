// The generated framework typings, checked as an app would meet them: usage files compiled against the
// built package (npm run build first) with its own .d.ts checked too, and every "must not compile"
// marker proven to catch the error it names, so typings that fall back to `any` or `Event` fail here.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// The usage files, outside the root typecheck: they import the built package.
const here = join(root, 'test/typings/usage');
const TS_MARKER = /@ts-expect-error (TS\d+)/;
const VUE_MARKER = /<!-- @vue-expect-error /;

/** A diagnostic as `file:line message`, for failure output. */
function describeDiagnostic(d: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return `TS${d.code} ${message}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relative(root, d.file.fileName)}:${line + 1} TS${d.code} ${message}`;
}

/** Every diagnostic of the usage project; `strip` blanks the expect-error markers (same line count). */
function compileUsage(strip: boolean): ts.Diagnostic[] {
  const configPath = join(here, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, here);
  const host = ts.createCompilerHost(parsed.options);
  const read = host.readFile.bind(host);
  if (strip) host.readFile = (file) => (file.startsWith(here) ? read(file)?.replaceAll('@ts-expect-error', 'expected error') : read(file));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return [...ts.getPreEmitDiagnostics(program)];
}

/** Each marker in the usage files: file, the 1-based line it guards (the next one), the TS code it names. */
function tsMarkers(): { file: string; line: number; code: number }[] {
  return readdirSync(here).filter((f) => /\.tsx?$/.test(f)).flatMap((name) => readFileSync(join(here, name), 'utf8').split('\n')
    .flatMap((text, i) => {
      const code = TS_MARKER.exec(text)?.[1];
      return code ? [{ file: join(here, name), line: i + 2, code: Number(code.slice(2)) }] : [];
    }));
}

/** Runs vue-tsc on a tsconfig in a child process (so it overlaps the in-process checks); status and output. */
function vueTsc(project: string): Promise<{ status: number; output: string }> {
  const bin = join(root, 'node_modules/vue-tsc/bin/vue-tsc.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, '-p', project, '--pretty', 'false'], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

// The Vue template, and a copy whose markers are blanked, in a sibling folder (so the package's
// self-reference and the relative imports still resolve); both checked while the React files compile.
const vueSource = readFileSync(join(here, 'vue/Usage.vue'), 'utf8');
const strippedDir = mkdtempSync(join(here, 'vue/stripped-'));
writeFileSync(join(strippedDir, 'Usage.vue'), vueSource.replaceAll('<!-- @vue-expect-error ', '<!-- expected error: ').replaceAll("'../assert-type.js'", "'../../assert-type.js'"));
writeFileSync(join(strippedDir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['*.vue', '../../assert-type.ts'] }));
const vueRun = vueTsc(join(here, 'vue/tsconfig.json'));
const strippedVueRun = vueTsc(join(strippedDir, 'tsconfig.json'));
const recipeVueRun = vueTsc(join(root, 'examples/vue/tsconfig.json'));
after(async () => {
  await Promise.all([vueRun, strippedVueRun, recipeVueRun]);
  rmSync(strippedDir, { recursive: true, force: true });
});

describe('framework typings against the built package', () => {
  it('the built package has the React 19 and Vue typings', () => {
    for (const file of ['dist/types/react-jsx.d.ts', 'dist/types/vue.d.ts', 'dist/elements/index.d.ts']) {
      assert.ok(existsSync(join(root, file)), `${file} is missing: run npm run build first`);
    }
  });

  it('React 19 JSX and addEventListener usage compiles with skipLibCheck off and no @types/node', () => {
    const diagnostics = compileUsage(false);
    assert.deepEqual(diagnostics.map(describeDiagnostic), []);
  });

  it('each @ts-expect-error marks the very error it names', () => {
    const markers = tsMarkers();
    assert.ok(markers.length >= 8, `expected the must-not-compile cases, found ${markers.length}`);
    const diagnostics = compileUsage(true).filter((d) => d.file?.fileName.startsWith(here));
    const at = diagnostics.map((d) => ({ file: d.file!.fileName, line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1, code: d.code }));
    for (const m of markers) {
      assert.ok(at.some((d) => d.file === m.file && d.line === m.line && d.code === m.code),
        `${relative(root, m.file)}:${m.line} should fail with TS${m.code}; got: ${at.filter((d) => d.file === m.file && d.line === m.line).map((d) => `TS${d.code}`).join(', ') || 'nothing'}`);
    }
    const unmarked = diagnostics.filter((d) => !markers.some((m) => m.file === d.file!.fileName && m.line === d.file!.getLineAndCharacterOfPosition(d.start!).line + 1));
    assert.deepEqual(unmarked.map(describeDiagnostic), [], 'errors outside the marked lines');
  });

  it('a Vue 3.5 template compiles under vue-tsc with typed @so-* listeners', async () => {
    const run = await vueRun;
    assert.equal(run.status, 0, run.output);
  });

  it('the Vue recipe (examples/vue) type-checks its listeners without casts', async () => {
    const run = await recipeVueRun;
    assert.equal(run.status, 0, run.output);
  });

  it('each @vue-expect-error in the template catches an error', async () => {
    const guarded = vueSource.split('\n').flatMap((text, i) => (VUE_MARKER.test(text) ? [i + 2] : []));
    assert.ok(guarded.length >= 5, `expected the must-not-compile cases, found ${guarded.length}`);
    const run = await strippedVueRun;
    const failing = new Set([...run.output.matchAll(/Usage\.vue\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
    assert.deepEqual([...failing].sort((a, b) => a - b), guarded, run.output);
  });
});
