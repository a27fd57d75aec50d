import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/random';
import { PersistentList } from './persistent-list';

/** A list of 0…count-1, grown one append at a time as the fold grows a timeline. */
function grown(count: number): PersistentList<number> {
  let list = PersistentList.of<number>();
  for (let item = 0; item < count; item += 1) list = list.append(item);
  return list;
}

const range = (count: number) => Array.from({ length: count }, (_, item) => item);

describe('PersistentList', () => {
  it('appends without changing the list it grew from, within a chunk and across chunk boundaries', () => {
    for (const count of [0, 1, 1023, 1024, 1025, 3000]) {
      const before = grown(count);
      const after = before.append(-1).append(-2);
      expect([...before], `${count}`).toEqual(range(count));
      expect(before.length).toBe(count);
      expect([...after], `${count}`).toEqual([...range(count), -1, -2]);
    }
  });

  it('lets an older version grow on its own: neither branch sees the items of the other', () => {
    for (const count of [5, 1024, 2047]) {
      const trunk = grown(count);
      const first = trunk.append(100).append(101);
      const second = trunk.append(200);
      const third = first.append(102);
      expect([...trunk]).toEqual(range(count));
      expect([...first]).toEqual([...range(count), 100, 101]);
      expect([...second]).toEqual([...range(count), 200]);
      expect([...third]).toEqual([...range(count), 100, 101, 102]);
      // The branch keeps growing on its own storage.
      expect([...second.append(201)]).toEqual([...range(count), 200, 201]);
      expect([...first]).toEqual([...range(count), 100, 101]);
    }
  });

  it('replaces an item in the new version only, and both versions keep growing apart', () => {
    const before = grown(2500);
    const after = before.with(10, -10).with(-1, -2499);
    expect(before.at(10)).toBe(10);
    expect(before.at(-1)).toBe(2499);
    expect(after.at(10)).toBe(-10);
    expect(after.at(2499)).toBe(-2499);
    expect(before.append(7).at(-2)).toBe(2499);
    expect([...after.append(8)].slice(-3)).toEqual([2498, -2499, 8]);
    expect(before.at(10)).toBe(10);
    expect(() => before.with(2500, 0)).toThrow(RangeError);
  });

  it('reads like a readonly array of the same items (100 seeded runs of appends, branches and replacements)', () => {
    const isSame = (items: readonly number[], model: readonly number[]) =>
      items.length === model.length && items.every((item, index) => item === model[index]);
    for (let seed = 1; seed <= 100; seed += 1) {
      const random = seededRandom(seed);
      const versions: { list: PersistentList<number>; model: number[] }[] = [{ list: PersistentList.of(), model: [] }];
      for (let step = 0; step < 40; step += 1) {
        // Mostly the newest version, sometimes an older one: the fold and a refold side by side.
        const from = versions[random() < 0.8 ? versions.length - 1 : Math.floor(random() * versions.length)]!;
        const roll = random();
        const model = [...from.model];
        if (roll < 0.1 && model.length > 0) {
          const index = Math.floor(random() * model.length);
          model[index] = -step;
          versions.push({ list: from.list.with(index, -step), model });
        } else {
          const burst = roll < 0.2 ? 700 : 1 + Math.floor(random() * 40);
          let { list } = from;
          for (let i = 0; i < burst; i += 1) {
            list = list.append(step * 1000 + i);
            model.push(step * 1000 + i);
          }
          versions.push({ list, model });
        }
      }
      for (const [version, { list, model }] of versions.entries()) {
        const where = `seed ${seed}, version ${version}`;
        expect(list.length, where).toBe(model.length);
        expect(isSame([...list], model), where).toBe(true);
        expect(isSame(list.slice(), model), where).toBe(true);
        const probe = Math.floor(random() * (model.length + 2)) - 1;
        expect(list.at(probe), where).toBe(model.at(probe));
        expect(list.at(-probe - 1), where).toBe(model.at(-probe - 1));
        expect(isSame(list.slice(probe, probe + 1030), model.slice(probe, probe + 1030)), where).toBe(true);
        expect(isSame(list.slice(-probe - 3), model.slice(-probe - 3)), where).toBe(true);
      }
    }
  });

  it('offers the reading methods the timeline consumers use, with array results', () => {
    const list = grown(2100);
    const model = range(2100);
    const isEven = (item: number) => item % 2 === 0;
    expect(list.map((item, index) => item + index)).toEqual(model.map((item, index) => item + index));
    expect(list.filter(isEven)).toEqual(model.filter(isEven));
    expect(list.flatMap((item) => (item % 700 === 0 ? [item, item] : []))).toEqual([0, 0, 700, 700, 1400, 1400]);
    expect(list.some((item) => item === 2099)).toBe(true);
    expect(list.some((item) => item === 2100)).toBe(false);
    expect(list.find((item) => item > 1500)).toBe(1501);
    expect(list.find((item) => item > 5000)).toBeUndefined();
    expect(list.findLastIndex((item) => item < 1030)).toBe(1029);
    expect(list.findLastIndex(() => false)).toBe(-1);
    expect(list.slice()).toEqual(model);
    expect(JSON.parse(JSON.stringify({ list }))).toEqual({ list: model });
    expect(Array.isArray(list)).toBe(false);
  });

  it('is deep-equal to a list of the same items whatever their history, and not to a different one', () => {
    const trunk = grown(1500);
    const direct = PersistentList.from([...range(1500), 9]);
    const branched = trunk.append(9);
    trunk.append(8).append(7);
    expect(branched).toEqual(direct);
    expect(trunk.append(10)).not.toEqual(direct);
    expect(trunk).not.toEqual(direct);
  });
});
