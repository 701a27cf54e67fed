// The in-process git reader against real repositories built with the git CLI:
// loose objects, packs with OFS/REF deltas and 64-bit offsets, packed-refs,
// detached HEAD, new files, subdirectories, worktrees, sha256 and corruption.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { committedText, headVersion } from '../../server/src/git/committed';
import { readObject } from '../../server/src/git/objects';
import { applyDelta } from '../../server/src/git/pack';
import { findRepository, resolveHead } from '../../server/src/git/repo';
import { commit, git, gitBytes, newRepo, write } from '../support/gitFixture';
import { underCI } from '../support/shared';

/** A manifest of ~120 lines; each version changes the image and a few annotations, so packs store deltas. */
function manifest(version: number): string {
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  annotations:'];
  for (let i = 0; i < 100; i++) lines.push(`    note-${i}: "${i % 17 === version % 17 ? `changed in v${version}` : `stable line ${i}`}"`);
  lines.push('spec:', '  template:', '    spec:', '      containers:', '      - name: web', `        image: nginx:1.${version}`);
  return lines.join('\n') + '\n';
}

test('loose objects: the committed bytes at HEAD, not the working copy', () => {
  const root = newRepo();
  const head = commit(root, { 'app.yaml': manifest(1) });
  const path = write(root, 'app.yaml', manifest(2));
  assert.equal(readdirSync(join(root, '.git/objects/pack')).length, 0, 'objects are loose');
  const v = committedText(path);
  assert.deepEqual(v, { text: manifest(1), commit: head });
  assert.notEqual(v!.text, readFileSync(path, 'utf8'));
  assert.equal(v!.text, git(root, 'show', 'HEAD:app.yaml'));
});

test('packed objects with delta chains (OFS and REF deltas, 64-bit offsets) and packed-refs', () => {
  const root = newRepo();
  const commits: string[] = [];
  for (let v = 1; v <= 12; v++) commits.push(commit(root, { 'app.yaml': manifest(v), [`other-${v % 3}.yaml`]: manifest(v * 7) }, `v${v}`));
  const path = write(root, 'app.yaml', 'kind: Edited\n');
  git(root, 'gc', '-q', '--aggressive', '--prune=now');
  assert.ok(existsSync(join(root, '.git/packed-refs')) && !existsSync(join(root, '.git/refs/heads/main')), 'the branch is only in packed-refs');
  const packDir = join(root, '.git/objects/pack');
  const currentPack = () => join(packDir, readdirSync(packDir).find((f) => f.endsWith('.pack'))!);
  /** The pack's entry types (6 = OFS_DELTA, 7 = REF_DELTA), from the offsets git lists. */
  const entryTypes = () => {
    const bytes = readFileSync(currentPack());
    const offsets = git(root, 'show-index', { input: readFileSync(currentPack().replace(/\.pack$/, '.idx')) })
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(l.split(' ')[0]));
    return new Set(offsets.map((o) => (bytes[o] >> 4) & 7));
  };
  const objects = () =>
    git(root, 'verify-pack', '-v', currentPack().replace(/\.pack$/, '.idx'))
      .split('\n')
      .map((l) => l.split(/\s+/))
      .filter((f) => /^[0-9a-f]{40}$/.test(f[0]));
  const deltified = objects().filter((f) => f.length >= 7);
  assert.ok(deltified.length >= 10, `gc stored deltas: ${deltified.length}`);
  assert.ok(deltified.some((f) => Number(f[5]) >= 2), 'some chains are deeper than one');

  const checkAll = (label: string) => {
    const repo = findRepository(path)!;
    assert.equal(resolveHead(repo), commits[commits.length - 1], `${label}: HEAD from packed-refs`);
    for (const f of objects()) {
      const obj = readObject(repo, f[0]);
      assert.ok(obj, `${label}: object ${f[0]} (${f[1]}) is readable`);
      assert.equal(obj.type, f[1]);
      assert.ok(obj.data.equals(gitBytes(root, 'cat-file', f[1], f[0])), `${label}: object ${f[0]} has git's bytes`);
    }
    // Every version of the file, as deltas against each other.
    commits.forEach((c, i) => {
      const blob = readObject(repo, git(root, 'rev-parse', `${c}:app.yaml`).trim());
      assert.equal(blob?.data.toString('utf8'), manifest(i + 1), `${label}: v${i + 1}`);
    });
    assert.deepEqual(committedText(path), { text: manifest(12), commit: commits[11] });
  };
  assert.ok(entryTypes().has(6) && !entryTypes().has(7), 'gc wrote OFS_DELTA entries');
  checkAll('ofs-delta');

  // REF_DELTA entries (base named by object name) instead of offsets.
  git(root, '-c', 'repack.useDeltaBaseOffset=false', 'repack', '-q', '-a', '-d', '-f');
  assert.ok(entryTypes().has(7) && !entryTypes().has(6), 'the repack wrote REF_DELTA entries');
  checkAll('ref-delta');

  // 64-bit offset entries: re-index the pack forcing 64-bit entries for every object after the first.
  const refPack = currentPack();
  const idx = refPack.replace(/\.pack$/, '.idx');
  rmSync(idx);
  for (const f of readdirSync(packDir)) if (f.endsWith('.rev')) rmSync(join(packDir, f));
  git(root, 'index-pack', '--index-version=2,12', '-o', idx, refPack);
  const idxBytes = readFileSync(idx);
  const count = idxBytes.readUInt32BE(8 + 255 * 4);
  const offsets = Array.from({ length: count }, (_, i) => idxBytes.readUInt32BE(8 + 1024 + count * 24 + i * 4));
  assert.ok(offsets.filter((o) => o & 0x80000000).length === count - 1, 'the index uses the 64-bit offset table');
  checkAll('large-offsets');
});

test('detached HEAD, a file new since HEAD, a subdirectory', () => {
  const root = newRepo();
  const first = commit(root, { 'deploy/prod/app.yaml': manifest(1) });
  const second = commit(root, { 'deploy/prod/app.yaml': manifest(2) });
  const nested = join(root, 'deploy/prod/app.yaml');
  assert.deepEqual(committedText(nested), { text: manifest(2), commit: second });

  git(root, 'checkout', '-q', '--detach', first);
  assert.deepEqual(headVersion(nested), { kind: 'committed', text: manifest(1), commit: first });

  const fresh = write(root, 'deploy/prod/new.yaml', manifest(3));
  assert.deepEqual(headVersion(fresh), { kind: 'untracked', commit: first });
  assert.deepEqual(headVersion(join(root, 'deploy/staging/app.yaml')), { kind: 'untracked', commit: first }, 'a directory not in HEAD');
  assert.deepEqual(headVersion(join(root, 'deploy/prod')), { kind: 'untracked', commit: first }, 'a tree is not a file');
  assert.equal(committedText(fresh), undefined);
});

test('a linked worktree reads its own HEAD from the shared object store', () => {
  const root = newRepo();
  commit(root, { 'app.yaml': manifest(1) });
  const wt = join(root, '..', `${root.split('/').pop()}-wt`);
  git(root, 'worktree', 'add', '-q', '-b', 'feature', wt);
  try {
    const featureHead = commit(wt, { 'app.yaml': manifest(5) });
    write(wt, 'app.yaml', manifest(6));
    const repo = findRepository(join(wt, 'app.yaml'))!;
    assert.notEqual(repo.gitDir, repo.commonDir, 'the worktree has its own git directory');
    assert.deepEqual(committedText(join(wt, 'app.yaml')), { text: manifest(5), commit: featureHead });
    assert.equal(committedText(join(root, 'app.yaml'))?.text, manifest(1), 'the main work tree is still on main');
  } finally {
    rmSync(wt, { recursive: true, force: true });
  }
});

test('no repository, an unborn branch, sha256 and corrupt objects give undefined, never an exception', (t) => {
  const root = newRepo();
  const path = write(root, 'app.yaml', manifest(1));
  assert.equal(headVersion(path), undefined, 'no commit yet');
  assert.equal(headVersion('/definitely/not/a/repo/app.yaml'), undefined);

  const head = commit(root, { 'app.yaml': manifest(1) });
  // Corrupt the blob's loose object: the reader gives up instead of throwing.
  const blob = git(root, 'rev-parse', 'HEAD:app.yaml').trim();
  const objPath = join(root, '.git/objects', blob.slice(0, 2), blob.slice(2));
  const good = readFileSync(objPath);
  rmSync(objPath, { force: true });
  writeFileSync(objPath, good.subarray(0, good.length >> 1));
  assert.equal(headVersion(path), undefined);
  writeFileSync(join(root, '.git/HEAD'), 'ref: refs/heads/../../../etc/passwd\n');
  assert.equal(resolveHead(findRepository(path)!), undefined, 'ref names cannot escape the git directory');
  writeFileSync(join(root, '.git/HEAD'), `${head}\n`);
  assert.equal(resolveHead(findRepository(path)!), head);

  let sha256: string | undefined;
  try {
    sha256 = newRepo('drydock-git256-', '--object-format=sha256');
  } catch (e) {
    // git before 2.29 has no sha256 object format: the machine's git decides, except under CI.
    const message = e instanceof Error ? e.message : String(e);
    if (underCI() || !/object-format|object format/.test(message)) throw e;
    return t.skip(`this git cannot create sha256 repositories: ${message}`);
  }
  const p256 = write(sha256, 'app.yaml', manifest(1));
  commit(sha256, { 'app.yaml': manifest(1) });
  assert.equal(findRepository(p256) !== undefined, true);
  assert.equal(headVersion(p256), undefined, 'sha256 repositories are not read');
});

test('applyDelta: copy and insert instructions, and malformed deltas', () => {
  const base = Buffer.from('0123456789abcdef');
  // source size 16, target size 9: copy 4 bytes at offset 10 ("abcd"), insert "XYZ", copy 2 bytes at offset 0 ("01").
  const delta = Buffer.from([16, 9, 0x80 | 0x01 | 0x10, 10, 4, 3, ...Buffer.from('XYZ'), 0x80 | 0x10, 2]);
  assert.equal(applyDelta(base, delta)?.toString(), 'abcdXYZ01');
  assert.equal(applyDelta(Buffer.from('short'), delta), undefined, 'the base size must match');
  assert.equal(applyDelta(base, Buffer.from([16, 9, 0x80 | 0x01 | 0x10, 14, 4])), undefined, 'copy past the base');
  assert.equal(applyDelta(base, Buffer.from([16, 2, 0])), undefined, 'reserved instruction 0');
  assert.equal(applyDelta(base, Buffer.from([16, 5, 2, 0x41, 0x42])), undefined, 'fewer bytes than the target size');
  // A copy with size 0 means 0x10000 bytes.
  const big = Buffer.alloc(0x10000, 7);
  const whole = applyDelta(big, Buffer.from([0x80, 0x80, 0x04, 0x80, 0x80, 0x04, 0x80]));
  assert.ok(whole?.equals(big));
});
