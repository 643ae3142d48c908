"""The chat measured end to end on the independent sets (server/chat/evaluation.py): floors a
little under the held-out figures in the README, so a change that loses ground fails."""

from __future__ import annotations

import pytest

from server.chat import evaluation as E


@pytest.fixture(scope="module")
def state(kb):
    from rules.tables import load_tables
    from server.state import AppState

    return AppState(settings=kb.settings, kb=kb,
                    rules=load_tables({d.id: d for d in kb.documents()}))


def test_held_out_routing_and_dialogues_keep_their_floors(state):
    messages, dialogues = E.load_routing()
    fig = E.run_routing(state, [m for m in messages if m["part"] == "held_out"],
                        [d for d in dialogues if d["part"] == "held_out"])["held_out"]
    assert fig.messages == 148 and fig.dialogues == 24
    assert fig.accuracy >= 0.93
    assert fig.card_violations == 0
    assert fig.facts_read["age"] >= 36 and fig.facts_read["date"] >= 46
    # (57 and 20 at stop 30; 60 and 22 at stop 47)
    assert fig.turns_passed >= 57 and fig.dialogues_passed >= 20


def test_held_out_answers_keep_their_floors(state):
    questions = [q for q in E.load_answer_questions() if q["part"] == "held_out"]
    fig = E.run_answers(state, questions)["held_out"]
    assert fig.right_share >= 0.77  # 0.790 at stop 24, 0.815 at stop 30
    assert fig.not_covered_refused >= 10
    assert fig.refused <= 5
    # retrieval of the answering passage (held-out 0.901 at stop 20): recall@5 floor
    assert fig.rank5 / fig.retrieval_n >= 0.87


@pytest.mark.parametrize("directory, answerable, not_covered, right, refused_not_covered", [
    # set C was written at stop 27 by helper sessions that had seen neither the code nor the
    # other sets; its held-out part measured 0.722 right (39/54), 4/8 not covered refused
    # (0.741 and 4/8 at stop 28, 0.759 and 5/8 at stop 29, 0.778 at stop 32)
    ("answers-c", 54, 8, 0.75, 3),
    # set D was written at stop 28 the same way; its held-out part measured 0.759 right
    # (44/58), 5/6 not covered refused, 1 answerable refused (0.776 at stop 29, 0.810 at
    # stop 31)
    ("answers-d", 58, 6, 0.76, 4),
    # set E was written at stop 29 the same way; its held-out part measured 0.746 right
    # (47/63) when first measured, 8/10 not covered refused, 1 answerable refused (0.778 at
    # stop 30, 0.794 at stop 31)
    ("answers-e", 63, 10, 0.75, 7)])
def test_held_out_answers_of_the_later_sets_keep_their_floors(state, directory, answerable,
                                                              not_covered, right,
                                                              refused_not_covered):
    questions = [q for q in E.load_answer_questions(E.EVAL_DIR / directory)
                 if q["part"] == "held_out"]
    fig = E.run_answers(state, questions)["held_out"]
    assert fig.answerable == answerable and fig.not_covered == not_covered
    assert fig.right_share >= right
    assert fig.not_covered_refused >= refused_not_covered
    assert fig.refused <= 3
