"""Batch oracle for the parser tests: reads a JSON list of jobs on stdin, answers a JSON list.

Each job is {"op": "ast"|"error"|"stderr", "src": "..."}:
  ast     CPython's AST in refscope's shape (tools/pyast.py), or {"error": ...} if it does not parse
  error   the SyntaxError's attributes from compile(), or null
  parse   the same from ast.parse (the parser alone, without the compiler's own errors)
  stderr  what `python3 FILE.py` prints for the source saved as FILE.py (run in a temp dir)
"""
import json, os, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'tools'))
import ast
import pyast


def error(src, parse_only=False):
    try:
        if parse_only:
            ast.parse(src, 'f.py')
        else:
            compile(src, 'f.py', 'exec')
        return None
    except SyntaxError as e:
        return {'type': type(e).__name__, 'msg': e.msg, 'lineno': e.lineno, 'offset': e.offset,
                'end_lineno': e.end_lineno, 'end_offset': e.end_offset, 'text': e.text}


def finite(v):
    """JSON has no inf/nan: spell them as repr strings (pyast.py does so for floats, not complex)."""
    if isinstance(v, float) and (v != v or v in (float('inf'), float('-inf'))):
        return repr(v)
    if isinstance(v, list):
        return [finite(x) for x in v]
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    return v


def run(job, tmp):
    src = job['src']
    if job['op'] == 'ast':
        try:
            # Lines as the tokenizer counts them (str.splitlines would also split at \f, \x1c, ...).
            lines = src.replace('\r\n', '\n').replace('\r', '\n').split('\n')
            return finite(pyast.convert(ast.parse(src), lines))
        except SyntaxError as e:
            return {'error': e.msg}
    if job['op'] == 'error':
        return error(src)
    if job['op'] == 'parse':
        return error(src, True)
    path = os.path.join(tmp, 'prog.py')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(src)
    env = {k: v for k, v in os.environ.items() if not k.startswith('PYTHON')}
    r = subprocess.run([sys.executable, '-W', 'ignore', 'prog.py'], cwd=tmp, capture_output=True, text=True, env=env,
                       stdin=subprocess.DEVNULL)
    # The file is run by absolute path in a temporary folder; report it by its bare name.
    return r.stderr.replace(path, 'prog.py')


with tempfile.TemporaryDirectory() as tmp:
    jobs = json.load(sys.stdin)
    json.dump([run(j, tmp) for j in jobs], sys.stdout)
