'use strict';
// The judge's JavaScript driver, for JavaScript and TypeScript (docs/judge.md, "Drivers"). It compiles the
// candidate's file as a CommonJS module body, runs it (its own top-level code included), takes the
// function or class by name, then reads one case per line from stdin, calls it and writes each result as
// a frame: a record separator, the run's nonce, a space, JSON, a newline. Anything else on stdout is the
// candidate's own printing.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const SPEC = {}; // replaced by the judge: { kind, callable, methods, file, source }

const input = lineReader(0);
const header = JSON.parse(input() ?? '{}');
const mark = `\u001e${header.nonce} `;

function frame(obj) {
  writeAll(Buffer.from(`${mark}${JSON.stringify(obj)}\n`, 'utf8'));
}

/** Writes the whole buffer to stdout, waiting while the pipe is full (it may be non-blocking). */
function writeAll(buffer) {
  for (let offset = 0; offset < buffer.length;) {
    try {
      offset += fs.writeSync(1, buffer, offset, buffer.length - offset);
    } catch (err) {
      if (err.code !== 'EAGAIN') throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/** Lines of a file descriptor, read synchronously so a case runs only when its line has arrived. */
function lineReader(fd) {
  const buffer = Buffer.alloc(1 << 16);
  let pending = Buffer.alloc(0);
  let ended = false;
  return () => {
    for (;;) {
      const newline = pending.indexOf(10);
      if (newline >= 0) {
        const line = pending.subarray(0, newline).toString('utf8');
        pending = pending.subarray(newline + 1);
        return line;
      }
      if (ended) {
        if (pending.length === 0) return null;
        const last = pending.toString('utf8');
        pending = Buffer.alloc(0);
        return last;
      }
      let n;
      try {
        n = fs.readSync(fd, buffer, 0, buffer.length, null);
      } catch (err) {
        if (err.code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          continue;
        }
        if (err.code === 'EOF') n = 0;
        else throw err;
      }
      if (n === 0) ended = true;
      else pending = Buffer.concat([pending, buffer.subarray(0, n)]);
    }
  };
}

function lineOf(err) {
  const stack = err && typeof err.stack === 'string' ? err.stack : '';
  const escaped = SPEC.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+)`).exec(stack);
  return m ? Number(m[1]) : null;
}

function describe(err) {
  if (err instanceof Error || (err && typeof err === 'object' && 'message' in err)) {
    const type = err.name || 'Error';
    return { type, message: `${type}: ${err.message}`, line: lineOf(err) };
  }
  return { type: 'Thrown', message: `Threw a value that is not an Error: ${String(err)}`, line: null };
}

/** A value as JSON can carry it, or a reason it cannot be compared. */
function plain(value, depth = 0) {
  if (depth > 200) throw new TypeError('the result is nested too deeply');
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`the result holds ${value}`);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new TypeError('a BigInt too large for a number');
    return Number(value);
  }
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return Array.from(value, (v) => plain(v, depth + 1));
  if (value instanceof Set) throw new TypeError('a Set has no order; return an array');
  if (value instanceof Map) {
    const out = {};
    for (const [k, v] of value) out[String(k)] = plain(v, depth + 1);
    return out;
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v, depth + 1);
    return out;
  }
  throw new TypeError(`a ${typeof value} is not a number, string, boolean, array or object`);
}

function cpuMs(since) {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function main() {
  const source = fs.readFileSync(path.join(__dirname, SPEC.source), 'utf8');
  // The capture sits on line 1, before the candidate's first statement, so every line keeps its number and the
  // function is found even when the candidate's own top-level code throws after declaring it.
  const strict = /^\s*(['"])use strict\1/.test(source) ? "'use strict';" : '';
  const capture = `__irjudgeCapture(() => (typeof ${SPEC.callable} === 'undefined' ? undefined : ${SPEC.callable}));`;
  let body;
  try {
    body = vm.compileFunction(strict + capture + source, ['exports', 'require', 'module', '__filename', '__dirname', '__irjudgeCapture'], {
      filename: SPEC.file,
    });
  } catch (err) {
    const e = describe(err);
    if (e.line === null) {
      const m = /:(\d+)\n/.exec(String(err.stack));
      if (m) e.line = Number(m[1]);
    }
    frame({ t: 'fatal', kind: 'compile', error: e });
    return;
  }
  let lookup = () => undefined;
  let loadError = null;
  const mod = { exports: {} };
  try {
    body.call(mod.exports, mod.exports, require, mod, path.join(__dirname, SPEC.file), __dirname, (get) => {
      lookup = get;
    });
  } catch (err) {
    loadError = describe(err);
  }
  let target;
  try {
    target =
      lookup() ??
      mod.exports[SPEC.callable] ??
      (typeof mod.exports === 'function' && mod.exports.name === SPEC.callable ? mod.exports : undefined);
  } catch (err) {
    loadError ??= describe(err);
  }
  if (typeof target !== 'function') {
    const what = SPEC.kind === 'class' ? 'class' : 'function';
    frame({
      t: 'fatal',
      kind: 'missing',
      error: loadError ?? { type: 'ReferenceError', message: `No ${what} named ${SPEC.callable} in ${SPEC.file}.`, line: null },
    });
    return;
  }
  frame({ t: 'ready', loadError });

  for (let line = input(); line !== null; line = input()) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line);
    const results = [];
    let call = -1;
    // Splitting the calls is the judge's work: it happens before the clock starts.
    const steps = (c.calls ?? []).map((step) => [SPEC.methods[step[0]], step.slice(1)]);
    frame({ t: 'start', i: c.i });
    const started = process.cpuUsage();
    let value;
    try {
      if (SPEC.kind === 'function') value = target(...c.args);
      else {
        const obj = new target(...c.args);
        for (let k = 0; k < steps.length; k++) {
          call = k;
          const [name, args] = steps[k];
          if (typeof obj[name] !== 'function') throw new TypeError(`${SPEC.callable} has no method ${name}`);
          results.push(obj[name](...args));
        }
        value = results;
      }
    } catch (err) {
      const cpu = cpuMs(started);
      let partial = [];
      try {
        partial = plain(results);
      } catch {
        // What was returned before the error is shown only when it can be.
      }
      frame({ t: 'done', i: c.i, ok: false, error: describe(err), call, value: partial, cpuMs: cpu });
      continue;
    }
    const cpu = cpuMs(started);
    let encoded;
    try {
      encoded = plain(value);
    } catch (err) {
      frame({
        t: 'done',
        i: c.i,
        ok: false,
        error: { type: 'ResultError', message: `The result cannot be compared: ${err.message}`, line: null },
        call: -1,
        value: [],
        cpuMs: cpu,
      });
      continue;
    }
    frame({ t: 'done', i: c.i, ok: true, value: encoded, cpuMs: cpu });
  }
  frame({ t: 'end' });
}

main();
