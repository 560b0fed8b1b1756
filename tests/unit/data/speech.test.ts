import { beforeAll, describe, expect, it } from 'vitest';
import { SPEECH } from '../../../src/graph/datasets';
import { PHONEME_NAMES, SpeechSource, synthesizeUtterance } from '../../../src/data/speech';
import { classesOf, nearestCentroidAccuracy } from './stats';

const D = SPEECH.frames * SPEECH.bins;
let speech: SpeechSource;
let train: Record<string, Float32Array>;
let test: Record<string, Float32Array>;

beforeAll(() => {
  speech = new SpeechSource(1);
  train = speech.get('train', Int32Array.from({ length: 2400 }, (_, i) => i));
  test = speech.get('test', Int32Array.from({ length: 1200 }, (_, i) => i));
});

describe('speech-like utterances', () => {
  it('has the shapes of datasets.ts and values in [0, 1] that use the range', () => {
    expect(train.x.length).toBe(2400 * D);
    expect(train.x2.length).toBe(2400 * D);
    expect(train.speaker.length).toBe(2400 * SPEECH.speakers);
    expect(train.content.length).toBe(2400 * SPEECH.phonemes);
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of train.x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    const mean = sum / train.x.length;
    expect(mean).toBeGreaterThan(0.2);
    expect(mean).toBeLessThan(0.7);
    expect(PHONEME_NAMES.length).toBe(SPEECH.phonemes);
  });

  it('uses at least 20 speakers, balanced, and every phoneme as content', () => {
    const speakers = classesOf(train.speaker, SPEECH.speakers);
    const perSpeaker = new Array(SPEECH.speakers).fill(0);
    for (const s of speakers) perSpeaker[s]++;
    expect(SPEECH.speakers).toBeGreaterThanOrEqual(20);
    expect(new Set(perSpeaker)).toEqual(new Set([2400 / SPEECH.speakers]));
    const content = classesOf(train.content, SPEECH.phonemes);
    const perPhoneme = new Array(SPEECH.phonemes).fill(0);
    for (const c of content) perPhoneme[c]++;
    for (const n of perPhoneme) expect(n).toBeGreaterThan(2400 / SPEECH.phonemes / 2);
  });

  it('pairs x with another utterance of the same speaker as x2', () => {
    for (let i = 0; i < 200; i++) {
      const j = speech.partner('train', i);
      expect(j).not.toBe(i);
      expect(j % SPEECH.speakers).toBe(i % SPEECH.speakers);
      expect(train.x2.subarray(i * D, (i + 1) * D)).toEqual(speech.get('train', [j]).x);
    }
  });

  it('separates speakers and first phonemes with a nearest-centroid classifier on held-out utterances', () => {
    const speakerAcc = nearestCentroidAccuracy(
      train.x,
      classesOf(train.speaker, SPEECH.speakers),
      test.x,
      classesOf(test.speaker, SPEECH.speakers),
      SPEECH.speakers,
      D,
    );
    const contentAcc = nearestCentroidAccuracy(
      train.x,
      classesOf(train.content, SPEECH.phonemes),
      test.x,
      classesOf(test.content, SPEECH.phonemes),
      SPEECH.phonemes,
      D,
    );
    console.log(
      `nearest-centroid on held-out utterances: speaker ${speakerAcc.toFixed(3)} (chance ${(1 / SPEECH.speakers).toFixed(3)}), ` +
        `content ${contentAcc.toFixed(3)} (chance ${(1 / SPEECH.phonemes).toFixed(3)})`,
    );
    expect(speakerAcc).toBeGreaterThan(3 / SPEECH.speakers);
    expect(contentAcc).toBeGreaterThan(3 / SPEECH.phonemes);
  });

  it('is deterministic per (seed, index) and changes with the seed', () => {
    expect(synthesizeUtterance(1, 17).spectrogram).toEqual(synthesizeUtterance(1, 17).spectrogram);
    expect(synthesizeUtterance(2, 17).spectrogram).not.toEqual(synthesizeUtterance(1, 17).spectrogram);
    const u = speech.utterance('train', 5);
    expect(u.speaker).toBe(5 % SPEECH.speakers);
    expect(classesOf(train.content, SPEECH.phonemes)[5]).toBe(u.phonemes[0]);
  });
});
