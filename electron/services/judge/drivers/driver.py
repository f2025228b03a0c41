# The judge's Python driver (docs/judge.md, "Drivers"). It loads the candidate's solution.py as a
# module named "solution" (so its `if __name__ == "__main__":` block does not run), then reads one
# case per line from its own copy of stdin, calls the function (or builds the class and makes its
# calls) and writes each result as a frame: a record separator, the run's nonce, a space, JSON, a
# newline. Anything else on stdout is the candidate's own printing.
import json
import os
import sys
import time
import traceback
import types

IRJUDGE_SPEC = {}  # replaced by the judge: {"kind", "callable", "methods", "file"}


def _irjudge():
    spec = IRJUDGE_SPEC
    # The cases are read from a private descriptor; the candidate's code sees an empty stdin.
    cases = os.fdopen(os.dup(0), "r", encoding="utf-8", newline="\n")
    empty = os.open(os.devnull, os.O_RDONLY)
    os.dup2(empty, 0)
    os.close(empty)
    sys.stdin = open(os.devnull, "r", encoding="utf-8")
    out = sys.stdout
    header = json.loads(cases.readline())
    mark = "\x1e" + header["nonce"] + " "

    def frame(obj):
        out.write(mark + json.dumps(obj, separators=(",", ":"), allow_nan=False) + "\n")
        out.flush()

    def where(exc):
        line = None
        for entry in traceback.extract_tb(exc.__traceback__):
            if entry.filename == spec["file"]:
                line = entry.lineno
        return line

    def describe(exc):
        text = str(exc)
        return {
            "type": type(exc).__name__,
            "message": type(exc).__name__ + (": " + text if text else ""),
            "line": where(exc) if not isinstance(exc, SyntaxError) else exc.lineno,
        }

    try:
        with open(spec["file"], encoding="utf-8") as f:
            source = f.read()
        code = compile(source, spec["file"], "exec")
    except SyntaxError as exc:
        frame({"t": "fatal", "kind": "compile", "error": {"type": type(exc).__name__, "message": type(exc).__name__ + ": " + str(exc.msg), "line": exc.lineno}})
        return
    module = types.ModuleType("solution")
    module.__file__ = spec["file"]
    sys.modules["solution"] = module
    load_error = None
    try:
        exec(code, module.__dict__)
    except BaseException as exc:  # a top-level mistake, even sys.exit(), must not end the judging
        load_error = describe(exc)
    target = module.__dict__.get(spec["callable"])
    if not callable(target):
        frame({"t": "fatal", "kind": "missing", "error": load_error or {"type": "NameError", "message": "No " + ("class" if spec["kind"] == "class" else "function") + " named " + spec["callable"] + " in " + spec["file"] + ".", "line": None}})
        return
    frame({"t": "ready", "loadError": load_error})

    for line in cases:
        if not line.strip():
            continue
        case = json.loads(line)
        index = case["i"]
        results = []
        call = -1
        # Splitting the calls is the judge's work: it happens before the clock starts.
        steps = [(spec["methods"][step[0]], step[1:]) for step in case.get("calls") or []]
        frame({"t": "start", "i": index})
        started = time.process_time()
        try:
            if spec["kind"] == "function":
                value = target(*case["args"])
            else:
                obj = target(*case["args"])
                for call, (name, arguments) in enumerate(steps):
                    results.append(getattr(obj, name)(*arguments))
                value = results
            cpu = (time.process_time() - started) * 1000
        except BaseException as exc:
            cpu = (time.process_time() - started) * 1000
            frame({"t": "done", "i": index, "ok": False, "error": describe(exc), "call": call, "value": _safe(results), "cpuMs": cpu})
            continue
        try:
            frame({"t": "done", "i": index, "ok": True, "value": _plain(value), "cpuMs": cpu})
        except (TypeError, ValueError, RecursionError) as exc:
            frame({"t": "done", "i": index, "ok": False, "error": {"type": "ResultError", "message": "The result cannot be compared: " + str(exc), "line": None}, "call": -1, "value": [], "cpuMs": cpu})
    frame({"t": "end"})


def _safe(values):
    try:
        return _plain(values)
    except (TypeError, ValueError, RecursionError):
        return []


def _plain(value):
    """Tuples become lists; anything JSON cannot say (a set, an object, NaN) is an error the candidate sees."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        raise TypeError("a set has no order; return a list")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError("a " + type(value).__name__ + " is not a number, string, boolean, list or dict")


_irjudge()
