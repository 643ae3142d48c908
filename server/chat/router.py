"""Routing a message by meaning: a small trained classifier over the query embedding and a
few features of the message, its facts and what retrieval found.

The kinds (issue 9, "Routing by meaning"): ``visit`` (registration, fee or compensation of one
visit: the rules), ``date_rule`` (Läkarmedverkan's end date, the follow-up dates), ``search``
(what the routines say), ``version`` (documents and versions), ``out_of_scope``. A reply to the
assistant's pending question is recognized before routing (server/chat/dialogue.py).

The model is multinomial logistic regression. Its weights are data (server/chat/data/router.json),
trained by ``python -m server.chat.train_router`` on the tuning part of the routing set and the
tuning parts of the other evaluation sets; the script prints the cross-validated accuracy of
each feature set it tried, and the one kept is the best (the README gives the figures).
Inference is a few lines of numpy.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

KINDS = ("visit", "date_rule", "search", "version", "out_of_scope")
WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "router.json"

REGISTRATION_WORDS = re.compile(
    r"registrer\w*|\bregga\w*|\breggar\b|\breggning\w*|\bregistera\w*|\breg\b|kontakttyp\w*|"
    r"vårdtjänst\w*|besökstyp\w*|besöksform\w*|besöksorsak\w*|avgiftstyp\w*|\bkod\w*|"
    r"\bregister\w*|\bcode\w*|\bdocument (?:it|this|the visit)|\bwhat do i (?:put|enter)|"
    # ("how do i log a home visit in cosmic": walk-through, stop 35, refused)
    r"\b(?:log|record|chart)\s+(?:a|the|this|that|my|it)\b(?=[^.?!]{0,30}\b(?:visit|cosmic|vas)\b)",
    re.I)
MONEY_WORDS = re.compile(r"\bavgift\w*|\bbetala\w*|\bkosta\w*|\bersättn\w*|\bersätt\w*|"
                         r"\b500(?:kr|sek|kronor)?\b|"
                         r"\b200\b|\bgratis\b|\bfee\w*|\bpay\w*|\bcharge\w*|\bcost\w*|\bfree\b|"
                         r"\bsek\b|\bkr\b", re.I)
# A statement of one visit made or planned: "gjorde hembesök igår", "saw a pt", "besök idag".
_VISIT_STATEMENT = re.compile(
    r"\b(?:jag|vi|I|we)\s+(?:gjorde|var|har varit|besökte|åkte|ringde|saw|did|visited|made|"
    r"called|had)\b|\bhembesök\w*\s+(?:idag|igår|i går|i dag|i \w+dags|den \d|\d)|"
    r"\b(?:besök|visit)\w*\s+(?:idag|igår|today|yesterday|on \d|den \d|\d)|"
    r"\b(?:did|had) a (?:home )?visit|\bhome visit (?:today|yesterday)|\bbesöket\b|"
    r"\bthe visit\b|\bthis visit\b|\bthat visit\b|\bmitt besök\b", re.I)
_GENERAL = re.compile(
    r"\bnär får\b|\bräknas\b|\bgäller det\b|\bvad är\b|\bvad betyder\b|\bvad innebär\b|"
    r"\bvilka (?:villkor|krav|kriterier)|\bvillkor\w*|\bgenerellt\b|\ballmänt\b|\bi regel\b|"
    r"\bwhat is\b|\bwhat's\b|\bwhat does\b|\bdoes .* count\b|\bin general\b|\bwhen do\b|"
    r"\bwho\b|\bvem\b|\bvarför\b|\bwhy\b|\bhur ofta\b|\bhow often\b|\bstatistik\w*|\bantal\b",
    re.I)
VERSION_WORDS = re.compile(
    r"\bgäller\b.*\b(?:fortfarande|nu|idag|i dag|längre)\b|\bgällande\b|\bgällde\b|\bversion\w*|"
    r"\bersatt\w*|\bersätter\b|\bändr\w*|\bnytt i\b|\bföregående\b|\btidigare\b|"
    # ("förra" of a period is when, not a version: "brytpunktssamtal förra månaden hemma hos
    # pat", walk-through, stop 43, got the HSU decision's date)
    r"\bförra\b(?!\s+(?:månad(?:en)?|veckan|vecka|året|år|helgen|gången|måndagen|tisdagen|"
    r"onsdagen|torsdagen|fredagen|lördagen|söndagen)\b)|"
    r"\bsen(?:an)? när\b|\bfrån när\b|\bnär (?:började|infördes|kom|bytte)\b|\bgammal\w* rutin\w*|"
    r"\bny(?:a)? rutin\w*|\bstill (?:valid|apply|in force)|\bin force\b|\bcurrent\b|\bvalid\b|"
    r"\breplac\w*|\bchang\w*|\bprevious\b|\bold (?:routine|version)|\bsince when\b|"
    r"\bwhen did\b|\bswitch\w*|\bbyte\w*|\bbytet\b|\bvilka (?:rutiner|dokument)\b|"
    r"\bwhich (?:routines|documents)\b|\bskillnad\w*|\bdifference\w*|\brh-\d+|"
    # ("är hsu beslutet i kraft": stop 23's re-check, got a quote of the decision's points)
    r"\b(?:beslut\w*|rutin\w*|dokument\w*|version\w*)\s+(?:\w+\s+)?i kraft\b", re.I)
SYSTEM_WORDS = re.compile(r"\bvas\b|\bcosmic\b|rh-12272", re.I)
LMV_WORDS = re.compile(r"läkarmedverkan|lakarmedverkan|\blmv\b", re.I)
_DISCHARGE = re.compile(r"skrevs ut|skrivs ut|utskriv\w*|utskriven|utskr\b|discharg\w*", re.I)
# ("första uppf": walk-through, stop 21, was refused)
FOLLOWUP_WORDS = re.compile(r"uppfölj\w*|uppfölning\w*|\buppf\b\.?|följ\w* upp|follow[- ]?up\w*",
                            re.I)
ENROL_WORDS = re.compile(r"anslö\w*|ansl[uö]t\w*|inskriv\w*|inskrev\w*|skrevs in|skrev in|"
                         r"enrol\w*|\bny patient", re.I)
UNTIL_WORDS = re.compile(r"till vilket datum|vilket datum|till när|senast|sista dag\w*|när ska|"
                         r"när måste|när behöver|hur länge|by when|until|which date|what date|"
                         r"last day|when is|due\b|\bdatum\b", re.I)

FEATURES = (
    "has_date", "has_age", "has_occasion", "has_setting", "has_remote", "has_lmv_fact",
    "n_facts", "registration_words", "money_words", "visit_statement", "general_words",
    "version_words", "system_named", "lmv_discharge", "followup_enrol", "until_when",
    "question_mark", "n_words", "support", "lexical", "english",
)


def message_features(text: str, stated: dict, best_hit, lang: str) -> np.ndarray:
    """The handcrafted features of a message (a personnummer already masked): which visit
    facts it states, which kinds of words it uses, and how well the best passage supports it
    (``best_hit``: a kb SearchHit or None)."""
    age = any(k in stated for k in ("patient_age", "birth_date", "birth_year"))
    facts = [("visit_date" in stated), age, ("occasion" in stated), ("setting" in stated),
             bool(stated.get("remote")), bool(stated.get("lakarmedverkan"))]
    values = [
        *[float(f) for f in facts],
        sum(facts) / 4.0,
        float(bool(REGISTRATION_WORDS.search(text))),
        float(bool(MONEY_WORDS.search(text))),
        float(bool(_VISIT_STATEMENT.search(text))),
        float(bool(_GENERAL.search(text))),
        float(bool(VERSION_WORDS.search(text))),
        float(bool(SYSTEM_WORDS.search(text))),
        float(bool(LMV_WORDS.search(text)) and bool(_DISCHARGE.search(text))),
        float(bool(FOLLOWUP_WORDS.search(text)) and bool(ENROL_WORDS.search(text))),
        float(bool(UNTIL_WORDS.search(text))),
        float("?" in text),
        math.log1p(len(text.split())) / 3.0,
        float(best_hit.support) if best_hit is not None else 0.0,
        float(best_hit.lexical_score) if best_hit is not None else 0.0,
        float(lang == "en"),
    ]
    return np.asarray(values, dtype=np.float32)


@dataclass(frozen=True)
class Route:
    """The chosen kind and the probability of each kind."""

    kind: str
    probabilities: dict[str, float]


class Router:
    """Logistic regression over [query embedding, features] (or features alone when the
    embedding model is not the one the weights were trained with)."""

    def __init__(self, weights: dict) -> None:
        self.kinds = tuple(weights["kinds"])
        #: The documents of the knowledge base the router was trained on (None: not recorded).
        self.documents = frozenset(weights["documents"]) if "documents" in weights else None
        self.models = {}
        for name, m in weights["models"].items():
            self.models[name] = (np.asarray(m["coef"], dtype=np.float32),
                                 np.asarray(m["intercept"], dtype=np.float32),
                                 m.get("embedding_model"))

    def classify(self, features: np.ndarray, vector: np.ndarray | None,
                 model_name: str) -> Route:
        """The most probable kind for a message with these features and query ``vector``."""
        coef, intercept, _ = self._model_for(model_name, vector)
        x = features if coef.shape[1] == len(features) else np.concatenate([vector, features])
        logits = coef @ x + intercept
        p = np.exp(logits - logits.max())
        p /= p.sum()
        probs = {k: float(v) for k, v in zip(self.kinds, p)}
        return Route(self.kinds[int(np.argmax(p))], probs)

    def _model_for(self, model_name: str, vector: np.ndarray | None):
        m = self.models.get("embedding+features")
        if m is not None and vector is not None and m[2] == model_name \
                and m[0].shape[1] == len(vector) + len(FEATURES):
            return m
        return self.models["features"]


@lru_cache(maxsize=4)
def load_router(path: Path = WEIGHTS_PATH) -> Router:
    """The router with the weights in ``path`` (read once)."""
    return Router(json.loads(Path(path).read_text(encoding="utf-8")))
