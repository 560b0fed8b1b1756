/** Feature disentangle: who speaks vs what is said, read from two encoders' codes. */
import { defineLesson } from '../types';

/** B for each A: the example `shift` places on whose speaker differs (speakers are n mod 24). */
export function conversionPartners(speakers: ArrayLike<number>): Int32Array {
  const n = speakers.length;
  return Int32Array.from({ length: n }, (_, i) => {
    for (let s = 1; s < n; s++) {
      const j = (i + s * 7) % n;
      if (speakers[j] !== speakers[i]) return j;
    }
    return i;
  });
}

export const DISENTANGLE_LESSON = defineLesson({
  view: 'feature-disentangle',
  title: 'Feature disentangle: who speaks vs what is said',
  roles: {
    data: { description: 'the utterances', category: ['data'], outputs: ['image'] },
    content: { description: 'the content encoder E_c', category: ['network'] },
    speaker: { description: 'the speaker encoder E_s', category: ['network'] },
    decoder: { description: 'the decoder Dec(E_c, E_s)', category: ['network'], outputs: ['image'] },
  },
  results: {
    template: 'feature-disentangle',
    reference: [
      { metric: 'speakerAccuracy.fromEc', target: '≤ 2× chance (1/24): content code without the speaker', met: (v, f) => v <= 2 * (f('speakerAccuracy.chance') ?? 0) },
      { metric: 'speakerAccuracy.fromEs', target: '≥ 90%', met: (v) => v >= 0.9 },
      { metric: 'conversion.judgedAsB', target: 'most conversions heard as the speaker B', met: (v) => v > 0.5 },
      { metric: 'contentAccuracy.fromEc', target: 'well above chance (1/12): ≥ 2×', met: (v, f) => v >= 2 * (f('contentAccuracy.chance') ?? 1) },
    ],
  },
});
