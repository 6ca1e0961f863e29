// Proves the project rules of .spectral.yaml bite: lints every fixture under fixtures/ and checks that the errors it
// gets are exactly those its info.x-expected-errors names ({} for good.yaml, which must pass cleanly).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const dir = path.join(__dirname, 'fixtures');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f));
let output;
try {
  output = execFileSync(path.join(__dirname, 'node_modules', '.bin', 'spectral'),
    ['lint', ...files, '--ruleset', path.join(root, '.spectral.yaml'), '--format', 'json', '--quiet'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
} catch (e) {
  output = e.stdout; // spectral exits 1 when it finds errors, as the bad fixtures must
}
const results = JSON.parse(output || '[]');
const failures = [];
for (const file of files) {
  const expected = /x-expected-errors:\s*(\{[^}]*\})/.exec(fs.readFileSync(file, 'utf8'));
  if (!expected) {
    failures.push(`${path.basename(file)}: no info.x-expected-errors`);
    continue;
  }
  const want = Object.fromEntries(expected[1].replace(/[{}\s]/g, '').split(',').filter(Boolean)
    .map((pair) => pair.split(':')).map(([rule, n]) => [rule, Number(n)]));
  const got = {};
  for (const r of results.filter((r) => r.severity === 0 && path.resolve(r.source) === file)) {
    got[r.code] = (got[r.code] || 0) + 1;
  }
  for (const rule of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if ((want[rule] || 0) !== (got[rule] || 0)) {
      failures.push(`${path.basename(file)}: ${rule} expected ${want[rule] || 0} error(s), got ${got[rule] || 0}`);
    }
  }
}
if (failures.length > 0) {
  console.error('spectral self-test failed: the project rules no longer catch what they should');
  failures.forEach((f) => console.error('  ' + f));
  process.exit(1);
}
console.log(`spectral self-test: ${files.length} fixtures, every project rule fails where it should and passes where it should`);
