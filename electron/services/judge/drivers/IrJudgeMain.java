// The judge's Java driver (docs/judge.md, "Drivers"). Compiled beside the candidate's file, it finds the
// function (a static method, or an instance method of a class with a no-argument constructor) or the class
// by reflection, decodes each case's JSON arguments into the parameter types the candidate declared,
// calls it, and writes each result as a frame: a record separator, the run's nonce, a space, JSON, a
// newline. Anything else on stdout is the candidate's own printing.
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public class IrJudgeMain {
    // IRJUDGE_GLUE: replaced by the judge with KIND, CALLABLE, FILE, CLASSES and METHODS.

    static PrintStream out;
    static String mark;
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        out = System.out;
        Object header = new Json(in.readLine()).parse();
        mark = "\u001e" + ((Map<?, ?>) header).get("nonce") + " ";

        Method function = null;
        Object receiver = null;
        Class<?> type = null;
        Map<String, Method> methods = new HashMap<>();
        try {
            if (KIND.equals("function")) {
                for (String name : CLASSES) {
                    Class<?> c = Class.forName(name);
                    for (Method m : c.getDeclaredMethods()) {
                        if (m.getName().equals(CALLABLE) && !m.isSynthetic()) {
                            function = m;
                            break;
                        }
                    }
                    if (function != null) {
                        function.setAccessible(true);
                        if (!Modifier.isStatic(function.getModifiers())) {
                            Constructor<?> ctor = c.getDeclaredConstructor();
                            ctor.setAccessible(true);
                            receiver = ctor.newInstance();
                        }
                        break;
                    }
                }
                if (function == null) {
                    missing("No method named " + CALLABLE + " in " + FILE + ".");
                    return;
                }
            } else {
                try {
                    type = Class.forName(CALLABLE);
                } catch (ClassNotFoundException e) {
                    missing("No class named " + CALLABLE + " in " + FILE + ".");
                    return;
                }
                for (String[] pair : METHODS) {
                    Method found = null;
                    for (Class<?> c = type; c != null && found == null; c = c.getSuperclass()) {
                        for (Method m : c.getDeclaredMethods()) if (m.getName().equals(pair[1]) && !m.isSynthetic()) found = m;
                    }
                    if (found == null) {
                        missing(CALLABLE + " has no method named " + pair[1] + ".");
                        return;
                    }
                    found.setAccessible(true);
                    methods.put(pair[0], found);
                }
            }
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError ? t.getCause() : t;
            frame("{\"t\":\"fatal\",\"kind\":\"load\",\"error\":" + describe(cause) + "}");
            return;
        }
        frame("{\"t\":\"ready\",\"loadError\":null}");

        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.trim().isEmpty()) continue;
            Map<?, ?> c = (Map<?, ?>) new Json(line).parse();
            long index = ((Number) c.get("i")).longValue();
            List<?> arguments = (List<?>) c.get("args");
            // Decoding is the judge's work: it happens before the clock starts.
            Object[] decoded;
            Constructor<?> ctor = null;
            List<Method> callMethods = new ArrayList<>();
            List<Object[]> callArgs = new ArrayList<>();
            try {
                if (function != null) {
                    decoded = decodeAll(arguments, function.getGenericParameterTypes(), CALLABLE);
                } else {
                    ctor = constructorFor(type, arguments.size());
                    decoded = decodeAll(arguments, ctor.getGenericParameterTypes(), CALLABLE);
                    for (Object item : (List<?>) c.get("calls")) {
                        List<?> step = (List<?>) item;
                        Method m = methods.get((String) step.get(0));
                        if (m == null) throw new ArgumentError("no method " + step.get(0));
                        callMethods.add(m);
                        callArgs.add(decodeAll(step.subList(1, step.size()), m.getGenericParameterTypes(), m.getName()));
                    }
                }
            } catch (Throwable t) {
                frame("{\"t\":\"start\",\"i\":" + index + "}");
                frame("{\"t\":\"done\",\"i\":" + index + ",\"ok\":false,\"error\":" + describe(t) + ",\"call\":-1,\"value\":[],\"cpuMs\":0}");
                continue;
            }
            List<Object> results = new ArrayList<>();
            Object result = null;
            int call = -1;
            frame("{\"t\":\"start\",\"i\":" + index + "}");
            long started = CPU.getCurrentThreadCpuTime();
            Throwable failure = null;
            try {
                if (function != null) {
                    result = function.invoke(receiver, decoded);
                } else {
                    Object obj = ctor.newInstance(decoded);
                    for (int k = 0; k < callMethods.size(); k++) {
                        call = k;
                        Method m = callMethods.get(k);
                        Object got = m.invoke(obj, callArgs.get(k));
                        results.add(m.getReturnType() == void.class ? null : got);
                    }
                }
            } catch (Throwable t) {
                failure = t instanceof InvocationTargetException ? t.getCause() : t;
            }
            double cpu = (CPU.getCurrentThreadCpuTime() - started) / 1e6;
            if (failure != null) {
                String partial;
                try {
                    partial = encode(results);
                } catch (RuntimeException e) {
                    partial = "[]";
                }
                frame("{\"t\":\"done\",\"i\":" + index + ",\"ok\":false,\"error\":" + describe(failure) + ",\"call\":" + call + ",\"value\":" + partial + ",\"cpuMs\":" + cpu + "}");
                continue;
            }
            String value;
            try {
                value = function != null ? encode(result) : encode(results);
            } catch (RuntimeException e) {
                frame("{\"t\":\"done\",\"i\":" + index + ",\"ok\":false,\"error\":{\"type\":\"ResultError\",\"message\":" + quote("ResultError: " + e.getMessage()) + ",\"line\":null},\"call\":-1,\"value\":[],\"cpuMs\":" + cpu + "}");
                continue;
            }
            frame("{\"t\":\"done\",\"i\":" + index + ",\"ok\":true,\"value\":" + value + ",\"cpuMs\":" + cpu + "}");
        }
        frame("{\"t\":\"end\"}");
        out.flush();
    }

    static void frame(String json) {
        out.print(mark + json + "\n");
        out.flush();
    }

    static void missing(String message) {
        frame("{\"t\":\"fatal\",\"kind\":\"missing\",\"error\":{\"type\":\"NoSuchMethod\",\"message\":" + quote(message) + ",\"line\":null}}");
    }

    static Constructor<?> constructorFor(Class<?> type, int arity) throws NoSuchMethodException {
        for (Constructor<?> ctor : type.getDeclaredConstructors()) {
            if (ctor.getParameterCount() == arity) {
                ctor.setAccessible(true);
                return ctor;
            }
        }
        throw new NoSuchMethodException(type.getSimpleName() + " has no constructor taking " + arity + " argument" + (arity == 1 ? "" : "s"));
    }

    static String describe(Throwable t) {
        String type = t.getClass().getSimpleName();
        String message = t.getMessage() == null ? type : type + ": " + t.getMessage();
        if (t instanceof StackOverflowError) message = "StackOverflowError: the recursion went too deep";
        Integer line = null;
        for (StackTraceElement e : t.getStackTrace()) {
            if (FILE.equals(e.getFileName()) && e.getLineNumber() > 0) {
                line = e.getLineNumber();
                break;
            }
        }
        return "{\"type\":" + quote(type) + ",\"message\":" + quote(message) + ",\"line\":" + (line == null ? "null" : line.toString()) + "}";
    }

    // ---- decoding: JSON values into the parameter types the candidate declared ----

    /** The test's arguments could not be passed as the candidate's parameters (a changed signature). */
    static final class ArgumentError extends RuntimeException {
        ArgumentError(String message) {
            super(message);
        }
    }

    static Object[] decodeAll(List<?> values, Type[] types, String name) {
        if (values.size() != types.length)
            throw new ArgumentError(name + " takes " + types.length + " argument" + (types.length == 1 ? "" : "s") + "; the test passes " + values.size());
        Object[] out = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            try {
                out[i] = decode(values.get(i), types[i]);
            } catch (RuntimeException e) {
                throw new ArgumentError("argument " + (i + 1) + " of " + name + ": " + e.getMessage());
            }
        }
        return out;
    }

    static Object decode(Object v, Type t) {
        if (t instanceof Class<?>) {
            Class<?> c = (Class<?>) t;
            if (c == int.class || c == Integer.class) return toLong(v, t).intValue() == toLong(v, t) ? (Object) toLong(v, t).intValue() : overflow(v, t);
            if (c == long.class || c == Long.class) return toLong(v, t);
            if (c == short.class || c == Short.class) return (short) toLong(v, t).longValue();
            if (c == byte.class || c == Byte.class) return (byte) toLong(v, t).longValue();
            if (c == double.class || c == Double.class) return toNumber(v, t).doubleValue();
            if (c == float.class || c == Float.class) return toNumber(v, t).floatValue();
            if (c == boolean.class || c == Boolean.class) {
                if (!(v instanceof Boolean)) throw mismatch(v, t);
                return v;
            }
            if (c == char.class || c == Character.class) {
                if (!(v instanceof String) || ((String) v).length() != 1) throw mismatch(v, t);
                return ((String) v).charAt(0);
            }
            if (c == String.class) {
                if (!(v instanceof String)) throw mismatch(v, t);
                return v;
            }
            if (c == Object.class) return v;
            if (c.isArray()) {
                if (!(v instanceof List)) throw mismatch(v, t);
                List<?> list = (List<?>) v;
                Object array = Array.newInstance(c.getComponentType(), list.size());
                for (int i = 0; i < list.size(); i++) Array.set(array, i, decode(list.get(i), c.getComponentType()));
                return array;
            }
            if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) return decode(v, new Generic(c, Object.class));
            throw new IllegalArgumentException("cannot pass a test value as " + c.getSimpleName());
        }
        if (t instanceof GenericArrayType) {
            if (!(v instanceof List)) throw mismatch(v, t);
            List<?> list = (List<?>) v;
            Type component = ((GenericArrayType) t).getGenericComponentType();
            Class<?> raw = component instanceof ParameterizedType ? (Class<?>) ((ParameterizedType) component).getRawType() : Object.class;
            Object array = Array.newInstance(raw, list.size());
            for (int i = 0; i < list.size(); i++) Array.set(array, i, decode(list.get(i), component));
            return array;
        }
        if (t instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) t;
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] params = p.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                if (!(v instanceof Map)) throw mismatch(v, t);
                Map<Object, Object> map = raw == TreeMap.class ? new TreeMap<>() : new HashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) map.put(e.getKey(), decode(e.getValue(), params[1]));
                return map;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                if (!(v instanceof List)) throw mismatch(v, t);
                Collection<Object> coll = raw == LinkedList.class ? new LinkedList<>() : Set.class.isAssignableFrom(raw) ? new HashSet<>() : new ArrayList<>();
                for (Object item : (List<?>) v) coll.add(decode(item, params[0]));
                return coll;
            }
        }
        throw new IllegalArgumentException("cannot pass a test value as " + t.getTypeName());
    }

    /** A raw collection type (List without <…>) decoded as holding plain JSON values. */
    static final class Generic implements ParameterizedType {
        final Class<?> raw;
        final Type item;

        Generic(Class<?> raw, Type item) {
            this.raw = raw;
            this.item = item;
        }

        public Type[] getActualTypeArguments() {
            return Map.class.isAssignableFrom(raw) ? new Type[] {String.class, item} : new Type[] {item};
        }

        public Type getRawType() {
            return raw;
        }

        public Type getOwnerType() {
            return null;
        }
    }

    static Long toLong(Object v, Type t) {
        if (v instanceof Long) return (Long) v;
        if (v instanceof Double && ((Double) v) == Math.rint((Double) v) && Math.abs((Double) v) < 9.007199254740992E15) return ((Double) v).longValue();
        throw mismatch(v, t);
    }

    static Number toNumber(Object v, Type t) {
        if (v instanceof Number) return (Number) v;
        throw mismatch(v, t);
    }

    static Object overflow(Object v, Type t) {
        throw new IllegalArgumentException("the test value " + v + " does not fit in " + t.getTypeName());
    }

    static IllegalArgumentException mismatch(Object v, Type t) {
        String shown = v == null ? "null" : v instanceof List ? "a list" : v instanceof Map ? "an object" : v instanceof String ? "a string" : v.toString();
        return new IllegalArgumentException("cannot pass " + shown + " as " + t.getTypeName());
    }

    // ---- encoding: whatever the candidate returned, as JSON ----

    static String encode(Object v) {
        if (v == null) return "null";
        if (v instanceof Boolean) return v.toString();
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return v.toString();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalStateException("The result holds " + d + ", which cannot be compared");
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        if (v instanceof Character) return quote(v.toString());
        if (v instanceof CharSequence) return quote(v.toString());
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                if (i > 0) sb.append(',');
                sb.append(encode(Array.get(v, i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                sb.append(quote(String.valueOf(e.getKey()))).append(':').append(encode(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof Set) throw new IllegalStateException("A Set has no order; return a List or an array");
        if (v instanceof Iterable) {
            StringBuilder sb = new StringBuilder("[");
            boolean first = true;
            for (Object item : (Iterable<?>) v) {
                if (!first) sb.append(',');
                first = false;
                sb.append(encode(item));
            }
            return sb.append(']').toString();
        }
        throw new IllegalStateException("A " + v.getClass().getSimpleName() + " cannot be compared; return numbers, strings, booleans, arrays, lists or maps");
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
            else if (ch < 0x20 || ch > 0x7e) sb.append(String.format("\\u%04x", (int) ch));
            else sb.append(ch);
        }
        return sb.append('"').toString();
    }

    /** A small JSON reader: objects become LinkedHashMaps, arrays ArrayLists, integers Longs, other numbers Doubles. */
    static final class Json {
        final String s;
        int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            space();
            if (i != s.length()) throw new IllegalArgumentException("unexpected text after JSON");
            return v;
        }

        void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        Object value() {
            space();
            char ch = s.charAt(i);
            if (ch == '{') {
                i++;
                Map<String, Object> map = new LinkedHashMap<>();
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                for (;;) {
                    space();
                    String key = string();
                    space();
                    i++; // ':'
                    map.put(key, value());
                    space();
                    if (s.charAt(i++) == '}') return map;
                }
            }
            if (ch == '[') {
                i++;
                List<Object> list = new ArrayList<>();
                space();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                for (;;) {
                    list.add(value());
                    space();
                    if (s.charAt(i++) == ']') return list;
                }
            }
            if (ch == '"') return string();
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String number = s.substring(start, i);
            if (number.matches("-?\\d{1,18}")) return Long.parseLong(number);
            return Double.parseDouble(number);
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            i++; // opening quote
            for (;;) {
                char ch = s.charAt(i++);
                if (ch == '"') return sb.toString();
                if (ch != '\\') {
                    sb.append(ch);
                    continue;
                }
                char esc = s.charAt(i++);
                switch (esc) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: sb.append(esc);
                }
            }
        }
    }
}
