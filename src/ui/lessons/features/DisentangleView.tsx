/**
 * Feature disentangle: both encoders' embeddings coloured by speaker or by phoneme, the probes'
 * figures, and a voice conversion Dec(E_c(x_A), E_s(x_B)) as spectrograms with the probe's verdict.
 */
import { useState } from 'react';
import { SPEECH } from '../../../graph/datasets';
import { argmaxRows } from '../../../analysis/index';
import { DISENTANGLE_LESSON } from '../../../lessons/features/disentangle';
import type { LessonRoles } from '../../../lessons/types';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { useT } from '../../i18n';
import { useRichT } from '../../i18n/rich';
import { Figure, FiguresStep, ImageCanvas, percent, Scatter, useLessonFigures, Waiting } from './shared';

const [FRAMES, BINS] = [SPEECH.frames, SPEECH.bins];

interface Conversion {
  a: Float32Array;
  b: Float32Array;
  converted: Float32Array;
}

/** Two utterances of the sample batch (different speakers) and A's content spoken with B's voice. */
async function convert({ data, content, speaker, decoder }: LessonRoles<typeof DISENTANGLE_LESSON.roles>): Promise<Conversion> {
  const count = 2 * SPEECH.speakers;
  const x = (await trainingController.sampleNode(data.node, data.port, count)).data;
  const ec = (await trainingController.sampleNode(content.node, content.port, count)).data;
  const es = (await trainingController.sampleNode(speaker.node, speaker.port, count)).data;
  const size = FRAMES * BINS;
  const dc = ec.length / count;
  const ds = es.length / count;
  // A is row 0; B the first row spoken by someone else.
  // The speech data set gives each utterance's speaker on its `speaker` output.
  const speakers = Array.from(argmaxRows((await trainingController.sampleNode(data.node, 'speaker', count)).data, SPEECH.speakers));
  const b = Math.max(1, speakers.findIndex((s) => s !== speakers[0]));
  const ecA = new Float32Array(ec.length);
  const esB = new Float32Array(es.length);
  for (let i = 0; i < count; i++) {
    ecA.set(ec.subarray(0, dc), i * dc);
    esB.set(es.subarray(b * ds, (b + 1) * ds), i * ds);
  }
  const converted = (await trainingController.sampleNode(decoder.node, decoder.port, count, undefined, { [content.node]: { [content.port]: ecA }, [speaker.node]: { [speaker.port]: esB } })).data;
  return { a: x.slice(0, size), b: x.slice(b * size, (b + 1) * size), converted: converted.slice(0, size) };
}

export function DisentangleView({ view }: LessonViewProps) {
  const { figures, step, error } = useLessonFigures(view);
  const [colourBy, setColourBy] = useState<'speaker' | 'content'>('speaker');
  const [conversion, setConversion] = useState<Conversion | null>(null);
  const { roles, missing } = useLessonRoles(DISENTANGLE_LESSON);
  const t = useT();
  const rich = useRichT();
  if (missing.length) return <MissingRoles lesson={DISENTANGLE_LESSON} missing={missing} />;
  if (!figures || !roles) return <Waiting error={error} />;
  const speaker = figures.speakerAccuracy as Record<string, number>;
  const content = figures.contentAccuracy as Record<string, number>;
  const conv = figures.conversion as Record<string, number>;
  const emb = figures.embeddings as { ec: number[][]; es: number[][]; speaker: number[]; content: number[] };
  const classes = colourBy === 'speaker' ? emb.speaker : emb.content;
  const classCount = colourBy === 'speaker' ? SPEECH.speakers : SPEECH.phonemes;
  return (
    <section data-lesson-view="feature-disentangle">
      <FiguresStep step={step} />
      <p>
        {rich('lv.dis.atStep', {
          step: step ?? '',
          fromEs: <Figure name="speakerAccuracy.fromEs" value={speaker.fromEs}>{percent(speaker.fromEs)}</Figure>,
          fromEc: <Figure name="speakerAccuracy.fromEc" value={speaker.fromEc}>{percent(speaker.fromEc)}</Figure>,
          chance: percent(speaker.chance),
          content: percent(content.fromEc),
          judged: <Figure name="conversion.judgedAsB" value={conv.judgedAsB}>{percent(conv.judgedAsB)}</Figure>,
          kept: percent(conv.contentKept),
        })}
      </p>
      <label>
        {t('lv.dis.colourBy')}{' '}
        <select value={colourBy} onChange={(e) => setColourBy(e.target.value as 'speaker' | 'content')} data-testid="colour-by">
          <option value="speaker">{t('lv.dis.speaker')}</option>
          <option value="content">{t('lv.dis.phoneme')}</option>
        </select>
      </label>
      <div>
        <figure style={{ display: 'inline-block', margin: 4 }}>
          <Scatter testId="emb-ec" points={emb.ec} classes={classes} classCount={classCount} title={t('lv.dis.ecEmbeddings')} />
          <figcaption>{t('lv.dis.ecCaption')}</figcaption>
        </figure>
        <figure style={{ display: 'inline-block', margin: 4 }}>
          <Scatter testId="emb-es" points={emb.es} classes={classes} classCount={classCount} title={t('lv.dis.esEmbeddings')} />
          <figcaption>{t('lv.dis.esCaption')}</figcaption>
        </figure>
      </div>
      <button type="button" data-testid="convert" onClick={() => void convert(roles).then(setConversion)}>
        {t('lv.dis.convert')}
      </button>
      {conversion && (
        <div data-testid="conversion">
          <ImageCanvas data={conversion.a} h={FRAMES} w={BINS} c={1} range={[-1, 1]} label="A" />
          <ImageCanvas data={conversion.b} h={FRAMES} w={BINS} c={1} range={[-1, 1]} label="B" />
          <ImageCanvas data={conversion.converted} h={FRAMES} w={BINS} c={1} range={[-1, 1]} label="Dec(E_c(A), E_s(B))" />
        </div>
      )}
    </section>
  );
}
