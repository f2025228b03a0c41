/**
 * Java needs the file named after its public class, and `java` needs the class that holds `main`.
 * Candidates write `public class Main`, `public class Solution`, or a helper class before the one with
 * `main`; this reads the names from the source (comments and literals blanked out first).
 */
export interface JavaNames {
  /** File name without `.java`: the public top-level type, else the class with main, else `Main`. */
  fileClass: string;
  /** The top-level class whose body holds `static void main(`, else the public type, else `Main`. */
  mainClass: string;
}

const IDENT = '[A-Za-z_$][\\w$]*';
const MODIFIERS = '(?:(?:public|final|abstract|static|strictfp|sealed|non-sealed)\\s+)*';
const TYPE_DECL = new RegExp(`\\b(?:class|record|enum|interface)\\s+(${IDENT})`, 'g');
const PUBLIC_DECL = new RegExp(`\\bpublic\\s+${MODIFIERS}(?:class|record|enum|interface)\\s+(${IDENT})`);
const MAIN_METHOD = /\bstatic\s+(?:final\s+)?void\s+main\s*\(/;

export function javaNames(source: string): JavaNames {
  const code = blankCommentsAndLiterals(source);
  const depth = braceDepths(code);
  const topLevel: { name: string; start: number; end: number }[] = [];
  for (const m of code.matchAll(TYPE_DECL)) {
    if (depth[m.index] !== 0) continue;
    const open = code.indexOf('{', m.index);
    if (open < 0) continue;
    topLevel.push({ name: m[1] as string, start: open, end: matchingBrace(code, open) });
  }
  const publicMatch = findTopLevel(code, PUBLIC_DECL, depth);
  const main = MAIN_METHOD.exec(code);
  const holder = main ? topLevel.find((t) => main.index > t.start && main.index < t.end)?.name : undefined;
  return { fileClass: publicMatch ?? holder ?? 'Main', mainClass: holder ?? publicMatch ?? 'Main' };
}

function findTopLevel(code: string, pattern: RegExp, depth: number[]): string | undefined {
  const global = new RegExp(pattern.source, 'g');
  for (const m of code.matchAll(global)) if (depth[m.index] === 0) return m[1];
  return undefined;
}

/** Brace depth before each character. */
function braceDepths(code: string): number[] {
  const out = new Array<number>(code.length + 1);
  let d = 0;
  for (let i = 0; i < code.length; i++) {
    out[i] = d;
    if (code[i] === '{') d++;
    else if (code[i] === '}') d = Math.max(0, d - 1);
  }
  out[code.length] = d;
  return out;
}

function matchingBrace(code: string, open: number): number {
  let d = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') d++;
    else if (code[i] === '}' && --d === 0) return i;
  }
  return code.length;
}

/** Replaces comments, string/char literals and text blocks with spaces, keeping offsets. */
function blankCommentsAndLiterals(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (src.startsWith('"""', i)) {
      const end = src.indexOf('"""', i + 3);
      const stop = end < 0 ? src.length : end + 3;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i, j + 1);
      i = j + 1;
    } else i++;
  }
  return out.join('');
}
