/**
 * Speech-like utterances (synthetic): 32 frames × 40 mel-spaced bins of normalised log magnitude,
 * from a phoneme inventory (vowels, nasals and liquids as formant patterns; fricatives as noise bands)
 * spoken by SPEECH.speakers synthetic speakers. A speaker is a voice: pitch (its harmonics show in the
 * low bins), vocal-tract length (formant scaling), formant bandwidth, spectral tilt, breathiness, a
 * fixed timbre colouring and a speaking rate. Utterance n is a pure function of (seed, n); its speaker
 * is n mod speakers, its first phoneme the `content` label.
 */
import { DATASETS, SPEECH } from '../graph/datasets';
import { LazyByteCache, toByte } from './cache';
import { exampleRng, hashInts } from './seed';
import { checkIndices, oneHot, type DataSource, type Split } from './types';

const { frames: FRAMES, bins: BINS, speakers: SPEAKERS, phonemes: PHONEMES } = SPEECH;
/** Dynamic range shown, in dB below the utterance's loudest cell. */
const RANGE_DB = 40;
/** Enough harmonics for the lowest pitch up to 5.2 kHz. */
const MAX_HARMONICS = 80;

interface Phoneme {
  name: string;
  /** 1 = fully voiced (harmonics through formants), 0 = noise only. */
  voicing: number;
  formants: [number, number, number];
  bandwidths: [number, number, number];
  gains: [number, number, number];
  /** Frication noise band: centre and width in Hz, and level. */
  noise: [number, number, number];
  energy: number;
}

const V = (name: string, f: [number, number, number], g: [number, number, number] = [1, 0.55, 0.25], energy = 1): Phoneme => ({
  name,
  voicing: 1,
  formants: f,
  bandwidths: [80, 110, 160],
  gains: g,
  noise: [3000, 1000, 0],
  energy,
});
const F = (name: string, centre: number, width: number, level: number): Phoneme => ({
  name,
  voicing: 0.02,
  formants: [500, 1500, 2500],
  bandwidths: [200, 200, 200],
  gains: [0.2, 0.1, 0.1],
  noise: [centre, width, level],
  energy: 0.6,
});

/** The inventory: formant frequencies of the vowels follow Peterson & Barney's averages. */
export const PHONEME_INVENTORY: readonly Phoneme[] = [
  V('a', [730, 1090, 2440]),
  V('e', [530, 1840, 2480]),
  V('i', [270, 2290, 3010], [1, 0.4, 0.35]),
  V('o', [570, 840, 2410], [1, 0.6, 0.15]),
  V('u', [300, 870, 2240], [1, 0.4, 0.1]),
  V('m', [250, 1200, 2300], [1, 0.08, 0.04], 0.45),
  V('n', [250, 1750, 2600], [1, 0.12, 0.06], 0.45),
  V('l', [360, 1300, 2800], [1, 0.35, 0.25], 0.7),
  V('r', [420, 1300, 1650], [1, 0.5, 0.45], 0.75),
  F('s', 4300, 700, 1),
  F('sh', 2700, 700, 1),
  F('f', 3600, 1500, 0.35),
];
if (PHONEME_INVENTORY.length !== PHONEMES) throw new Error('speech: inventory size differs from SPEECH.phonemes');
export const PHONEME_NAMES = PHONEME_INVENTORY.map((p) => p.name);

/** Mel-spaced bin centres from 100 Hz to 5 kHz, and each bin's half-width. */
const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
export const BIN_CENTRES_HZ = Float64Array.from({ length: BINS }, (_, b) => hz(mel(100) + ((mel(5000) - mel(100)) * b) / (BINS - 1)));
const BIN_HALF_WIDTH = Float64Array.from({ length: BINS }, (_, b) => {
  const lo = b > 0 ? BIN_CENTRES_HZ[b - 1] : BIN_CENTRES_HZ[0] - (BIN_CENTRES_HZ[1] - BIN_CENTRES_HZ[0]);
  const hi = b < BINS - 1 ? BIN_CENTRES_HZ[b + 1] : 2 * BIN_CENTRES_HZ[b] - BIN_CENTRES_HZ[b - 1];
  return (hi - lo) / 2;
});

export interface Speaker {
  f0: number;
  formantScale: number;
  bandwidthScale: number;
  /** Source slope: power falls as f^−tilt. */
  tilt: number;
  breathiness: number;
  /** Fixed per-bin gain (dB) from the speaker's timbre. */
  timbre: Float64Array;
  /** Mean frames per phoneme. */
  rate: number;
  intonation: number;
}

export function speakerVoice(seed: number, speaker: number): Speaker {
  const rng = exampleRng(seed, 'speech/speaker', speaker);
  // Pitches spread over 85–255 Hz: each speaker its own slot (7 is prime to 24, so this permutes the
  // slots) with a random place inside it, so neighbouring speakers still differ in pitch.
  const slot = (speaker * 7) % SPEAKERS;
  const f0 = 85 * 3 ** ((slot + rng.uniform(0.1, 0.9)) / SPEAKERS);
  const timbre = new Float64Array(BINS);
  for (let k = 0; k < 3; k++) {
    const centre = rng.uniform(0, BINS);
    const width = rng.uniform(2, 7);
    const gain = rng.uniform(-6, 6);
    for (let b = 0; b < BINS; b++) timbre[b] += gain * Math.exp(-0.5 * ((b - centre) / width) ** 2);
  }
  return {
    f0,
    formantScale: rng.uniform(0.84, 1.2),
    bandwidthScale: rng.uniform(0.8, 1.5),
    tilt: rng.uniform(0.7, 2.2),
    breathiness: rng.uniform(0.005, 0.08),
    timbre,
    rate: rng.uniform(4, 7),
    intonation: rng.uniform(0.03, 0.14),
  };
}

export interface Utterance {
  speaker: number;
  /** Phoneme indices in order, and frames each lasts. */
  phonemes: number[];
  durations: number[];
  /** FRAMES·BINS values in [0, 1], frame-major (row t is frame t). */
  spectrogram: Float32Array;
}

/** Utterance number `n` (train utterances first, then test ones). */
export function synthesizeUtterance(seed: number, n: number, voices: Speaker[] = speakerVoices(seed)): Utterance {
  const speaker = n % SPEAKERS;
  const voice = voices[speaker];
  const rng = exampleRng(seed, 'speech', n);
  const phonemes: number[] = [];
  const durations: number[] = [];
  let total = 0;
  while (total < FRAMES) {
    let p = rng.int(PHONEMES);
    while (phonemes.length > 0 && p === phonemes[phonemes.length - 1]) p = rng.int(PHONEMES);
    const d = Math.max(2, Math.round(voice.rate * rng.uniform(0.7, 1.4)));
    phonemes.push(p);
    durations.push(d);
    total += d;
  }

  // Per-frame targets, then a [1, 2, 1] smoothing over time for coarticulation.
  const P = 13;
  const targets = new Float64Array(FRAMES * P);
  let t = 0;
  for (let k = 0; k < phonemes.length && t < FRAMES; k++) {
    const ph = PHONEME_INVENTORY[phonemes[k]];
    for (let d = 0; d < durations[k] && t < FRAMES; d++, t++) {
      const row = targets.subarray(t * P, (t + 1) * P);
      row.set(ph.formants, 0);
      row.set(ph.bandwidths, 3);
      row.set(ph.gains, 6);
      row[9] = ph.voicing;
      row[10] = ph.noise[0];
      row[11] = ph.noise[2];
      row[12] = ph.energy * (d === 0 && k > 0 ? 0.8 : 1);
    }
  }
  const params = new Float64Array(FRAMES * P);
  for (let f = 0; f < FRAMES; f++) {
    const prev = Math.max(0, f - 1);
    const next = Math.min(FRAMES - 1, f + 1);
    for (let j = 0; j < P; j++) params[f * P + j] = 0.25 * targets[prev * P + j] + 0.5 * targets[f * P + j] + 0.25 * targets[next * P + j];
  }
  // Frication noise width is not interpolated (kept from the frame's own phoneme).
  const noiseWidth = new Float64Array(FRAMES);
  t = 0;
  for (let k = 0; k < phonemes.length && t < FRAMES; k++) for (let d = 0; d < durations[k] && t < FRAMES; d++) noiseWidth[t++] = PHONEME_INVENTORY[phonemes[k]].noise[1];

  const phase = rng.uniform(0, 2 * Math.PI);
  const period = rng.uniform(20, 50);
  const energyDb = new Float64Array(FRAMES * BINS);
  const a = voice.formantScale;
  const harmonicPower = new Float64Array(MAX_HARMONICS + 1);
  for (let f = 0; f < FRAMES; f++) {
    const row = params.subarray(f * P, (f + 1) * P);
    const f0 = voice.f0 * (1 + voice.intonation * Math.sin((2 * Math.PI * f) / period + phase) - 0.004 * f) * (1 + 0.01 * rng.normal());
    const voicing = row[9];
    // Power of each harmonic after the vocal tract and the source slope, once per frame.
    const harmonics = Math.min(MAX_HARMONICS, Math.floor(5200 / f0));
    for (let h = 1; h <= harmonics; h++) {
      const fh = h * f0;
      harmonicPower[h] = tract(fh, row, a, voice.bandwidthScale) * Math.exp(-voice.tilt * Math.log(fh / 100));
    }
    for (let b = 0; b < BINS; b++) {
      const fc = BIN_CENTRES_HZ[b];
      const hw = BIN_HALF_WIDTH[b];
      // Harmonics within reach of this bin, each weighted by how much of it the bin captures.
      let voiced = 0;
      const hLo = Math.max(1, Math.floor((fc - 2 * hw) / f0));
      const hHi = Math.min(harmonics, Math.ceil((fc + 2 * hw) / f0));
      const inv = 2 / hw;
      for (let h = hLo; h <= hHi; h++) {
        const d = (h * f0 - fc) * inv;
        voiced += Math.exp(-0.5 * d * d) * harmonicPower[h];
      }
      const envelope = tract(fc, row, a, voice.bandwidthScale) * (fc / 100) ** -voice.tilt * (hw / f0);
      const noiseBand = row[11] * Math.exp(-0.5 * ((fc - row[10] * (0.9 + 0.1 * a)) / noiseWidth[f]) ** 2) * 0.02 * (hw / 100);
      let e = row[12] * (voicing * voiced + voice.breathiness * envelope + noiseBand);
      e *= Math.exp(0.35 * rng.normal()); // the speckle of a short-time spectrum
      energyDb[f * BINS + b] = 10 * Math.log10(e + 1e-9) + voice.timbre[b];
    }
  }
  let peak = -Infinity;
  for (let i = 0; i < energyDb.length; i++) peak = Math.max(peak, energyDb[i]);
  const spectrogram = new Float32Array(FRAMES * BINS);
  for (let i = 0; i < energyDb.length; i++) {
    const v = (energyDb[i] - (peak - RANGE_DB)) / RANGE_DB;
    spectrogram[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return { speaker, phonemes, durations, spectrogram };
}

/** Vocal-tract power response at frequency f: three resonances, scaled by the speaker's tract length. */
function tract(f: number, row: Float64Array, scale: number, bandwidthScale: number): number {
  let g = 0.002;
  for (let k = 0; k < 3; k++) {
    const d = (f - row[k] * scale) / (row[3 + k] * bandwidthScale);
    g += row[6 + k] / (1 + d * d);
  }
  return g;
}

const voiceCache = new Map<number, Speaker[]>();
export function speakerVoices(seed: number): Speaker[] {
  let voices = voiceCache.get(seed);
  if (!voices) {
    voices = Array.from({ length: SPEAKERS }, (_, s) => speakerVoice(seed, s));
    voiceCache.set(seed, voices);
  }
  return voices;
}

export class SpeechSource implements DataSource {
  readonly info = DATASETS.speech;
  private readonly voices: Speaker[];
  private readonly cache: LazyByteCache;
  private readonly firstPhoneme: Int8Array;

  constructor(readonly seed: number) {
    // Speaker of utterance n is n mod speakers in both splits only if the train split is a whole
    // number of rounds.
    if (this.info.trainSize % SPEAKERS !== 0) throw new Error('speech: trainSize must be a multiple of the speaker count');
    this.voices = speakerVoices(seed);
    const total = this.info.trainSize + this.info.testSize;
    this.firstPhoneme = new Int8Array(total).fill(-1);
    this.cache = new LazyByteCache(total, FRAMES * BINS, (n, out) => {
      const u = synthesizeUtterance(seed, n, this.voices);
      for (let i = 0; i < out.length; i++) out[i] = toByte(u.spectrogram[i]);
      this.firstPhoneme[n] = u.phonemes[0];
    });
  }

  count(split: Split): number {
    return split === 'train' ? this.info.trainSize : this.info.testSize;
  }

  number(split: Split, index: number): number {
    return split === 'train' ? index : this.info.trainSize + index;
  }

  /** Speaker of every example of `split`. */
  labels(split: Split): Int32Array {
    return Int32Array.from({ length: this.count(split) }, (_, i) => this.number(split, i) % SPEAKERS);
  }

  /** The index (same split, same speaker, not `index`) whose utterance is served as `x2`. */
  partner(split: Split, index: number): number {
    const count = this.count(split);
    const speaker = index % SPEAKERS;
    const utterances = Math.ceil((count - speaker) / SPEAKERS);
    const own = Math.floor(index / SPEAKERS);
    let other = hashInts(this.seed, split === 'train' ? 1 : 2, index) % (utterances - 1);
    if (other >= own) other++;
    return other * SPEAKERS + speaker;
  }

  /** The full utterance (phoneme sequence included), for previews. */
  utterance(split: Split, index: number): Utterance {
    return synthesizeUtterance(this.seed, this.number(split, index), this.voices);
  }

  get(split: Split, indices: ArrayLike<number>): Record<string, Float32Array> {
    checkIndices(this, split, indices);
    const size = FRAMES * BINS;
    const n = indices.length;
    const x = new Float32Array(n * size);
    const x2 = new Float32Array(n * size);
    const speakers = new Int32Array(n);
    const content = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const number = this.number(split, indices[i]);
      this.cache.copyScaled(number, x, i * size);
      this.cache.copyScaled(this.number(split, this.partner(split, indices[i])), x2, i * size);
      speakers[i] = number % SPEAKERS;
      content[i] = this.firstPhoneme[number];
    }
    return { x, x2, speaker: oneHot(speakers, SPEAKERS), content: oneHot(content, PHONEMES) };
  }
}
