/**
 * evaluate.py: the lesson figures the export knows how to compute in PyTorch, for a checkpoint.
 * Each figure finds its nodes by the graph's wiring (as the lesson does) and writes a forward
 * pass in inference mode with some node's output given (e.g. real digits in place of G's).
 */
import type { Plan } from '../../compiler/plan';
import { writeForward } from './forward';
import type { GroupNames } from './model';
import { torchNode } from './nodes/index';
import { indent, Names, pyComment, pyString, snakeCase } from './python';
import { RESERVED } from './train';

export interface Figure {
  /** Python function definitions. */
  functions: string[];
  /** Python statements that add the figure's values to `metrics` (nets, files and count in scope). */
  compute: string[];
  /** Nodes its forward pass evaluates (checked for export support with the phases' nodes). */
  nodes: string[];
}

function ancestors(plan: Plan, target: string, stop: string): string[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const need = new Set<string>();
  const todo = [target];
  while (todo.length) {
    const id = todo.pop()!;
    if (need.has(id)) continue;
    need.add(id);
    if (id === stop) continue;
    for (const ref of Object.values(byId.get(id)?.inputs ?? {})) todo.push(ref.node);
  }
  return plan.nodes.filter((n) => need.has(n.id)).map((n) => n.id);
}

/**
 * InfoGAN's figure, from the roles its lesson reads: argmax of the recognizer's logits (Q_c1) on
 * held-out real images (the `data` role), given in place of the generator's output, after the best
 * one-to-one mapping of the categorical code's categories to the classes.
 */
function codeAccuracy(plan: Plan, groups: GroupNames): Figure | undefined {
  const { generator, recognizer, category, data } = plan.roles;
  if (!generator || !recognizer || !category || !data) return undefined;
  const dataNode = plan.nodes.find((n) => n.id === data.node);
  const codeNode = plan.nodes.find((n) => n.id === category.node);
  const generatorNode = plan.nodes.find((n) => n.id === generator.node);
  if (!dataNode || !codeNode || !generatorNode) return undefined;
  const dataset = torchNode(dataNode.kind)?.datasets?.(dataNode)[0];
  if (!dataset) return undefined;
  const nodes = ancestors(plan, recognizer.node, generator.node);
  const names = new Names([...RESERVED, 'images']);
  const written = writeForward(plan, nodes, names, {
    training: false,
    network: (g) => `nets.${groups.attribute.get(g)}`,
    given: { [generator.node]: { [generator.port]: 'images' } },
    wanted: [recognizer],
  });
  const fn = `${snakeCase(codeNode.label) || 'code'}_logits`;
  const dims = dataNode.outputs[data.port]?.dims ?? [];
  const k = codeNode.outputs[category.port].dims[0];
  return {
    nodes,
    functions: [
      `def ${fn}(nets, images):`,
      ...indent([
        `"""${pyComment(`Logits of “${codeNode.label}” for images given in place of “${generatorNode.label}”’s output (inference mode).`)}"""`,
        ...written.lines,
        `return ${written.outputs.get(recognizer.node)![recognizer.port]}`,
      ]),
    ],
    compute: [
      `# “${pyComment(codeNode.label)}”: does each category stand for one class of ${dataset}?`,
      `images, labels = files.held_out(${pyString(dataset)}, count, channels=${dims[2] ?? 'None'}, value_range=${pyString(dataNode.params.range as string)})`,
      `logits = torch.cat([${fn}(nets, chunk) for chunk in images.to(device).split(256)])`,
      `metrics.update(examples=len(labels), **best_mapping_accuracy(logits.argmax(1).cpu().numpy(), labels, ${k}))`,
    ],
  };
}

/** The figures this graph has, in the order they are printed. */
export function figures(plan: Plan, groups: GroupNames): Figure[] {
  return [codeAccuracy(plan, groups)].filter((f): f is Figure => !!f);
}

export function writeEvaluate(plan: Plan, found: Figure[]): string {
  const code = found.flatMap((f) => [...f.functions, ...f.compute]).join('\n');
  return [
    `"""The lesson figures of “${pyComment(plan.title)}” for a checkpoint, computed by PyTorch.`,
    '',
    '    python3 evaluate.py --checkpoint DIR [--count N]',
    '',
    'Prints JSON as `ganvas eval FILE --checkpoint DIR` does; the held-out examples are the first',
    'N of the test split, as ganvas takes them.',
    '"""',
    'import argparse',
    'import json',
    'import os',
    '',
    'import torch',
    '',
    `from ganvas_torch import ${/\bops\./.test(code) ? 'feed, ops' : 'feed'}`,
    `from ganvas_torch.checkpoint import ${plan.groups.some((g) => g.ema) ? 'load_averages, load_weights' : 'load_weights'}, read_checkpoint`,
    'from ganvas_torch.figures import best_mapping_accuracy',
    ...(plan.groups.some((g) => g.ema) ? ['from ganvas_torch.training import WeightAverages'] : []),
    'from model import Networks',
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    '',
    '',
    ...found.flatMap((f) => [...f.functions, '', '']),
    'def main(argv=None):',
    ...indent([
      'p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)',
      'p.add_argument("--checkpoint", required=True, help="a checkpoint folder (train.py’s OUT, OUT/checkpoint, or ganvas’s)")',
      'p.add_argument("--count", type=int, default=1000, help="held-out examples (default 1000)")',
      'p.add_argument("--device", default="cpu")',
      'args = p.parse_args(argv)',
      'device = torch.device(args.device)',
      'manifest, values, _ = read_checkpoint(args.checkpoint)',
      'nets = Networks().to(device)',
      'load_weights(nets, values)',
      ...(plan.groups.some((g) => g.ema)
        ? ['averages = WeightAverages(nets)  # evaluations use the weight averages, as ganvas’s do', 'load_averages(averages, values)', 'averages.apply_to(nets)']
        : []),
      'nets.train(False)  # inference mode: BatchNorm on its averages, no dropout',
      'files = feed.DataFiles(os.path.join(HERE, "data"))',
      'count = args.count',
      'metrics = {}',
      'with torch.no_grad():',
      ...indent(found.flatMap((f) => f.compute)),
      'print(json.dumps({"title": manifest.get("title"), "step": manifest.get("step"), "metrics": metrics}, indent=2))',
      'return 0',
    ]),
    '',
    '',
    'if __name__ == "__main__":',
    '    raise SystemExit(main())',
    '',
  ].join('\n');
}
