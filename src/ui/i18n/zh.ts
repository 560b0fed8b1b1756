/**
 * 界面的中文文案（The interface's Chinese messages）: every key of en.ts, written for learners in the
 * lecture's terms (生成器, 判别器, 梯度反转, …), not word for word.
 */
import type { MessageTable } from './format';

export const zh: MessageTable = {
  'language.label': '语言',
  'language.switch': '切换界面语言',
  'export.model.noPlan': '图无法编译，网络的层结构未知：请先修正其中的问题。',
  'export.model.failed': '无法把 ‹{network}› 导出为 tf.js 模型：{reason}',
};
