import { expect, it } from 'vitest';
import { GroupCommit } from '../src/group-commit';
import { parseState, stringifyState } from '../src/store/json';

it('writes once at a time and shares the next write among callers', async () => {
  let unwritten = 0;
  const writes: number[] = [];
  let release: () => void = () => {};
  const gc = new GroupCommit(
    () => {
      writes.push(unwritten);
      unwritten = 0;
      return new Promise<void>((r) => (release = r));
    },
    () => unwritten > 0,
  );
  unwritten = 1;
  const first = gc.commit();
  unwritten = 3;
  const second = gc.commit();
  const third = gc.commit();
  expect(second).toBe(third);
  expect(writes).toEqual([1]);
  release();
  await first;
  await new Promise((r) => setTimeout(r, 0));
  expect(writes).toEqual([1, 3]);
  release();
  await second;
  await gc.commit(); // nothing left: resolves at once
  expect(writes).toEqual([1, 3]);
});

it('round-trips payload bytes in stored run state', () => {
  const state = { a: { data: Buffer.from([0, 1, 255]) }, n: 1 };
  const back = parseState<typeof state>(stringifyState(state));
  expect(Buffer.isBuffer(back.a.data)).toBe(true);
  expect([...back.a.data]).toEqual([0, 1, 255]);
});
