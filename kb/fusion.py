"""Reciprocal-rank fusion of the dense and the lexical ranking.

score(p) = w / (k + rank_dense(p)) + (1 - w) / (k + rank_lexical(p)), ranks from 1, a missing
rank contributing 0; divided by 1 / (k + 1) so that a passage ranked first by both scores 1.0.
``w`` is ``RUTIN_FUSION_DENSE_WEIGHT``; ``k`` (RRF_K) and the default weight were tuned on
``tests/eval/questions.toml`` (``rutin eval --tune``).
"""

from __future__ import annotations

from collections.abc import Sequence

#: The RRF constant, tuned on the evaluation set (k 20..60 scored alike; 1..10 worse).
RRF_K = 30


def reciprocal_rank_fusion(dense: Sequence[int], lexical: Sequence[int], dense_weight: float,
                           k: int = RRF_K) -> list[tuple[int, float]]:
    """Fuse two rankings of passage positions (best first) into ``[(position, score)]``,
    best first, score in (0, 1]. Ties keep the dense order, then the lexical order."""
    if not 0.0 <= dense_weight <= 1.0:
        raise ValueError(f"dense_weight must be in [0, 1], got {dense_weight}")
    scores: dict[int, float] = {}
    order: dict[int, int] = {}
    for weight, ranking in ((dense_weight, dense), (1.0 - dense_weight, lexical)):
        for rank, pos in enumerate(ranking, start=1):
            scores[pos] = scores.get(pos, 0.0) + weight / (k + rank)
            order.setdefault(pos, len(order))
    top = 1.0 / (k + 1)
    fused = sorted(scores.items(), key=lambda item: (-item[1], order[item[0]]))
    return [(pos, min(1.0, s / top)) for pos, s in fused]
