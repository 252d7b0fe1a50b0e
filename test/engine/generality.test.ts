/**
 * Small conformance-style programs for feature combinations the shared suite covers
 * thinly. Expected outputs follow Rhai 1.26 (RHAI-SEMANTICS.md, the Rhai book and
 * the reference package sources); each case prints lines or fails with an exact error.
 */
import { describe, expect, test } from '@jest/globals';
import { Engine, EngineError } from '../../src/engine/index.js';

interface Case {
  name: string;
  code: string;
  /** Printed lines, joined by '\n'. */
  out?: string;
  /** Exact error message without position. */
  err?: string;
}

function run(code: string): { out: string; error: EngineError | null } {
  const lines: string[] = [];
  try {
    new Engine().run(code, { onPrint: (s) => lines.push(s) });
    return { out: lines.join('\n'), error: null };
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return { out: lines.join('\n'), error: e };
  }
}

const CASES: Case[] = [
  {
    name: 'computed float display',
    code: 'print(1.0/3.0*3.0); print(0.1+0.7); print(1e21); print(2.0**0.5); print(-1.0/3.0); print(-0.0); print(100.0/3.0)',
    out: '1.0\n0.7999999999999999\n1e21\n1.4142135623730951\n-0.3333333333333333\n0.0\n33.333333333333336',
  },
  {
    name: 'floats inside interpolation use the debug form for containers',
    code: 'print(`${1.0/3.0} ${[1.5, 2.0]} ${#{x: 0.1+0.2}} ${()} ${\'c\'}`)',
    out: '0.3333333333333333 [1.5, 2.0] #{"x": 0.30000000000000004}  c',
  },
  {
    name: 'compound multiply overflow',
    code: 'let x = 1 << 62; x *= 4; print(x)',
    err: 'Multiplication overflow: 4611686018427387904 * 4',
  },
  {
    name: 'compound add overflow',
    code: 'let x = 9223372036854775807; x += 1',
    err: 'Addition overflow: 9223372036854775807 + 1',
  },
  {
    name: 'mixed compound assignments',
    code: 'let x = 10; x /= 4; print(x); x -= 0.5; print(x); let y = 2; y **= 10; print(y)',
    out: '2\n1.5\n1024',
  },
  {
    name: 'string has no * operator',
    code: 'let s = "a"; s *= 3;',
    err: 'Function not found: * (&str | ImmutableString | String, i64)',
  },
  {
    name: 'switch on string, char, unit, float, alternatives, ranges and guards',
    code: `switch "a" { "a" => print("A"), _ => print("other") }
switch 'c' { 'c' => print("ch"), _ => print("z") }
switch () { () => print("unit"), _ => print("x") }
switch 1.5 { 1.5 => print("f"), _ => print("n") }
let x = 3;
print(switch x { 1 | 2 => "low", 3..5 => "mid", _ => "hi" });
print(switch "b" { "a" => 1, "b" if false => 2, "b" => 3 });
print(switch 9 { 1 => 1 });`,
    out: 'A\nch\nunit\nf\nmid\n3\n',
  },
  {
    name: 'for with index over string chars and map keys',
    code: 'for (c, i) in "abc" { print(`${i}:${c}`) } let m = #{b: 1, a: 2}; for (k, i) in m.keys() { print(`${i}:${k}`) }',
    out: '0:a\n1:b\n2:c\n0:a\n1:b',
  },
  {
    name: 'for over a map is an error',
    code: 'let x = #{a: 1}; for v in x { print(v) }',
    err: 'For loop expects iterable type',
  },
  {
    name: 'do-until, do-while with continue',
    code: 'let x = 0; do { x += 1 } until x >= 3; print(x); let i = 0; do { i += 1; if i == 2 { continue } print(i) } while i < 4',
    out: '3\n1\n3\n4',
  },
  {
    name: 'break values from nested loops',
    code: 'let r = loop { let y = loop { break 5; }; break y * 2; }; print(r); let w = while true { break; }; print(type_of(w))',
    out: '10\n()',
  },
  {
    name: 'break and continue in nested for loops',
    code: 'let out = []; for i in 0..3 { for j in 0..3 { if j == 2 { break } if i == 1 { continue } out.push(`${i}${j}`) } } print(out)',
    out: '["00", "01", "20", "21"]',
  },
  {
    name: 'rethrow from catch',
    code: 'try { try { throw "inner" } catch (e) { throw e + "!" } } catch (e) { print(e) }',
    out: 'inner!',
  },
  {
    name: 'error maps of caught runtime errors',
    code: `try { let x = [1][5]; } catch (e) { print(type_of(e)); print(e) }
try { 1/0 } catch (e) { print(e) }
try { let x = "a" - 1; } catch (e) { print(e.error); print(e.message) }
try { undefined_fn(1) } catch (e) { print(e.error); print(e.message); print(e.line) }`,
    out: [
      'map',
      '#{"error": "ErrorArrayBounds", "index": 5, "length": 1, "line": 1, "message": "Array index 5 out of bounds: only 1 element in array", "position": 19}',
      '#{"error": "ErrorArithmetic", "message": "Division by zero: 1 / 0"}',
      'ErrorFunctionNotFound',
      'Function not found: - (&str | ImmutableString | String, i64)',
      'ErrorFunctionNotFound',
      'Function not found: undefined_fn (i64)',
      '4',
    ].join('\n'),
  },
  {
    name: 'thrown values, bare throw and catch without variable',
    code: 'try { throw #{code: 42} } catch (e) { print(e.code) } try { throw } catch (e) { print(type_of(e)) } try { throw 5 } catch { print("caught") } let e = 1; try { throw 2 } catch (e) { print(e) } print(e)',
    out: '42\n()\ncaught\n2\n1',
  },
  {
    name: 'nested mutation through indexes and properties',
    code: `let m = #{a: [1, #{b: 2}]}; m.a[1].b += 1; m.a[0] *= 10; print(m);
let a = [#{n: [1, 2]}, #{n: [3]}]; a[0].n.push(9); a[1].n[0] -= 1; a[0].n[-1] *= 2; print(a); print(a[0].n.len);`,
    out: '#{"a": [10, #{"b": 3}]}\n[#{"n": [1, 2, 18]}, #{"n": [2]}]\n3',
  },
  {
    name: 'closures capturing loop variables share the final value',
    code: 'let fs = []; for i in 0..3 { fs.push(|| i * 10) } for f in fs { print(f.call()) } let gs = []; for i in 0..3 { let j = i; gs.push(|| j) } print(gs.map(|g| g.call()))',
    out: '20\n20\n20\n[0, 1, 2]',
  },
  {
    name: 'closure shared updates both ways',
    code: 'let counter = 0; let add = |n| { counter += n; counter }; print(add.call(2)); print(add.call(3)); print(counter); counter = 100; print(add.call(1))',
    out: '2\n5\n5\n101',
  },
  {
    name: 'recursion over arrays and maps',
    code: `fn sum(a) { if a.len() == 0 { 0 } else { a[0] + sum(a.extract(1)) } }
fn depth(x) { if type_of(x) == "array" { let m = 0; for e in x { let d = depth(e); if d > m { m = d } } m + 1 } else { 0 } }
fn keys_sum(m) { let s = 0; for k in m.keys() { s += m[k] } s }
print(sum([1, 2, 3, 4])); print(depth([1, [2, [3]], []])); print(keys_sum(#{a: 1, b: 2, c: 3}));`,
    out: '10\n3\n6',
  },
  {
    name: 'to_string and to_debug on every type',
    code: `print(to_string(1)); print(1.5.to_string()); print(true.to_string()); print(().to_string()); print('x'.to_string());
print([1, "a"].to_string()); print(#{a: "s"}.to_string()); print(Fn("f").to_string());
print(to_debug("a")); print(to_debug('c')); print(to_debug(1.0)); print(to_debug([1, "a"])); print(to_debug(()));`,
    out: '1\n1.5\ntrue\n\nx\n[1, "a"]\n#{"a": "s"}\nFn(f)\n"a"\nc\n1.0\n[1, "a"]\n()',
  },
  {
    name: 'print of nested empty containers and unit',
    code: 'print([]); print(#{}); print([[]]); print(#{a: [], b: #{}}); print([()]); print(())',
    out: '[]\n#{}\n[[]]\n#{"a": [], "b": #{}}\n[()]\n',
  },
  {
    name: 'type_of everything',
    code: `for v in [1, 1.0, "s", 'c', (), [], #{}, Fn("x"), || 1, 1..2, 1..=2, true, blob(2)] { print(type_of(v)) }`,
    out: 'i64\nf64\nstring\nchar\n()\narray\nmap\nFn\nFn\nrange\nrange=\nbool\nblob',
  },
  { name: 'parse_int trailing garbage', code: 'print(parse_int("12a"))', err: "Error parsing integer number '12a': invalid digit found in string" },
  { name: 'parse_int empty', code: 'print(parse_int(""))', err: "Error parsing integer number '': cannot parse integer from empty string" },
  { name: 'parse_int radix and trim', code: 'print(parse_int("ff", 16)); print(parse_int(" 12")); print(parse_float("1e3"))', out: '255\n12\n1000.0' },
  { name: 'parse_float bad', code: 'print(parse_float("abc"))', err: "Error parsing floating-point number 'abc': invalid float literal" },
  {
    name: 'string comparisons',
    code: `print("a" < "b"); print("abc" < "abd"); print("B" < "a"); print("a" == 'a'); print("ab" > "a"); print("" < "a"); print("a" != "a"); print("1" == 1); print(1 == 1.0)`,
    out: 'true\ntrue\ntrue\ntrue\ntrue\ntrue\nfalse\nfalse\ntrue',
  },
  {
    name: 'in with maps, strings, ranges and arrays',
    code: `let m = #{a: 1}; print(m.contains("a")); print("a" in m); print("ell" in "hello"); print('e' in "hello"); print(3 in 1..5); print(5 in 1..5); print(5 in 1..=5);
let a = [1, "2", 3.0, '4']; print(a.contains("2")); print(3.0 in a); print('4' in a); print(a.index_of(3.0));`,
    out: 'true\ntrue\ntrue\ntrue\ntrue\nfalse\ntrue\ntrue\ntrue\ntrue\n2',
  },
  {
    name: '?? chains short-circuit and ?. on maps',
    code: `let n = 0; let calls = || { n += 1; 5 }; print(1 ?? calls.call()); print(n); print(() ?? calls.call()); print(n); print(() ?? () ?? 3);
let m = #{a: #{b: 1}}; print(m?.a?.b); print(m.x?.y); let u = (); print(u?.a ?? "d");`,
    out: '1\n0\n5\n1\n3\n1\n\nd',
  },
  { name: 'Fn pointer call with wrong arity', code: 'fn f(a, b) { a + b } let p = Fn("f"); print(p.call(1))', err: 'Function not found: f (i64)' },
  {
    name: 'curry chains and is_def_fn arities',
    code: `fn f(a, b, c) { a + b * c } let p = Fn("f").curry(1).curry(2); print(p.call(3)); print(p.curry(3).call());
fn g(a) { a } fn g(a, b) { a } print(is_def_fn("g", 1)); print(is_def_fn("g", 2)); print(is_def_fn("g", 0)); print(is_def_fn("h", 0));`,
    out: '7\n7\ntrue\ntrue\nfalse\nfalse',
  },
  {
    name: 'this in map methods',
    code: 'let m = #{v: 1, inc: || this.v += 1}; m.inc(); m.inc(); print(m.v); fn get() { this.v * 2 } print(m.get())',
    out: '3\n6',
  },
  {
    name: 'string indexing with negative indices and assignment',
    code: `let s = "hello"; print(s[-1]); print(s[-5]); s[0] = 'J'; s[-1] = 'y'; print(s); s += '!'; print(s)`,
    out: 'o\nh\nJelly\nJelly!',
  },
  { name: 'string index too negative', code: 'let s = "hello"; print(s[-6])', err: 'String index -6 out of bounds: only 5 characters in string' },
  { name: 'string index past end', code: 'let s = "hello"; print(s[5])', err: 'String index 5 out of bounds: only 5 characters in string' },
  { name: 'array index too negative', code: 'let a = [1, 2, 3]; print(a[-1]); print(a[-4])', err: 'Array index -4 out of bounds: only 3 elements in array' },
  {
    name: 'sub_string edges',
    code: 'let s = "hello"; print(s.sub_string(1)); print(s.sub_string(-2)); print(s.sub_string(1, 100)); print(s.sub_string(10, 2)); print(s.sub_string(-10, 3)); print(s.sub_string(2, -1)); print(s.sub_string(1..3)); print(s.sub_string(1..=3))',
    out: 'ello\nlo\nello\n\nhel\n\nel\nell',
  },
  {
    name: 'split with limits, empty delimiter, whitespace and index',
    code: 'print("a,b,c,d".split(",", 2)); print("a,b,c".split(",", 0)); print("a,b".split(",", 10)); print("abc".split("")); print("a b  c".split()); print("abc".split(1)); print("abc".split(-1)); print("aXbXc".split(\'X\'))',
    out: '["a", "b,c,d"]\n["a,b,c"]\n["a", "b"]\n["", "a", "b", "c", ""]\n["a", "b", "c"]\n["a", "bc"]\n["ab", "c"]\n["a", "b", "c"]',
  },
  {
    name: 'pad, truncate and crop on strings',
    code: 'let s = "abc"; s.pad(5, "xy"); print(s); s.pad(2, "z"); print(s); let t = "hello"; t.truncate(2); print(t); t.truncate(10); print(t); let c = "hello"; c.crop(1, 3); print(c); let d = "hello"; d.crop(-2); print(d); let e = "hello"; e.crop(2); print(e)',
    out: 'abcxy\nabcxy\nhe\nhe\nell\nlo\nllo',
  },
  {
    name: 'mutating string methods return unit',
    code: 'print("a-b-c".replace("-", "")); let s = " Hi "; s.trim(); print(`[${s}]`); print(type_of(s.trim()))',
    out: '\n[Hi]\n()',
  },
  {
    name: 'extract and splice edges',
    code: `let a = [1, 2, 3, 4, 5]; print(a.extract(1, 2)); print(a.extract(-2)); print(a.extract(10)); print(a.extract(1..3)); print(a.extract(-10, 2)); print(a.extract(2, 0));
a.splice(1, 2, [9, 9, 9]); print(a); a.splice(-1, 1, []); print(a); a.splice(10, 1, [7]); print(a); a.splice(1..2, [0]); print(a);`,
    out: '[2, 3]\n[4, 5]\n[]\n[2, 3]\n[1, 2]\n[]\n[1, 9, 9, 9, 4, 5]\n[1, 9, 9, 9, 4]\n[1, 9, 9, 9, 4, 7]\n[1, 0, 9, 9, 4, 7]',
  },
  {
    name: 'chop, dedup, retain, drain',
    code: 'let a = [1, 2, 3, 4, 5]; a.chop(2); print(a); a.chop(10); print(a); let b = [1, 1, 2, 2, 1]; b.dedup(); print(b); let c = [1, 2, 3, 4]; c.retain(|x| x % 2 == 0); print(c); let d = [1, 2, 3, 4, 5]; print(d.drain(1..3)); print(d); let e = [1, 2, 3, 4, 5]; print(e.drain(-2, 5)); print(e)',
    out: '[4, 5]\n[4, 5]\n[1, 2, 1]\n[2, 4]\n[2, 3]\n[1, 4, 5]\n[4, 5]\n[1, 2, 3]',
  },
  {
    name: 'reduce on empty arrays and with initial value',
    code: 'print([].reduce(|s, x| s + x)); print([].reduce(|s, x| s + x, 0)); print([1, 2, 3].reduce(|s, x| s + x, 10))',
    out: '\n0\n16',
  },
  { name: 'reduce without initial starts from unit', code: 'print([1, 2].reduce(|s, x| s + x))', err: 'Function not found: + ((), i64)' },
  {
    name: 'sorting strings and with int comparators',
    code: 'let a = ["b", "a", "C"]; a.sort(); print(a); let n = [5, 3, 8]; n.sort(|x, y| y - x); print(n); n.sort(|x, y| if x < y { -1 } else { 1 }); print(n)',
    out: '["C", "a", "b"]\n[8, 5, 3]\n[3, 5, 8]',
  },
  {
    name: 'integer division and modulo signs, power associativity',
    code: 'print(-7/2); print(-7 % 2); print(7 % -2); print(2**3**2); print(-7.5 % 2.0); print(10 / 3.0); print(2 ** 0.5)',
    out: '-3\n-1\n1\n512\n-1.5\n3.3333333333333335\n1.4142135623730951',
  },
  {
    name: 'string methods chained with interpolation',
    code: 'let s = "a,b,,c"; print(s.split(",")); print(s.split(",").filter(|x| x != "").map(|x| x.to_upper())); let w = "Hello World"; print(`${w.to_upper()}|${w.len()}|${w.index_of("o")}|${w.index_of(\'z\')}|${w.sub_string(6).to_lower()}`)',
    out: '["a", "b", "", "c"]\n["A", "B", "C"]\nHELLO WORLD|11|4|-1|world',
  },
  {
    name: 'value semantics on assignment',
    code: 'let s = "ab"; let t = s; t += "c"; print(s); print(t); let a = [1]; let b = a; b.push(2); print(a); print(b); print([1, 2] + [3]); print(#{a: 1} + #{b: 2})',
    out: 'ab\nabc\n[1]\n[1, 2]\n[1, 2, 3]\n#{"a": 1, "b": 2}',
  },
  {
    name: 'ranges with steps',
    code: 'for i in range(0, 10, 3) { print(i) } for i in range(5, 0, -2) { print(i) } for i in 5..1 { print("never") } print("ok")',
    out: '0\n3\n6\n9\n5\n3\n1\nok',
  },
  { name: 'map index with a non-string', code: 'let m = #{}; m[1] = 2', err: 'Data type incorrect: i64 (expecting string)' },
  { name: 'array index with a string', code: 'let a = [1]; a["x"] = 1', err: 'Data type incorrect: string (expecting i64)' },
  {
    name: 'array higher-order functions with index parameters',
    code: 'let a = [1, 2, 3]; print(a.map(|x, i| x * i)); print(a.filter(|x, i| i > 0)); print(a.find(|x| x > 1)); print(a.find(|x| x > 5)); print(a.find_map(|x| if x > 1 { x * 10 })); print(a.all(|x| x > 0)); print(a.some(|x| x > 2)); print(a.zip([4, 5], |x, y| x + y))',
    out: '[0, 2, 6]\n[2, 3]\n2\n\n20\ntrue\ntrue\n[5, 7]',
  },
  {
    name: 'pop, shift, remove and insert edges',
    code: 'let a = [1, 2, 3]; print(a.pop()); print(a.shift()); print(a); print(a.remove(5)); print([].pop()); a.insert(10, 9); a.insert(-1, 7); a.insert(-10, 0); print(a)',
    out: '3\n1\n[2]\n\n\n[0, 2, 7, 9]',
  },
  {
    name: 'reverse, get and set out of range',
    code: 'let a = [3, 1, 2]; a.reverse(); print(a); print(a.get(10)); print(a.get(-1)); a.set(5, 1); print(a); let b = a.sort(); print(type_of(b)); print(a)',
    out: '[2, 1, 3]\n\n3\n[2, 1, 3]\n()\n[1, 2, 3]',
  },
  {
    name: 'map keys, values, mixin, fill_with and index updates',
    code: 'let m = #{b: 2, a: 1, c: 3}; print(m.keys()); print(m.values()); m.mixin(#{d: 4}); print(m); m.fill_with(#{a: 9, e: 5}); print(m); for k in m.keys() { m[k] += 10 } print(m.values().reduce(|s, v| s + v, 0))',
    out: '["a", "b", "c"]\n[1, 2, 3]\n#{"a": 1, "b": 2, "c": 3, "d": 4}\n#{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}\n65',
  },
  {
    name: 'range properties and number bases',
    code: 'print((1..5).contains(3)); print((1..=5).end); print((1..5).start); print((1..5).is_inclusive); print((3..3).is_empty()); print(to_hex(255)); print(to_octal(8)); print(to_binary(5)); print(1..5); print(1..=5)',
    out: 'true\n5\n1\nfalse\ntrue\nff\n10\n101\n1..5\n1..=5',
  },
  {
    name: 'to_json and parse_json',
    code: 'let m = #{a: 1, b: [1, 2.5, "x"], c: #{d: true}, e: ()}; print(m.to_json()); print(parse_json("{\\"a\\": [1, 2.5, null, true]}"))',
    out: '{"a":1,"b":[1, 2.5, "x"],"c":{"d":true},"e":null}\n#{"a": [1, 2.5, (), true]}',
  },
  {
    name: 'unicode strings count chars',
    code: 'let s = "héllo wörld"; print(s.len()); print(s.bytes); print(s.index_of("w")); print(s.sub_string(1, 4)); print(s.to_upper()); print(s[1])',
    out: '11\n13\n6\néllo\nHÉLLO WÖRLD\né',
  },
  {
    name: 'pad with char, array pad and truncate, make_upper/make_lower',
    code: "let s = \"ab\"; s.pad(5, '*'); print(s); let a = [1]; a.pad(3, 0); print(a); let b = [1, 2, 3]; b.truncate(1); print(b); let t = \"Hello\"; t.make_upper(); print(t); t.make_lower(); print(t)",
    out: 'ab***\n[1, 0, 0]\n[1]\nHELLO\nhello',
  },
  {
    name: 'nested interpolation',
    code: 'let n = 3; print(`${`inner ${n}`}!`); print(`$${n}`); print(`${1}${2}` + `${"a"}`); print(`s=${if n > 2 { "big" } else { "small" }}`)',
    out: 'inner 3!\n$3\n12a\ns=big',
  },
  {
    name: 'script methods mutate this; closures from factories',
    code: `fn add(x) { this.push(x) } let a = [1]; a.add(2); a.add(3); print(a); fn inc() { this += 1 } let n = 5; n.inc(); print(n);
fn make(k) { |x| x + k } let add5 = make(5); print(add5.call(1)); print([1, 2].map(make(10)));
fn apply(f, x) { f.call(x) } print(apply(|v| v * 3, 4)); print(apply(Fn("to_string"), 5));
let arr = [1, 2, 3]; arr.for_each(|x| this *= 2); print(arr);`,
    out: '[1, 2, 3]\n6\n6\n[11, 12]\n12\n5\n[2, 4, 6]',
  },
  { name: 'script function wrong arity', code: 'fn f(a, b) { a } print(f(1))', err: 'Function not found: f (i64)' },
  { name: 'functions do not see globals', code: 'let g = 10; fn f() { g } print(f())', err: 'Variable not found: g' },
  { name: 'overflow inside recursion', code: 'fn fact(n) { if n <= 1 { 1 } else { n * fact(n - 1) } } print(fact(20)); print(fact(21))', err: 'Multiplication overflow: 21 * 2432902008176640000' },
  { name: 'unbounded recursion', code: 'fn r(n) { r(n + 1) } r(0)', err: 'Stack overflow' },
  {
    name: 'scoping, forward references, return unit, loop copies',
    code: `let x = 1; { let x = 2; print(x) } print(x); for i in 0..2 { let x = i * 10; print(x) } print(x);
fn later() { helper() + 1 } fn helper() { 41 } print(later());
fn f() { return; } print(type_of(f())); fn g(v) { if v { return 1 } 2 } print(g(true)); print(g(false));
let a = [1, 2, 3]; for e in a { e *= 2 } print(a);`,
    out: '2\n1\n0\n10\n1\n42\n()\n1\n2\n[1, 2, 3]',
  },
  {
    name: 'small programs: word count, grid, comparator sort, while break value, switch block arm',
    code: `let words = "the cat the dog the end".split(" "); let freq = #{}; for w in words { freq[w] = (freq[w] ?? 0) + 1 } print(freq);
let g = []; for r in 0..2 { let row = []; for c in 0..3 { row.push(r * 3 + c) } g.push(row) } g[1][2] = 99; print(g); print(g[1][-1]);
let p = [[2, "b"], [1, "a"]]; p.sort(|x, y| x[0] - y[0]); print(p);
let x = 12; let y = while x > 0 { x -= 1; if x == 5 { break x * 100 } }; print(y);
print(switch 10 % 3 { 0 => "zero", 1 => { let t = "one"; t + "!" }, _ => "two" });`,
    out: '#{"cat": 1, "dog": 1, "end": 1, "the": 3}\n[[0, 1, 2], [3, 4, 99]]\n99\n[[1, "a"], [2, "b"]]\n500\none!',
  },
];

describe('generality: unseen-style programs', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const { out, error } = run(c.code);
      if (c.err !== undefined) {
        expect(error).not.toBeNull();
        expect(error!.bareMessage).toBe(c.err);
      } else {
        expect(error?.fullMessage ?? null).toBeNull();
        expect(out).toBe(c.out);
      }
    });
  }
});
