#!/usr/bin/env python3
# Makes tests/compat/baseline-3b66cf6.json (see tests/compat.rs).
# Usage: make-baseline.py BASE_WORKTREE REPO SCRATCH
#   BASE_WORKTREE  a checkout of 3b66cf6 with isagen built (target/debug/isagen)
#   REPO           this repository (the baseline and frozen copies are written here)
#   SCRATCH        a folder for the temporary copies
import hashlib, json, os, shutil, subprocess, tempfile, sys
BASE, WT, SCRATCH = sys.argv[1], sys.argv[2], sys.argv[3]
BIN = BASE + '/target/debug/isagen'
TODAY = '2026-11-22'

def files_under(layer):
    out = []
    root = os.path.join(BASE, layer)
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for f in sorted(fn):
            full = os.path.join(dp, f)
            rel = os.path.relpath(full, root)
            out.append((os.path.join(layer, rel), rel))
    return out

units = []
def unit(name, layers, top_only=False):
    files = {}
    for layer in layers:
        for path, rel in files_under(layer):
            if top_only and os.sep in rel:
                continue
            files[rel] = path  # later layers replace earlier ones, as rule_fixtures does
    units.append((name, files))

unit('examples', ['examples'])
for e in sorted(os.listdir(BASE + '/examples')):
    unit('examples/' + e, ['examples/' + e])
for d in ['tests/fixtures/base', 'tests/fixtures/invalid', 'tests/fixtures/versions',
          'tests/fixtures/report/odd', 'tests/fixtures/report/rules']:
    unit(d, [d])
for r in sorted(os.listdir(BASE + '/tests/fixtures/rules')):
    unit('tests/fixtures/rules/' + r, ['tests/fixtures/base', 'tests/fixtures/rules/' + r], top_only=True)

def sha(p):
    return hashlib.sha256(open(p, 'rb').read()).hexdigest()

out_units = []
frozen = set()
for name, files in units:
    work = tempfile.mkdtemp(dir=SCRATCH)
    entries = []
    for rel, path in sorted(files.items()):
        dst = os.path.join(work, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy(os.path.join(BASE, path), dst)
        h = sha(os.path.join(BASE, path))
        entries.append({'from': path, 'to': rel, 'sha256': h})
        today = os.path.join(WT, path)
        if not os.path.exists(today) or sha(today) != h:
            frozen.add(path)
    args = [BIN, 'validate', '.', '--output-format', 'json', '--today', TODAY]
    config = None
    if 'isagen.toml' in files:
        args += ['--config', os.path.join(work, 'isagen.toml')]
        config = 'isagen.toml'
    else:
        args += ['--no-config']
    p = subprocess.run(args, cwd=work, capture_output=True)
    report = json.loads(p.stdout)
    findings = []
    for d in report['diagnostics']:
        loc = d.get('location') or {}
        findings.append({'code': d['code'], 'severity': d['severity'], 'file': (loc.get('file') or '').removeprefix('./'),
                         'line': loc.get('line'), 'column': loc.get('column')})
    findings.sort(key=lambda x: (x['file'], x['line'], x['column'], x['code'], x['severity']))
    out_units.append({'name': name, 'files': entries, 'config': config, 'exit': p.returncode, 'findings': findings})
    shutil.rmtree(work)

json.dump({'base_commit': '3b66cf6', 'today': TODAY,
           'note': 'Findings of isagen at 3b66cf6 on every example and fixture that existed then; see tests/compat.rs.',
           'units': out_units}, open(WT + '/tests/compat/baseline-3b66cf6.json', 'w'), indent=1)
for path in sorted(frozen):
    dst = os.path.join(WT, 'tests/compat/files-3b66cf6', path)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy(os.path.join(BASE, path), dst)
    print('frozen', path)
print(len(out_units), 'units', sum(len(u['findings']) for u in out_units), 'findings')
