import { describe, expect, it } from 'vitest';
import { attributeLongTasks, isServedUnder, type LongTask } from './long-tasks';

const origin = 'http://127.0.0.1:40123';
const task = (url: string, duration: number, startTime = 0): LongTask => ({ url, duration, startTime });
const bundle = (url: string) => isServedUnder(url, '/dist/');

describe('isServedUnder', () => {
  it('matches the path, whatever the origin or query', () => {
    expect(isServedUnder(`${origin}/dist/regulars.js`, '/dist/')).toBe(true);
    expect(isServedUnder('https://cdn.example/dist/chunks/chat-1.js?v=1', '/dist/')).toBe(true);
  });

  it('does not match the page, other scripts, look-alike paths or Lighthouse\'s "Unattributable"', () => {
    expect(isServedUnder(`${origin}/demo/products/merino-crew.html`, '/dist/')).toBe(false);
    expect(isServedUnder(`${origin}/demo/dist/x.js`, '/dist/')).toBe(false);
    expect(isServedUnder(`${origin}/distant/x.js`, '/dist/')).toBe(false);
    expect(isServedUnder('Unattributable', '/dist/')).toBe(false);
  });
});

describe('attributeLongTasks', () => {
  it('counts every long task and those of the bundle apart, with the longest of each', () => {
    const summary = attributeLongTasks(
      [
        task(`${origin}/demo/products/merino-crew.html`, 101),
        task('Unattributable', 83),
        task(`${origin}/dist/chunks/host-1.js`, 62),
        task(`${origin}/dist/regulars.js`, 55),
        task(`${origin}/dist/chunks/host-1.js`, 51),
      ],
      bundle,
    );
    expect(summary).toEqual({
      count: 5,
      longest: 101,
      attributed: { count: 3, longest: 62, urls: [`${origin}/dist/chunks/host-1.js`, `${origin}/dist/regulars.js`] },
    });
  });

  it('attributes nothing to the bundle when its scripts ran no long task', () => {
    expect(attributeLongTasks([task('Unattributable', 70), task(`${origin}/demo/assets/add-to-bag.ts`, 60)], bundle)).toEqual({
      count: 2,
      longest: 70,
      attributed: { count: 0, longest: 0, urls: [] },
    });
  });

  it('is empty for a page without long tasks', () => {
    expect(attributeLongTasks([], bundle)).toEqual({ count: 0, longest: 0, attributed: { count: 0, longest: 0, urls: [] } });
  });
});
