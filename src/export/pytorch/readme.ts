/** README.md of an exported project: what is in it and the commands. */
import type { Plan } from '../../compiler/plan';

export function writeReadme(plan: Plan, opts: { datasets: string[]; weightsFrom: string; evaluate: boolean }): string {
  const phases = plan.phases
    .map((p, i) => `${i + 1}. **${p.name}** (${p.id}${p.repeats > 1 ? `, ×${p.repeats}` : ''}) updates ${p.updates.join(', ')} with ${p.optimizer.type}, lr ${p.optimizer.lr}${p.lrSchedule.type !== 'constant' ? ` on the ${p.lrSchedule.type} schedule` : ''}.`)
    .join('\n');
  return `# ${plan.title} — PyTorch

Exported by ganvas from the graph's training plan at size **${plan.size}** (width ×${plan.width}, batch ${plan.batchSize},
${plan.steps} iterations, seed ${plan.seed}). Needs Python 3 with \`torch\` and \`numpy\`, nothing else.

Each iteration runs the phases in order:

${phases}

## Files

- \`model.py\` — one \`nn.Module\` per parameter group, layer by layer as in ganvas.
- \`train.py\` — each phase as a function of the networks and a batch, the phases' table, the loop.
- \`data.py\` — what each node draws: data sets (${opts.datasets.join(', ') || 'none'}) from \`data/\`, noise, codes, masks.
${opts.evaluate ? "- `evaluate.py` — the lesson's figures for a checkpoint, as `ganvas eval` prints them.\n" : ''}- \`weights/\` — the starting point, a ganvas checkpoint: ${opts.weightsFrom}.
- \`ganvas_torch/\` — what every exported graph shares: ganvas's layers, ops and losses, random streams, checkpoints.
- \`plan.json\` — the training plan the code was generated from.

## Train

\`\`\`sh
python3 train.py                          # CPU or the first GPU; outputs in runs/torch/
python3 train.py --steps 5000 --out runs/long --device cuda
python3 train.py --resume runs/long       # continue a run (weights, optimizer state, step, random streams)
python3 train.py --rng ganvas             # the same batches and noise as \`ganvas train\` with this seed
torchrun --nproc_per_node 4 train.py      # DistributedDataParallel: gloo on CPU, nccl on CUDA
torchrun --nproc_per_node 4 train.py --sync-bn   # BatchNorm statistics over the whole batch
python3 -m ganvas_torch.run --nproc_per_node 4 train.py   # the same, where torchrun itself fails (below)
\`\`\`

torch 1.13's \`torchrun\` (Debian's \`python3-torch\`) cannot parse its own default options under Python 3.11
(\`AttributeError: 'NoneType' object has no attribute 'get'\`); \`python3 -m ganvas_torch.run\` is torchrun with
that one parse mended, and takes the same options (\`--nnodes\`, \`--master_port\`, …).

Under \`torchrun\` the batch of ${plan.batchSize} is the global batch: every process draws the same batch from the
same streams and trains on its own ${plan.batchSize % 2 === 0 ? 'share' : 'share (the batch must divide by the process count)'}. Each phase is its own DistributedDataParallel
module over exactly the networks it updates (see \`ganvas_torch/training.py\`).

\`OUT/metrics.jsonl\` has every loss term per logged step, as \`ganvas train\` writes it. \`OUT/checkpoint/\` is a
ganvas checkpoint (\`OUT/checkpoint.ganvas-ckpt\` the same as one file):

\`\`\`sh
ganvas eval GRAPH.json --checkpoint OUT   # the lesson's figures in ganvas
\`\`\`

and the app's training dock opens \`checkpoint.ganvas-ckpt\` with "Load a checkpoint file".
`;
}
