import { transform } from 'sucrase';
import { namesIn, SOURCE_FILE } from '../../../../shared/judge/languages';
import type { Signature } from '../../../../shared/judge/suite';
import { parseValueType, type ValueType } from '../../../../shared/judge/value-types';
import type { EditorLanguage } from '../../../../shared/session/model';
import { javaNames, type RunLanguage } from '../../runner';
import cppDriver from './driver.cpp?raw';
import goDriver from './driver.go?raw';
import goCpuOther from './driver_cpu_other.go?raw';
import goCpuUnix from './driver_cpu_unix.go?raw';
import jsDriver from './driver.cjs?raw';
import pyDriver from './driver.py?raw';
import rustDriver from './driver.rs?raw';
import javaDriver from './IrJudgeMain.java?raw';

/**
 * The program a test run executes: the candidate's code with the language's driver around it
 * (docs/judge.md, "Drivers"). What the runner is given (`source`, `files`, `mainClass`) depends only on
 * the candidate's code and the question's signature, so equal programs can share one build.
 */
export interface JudgeProgram {
  /** The runner's language: TypeScript becomes JavaScript here, as the runner's own Run does. */
  runLanguage: RunLanguage;
  source: string;
  files: Record<string, string>;
  mainClass?: string;
  /** The file the candidate's code is in, as messages name it (the room's file name). */
  file: string;
  /** Lines of the candidate's code: a line number past them is the driver's, never shown. */
  lines: number;
  /** Files of the driver: a compile error there means the candidate's declaration does not fit the call. */
  driverFiles: string[];
}

/** The candidate's code cannot even be turned into a program (a TypeScript syntax error). */
export interface ProgramFailure {
  failure: { message: string; line: number | null };
}

/** Puts a value where a driver has its placeholder line, failing loudly if the driver file changed shape. */
function fill(driver: string, placeholder: RegExp, text: string): string {
  if (!placeholder.test(driver)) throw new Error(`The judge's driver has lost its placeholder ${placeholder}`);
  return driver.replace(placeholder, () => text);
}

export function buildProgram(language: EditorLanguage, signature: Signature, code: string): JudgeProgram | ProgramFailure {
  // Java names the file after its public class, and so do its stack traces.
  const file = language === 'java' ? `${javaNames(code).fileClass}.java` : SOURCE_FILE[language];
  const lines = code.split('\n').length;
  const { callable, methods } = namesIn(language, signature);
  const spec = { kind: signature.kind, callable, methods, file };
  switch (language) {
    case 'python':
      return {
        runLanguage: 'python',
        source: fill(pyDriver, /^IRJUDGE_SPEC = \{\}.*$/m, `IRJUDGE_SPEC = ${JSON.stringify(spec)}`),
        files: { [file]: code },
        file,
        lines,
        driverFiles: ['main.py'],
      };
    case 'javascript':
    case 'typescript': {
      let js = code;
      if (language === 'typescript') {
        try {
          js = transform(code, { transforms: ['typescript', 'imports'], filePath: file }).code;
        } catch (err) {
          const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          const at = /\((\d+):\d+\)/.exec(message);
          return { failure: { message, line: at ? Number(at[1]) : null } };
        }
      } else if (/^\s*(import|export)\b/m.test(code)) {
        // ES module syntax runs as CommonJS inside the driver; sucrase keeps every line where it was.
        try {
          js = transform(code, { transforms: ['imports'], filePath: file }).code;
        } catch (err) {
          const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          const at = /\((\d+):\d+\)/.exec(message);
          return { failure: { message, line: at ? Number(at[1]) : null } };
        }
      }
      const source = 'candidate.js';
      return {
        runLanguage: 'javascript',
        source: fill(jsDriver, /^const SPEC = \{\};.*$/m, `const SPEC = ${JSON.stringify({ ...spec, source })};`),
        files: { [source]: js },
        file,
        lines,
        driverFiles: ['main.js'],
      };
    }
    case 'java': {
      const classes = javaTopLevelClasses(code);
      const glue = [
        `static final String KIND = ${javaString(signature.kind)};`,
        `static final String CALLABLE = ${javaString(callable)};`,
        `static final String FILE = ${javaString(file)};`,
        `static final String[] CLASSES = {${classes.map(javaString).join(', ')}};`,
        `static final String[][] METHODS = {${Object.entries(methods)
          .map(([k, v]) => `{${javaString(k)}, ${javaString(v)}}`)
          .join(', ')}};`,
      ].join('\n    ');
      return {
        runLanguage: 'java',
        source: code,
        files: { 'IrJudgeMain.java': fill(javaDriver, /^\s*\/\/ IRJUDGE_GLUE:.*$/m, `    ${glue}`) },
        mainClass: 'IrJudgeMain',
        file,
        lines,
        driverFiles: ['IrJudgeMain.java'],
      };
    }
    case 'cpp': {
      const glue = cppGlue(signature, callable, methods);
      return {
        runLanguage: 'cpp',
        source: `${cppDriver}\n#define main irjudge_candidate_main\n#line 1 "${file}"\n${code}\n#undef main\n#line 1 "irjudge-glue.cpp"\n${glue}\n`,
        files: {},
        file,
        lines,
        driverFiles: ['main.cpp', 'irjudge-glue.cpp'],
      };
    }
    case 'go': {
      const glue = [
        `var irjudgeKind = ${JSON.stringify(signature.kind)}`,
        `var irjudgeName = ${JSON.stringify(callable)}`,
        `var irjudgeFile = ${JSON.stringify(file)}`,
        `var irjudgeTarget interface{} = ${callable}`,
        `var irjudgeMethods = map[string]interface{}{${Object.entries(methods)
          .map(([k, v]) => `${JSON.stringify(k)}: (*${signature.name}).${v}`)
          .join(', ')}}`,
      ].join('\n');
      return {
        runLanguage: 'go',
        source: renameMain(code, /^func[ \t]+main[ \t]*\([ \t]*\)/m, 'func irjudgeCandidateMain()'),
        files: {
          'irjudge_main.go': fill(goDriver, /^\/\/ IRJUDGE_GLUE:.*$/m, glue),
          'irjudge_cpu.go': process.platform === 'win32' ? goCpuOther : goCpuUnix,
        },
        file,
        lines,
        driverFiles: ['irjudge_main.go', 'irjudge_cpu.go'],
      };
    }
    case 'rust': {
      const renamed = renameMain(
        code,
        /^([ \t]*)(?:pub[ \t]+)?fn[ \t]+main[ \t]*\([ \t]*\)/m,
        '$1#[allow(dead_code)] fn irjudge_candidate_main()',
      );
      return {
        runLanguage: 'rust',
        source: `${renamed}\n${rustDriver}\n${rustGlue(signature, callable, methods, file)}`,
        files: {},
        file,
        lines,
        driverFiles: [],
      };
    }
  }
}

/** The candidate's own `main` gives way to the driver's; the line keeps its number. */
function renameMain(code: string, pattern: RegExp, replacement: string): string {
  return code.replace(pattern, replacement);
}

function javaString(s: string): string {
  return JSON.stringify(s);
}

/** Top-level class names in Java source, in order, so the driver can look for the function in each. */
export function javaTopLevelClasses(code: string): string[] {
  const blanked = code
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''");
  const names: string[] = [];
  let depth = 0;
  const re = /[{}]|\b(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)/g;
  for (const m of blanked.matchAll(re)) {
    if (m[0] === '{') depth++;
    else if (m[0] === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && m[1]) names.push(m[1]);
  }
  return names.length > 0 ? names : ['Main'];
}

function cppType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'int';
    case 'long':
      return 'long long';
    case 'float':
      return 'double';
    case 'bool':
      return 'bool';
    case 'string':
      return 'std::string';
    case 'list':
      return `std::vector<${cppType(type.of)}>`;
    case 'map':
      return `std::map<std::string, ${cppType(type.of)}>`;
  }
}

function cppGlue(signature: Signature, callable: string, methods: Record<string, string>): string {
  if (signature.kind === 'function') return `int main() { return irjudge::runFunction(&${callable}, ${JSON.stringify(callable)}); }`;
  const ctorArgs = signature.params.map((p, i) => `irjudge::decode<${cppType(parseValueType(p.type) as ValueType)}>(a[${i}])`).join(', ');
  return [
    'int main() {',
    `    irjudge::ClassDriver<${callable}> driver;`,
    `    driver.construct = [](const irjudge::Args& a) {`,
    `        irjudge::arity(a, ${signature.params.length}, ${JSON.stringify(callable)});`,
    `        return std::unique_ptr<${callable}>(new ${callable}(${ctorArgs}));`,
    '    };',
    ...Object.entries(methods).map(([k, v]) => `    driver.method(${JSON.stringify(k)}, &${callable}::${v});`),
    '    return driver.run();',
    '}',
  ].join('\n');
}

function rustGlue(signature: Signature, callable: string, methods: Record<string, string>, file: string): string {
  const call = (target: string, name: string, n: number, args = 'a') =>
    `${target}(${Array.from({ length: n }, (_, i) => `irjudge::arg(${args}, ${i}, ${JSON.stringify(name)})`).join(', ')})`;
  if (signature.kind === 'function') {
    return [
      'fn main() {',
      `    irjudge::run(${JSON.stringify(file)}, |case, _results, _call| {`,
      '        let a = irjudge::args(case);',
      `        irjudge::arity(a, ${signature.params.length}, ${JSON.stringify(callable)});`,
      `        let r = ${call(callable, callable, signature.params.length)};`,
      '        irjudge::result(&r)',
      '    });',
      '}',
    ].join('\n');
  }
  const arms = signature.methods.map((m) => {
    const name = methods[m.name] as string;
    return [
      `                ${JSON.stringify(m.name)} => {`,
      `                    irjudge::arity(args, ${m.params.length}, ${JSON.stringify(name)});`,
      `                    let r = ${call(`obj.${name}`, name, m.params.length, 'args')};`,
      '                    irjudge::result(&r)',
      '                }',
    ].join('\n');
  });
  return [
    'fn main() {',
    `    irjudge::run(${JSON.stringify(file)}, |case, results, call| {`,
    '        let a = irjudge::args(case);',
    `        irjudge::arity(a, ${signature.params.length}, ${JSON.stringify(signature.name)});`,
    '        #[allow(unused_mut)]',
    `        let mut obj = ${call(callable, signature.name, signature.params.length)};`,
    '        for (k, (name, args)) in irjudge::calls(case).iter().enumerate() {',
    '            *call = k as i64;',
    '            let args: &[irjudge::Json] = args;',
    '            let out = match name.as_str() {',
    ...arms,
    '                _ => std::panic::panic_any(irjudge::ArgumentError(format!("no method {}", name))),',
    '            };',
    '            results.push(out);',
    '        }',
    '        format!("[{}]", results.join(","))',
    '    });',
    '}',
  ].join('\n');
}
