/** Lesson views of the generative templates. */
import { BiganView } from './generative/BiganView';
import { Gan2dView } from './generative/Gan2dView';
import { InfoganView } from './generative/InfoganView';
import { TripleGanView } from './generative/TripleGanView';
import { VaeGanView } from './generative/VaeGanView';
import type { LessonViews } from './types';

export const GENERATIVE_VIEWS: LessonViews = {
  'gan-2d': Gan2dView,
  infogan: InfoganView,
  'vae-gan': VaeGanView,
  bigan: BiganView,
  'triple-gan': TripleGanView,
};
