import { describe, expect, it } from 'vitest';
import { RequestScheduler } from './scheduler';

/** A task that records when it starts and ends, and finishes when told to. */
function controllable(name: string, log: string[]) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await finished;
      log.push(`end ${name}`);
    },
    finish,
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RequestScheduler', () => {
  it('runs ordinary requests concurrently', async () => {
    const log: string[] = [];
    const scheduler = new RequestScheduler();
    const a = controllable('a', log);
    const b = controllable('b', log);
    scheduler.run(a.task, false);
    const done = scheduler.run(b.task, false);
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await done;
    expect(log).toEqual(['start a', 'start b', 'end b']);
    a.finish();
  });

  it('starts an exclusive request only after everything before it, and holds back what follows', async () => {
    const log: string[] = [];
    const scheduler = new RequestScheduler();
    const produce = controllable('produce', log);
    const join = controllable('join', log);
    const resume = controllable('resume', log);
    scheduler.run(produce.task, false);
    scheduler.run(join.task, true);
    const last = scheduler.run(resume.task, false);
    await tick();
    expect(log).toEqual(['start produce']);
    produce.finish();
    await tick();
    expect(log).toEqual(['start produce', 'end produce', 'start join']);
    join.finish();
    resume.finish();
    await last;
    expect(log).toEqual(['start produce', 'end produce', 'start join', 'end join', 'start resume', 'end resume']);
  });
});
