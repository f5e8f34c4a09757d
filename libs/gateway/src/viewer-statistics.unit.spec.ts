import { ViewerStatistics } from './viewer-statistics';

const START = 1_000_000;
const seconds = (count: number) => START + count * 1000;

type Step = ['join', string, string, number] | ['leave', string, number];
const join = (session: string, identity: string, at: number): Step => ['join', session, identity, at];
const leave = (session: string, at: number): Step => ['leave', session, at];

function statisticsAfter(steps: Step[]): ViewerStatistics {
  const statistics = new ViewerStatistics(START);
  for (const step of steps) {
    if (step[0] === 'join') statistics.join(step[1], step[2], seconds(step[3]));
    else statistics.leave(step[1], seconds(step[2]));
  }
  return statistics;
}

describe('viewer statistics', () => {
  it.each<[string, Step[], number, { current: number; peak: number; average: number; totalViews: number }]>([
    ['no viewer at all samples zeros', [], 60, { current: 0, peak: 0, average: 0, totalViews: 0 }],
    ['one viewer from the start watching throughout averages one', [join('s1', 'user:ana', 0)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
    ['a signed-in user in two tabs counts once', [join('s1', 'user:ana', 0), join('s2', 'user:ana', 0)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
    ['one anonymous viewer id in two tabs counts once', [join('s1', 'anon:tab-viewer', 0), join('s2', 'anon:tab-viewer', 30)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
    ['different identities count apart', [join('s1', 'user:ana', 0), join('s2', 'user:ben', 0), join('s3', 'anon:viewer-1', 0)], 60, { current: 3, peak: 3, average: 3, totalViews: 3 }],
    ['closing one of two tabs keeps the viewer watching', [join('s1', 'user:ana', 0), join('s2', 'user:ana', 0), leave('s1', 30)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
    ['closing the last tab stops the viewer watching', [join('s1', 'user:ana', 0), join('s2', 'user:ana', 0), leave('s1', 30), leave('s2', 30)], 60, { current: 0, peak: 1, average: 0.5, totalViews: 1 }],
    ['a viewer who comes back is one viewer in the total', [join('s1', 'user:ana', 0), leave('s1', 10), join('s2', 'user:ana', 20)], 60, { current: 1, peak: 1, average: 0.83, totalViews: 1 }],
    ['the peak is the most at once, however short, not the most at a sample', [join('s1', 'user:ana', 0), join('s2', 'user:ben', 10), join('s3', 'user:cy', 10), leave('s2', 11), leave('s3', 11)], 60, { current: 1, peak: 3, average: 1.03, totalViews: 3 }],
    ['the total counts everyone who watched at all', [join('s1', 'user:ana', 0), leave('s1', 10), join('s2', 'user:ben', 20), leave('s2', 30)], 60, { current: 0, peak: 1, average: 0.33, totalViews: 2 }],
    ['the average weighs each count by how long it lasted', [join('s1', 'user:ana', 0), join('s2', 'user:ben', 30), leave('s2', 90)], 120, { current: 1, peak: 2, average: 1.5, totalViews: 2 }],
    ['a second join of the same session is ignored', [join('s1', 'user:ana', 0), join('s1', 'user:ben', 10)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
    ['leaving a session that never joined changes nothing', [join('s1', 'user:ana', 0), leave('s9', 10)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
    ['leaving twice is leaving once', [join('s1', 'user:ana', 0), join('s2', 'user:ana', 0), leave('s1', 30), leave('s1', 40)], 60, { current: 1, peak: 1, average: 1, totalViews: 1 }],
  ])('%s', (_, steps, sampledAt, sample) => {
    expect(statisticsAfter(steps).sample(seconds(sampledAt))).toEqual(sample);
  });

  it('samples the current count as the average at the very start', () => {
    expect(statisticsAfter([join('s1', 'user:ana', 0), join('s2', 'user:ben', 0)]).sample(START)).toEqual({ current: 2, peak: 2, average: 2, totalViews: 2 });
  });

  it('keeps the average exact across samples', () => {
    const statistics = statisticsAfter([join('s1', 'user:ana', 0)]);
    expect(statistics.sample(seconds(30)).average).toBe(1);
    statistics.join('s2', 'user:ben', seconds(30));
    expect(statistics.sample(seconds(60)).average).toBe(1.5);
    statistics.leave('s1', seconds(60));
    statistics.leave('s2', seconds(60));
    expect(statistics.sample(seconds(120)).average).toBe(0.75);
  });

  it('tells whether an identity already has a session open', () => {
    const statistics = statisticsAfter([join('s1', 'user:ana', 0), join('s2', 'user:ana', 0), leave('s1', 10)]);
    expect([statistics.isWatching('user:ana'), statistics.isWatching('user:ben'), statistics.current]).toEqual([true, false, 1]);
    statistics.leave('s2', seconds(20));
    expect([statistics.isWatching('user:ana'), statistics.current]).toEqual([false, 0]);
  });
});
