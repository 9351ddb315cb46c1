import { compareCodePoints, dumpPythonJsonList } from './python-json.js';

// Expected texts printed by CPython's json.dumps(value, sort_keys=True).
describe('dumpPythonJsonList', () => {
  it.each([
    ['an empty list', [], '[]'],
    [
      'sorted keys and spaced separators',
      [{ relpath: 'a', md5: 'x' }],
      '[{"md5": "x", "relpath": "a"}]',
    ],
    [
      'two objects',
      [
        { md5: '1', relpath: 'a' },
        { md5: '2', relpath: 'b' },
      ],
      '[{"md5": "1", "relpath": "a"}, {"md5": "2", "relpath": "b"}]',
    ],
    [
      'escapes: quote, backslash, tab, DEL, non-ASCII and astral characters',
      [{ relpath: 'q"b\\s\t\u007fé😀' }],
      '[{"relpath": "q\\"b\\\\s\\t\\u007f\\u00e9\\ud83d\\ude00"}]',
    ],
  ])('writes %s as Python does', (_name, items, expected) => {
    expect(dumpPythonJsonList(items)).toBe(expected);
  });
});

describe('compareCodePoints', () => {
  it('orders astral characters after U+FFFF like Python, not by UTF-16 units like JS', () => {
    expect(['😀', '\uffff'].sort(compareCodePoints)).toEqual(['\uffff', '😀']);
    expect(['😀', '\uffff'].sort()).toEqual(['😀', '\uffff']);
  });
});
