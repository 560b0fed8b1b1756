/**
 * evaluate.py: the lesson figures the export knows how to compute in PyTorch, for a checkpoint.
 * Each figure finds its nodes by the graph's wiring (as the lesson does) and writes a forward
 * pass in inference mode with some node's output given (e.g. real digits in place of G's).
 */
import type { Plan, PlanNode } from '../../compiler/plan';
import { writeForward } from './forward';
import type { GroupNames } from './model';
import { indent, Names, pyComment, pyString } from './python';
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
 * InfoGAN's figure: argmax of the categorical code's logits on held-out real images, given in
 * place of the generator's output, after the best one-to-one mapping of categories to classes.
 */
function codeAccuracy(plan: Plan, groups: GroupNames): Figure | undefined {
  for (const ce of plan.nodes.filter((n) => n.kind === 'CrossEntropy')) {
    const labels = ce.inputs.labels;
    const code = labels && plan.nodes.find((n) => n.id === labels.node && n.kind === 'CategoricalCode');
    const generator = plan.nodes.find((n) => n.kind === 'Generator');
    const data = plan.nodes.find((n) => n.kind === 'Dataset');
    if (!code || !ce.inputs.logits || !generator || !data) continue;
    const logits = ce.inputs.logits;
    const nodes = ancestors(plan, logits.node, generator.id);
    const names = new Names([...RESERVED, 'images']);
    const written = writeForward(plan, nodes, names, {
      training: false,
      network: (g) => `nets.${groups.attribute.get(g)}`,
      given: { [generator.id]: { out: 'images' } },
      wanted: [logits],
    });
    const fn = `${code.id.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase()}_logits`;
    const dataNode = data as PlanNode;
    const dims = dataNode.outputs.x?.dims ?? [];
    return {
      nodes,
      functions: [
        `def ${fn}(nets, images):`,
        ...indent([
          `"""${pyComment(`Logits of “${code.label}” for images given in place of “${generator.label}”’s output (inference mode).`)}"""`,
          ...written.lines,
          `return ${written.outputs.get(logits.node)![logits.port]}`,
        ]),
      ],
      compute: [
        `# “${pyComment(code.label)}”: does each category stand for one class of ${dataNode.params.name}?`,
        `images, labels = files.held_out(${pyString(dataNode.params.name as string)}, count, channels=${dims[2] ?? 'None'}, value_range=${pyString(dataNode.params.range as string)})`,
        `logits = torch.cat([${fn}(nets, chunk) for chunk in images.to(device).split(256)])`,
        `metrics.update(examples=len(labels), **best_mapping_accuracy(logits.argmax(1).cpu().numpy(), labels, ${code.params.k}))`,
      ],
    };
  }
  return undefined;
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
      'nets.eval()',
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
