"""Figures of the lesson views, computed on the PyTorch side the way `ganvas eval` computes them."""
import numpy as np


def min_cost_assignment(cost):
    """Minimum-cost perfect assignment of a square cost matrix (Kuhn–Munkres with potentials,
    O(n³)): assign[row] = column."""
    n = len(cost)
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    assign = [-1] * n
    for j in range(1, n + 1):
        if p[j] > 0:
            assign[p[j] - 1] = j - 1
    return assign


def best_mapping_accuracy(predicted, truth, k):
    """Accuracy after the best one-to-one mapping of predicted categories to true classes."""
    counts = np.zeros((k, k), dtype=np.int64)
    np.add.at(counts, (np.asarray(predicted), np.asarray(truth)), 1)
    mapping = min_cost_assignment((-counts).tolist())
    mapped = np.array(mapping)[np.asarray(predicted)]
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (np.asarray(truth), mapped), 1)
    return {
        "accuracy": float((mapped == np.asarray(truth)).mean()) if len(predicted) else 0.0,
        "categoriesUsed": int((counts.sum(1) > 0).sum()),
        "mapping": mapping,
        "confusion": confusion.tolist(),
    }
