// The judge's C++ driver (docs/judge.md, "Drivers"). The judge compiles one file: this prelude, then
// the candidate's code (its `main` renamed, its lines numbered as in their file by a #line directive),
// then a few lines of glue that hand the function, or the class and its methods, to irjudge::run. The
// argument types come from the candidate's own declaration; results are encoded from whatever it returns.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>
#if defined(__GNUG__)
#include <cxxabi.h>
#endif
#if defined(_WIN32)
#include <fcntl.h>
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace irjudge {

struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    bool b = false;
    bool integer = false;
    long long i = 0;
    double n = 0;
    std::string s;
    std::vector<Json> a;
    std::vector<std::pair<std::string, Json>> o;
};

/** The test's arguments could not be passed as the candidate's parameters (a changed signature). */
struct ArgumentError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
/** The candidate returned something JSON cannot carry. */
struct ResultError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Parser {
  public:
    explicit Parser(const std::string& text) : s(text) {}
    Json parse() {
        Json v = value();
        return v;
    }

  private:
    const std::string& s;
    size_t p = 0;
    void space() {
        while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' || s[p] == '\n')) p++;
    }
    Json value() {
        space();
        Json v;
        char c = s[p];
        if (c == '{') {
            v.kind = Json::Object;
            p++;
            space();
            if (s[p] == '}') {
                p++;
                return v;
            }
            for (;;) {
                space();
                std::string key = str();
                space();
                p++;  // ':'
                Json item = value();
                v.o.emplace_back(std::move(key), std::move(item));
                space();
                if (s[p++] == '}') return v;
            }
        }
        if (c == '[') {
            v.kind = Json::Array;
            p++;
            space();
            if (s[p] == ']') {
                p++;
                return v;
            }
            for (;;) {
                v.a.push_back(value());
                space();
                if (s[p++] == ']') return v;
            }
        }
        if (c == '"') {
            v.kind = Json::String;
            v.s = str();
            return v;
        }
        if (s.compare(p, 4, "true") == 0) {
            p += 4;
            v.kind = Json::Bool;
            v.b = true;
            return v;
        }
        if (s.compare(p, 5, "false") == 0) {
            p += 5;
            v.kind = Json::Bool;
            return v;
        }
        if (s.compare(p, 4, "null") == 0) {
            p += 4;
            return v;
        }
        size_t start = p;
        bool integer = true;
        while (p < s.size() && std::strchr("+-0123456789.eE", s[p]) != nullptr) {
            if (s[p] == '.' || s[p] == 'e' || s[p] == 'E') integer = false;
            p++;
        }
        std::string text = s.substr(start, p - start);
        v.kind = Json::Number;
        v.n = std::strtod(text.c_str(), nullptr);
        if (integer) {
            errno = 0;
            v.i = std::strtoll(text.c_str(), nullptr, 10);
            v.integer = errno == 0;
        }
        return v;
    }
    static void utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    std::string str() {
        std::string out;
        p++;
        for (;;) {
            char c = s[p++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            char e = s[p++];
            switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    unsigned cp = static_cast<unsigned>(std::stoul(s.substr(p, 4), nullptr, 16));
                    p += 4;
                    if (cp >= 0xD800 && cp <= 0xDBFF && s.compare(p, 2, "\\u") == 0) {
                        unsigned low = static_cast<unsigned>(std::stoul(s.substr(p + 2, 4), nullptr, 16));
                        p += 6;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    utf8(out, cp);
                    break;
                }
                default: out += e;
            }
        }
    }
};

inline std::string quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

inline std::string describeJson(const Json& j) {
    switch (j.kind) {
        case Json::Null: return "null";
        case Json::Bool: return "a boolean";
        case Json::Number: return j.integer ? "an integer" : "a number";
        case Json::String: return "a string";
        case Json::Array: return "a list";
        default: return "an object";
    }
}

// ---- decoding: JSON into the types the candidate declared ----

template <class T, class = void>
struct Decode {
    static T from(const Json&) {
        static_assert(sizeof(T) == 0, "the judge cannot pass a test value as this parameter type");
        return T();
    }
};

template <class T>
struct Decode<T, std::enable_if_t<std::is_integral<T>::value && !std::is_same<T, bool>::value && !std::is_same<T, char>::value>> {
    static T from(const Json& j) {
        if (j.kind != Json::Number || !j.integer) throw ArgumentError("expected an integer, got " + describeJson(j));
        if (j.i < static_cast<long long>(std::numeric_limits<T>::min()) ||
            (j.i > 0 && static_cast<unsigned long long>(j.i) > static_cast<unsigned long long>(std::numeric_limits<T>::max())))
            throw ArgumentError("a test value does not fit in the parameter's integer type");
        return static_cast<T>(j.i);
    }
};

template <class T>
struct Decode<T, std::enable_if_t<std::is_floating_point<T>::value>> {
    static T from(const Json& j) {
        if (j.kind != Json::Number) throw ArgumentError("expected a number, got " + describeJson(j));
        return static_cast<T>(j.integer ? static_cast<double>(j.i) : j.n);
    }
};

template <>
struct Decode<bool> {
    static bool from(const Json& j) {
        if (j.kind != Json::Bool) throw ArgumentError("expected true or false, got " + describeJson(j));
        return j.b;
    }
};

template <>
struct Decode<char> {
    static char from(const Json& j) {
        if (j.kind != Json::String || j.s.size() != 1) throw ArgumentError("expected one character, got " + describeJson(j));
        return j.s[0];
    }
};

template <>
struct Decode<std::string> {
    static std::string from(const Json& j) {
        if (j.kind != Json::String) throw ArgumentError("expected a string, got " + describeJson(j));
        return j.s;
    }
};

template <class Seq>
Seq decodeSequence(const Json& j) {
    if (j.kind != Json::Array) throw ArgumentError("expected a list, got " + describeJson(j));
    Seq out;
    for (const Json& item : j.a) out.push_back(Decode<typename Seq::value_type>::from(item));
    return out;
}

template <class T, class A>
struct Decode<std::vector<T, A>> {
    static std::vector<T, A> from(const Json& j) { return decodeSequence<std::vector<T, A>>(j); }
};
template <class T, class A>
struct Decode<std::deque<T, A>> {
    static std::deque<T, A> from(const Json& j) { return decodeSequence<std::deque<T, A>>(j); }
};
template <class T, class A>
struct Decode<std::list<T, A>> {
    static std::list<T, A> from(const Json& j) { return decodeSequence<std::list<T, A>>(j); }
};

template <class Map>
Map decodeMap(const Json& j) {
    if (j.kind != Json::Object) throw ArgumentError("expected an object, got " + describeJson(j));
    Map out;
    for (const auto& kv : j.o) out.emplace(kv.first, Decode<typename Map::mapped_type>::from(kv.second));
    return out;
}

template <class V, class C, class A>
struct Decode<std::map<std::string, V, C, A>> {
    static std::map<std::string, V, C, A> from(const Json& j) { return decodeMap<std::map<std::string, V, C, A>>(j); }
};
template <class V, class H, class E, class A>
struct Decode<std::unordered_map<std::string, V, H, E, A>> {
    static std::unordered_map<std::string, V, H, E, A> from(const Json& j) {
        return decodeMap<std::unordered_map<std::string, V, H, E, A>>(j);
    }
};

template <class T>
std::decay_t<T> decode(const Json& j) {
    return Decode<std::decay_t<T>>::from(j);
}

// ---- encoding: whatever the candidate returned, as JSON ----

inline std::string encode(bool v) { return v ? "true" : "false"; }
inline std::string encode(char v) { return quote(std::string(1, v)); }
inline std::string encode(const std::string& v) { return quote(v); }
inline std::string encode(const char* v) { return v ? quote(v) : "null"; }
template <class T>
std::enable_if_t<std::is_integral<T>::value && !std::is_same<T, bool>::value && !std::is_same<T, char>::value, std::string> encode(T v) {
    return std::to_string(v);
}
template <class T>
std::enable_if_t<std::is_floating_point<T>::value, std::string> encode(T v) {
    if (!std::isfinite(v)) throw ResultError("the result holds a value that is not a finite number");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", static_cast<double>(v));
    return buf;
}
// Declared before any is defined, so that a vector of maps of vectors finds each level's overload.
template <class A, class B>
std::string encode(const std::pair<A, B>& v);
template <class T, class A>
std::string encode(const std::vector<T, A>& v);
std::string encode(const std::vector<bool>& v);
template <class T, class A>
std::string encode(const std::deque<T, A>& v);
template <class T, class A>
std::string encode(const std::list<T, A>& v);
template <class V, class C, class A>
std::string encode(const std::map<std::string, V, C, A>& m);
template <class V, class H, class E, class A>
std::string encode(const std::unordered_map<std::string, V, H, E, A>& m);
template <class T, class C, class A>
std::string encode(const std::set<T, C, A>&);

template <class Seq>
std::string encodeSequence(const Seq& seq) {
    std::string out = "[";
    bool first = true;
    for (const auto& item : seq) {
        if (!first) out += ',';
        first = false;
        out += encode(item);
    }
    return out + "]";
}
template <class T, class A>
std::string encode(const std::vector<T, A>& v) {
    return encodeSequence(v);
}
inline std::string encode(const std::vector<bool>& v) {
    std::string out = "[";
    for (size_t k = 0; k < v.size(); k++) out += (k ? "," : "") + std::string(v[k] ? "true" : "false");
    return out + "]";
}
template <class T, class A>
std::string encode(const std::deque<T, A>& v) {
    return encodeSequence(v);
}
template <class T, class A>
std::string encode(const std::list<T, A>& v) {
    return encodeSequence(v);
}
template <class Map>
std::string encodeMap(const Map& m) {
    std::string out = "{";
    bool first = true;
    for (const auto& kv : m) {
        if (!first) out += ',';
        first = false;
        out += quote(kv.first) + ":" + encode(kv.second);
    }
    return out + "}";
}
template <class V, class C, class A>
std::string encode(const std::map<std::string, V, C, A>& m) {
    return encodeMap(m);
}
template <class V, class H, class E, class A>
std::string encode(const std::unordered_map<std::string, V, H, E, A>& m) {
    return encodeMap(m);
}
template <class T, class C, class A>
std::string encode(const std::set<T, C, A>&) {
    throw ResultError("a set cannot be compared; return a vector");
}
template <class A, class B>
std::string encode(const std::pair<A, B>& v) {
    return "[" + encode(v.first) + "," + encode(v.second) + "]";
}

// ---- the run: frames out, cases in ----

inline std::string& mark() {
    static std::string m;
    return m;
}
inline FILE*& input() {
    static FILE* f = nullptr;
    return f;
}

inline void frame(const std::string& json) {
    std::cout << mark() << json << '\n' << std::flush;
}

inline bool readLine(std::string& line) {
    line.clear();
    int c;
    bool any = false;
    while ((c = std::fgetc(input())) != EOF) {
        any = true;
        if (c == '\n') return true;
        line += static_cast<char>(c);
    }
    return any;
}

inline std::string typeName(const std::exception& e) {
    const char* raw = typeid(e).name();
#if defined(__GNUG__)
    int status = 0;
    char* nice = abi::__cxa_demangle(raw, nullptr, nullptr, &status);
    if (status == 0 && nice) {
        std::string out = nice;
        std::free(nice);
        return out;
    }
#endif
    return raw;
}

inline std::string describe(const std::exception& e) {
    std::string type = dynamic_cast<const ArgumentError*>(&e) ? "ArgumentError" : dynamic_cast<const ResultError*>(&e) ? "ResultError" : typeName(e);
    return "{\"type\":" + quote(type) + ",\"message\":" + quote(type + ": " + e.what()) + ",\"line\":null}";
}

inline std::string describeUnknown() {
    return "{\"type\":\"exception\",\"message\":\"Threw something that is not a std::exception\",\"line\":null}";
}

inline double cpuMs(std::clock_t since) { return 1000.0 * static_cast<double>(std::clock() - since) / CLOCKS_PER_SEC; }

/** Takes stdin for the cases and leaves the candidate an empty one. */
inline void begin() {
#if defined(_WIN32)
    int own = _dup(0);
    int empty = _open("NUL", _O_RDONLY);
    _dup2(empty, 0);
    input() = _fdopen(own, "r");
#else
    int own = dup(0);
    int empty = open("/dev/null", O_RDONLY);
    dup2(empty, 0);
    close(empty);
    input() = fdopen(own, "r");
#endif
    std::cin.clear();
    std::string header;
    readLine(header);
    Json h = Parser(header).parse();
    for (const auto& kv : h.o)
        if (kv.first == "nonce") mark() = "\x1e" + kv.second.s + " ";
    frame("{\"t\":\"ready\",\"loadError\":null}");
}

using Args = std::vector<Json>;

inline const std::vector<Json>& member(const Json& obj, const char* key) {
    for (const auto& kv : obj.o)
        if (kv.first == key) return kv.second.a;
    static const std::vector<Json> none;
    return none;
}

inline long long index(const Json& obj) {
    for (const auto& kv : obj.o)
        if (kv.first == "i") return kv.second.i;
    return -1;
}

/**
 * Runs every case: `prepare` decodes a case's arguments (the judge's work, before the clock starts) and
 * gives back what to run; a decoding failure is the case's ArgumentError without running anything.
 */
template <class F>
void each(F&& prepare) {
    std::string line;
    while (readLine(line)) {
        if (line.empty()) continue;
        Json c = Parser(line).parse();
        long long i = index(c);
        std::vector<std::string> results;
        int call = -1;
        std::string value, error;
        std::function<std::string(std::vector<std::string>&, int&)> run;
        try {
            run = prepare(c);
        } catch (const std::exception& e) {
            error = describe(e);
        }
        frame("{\"t\":\"start\",\"i\":" + std::to_string(i) + "}");
        std::clock_t started = std::clock();
        if (error.empty()) {
            try {
                value = run(results, call);
            } catch (const std::exception& e) {
                error = describe(e);
            } catch (...) {
                error = describeUnknown();
            }
        }
        double cpu = cpuMs(started);
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.3f", cpu);
        if (error.empty())
            frame("{\"t\":\"done\",\"i\":" + std::to_string(i) + ",\"ok\":true,\"value\":" + value + ",\"cpuMs\":" + ms + "}");
        else {
            std::string partial = "[";
            for (size_t k = 0; k < results.size(); k++) partial += (k ? "," : "") + results[k];
            frame("{\"t\":\"done\",\"i\":" + std::to_string(i) + ",\"ok\":false,\"error\":" + error + ",\"call\":" + std::to_string(call) +
                  ",\"value\":" + partial + "],\"cpuMs\":" + ms + "}");
        }
    }
    frame("{\"t\":\"end\"}");
}

inline void arity(const Args& a, size_t n, const char* name) {
    if (a.size() != n)
        throw ArgumentError(std::string(name) + " takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + "; the test passes " +
                            std::to_string(a.size()));
}

template <class... P, size_t... I>
std::tuple<std::decay_t<P>...> decodeArgs(const Args& a, std::index_sequence<I...>) {
    return std::tuple<std::decay_t<P>...>(decode<P>(a[I])...);
}

template <class R, class Call>
std::string result(Call&& call) {
    if constexpr (std::is_void<R>::value) {
        call();
        return "null";
    } else {
        return encode(call());
    }
}

template <class R, class... P>
int runFunction(R (*f)(P...), const char* name) {
    begin();
    each([&](const Json& c) -> std::function<std::string(std::vector<std::string>&, int&)> {
        const Args& a = member(c, "args");
        arity(a, sizeof...(P), name);
        auto args = std::make_shared<std::tuple<std::decay_t<P>...>>(decodeArgs<P...>(a, std::index_sequence_for<P...>()));
        return [f, args](std::vector<std::string>&, int&) {
            return result<R>([&]() -> R { return std::apply([&](auto&... xs) -> R { return f(xs...); }, *args); });
        };
    });
    return 0;
}

template <class C>
class ClassDriver {
  public:
    std::function<std::unique_ptr<C>(const Args&)> construct;

    template <class R, class... P>
    void method(const std::string& name, R (C::*m)(P...)) {
        bind<R, P...>(name, [m](C& obj, std::tuple<std::decay_t<P>...>& args) -> R {
            return std::apply([&](auto&... xs) -> R { return (obj.*m)(xs...); }, args);
        });
    }
    template <class R, class... P>
    void method(const std::string& name, R (C::*m)(P...) const) {
        bind<R, P...>(name, [m](C& obj, std::tuple<std::decay_t<P>...>& args) -> R {
            return std::apply([&](auto&... xs) -> R { return (obj.*m)(xs...); }, args);
        });
    }

    int run() {
        begin();
        each([&](const Json& c) -> std::function<std::string(std::vector<std::string>&, int&)> {
            const Args& a = member(c, "args");
            auto steps = std::make_shared<std::vector<std::function<std::string(C&)>>>();
            for (const Json& item : member(c, "calls")) {
                const std::vector<Json>& step = item.a;
                auto found = methods.find(step.at(0).s);
                if (found == methods.end()) throw ArgumentError("no method " + step.at(0).s);
                steps->push_back(found->second(Args(step.begin() + 1, step.end())));
            }
            auto make = construct;
            auto ctorArgs = std::make_shared<Args>(a);
            return [make, ctorArgs, steps](std::vector<std::string>& results, int& call) {
                std::unique_ptr<C> obj = make(*ctorArgs);
                for (size_t k = 0; k < steps->size(); k++) {
                    call = static_cast<int>(k);
                    results.push_back((*steps)[k](*obj));
                }
                std::string out = "[";
                for (size_t k = 0; k < results.size(); k++) out += (k ? "," : "") + results[k];
                return out + "]";
            };
        });
        return 0;
    }

  private:
    /** For each method: decodes one call's arguments and gives back the call, ready to make. */
    std::map<std::string, std::function<std::function<std::string(C&)>(const Args&)>> methods;

    template <class R, class... P, class F>
    void bind(const std::string& name, F f) {
        methods[name] = [f, name](const Args& a) -> std::function<std::string(C&)> {
            arity(a, sizeof...(P), name.c_str());
            auto args = std::make_shared<std::tuple<std::decay_t<P>...>>(decodeArgs<P...>(a, std::index_sequence_for<P...>()));
            return [f, args](C& obj) { return result<R>([&]() -> R { return f(obj, *args); }); };
        };
    }
};

}  // namespace irjudge
