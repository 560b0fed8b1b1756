/**
 * The interface's English messages: the source table. Keys are `area.what`; `{name}` marks a
 * param; `{ one, other }` are plural forms chosen by `count`. Add a key here and its Chinese in
 * zh.ts (the type check fails until both have it).
 */
export const en = {
  'language.label': 'Language',
  'language.switch': 'Switch the interface language',
  'export.model.noPlan': 'The graph does not compile, so the network’s layers are unknown: fix its problems first.',
  'export.model.failed': 'Could not export ‹{network}› as a tf.js model: {reason}',
} as const;
