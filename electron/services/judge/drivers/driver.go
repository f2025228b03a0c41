// The judge's Go driver (docs/judge.md, "Drivers"). Built together with the candidate's main.go (whose
// own main is renamed), it calls the function, or the constructor and its methods, through reflection:
// each case's JSON arguments are decoded into the parameter types the candidate declared, and whatever
// comes back is encoded as JSON. Results go out as frames: a record separator, the run's nonce, a space,
// JSON, a newline. Anything else on stdout is the candidate's own printing.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// IRJUDGE_GLUE: replaced by the judge with irjudgeKind, irjudgeName, irjudgeFile, irjudgeTarget and irjudgeMethods.

var irjudgeOut = os.Stdout
var irjudgeMark string

func irjudgeFrame(json string) {
	irjudgeOut.WriteString(irjudgeMark + json + "\n")
}

func irjudgeQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type irjudgeError struct {
	Type    string `json:"type"`
	Message string `json:"message"`
	Line    *int   `json:"line"`
}

type irjudgeArgumentError struct{ msg string }

func (e irjudgeArgumentError) Error() string { return e.msg }

type irjudgeResultError struct{ msg string }

func (e irjudgeResultError) Error() string { return e.msg }

func irjudgeDescribe(r interface{}, line *int) irjudgeError {
	switch e := r.(type) {
	case irjudgeArgumentError:
		return irjudgeError{"ArgumentError", "ArgumentError: " + e.msg, nil}
	case irjudgeResultError:
		return irjudgeError{"ResultError", "ResultError: " + e.msg, nil}
	case runtime.Error:
		return irjudgeError{"runtime error", "panic: " + e.Error(), line}
	case error:
		return irjudgeError{"panic", "panic: " + e.Error(), line}
	default:
		return irjudgeError{"panic", "panic: " + fmt.Sprint(r), line}
	}
}

// The line of the candidate's file where the panic happened, read from the panicking goroutine's stack.
func irjudgePanicLine() *int {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, "/"+irjudgeFile) || f.File == irjudgeFile {
			line := f.Line
			return &line
		}
		if !more {
			return nil
		}
	}
}

func irjudgeDecode(raw json.RawMessage, t reflect.Type, what string) reflect.Value {
	v := reflect.New(t)
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		panic(irjudgeArgumentError{"cannot pass " + what + " as " + t.String() + ": " + err.Error()})
	}
	return v.Elem()
}

func irjudgeArgs(fn reflect.Value, raws []json.RawMessage, skip int, name string) []reflect.Value {
	t := fn.Type()
	want := t.NumIn() - skip
	if t.IsVariadic() || want != len(raws) {
		panic(irjudgeArgumentError{fmt.Sprintf("%s takes %d argument(s); the test passes %d", name, want, len(raws))})
	}
	out := make([]reflect.Value, len(raws))
	for i, raw := range raws {
		out[i] = irjudgeDecode(raw, t.In(i+skip), fmt.Sprintf("argument %d", i+1))
	}
	return out
}

func irjudgeEncode(v reflect.Value, depth int) string {
	if depth > 200 {
		panic(irjudgeResultError{"the result is nested too deeply"})
	}
	if !v.IsValid() {
		return "null"
	}
	switch v.Kind() {
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			panic(irjudgeResultError{"the result holds " + strconv.FormatFloat(f, 'g', -1, 64)})
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	case reflect.String:
		return irjudgeQuote(v.String())
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = irjudgeEncode(v.Index(i), depth+1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			panic(irjudgeResultError{"a map with " + v.Type().Key().String() + " keys cannot be compared; use string keys"})
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(a, b int) bool { return keys[a].String() < keys[b].String() })
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = irjudgeQuote(k.String()) + ":" + irjudgeEncode(v.MapIndex(k), depth+1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	case reflect.Ptr, reflect.Interface:
		if v.IsNil() {
			return "null"
		}
		return irjudgeEncode(v.Elem(), depth+1)
	}
	panic(irjudgeResultError{"a " + v.Type().String() + " cannot be compared; return numbers, strings, booleans, slices or maps"})
}

type irjudgeCase struct {
	I     int64               `json:"i"`
	Args  []json.RawMessage   `json:"args"`
	Calls [][]json.RawMessage `json:"calls"`
}

// A case with its arguments already decoded: decoding is the judge's work, so it happens before the clock starts.
type irjudgePrepared struct {
	args  []reflect.Value
	calls []irjudgeCall
}

type irjudgeCall struct {
	name string
	fn   reflect.Value
	// The receiver's place, then the arguments.
	args []reflect.Value
}

func irjudgePrepare(c *irjudgeCase) (prepared *irjudgePrepared, failure *irjudgeError) {
	defer func() {
		if r := recover(); r != nil {
			e := irjudgeDescribe(r, nil)
			failure = &e
		}
	}()
	target := reflect.ValueOf(irjudgeTarget)
	p := &irjudgePrepared{args: irjudgeArgs(target, c.Args, 0, irjudgeName)}
	for _, step := range c.Calls {
		var name string
		json.Unmarshal(step[0], &name)
		method, ok := irjudgeMethods[name]
		if !ok {
			panic(irjudgeArgumentError{"no method " + name})
		}
		fn := reflect.ValueOf(method)
		// Room for the receiver first, filled in when the call is made.
		p.calls = append(p.calls, irjudgeCall{name, fn, append([]reflect.Value{{}}, irjudgeArgs(fn, step[1:], 1, name)...)})
	}
	return p, nil
}

// One case, with a panic turned into the case's error. `results` collects what class calls returned so far.
func irjudgeRun(p *irjudgePrepared, results *[]reflect.Value, call *int) (value reflect.Value, failure *irjudgeError) {
	defer func() {
		if r := recover(); r != nil {
			e := irjudgeDescribe(r, irjudgePanicLine())
			failure = &e
		}
	}()
	target := reflect.ValueOf(irjudgeTarget)
	out := target.Call(p.args)
	if irjudgeKind == "function" {
		if len(out) == 0 {
			return reflect.Value{}, nil
		}
		return out[0], nil
	}
	if len(out) == 0 {
		panic(irjudgeArgumentError{irjudgeName + " returns nothing"})
	}
	obj := out[0]
	for k, c := range p.calls {
		*call = k
		receiver := obj
		if c.fn.Type().In(0).Kind() == reflect.Ptr && receiver.Kind() != reflect.Ptr {
			ptr := reflect.New(receiver.Type())
			ptr.Elem().Set(receiver)
			receiver = ptr
			obj = ptr
		}
		c.args[0] = receiver
		got := c.fn.Call(c.args)
		if len(got) == 0 {
			*results = append(*results, reflect.Value{})
		} else {
			*results = append(*results, got[0])
		}
	}
	return reflect.Value{}, nil
}

// The results as JSON, or the ResultError of one that cannot be compared.
func irjudgeEncodeAll(value reflect.Value, results []reflect.Value) (text string, failure *irjudgeError) {
	defer func() {
		if r := recover(); r != nil {
			e := irjudgeDescribe(r, nil)
			failure = &e
		}
	}()
	if irjudgeKind == "function" {
		return irjudgeEncode(value, 0), nil
	}
	parts := make([]string, len(results))
	for i, r := range results {
		parts[i] = irjudgeEncode(r, 0)
	}
	return "[" + strings.Join(parts, ",") + "]", nil
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	if empty, err := os.Open(os.DevNull); err == nil {
		os.Stdin = empty
	}
	readLine := func() (string, bool) {
		line, err := in.ReadString('\n')
		if err != nil && line == "" {
			return "", false
		}
		return strings.TrimRight(line, "\r\n"), true
	}
	headerLine, _ := readLine()
	var header struct {
		Nonce string `json:"nonce"`
	}
	json.Unmarshal([]byte(headerLine), &header)
	irjudgeMark = "\x1e" + header.Nonce + " "
	irjudgeFrame(`{"t":"ready","loadError":null}`)
	for {
		line, ok := readLine()
		if !ok {
			break
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		var c irjudgeCase
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			continue
		}
		prepared, bad := irjudgePrepare(&c)
		irjudgeFrame(fmt.Sprintf(`{"t":"start","i":%d}`, c.I))
		if bad != nil {
			e, _ := json.Marshal(bad)
			irjudgeFrame(fmt.Sprintf(`{"t":"done","i":%d,"ok":false,"error":%s,"call":-1,"value":[],"cpuMs":0}`, c.I, e))
			continue
		}
		results := []reflect.Value{}
		call := -1
		started := irjudgeCPU()
		value, failure := irjudgeRun(prepared, &results, &call)
		cpu := strconv.FormatFloat(irjudgeCPU()-started, 'f', 3, 64)
		if failure != nil {
			e, _ := json.Marshal(failure)
			partial, _ := irjudgeEncodeAll(reflect.Value{}, results)
			if partial == "" {
				partial = "[]"
			}
			irjudgeFrame(fmt.Sprintf(`{"t":"done","i":%d,"ok":false,"error":%s,"call":%d,"value":%s,"cpuMs":%s}`, c.I, e, call, partial, cpu))
			continue
		}
		text, bad := irjudgeEncodeAll(value, results)
		if bad != nil {
			e, _ := json.Marshal(bad)
			irjudgeFrame(fmt.Sprintf(`{"t":"done","i":%d,"ok":false,"error":%s,"call":-1,"value":[],"cpuMs":%s}`, c.I, e, cpu))
			continue
		}
		irjudgeFrame(fmt.Sprintf(`{"t":"done","i":%d,"ok":true,"value":%s,"cpuMs":%s}`, c.I, text, cpu))
	}
	irjudgeFrame(`{"t":"end"}`)
}
