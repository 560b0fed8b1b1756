/**
 * The interface's English messages: the source table. Keys are `area.what`; `{name}` marks a
 * param; `{ one, other }` are plural forms chosen by `count`. Add a key here and its Chinese in
 * zh.ts (the type check fails until both have it).
 */
export const en = {
  'language.label': 'Language',
  'language.switch': 'Switch the interface language',
} as const;
