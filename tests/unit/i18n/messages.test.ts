/** The message tables: both languages have every key, the same placeholders, and nothing left in English. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/ui/i18n/en';
import { formatMessage, localeFromLanguages, placeholdersOf, type Message } from '../../../src/ui/i18n/format';
import { zh } from '../../../src/ui/i18n/zh';
import { untranslated } from '../../../src/ui/i18n/coverage';
import { untranslatedCatalog } from '../../../src/ui/i18n/catalog';
import { NODE_KINDS } from '../../../src/graph/catalog';
import { DATASETS } from '../../../src/graph/datasets';
import { LAYERS, type LayerDefinition } from '../../../src/graph/layers';
import { inputPorts, outputPorts, type NodeKind } from '../../../src/graph/node-kind';
import { withDefaults } from '../../../src/graph/params';

/** Every port a kind shows: with default params, and for a data set node with each data set. */
function portsOf(kind: NodeKind) {
  const variants = [withDefaults(kind.params, {})];
  const name = kind.params.find((p) => p.name === 'name' && p.type === 'enum');
  if (name && name.type === 'enum') for (const option of name.options) variants.push(withDefaults(kind.params, { name: option }));
  return variants.flatMap((params) => {
    const safe = <T,>(f: () => T[]) => {
      try {
        return f();
      } catch {
        return [];
      }
    };
    return [...safe(() => inputPorts(kind, params)).map((port) => ({ dir: 'in' as const, port, params })), ...safe(() => outputPorts(kind, params)).map((port) => ({ dir: 'out' as const, port, params }))];
  });
}

describe('message tables', () => {
  it('has a Chinese message for every English key and no other keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter((k) => placeholdersOf(en[k as keyof typeof en] as Message).join() !== placeholdersOf(zh[k as keyof typeof zh]).join());
    expect(mismatched).toEqual([]);
  });

  it('lists no untranslated keys', () => {
    const list = untranslated();
    if (list.length) console.log(`untranslated keys:\n  ${list.join('\n  ')}`);
    expect(list).toEqual([]);
  });

  it('has Chinese for every node kind, port, param, option, layer type and data set of the catalog', () => {
    expect(Object.keys(DATASETS).length).toBeGreaterThan(4);
    const list = untranslatedCatalog(NODE_KINDS, LAYERS as unknown as LayerDefinition[], portsOf);
    if (list.length) console.log(`untranslated catalog texts:\n  ${list.join('\n  ')}`);
    expect(list).toEqual([]);
  });

  it('fills params and picks plural forms per locale', () => {
    expect(formatMessage('en', { one: '{count} error', other: '{count} errors' }, { count: 1 })).toBe('1 error');
    expect(formatMessage('en', { one: '{count} error', other: '{count} errors' }, { count: 1200 })).toBe('1,200 errors');
    expect(formatMessage('zh', { other: '{count} 个错误' }, { count: 3 })).toBe('3 个错误');
    expect(formatMessage('en', 'step {step} of {total}', { step: 5, total: 10 })).toBe('step 5 of 10');
  });

  it('takes the browser’s first language we have', () => {
    expect(localeFromLanguages(['zh-TW', 'en-US'])).toBe('zh');
    expect(localeFromLanguages(['de-DE', 'en-US'])).toBe('en');
    expect(localeFromLanguages(['fr'])).toBe('en');
  });
});
