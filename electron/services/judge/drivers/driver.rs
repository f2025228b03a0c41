// The judge's Rust driver (docs/judge.md, "Drivers"), appended to the candidate's main.rs (whose own
// `fn main` is renamed). The glue below it calls the function, or the constructor and its methods, with
// each argument decoded into whatever type the candidate's parameter has (inferred by the compiler through
// `FromJson`), and encodes the result through `ToJson`. Results go out as frames: a record separator,
// the run's nonce, a space, JSON, a newline. Anything else on stdout is the candidate's own printing.
#[allow(dead_code)]
mod irjudge {
    use std::cell::RefCell;
    use std::collections::{BTreeMap, HashMap, VecDeque};
    use std::io::{BufRead, Write};

    #[derive(Clone, Debug)]
    pub enum Json {
        Null,
        Bool(bool),
        Int(i64),
        Num(f64),
        Str(String),
        Arr(Vec<Json>),
        Obj(Vec<(String, Json)>),
    }

    impl Json {
        fn describe(&self) -> &'static str {
            match self {
                Json::Null => "null",
                Json::Bool(_) => "a boolean",
                Json::Int(_) => "an integer",
                Json::Num(_) => "a number",
                Json::Str(_) => "a string",
                Json::Arr(_) => "a list",
                Json::Obj(_) => "an object",
            }
        }
        fn get(&self, key: &str) -> Option<&Json> {
            match self {
                Json::Obj(items) => items.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                _ => None,
            }
        }
    }

    struct Parser<'a> {
        s: &'a [u8],
        p: usize,
    }

    impl<'a> Parser<'a> {
        fn space(&mut self) {
            while self.p < self.s.len() && (self.s[self.p] as char).is_ascii_whitespace() {
                self.p += 1;
            }
        }
        fn value(&mut self) -> Json {
            self.space();
            match self.s[self.p] {
                b'{' => {
                    self.p += 1;
                    let mut items = Vec::new();
                    self.space();
                    if self.s[self.p] == b'}' {
                        self.p += 1;
                        return Json::Obj(items);
                    }
                    loop {
                        self.space();
                        let key = self.string();
                        self.space();
                        self.p += 1;
                        let v = self.value();
                        items.push((key, v));
                        self.space();
                        let c = self.s[self.p];
                        self.p += 1;
                        if c == b'}' {
                            return Json::Obj(items);
                        }
                    }
                }
                b'[' => {
                    self.p += 1;
                    let mut items = Vec::new();
                    self.space();
                    if self.s[self.p] == b']' {
                        self.p += 1;
                        return Json::Arr(items);
                    }
                    loop {
                        items.push(self.value());
                        self.space();
                        let c = self.s[self.p];
                        self.p += 1;
                        if c == b']' {
                            return Json::Arr(items);
                        }
                    }
                }
                b'"' => Json::Str(self.string()),
                b't' => {
                    self.p += 4;
                    Json::Bool(true)
                }
                b'f' => {
                    self.p += 5;
                    Json::Bool(false)
                }
                b'n' => {
                    self.p += 4;
                    Json::Null
                }
                _ => {
                    let start = self.p;
                    while self.p < self.s.len() && b"+-0123456789.eE".contains(&self.s[self.p]) {
                        self.p += 1;
                    }
                    let text = std::str::from_utf8(&self.s[start..self.p]).unwrap_or("0");
                    match text.parse::<i64>() {
                        Ok(i) => Json::Int(i),
                        Err(_) => Json::Num(text.parse::<f64>().unwrap_or(0.0)),
                    }
                }
            }
        }
        fn hex(&mut self) -> u32 {
            let text = std::str::from_utf8(&self.s[self.p..self.p + 4]).unwrap_or("0");
            self.p += 4;
            u32::from_str_radix(text, 16).unwrap_or(0xFFFD)
        }
        fn string(&mut self) -> String {
            self.p += 1;
            let mut out: Vec<u8> = Vec::new();
            loop {
                let c = self.s[self.p];
                self.p += 1;
                match c {
                    b'"' => return String::from_utf8_lossy(&out).into_owned(),
                    b'\\' => {
                        let e = self.s[self.p];
                        self.p += 1;
                        let ch = match e {
                            b'n' => '\n',
                            b't' => '\t',
                            b'r' => '\r',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'u' => {
                                let mut cp = self.hex();
                                if (0xD800..0xDC00).contains(&cp) && self.s.get(self.p) == Some(&b'\\') {
                                    self.p += 2;
                                    let low = self.hex();
                                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                                }
                                char::from_u32(cp).unwrap_or('\u{FFFD}')
                            }
                            other => other as char,
                        };
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => out.push(c),
                }
            }
        }
    }

    pub fn parse(text: &str) -> Json {
        Parser { s: text.as_bytes(), p: 0 }.value()
    }

    pub fn quote(s: &str) -> String {
        let mut out = String::from("\"");
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// A test value the candidate's parameter type cannot take (a changed signature).
    pub struct ArgumentError(pub String);

    // ---- decoding: the parameter's type decides (the compiler infers it from the call) ----

    pub trait FromJson: Sized {
        fn from_json(j: &Json) -> Result<Self, String>;
    }

    macro_rules! integer {
        ($($t:ty),*) => {$(
            impl FromJson for $t {
                fn from_json(j: &Json) -> Result<Self, String> {
                    match j {
                        Json::Int(i) => <$t>::try_from(*i).map_err(|_| format!("{} does not fit in {}", i, stringify!($t))),
                        other => Err(format!("expected an integer, got {}", other.describe())),
                    }
                }
            }
        )*};
    }
    integer!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128, usize, isize);

    impl FromJson for f64 {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Int(i) => Ok(*i as f64),
                Json::Num(n) => Ok(*n),
                other => Err(format!("expected a number, got {}", other.describe())),
            }
        }
    }
    impl FromJson for f32 {
        fn from_json(j: &Json) -> Result<Self, String> {
            f64::from_json(j).map(|v| v as f32)
        }
    }
    impl FromJson for bool {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Bool(b) => Ok(*b),
                other => Err(format!("expected true or false, got {}", other.describe())),
            }
        }
    }
    impl FromJson for char {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Str(s) if s.chars().count() == 1 => Ok(s.chars().next().unwrap()),
                other => Err(format!("expected one character, got {}", other.describe())),
            }
        }
    }
    impl FromJson for String {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Str(s) => Ok(s.clone()),
                other => Err(format!("expected a string, got {}", other.describe())),
            }
        }
    }
    // Borrowed parameters (&str, &[T], &Vec<T>) borrow from values the driver leaves alive for the run.
    impl FromJson for &'static str {
        fn from_json(j: &Json) -> Result<Self, String> {
            String::from_json(j).map(|s| &*Box::leak(s.into_boxed_str()))
        }
    }
    impl<T: FromJson> FromJson for Vec<T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Arr(items) => items.iter().map(T::from_json).collect(),
                other => Err(format!("expected a list, got {}", other.describe())),
            }
        }
    }
    impl<T: FromJson> FromJson for VecDeque<T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            Vec::<T>::from_json(j).map(VecDeque::from)
        }
    }
    impl<T: FromJson + 'static> FromJson for &'static [T] {
        fn from_json(j: &Json) -> Result<Self, String> {
            Vec::<T>::from_json(j).map(|v| &*Box::leak(v.into_boxed_slice()))
        }
    }
    impl<T: FromJson + 'static> FromJson for &'static Vec<T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            Vec::<T>::from_json(j).map(|v| &*Box::leak(Box::new(v)))
        }
    }
    impl<T: FromJson + 'static> FromJson for &'static mut Vec<T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            Vec::<T>::from_json(j).map(|v| Box::leak(Box::new(v)))
        }
    }
    impl<T: FromJson + 'static> FromJson for &'static mut [T] {
        fn from_json(j: &Json) -> Result<Self, String> {
            Vec::<T>::from_json(j).map(|v| Box::leak(v.into_boxed_slice()))
        }
    }
    impl<T: FromJson> FromJson for HashMap<String, T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Obj(items) => items.iter().map(|(k, v)| T::from_json(v).map(|v| (k.clone(), v))).collect(),
                other => Err(format!("expected an object, got {}", other.describe())),
            }
        }
    }
    impl<T: FromJson> FromJson for BTreeMap<String, T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            HashMap::<String, T>::from_json(j).map(|m| m.into_iter().collect())
        }
    }
    impl<T: FromJson> FromJson for Option<T> {
        fn from_json(j: &Json) -> Result<Self, String> {
            match j {
                Json::Null => Ok(None),
                other => T::from_json(other).map(Some),
            }
        }
    }

    /// Argument `i` of a call, as the candidate's parameter type; a mismatch is the case's ArgumentError.
    pub fn arg<T: FromJson>(args: &[Json], i: usize, name: &str) -> T {
        match args.get(i) {
            Some(j) => T::from_json(j).unwrap_or_else(|e| std::panic::panic_any(ArgumentError(format!("argument {} of {}: {}", i + 1, name, e)))),
            None => std::panic::panic_any(ArgumentError(format!("{} takes more arguments than the test passes", name))),
        }
    }

    pub fn arity(args: &[Json], n: usize, name: &str) {
        if args.len() != n {
            std::panic::panic_any(ArgumentError(format!("{} takes {} argument(s); the test passes {}", name, n, args.len())));
        }
    }

    // ---- encoding: whatever the candidate returned ----

    pub trait ToJson {
        fn to_json(&self) -> Result<String, String>;
    }
    macro_rules! number {
        ($($t:ty),*) => {$(
            impl ToJson for $t {
                fn to_json(&self) -> Result<String, String> {
                    Ok(self.to_string())
                }
            }
        )*};
    }
    number!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128, usize, isize);
    impl ToJson for f64 {
        fn to_json(&self) -> Result<String, String> {
            if self.is_finite() {
                Ok(format!("{:?}", self))
            } else {
                Err(format!("the result holds {}", self))
            }
        }
    }
    impl ToJson for f32 {
        fn to_json(&self) -> Result<String, String> {
            (*self as f64).to_json()
        }
    }
    impl ToJson for bool {
        fn to_json(&self) -> Result<String, String> {
            Ok(self.to_string())
        }
    }
    impl ToJson for char {
        fn to_json(&self) -> Result<String, String> {
            Ok(quote(&self.to_string()))
        }
    }
    impl ToJson for String {
        fn to_json(&self) -> Result<String, String> {
            Ok(quote(self))
        }
    }
    impl ToJson for str {
        fn to_json(&self) -> Result<String, String> {
            Ok(quote(self))
        }
    }
    impl ToJson for () {
        fn to_json(&self) -> Result<String, String> {
            Ok("null".into())
        }
    }
    impl<T: ToJson + ?Sized> ToJson for &T {
        fn to_json(&self) -> Result<String, String> {
            (**self).to_json()
        }
    }
    impl<T: ToJson + ?Sized> ToJson for Box<T> {
        fn to_json(&self) -> Result<String, String> {
            (**self).to_json()
        }
    }
    impl<T: ToJson> ToJson for Option<T> {
        fn to_json(&self) -> Result<String, String> {
            match self {
                Some(v) => v.to_json(),
                None => Ok("null".into()),
            }
        }
    }
    fn sequence<'a, T: ToJson + 'a>(items: impl Iterator<Item = &'a T>) -> Result<String, String> {
        let parts: Result<Vec<String>, String> = items.map(|v| v.to_json()).collect();
        Ok(format!("[{}]", parts?.join(",")))
    }
    impl<T: ToJson> ToJson for [T] {
        fn to_json(&self) -> Result<String, String> {
            sequence(self.iter())
        }
    }
    impl<T: ToJson, const N: usize> ToJson for [T; N] {
        fn to_json(&self) -> Result<String, String> {
            sequence(self.iter())
        }
    }
    impl<T: ToJson> ToJson for Vec<T> {
        fn to_json(&self) -> Result<String, String> {
            sequence(self.iter())
        }
    }
    impl<T: ToJson> ToJson for VecDeque<T> {
        fn to_json(&self) -> Result<String, String> {
            sequence(self.iter())
        }
    }
    impl<A: ToJson, B: ToJson> ToJson for (A, B) {
        fn to_json(&self) -> Result<String, String> {
            Ok(format!("[{},{}]", self.0.to_json()?, self.1.to_json()?))
        }
    }
    impl<T: ToJson> ToJson for HashMap<String, T> {
        fn to_json(&self) -> Result<String, String> {
            let mut keys: Vec<&String> = self.keys().collect();
            keys.sort();
            let parts: Result<Vec<String>, String> = keys.iter().map(|k| Ok(format!("{}:{}", quote(k), self[*k].to_json()?))).collect();
            Ok(format!("{{{}}}", parts?.join(",")))
        }
    }
    impl<T: ToJson> ToJson for BTreeMap<String, T> {
        fn to_json(&self) -> Result<String, String> {
            let parts: Result<Vec<String>, String> = self.iter().map(|(k, v)| Ok(format!("{}:{}", quote(k), v.to_json()?))).collect();
            Ok(format!("{{{}}}", parts?.join(",")))
        }
    }

    /// A result as JSON; one that cannot be compared is the case's ResultError.
    pub fn result<T: ToJson + ?Sized>(value: &T) -> String {
        value.to_json().unwrap_or_else(|e| std::panic::panic_any(ResultError(e)))
    }
    pub struct ResultError(pub String);

    // ---- the run ----

    thread_local! {
        static PANIC: RefCell<Option<(String, Option<u32>)>> = RefCell::new(None);
    }

    #[cfg(target_os = "linux")]
    const CPU_CLOCK: i32 = 2;
    #[cfg(target_os = "macos")]
    const CPU_CLOCK: i32 = 12;
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    fn cpu_ms() -> f64 {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
        }
        let mut ts = Timespec { sec: 0, nsec: 0 };
        unsafe { clock_gettime(CPU_CLOCK, &mut ts) };
        ts.sec as f64 * 1000.0 + ts.nsec as f64 / 1e6
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    fn cpu_ms() -> f64 {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
    }

    /// Takes stdin for the cases and leaves the candidate an empty one.
    #[cfg(unix)]
    fn cases_input() -> Box<dyn BufRead> {
        use std::os::unix::io::{AsRawFd, FromRawFd};
        extern "C" {
            fn dup(fd: i32) -> i32;
            fn dup2(from: i32, to: i32) -> i32;
        }
        unsafe {
            let own = dup(0);
            if let Ok(empty) = std::fs::File::open("/dev/null") {
                dup2(empty.as_raw_fd(), 0);
            }
            Box::new(std::io::BufReader::with_capacity(1 << 20, std::fs::File::from_raw_fd(own)))
        }
    }
    #[cfg(not(unix))]
    fn cases_input() -> Box<dyn BufRead> {
        Box::new(std::io::BufReader::with_capacity(1 << 20, std::io::stdin()))
    }

    fn describe(payload: &(dyn std::any::Any + Send)) -> String {
        let (kind, text) = if let Some(a) = payload.downcast_ref::<ArgumentError>() {
            ("ArgumentError", a.0.clone())
        } else if let Some(r) = payload.downcast_ref::<ResultError>() {
            ("ResultError", r.0.clone())
        } else if let Some(s) = payload.downcast_ref::<&str>() {
            ("panic", s.to_string())
        } else if let Some(s) = payload.downcast_ref::<String>() {
            ("panic", s.clone())
        } else {
            ("panic", "the program panicked".to_string())
        };
        let line = if kind == "panic" { PANIC.with(|p| p.borrow().as_ref().and_then(|(_, l)| *l)) } else { None };
        let message = if kind == "panic" { format!("panicked: {}", text) } else { format!("{}: {}", kind, text) };
        format!(
            "{{\"type\":{},\"message\":{},\"line\":{}}}",
            quote(kind),
            quote(&message),
            line.map(|l| l.to_string()).unwrap_or_else(|| "null".into())
        )
    }

    pub fn run(file: &'static str, mut handle: impl FnMut(&Json, &mut Vec<String>, &mut i64) -> String) {
        std::panic::set_hook(Box::new(move |info| {
            let line = info.location().filter(|l| l.file().ends_with(file)).map(|l| l.line());
            PANIC.with(|p| *p.borrow_mut() = Some((String::new(), line)));
        }));
        let mut input = cases_input();
        let stdout = std::io::stdout();
        let mut header = String::new();
        input.read_line(&mut header).ok();
        let nonce = match parse(header.trim()).get("nonce") {
            Some(Json::Str(s)) => s.clone(),
            _ => String::new(),
        };
        let mark = format!("\u{1e}{} ", nonce);
        let frame = |text: String| {
            let mut out = stdout.lock();
            out.write_all(format!("{}{}\n", mark, text).as_bytes()).ok();
            out.flush().ok();
        };
        frame("{\"t\":\"ready\",\"loadError\":null}".into());
        let mut line = String::new();
        loop {
            line.clear();
            match input.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                _ => {}
            }
            if line.trim().is_empty() {
                continue;
            }
            let case = parse(line.trim());
            let index = match case.get("i") {
                Some(Json::Int(i)) => *i,
                _ => -1,
            };
            frame(format!("{{\"t\":\"start\",\"i\":{}}}", index));
            let mut results: Vec<String> = Vec::new();
            let mut call: i64 = -1;
            PANIC.with(|p| *p.borrow_mut() = None);
            let started = cpu_ms();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(&case, &mut results, &mut call)));
            let cpu = cpu_ms() - started;
            match outcome {
                Ok(value) => frame(format!("{{\"t\":\"done\",\"i\":{},\"ok\":true,\"value\":{},\"cpuMs\":{:.3}}}", index, value, cpu)),
                Err(payload) => frame(format!(
                    "{{\"t\":\"done\",\"i\":{},\"ok\":false,\"error\":{},\"call\":{},\"value\":[{}],\"cpuMs\":{:.3}}}",
                    index,
                    describe(payload.as_ref()),
                    call,
                    results.join(","),
                    cpu
                )),
            }
        }
        frame("{\"t\":\"end\"}".into());
    }

    pub fn args(case: &Json) -> &[Json] {
        match case.get("args") {
            Some(Json::Arr(items)) => items,
            _ => &[],
        }
    }

    pub fn calls(case: &Json) -> Vec<(String, Vec<Json>)> {
        match case.get("calls") {
            Some(Json::Arr(items)) => items
                .iter()
                .map(|c| match c {
                    Json::Arr(parts) if !parts.is_empty() => {
                        let name = if let Json::Str(s) = &parts[0] { s.clone() } else { String::new() };
                        (name, parts[1..].to_vec())
                    }
                    _ => (String::new(), Vec::new()),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}
