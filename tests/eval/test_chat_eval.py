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
    assert fig.turns_passed >= 53 and fig.dialogues_passed >= 17  # 56 and 19 at stop 25


def test_held_out_answers_keep_their_floors(state):
    questions = [q for q in E.load_answer_questions() if q["part"] == "held_out"]
    fig = E.run_answers(state, questions)["held_out"]
    assert fig.right_share >= 0.75  # 0.790 at stop 24
    assert fig.not_covered_refused >= 10
    assert fig.refused <= 5
    # retrieval of the answering passage (held-out 0.901 at stop 20): recall@5 floor
    assert fig.rank5 / fig.retrieval_n >= 0.87


def test_held_out_answers_of_set_c_keep_their_floors(state):
    # set C was written at stop 27 by helper sessions that had seen neither the code nor the
    # other sets; its held-out part measured 0.722 right (39/54), 4/8 not covered refused
    questions = [q for q in E.load_answer_questions(E.EVAL_DIR / "answers-c")
                 if q["part"] == "held_out"]
    fig = E.run_answers(state, questions)["held_out"]
    assert fig.answerable == 54 and fig.not_covered == 8
    assert fig.right_share >= 0.68
    assert fig.not_covered_refused >= 3
    assert fig.refused <= 3


def test_held_out_answers_of_set_d_keep_their_floors(state):
    # set D was written at stop 28 like set C; its held-out part measured 0.759 right (44/58),
    # 5/6 not covered refused, 1 answerable refused
    questions = [q for q in E.load_answer_questions(E.EVAL_DIR / "answers-d")
                 if q["part"] == "held_out"]
    fig = E.run_answers(state, questions)["held_out"]
    assert fig.answerable == 58 and fig.not_covered == 6
    assert fig.right_share >= 0.72
    assert fig.not_covered_refused >= 4
    assert fig.refused <= 3
