"""Composing answers: the source line of a search answer, plain text for a rules decision and
for a date rule.

A rules answer is written from the /api/v1/visit answer (``Decision.to_api()``), field by field,
and ends with one short question for the first missing fact. The extractive sentences of a search
answer are chosen in server/chat/sentences.py; the fixed texts live in server/chat/texts.py.
"""

from __future__ import annotations

from datetime import date

from server.chat.texts import t

def validity(meta, lang: str) -> str:
    """'gäller från 2025-03-31' (and 'till …' when the version ended) for a document."""
    vf = getattr(meta, "valid_from", None) if not isinstance(meta, dict) else meta.get("valid_from")
    vt = getattr(meta, "valid_to", None) if not isinstance(meta, dict) else meta.get("valid_to")
    kind = getattr(meta, "kind", None) if not isinstance(meta, dict) else meta.get("document_kind")
    if not vf:
        # a version with no start of its own that a newer one replaced ends all the same
        # (walk-through, stop 23: /documents said "ingen giltighetstid angiven" for the
        # replaced Västra Götaland routine while the admin page said it ended 2026-12-31)
        return t(lang, "valid_to_only", d=last_day(vt)) if vt else t(lang, "no_validity")
    if kind in ("report", "decision"):
        # a report or a decision is dated, not in force (walk-through, stop 19: "gäller från
        # 2022-02-16" for the 2022 report, while /documents says "Rapport 2022-02-16")
        return t(lang, "dated_" + kind, d=_iso(vf))
    text = t(lang, "valid_from", d=_iso(vf))
    if vt:
        text += " " + t(lang, "valid_to", d=last_day(vt))
    return text


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def last_day(valid_to) -> str:
    """The last day a version is in force, as users read it: the catalog's ``valid_to`` is the
    first day it no longer is (half-open interval), so the day before. "gäller … till
    2025-03-31" read as in force on the 31st, when the Cosmic routine already was (walk-through
    as a new user: the chat said 2025-03-30, the pages 2025-03-31)."""
    if isinstance(valid_to, str):
        try:
            valid_to = date.fromisoformat(valid_to)
        except ValueError:
            return valid_to
    return date.fromordinal(valid_to.toordinal() - 1).isoformat()


def source_line(meta, section: str, lang: str) -> str:
    """'Källa: <titel> (<organisation>, gäller från …), avsnitt ”…”.'"""
    # (a passage before the document's first heading has none: the title alone, never
    # "avsnitt ””" nor the title twice: walk-through, stop 30)
    return t(lang, "source" if section else "source_untitled", title=meta.title,
             org=meta.organization, validity=validity(meta, lang), section=section)


# --------------------------------------------------------------------------- rules answers

def reasons_in(answer: dict, lang: str) -> list[str]:
    """The reasons of a rules answer in the question's language: ``reasons_en`` for English
    (issue 10), ``reasons`` (Swedish) otherwise or when an answer has no English ones."""
    if lang == "en" and answer.get("reasons_en"):
        return list(answer["reasons_en"])
    return list(answer.get("reasons") or [])


def _alternative_text(item, lang: str) -> str:
    """One entry of ``fee_alternatives`` / ``alternatives`` / ``notices`` as a phrase."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if "when" in item and "amount_sek" in item:  # rules: {"when", "amount_sek", "category"}
            amount = f"{item['amount_sek']} kr" if lang == "sv" else f"SEK {item['amount_sek']}"
            when = item.get("when_en") or item["when"] if lang == "en" else item["when"]
            return f"{when}: {amount}"
        for key in ("text", "description", "label", "message", "condition"):
            if isinstance(item.get(key), str) and item[key]:
                extra = ""
                fee = item.get("patient_fee_sek")
                if key == "condition" and fee is not None:
                    extra = f": {fee} kr" if lang == "sv" else f": SEK {fee}"
                return item[key] + extra
        return ", ".join(f"{k}: {v}" for k, v in item.items() if not isinstance(v, (dict, list)))
    return str(item)


def fee_line(decision: dict, lang: str) -> str | None:
    """The card's line on what the patient pays ("Patientavgift: 0 kr."), or None when the
    decision says nothing of it."""
    fee = decision.get("patient_fee_sek")
    if fee is not None:
        return t(lang, "fee", fee=fee)
    if decision.get("fee_alternatives"):
        alts = "; ".join(_alternative_text(a, lang) for a in decision["fee_alternatives"])
        return t(lang, "fee_unknown", alts=alts)
    if decision.get("system") and decision.get("registration"):
        return t(lang, "fee_unknown_plain")
    return None


def compensation_line(decision: dict, lang: str) -> str | None:
    """The card's line on the clinic's extra compensation ("Extra ersättning: ja, 500 kr till
    vårdcentralen."), or None when the decision has no journal system to say it of."""
    if decision.get("eligible") is True:
        return t(lang, "comp_yes", sek=decision.get("compensation_sek"))
    if decision.get("eligible") is False:
        return t(lang, "comp_no")
    if decision.get("system"):
        return t(lang, "comp_unknown")
    return None


def rule_answer_text(decision: dict, *, lang: str, visit_date: date, date_assumed: bool,
                     meta=None, question: str | None = None) -> str:
    """The plain-text answer for a decision (the /api/v1/visit answer): system and registration
    fields, fee, compensation, reasons, notices, then the one question for a missing fact."""
    lines: list[str] = []
    if date_assumed:  # issue 9: an assumed visit date is said at the top of the answer
        lines.append(t(lang, "assumed_today_top", d=visit_date.isoformat()))
    routine = decision.get("routine") or {}
    system = decision.get("system")
    if system and not decision.get("registration") and not decision.get("alternatives"):
        # Nothing to register (e.g. a remote contact, which is never a targeted visit).
        title = routine.get("title") or (meta.title if meta else "")
        org = meta.organization if meta is not None else ""
        lines.append(t(lang, "rule_intro_plain", title=f"”{title}”" if lang == "sv" else f"“{title}”",
                       org=org, validity=validity(routine or meta, lang)))
    elif system:
        title = routine.get("title") or (meta.title if meta else "")
        org = meta.organization if meta is not None else ""
        lines.append(t(lang, "rule_intro", title=f"”{title}”" if lang == "sv" else f"“{title}”",
                       org=org, validity=validity(routine or meta, lang), system=system))
        for row in decision.get("registration") or []:
            lines.append(f"• {row.get('field')}: {row.get('value')}")
        either = " eller " if lang == "sv" else " or "
        for alt in decision.get("alternatives") or []:
            lines.append(f"• {alt.get('field')}: " + either.join(alt.get("values") or []))
    else:
        lines.append(t(lang, "rule_intro_nosystem", d=visit_date.isoformat()))
    lines.append(t(lang, "visit_day", d=visit_date.isoformat(),
                   assumed=t(lang, "assumed_today") if date_assumed else ""))
    fee = fee_line(decision, lang)
    if fee is not None:
        lines.append(fee)
    compensation = compensation_line(decision, lang)
    if compensation is not None:
        lines.append(compensation)
    reasons = reasons_in(decision, lang)
    if reasons:
        lines.append(t(lang, "reasons"))
        lines.extend(f"• {r}" for r in reasons)
    if question:
        lines.append(question)
    return "\n".join(lines)


def date_rule_text(name: str, result: dict, meta, lang: str) -> str:
    """The answer for a date rule: ``lakarmedverkan`` (``SupportAnswer.to_api()``) or
    ``followup`` (``FollowupAnswer.to_api()``), with the organization whose routine it is."""
    org = result.get("organization") or (meta.organization if meta is not None else "")
    if name == "lakarmedverkan":
        from datetime import date as _d
        days = (_d.fromisoformat(result["support_until"])
                - _d.fromisoformat(result["discharge_date"])).days
        title = meta.title if meta is not None else result.get("document_id", "")
        lines = [t(lang, "lmv_intro", title=f"”{title}”" if lang == "sv" else f"“{title}”", org=org),
                 t(lang, "lmv", until=result["support_until"], days=days,
                   d=result["discharge_date"])]
        reasons = reasons_in(result, lang)
        lines.extend(f"• {r}" for r in reasons[1:])  # the first reason is the sentence above
        return "\n".join(lines)
    later = result.get("next_by") or []
    if result.get("last_followup"):
        every = _months_between(result["last_followup"], later[0])
        lines = [t(lang, "fu_intro", org=org)]
        planned = result.get("planned_followup")
        if planned and "planned_in_time" in result:
            from datetime import date as _d

            month = _d.fromisoformat(planned).month
            when = (t(lang, "fu_in_month", month=t(lang, "month_names").split()[month - 1])
                    if result.get("followup_day_assumed") else planned)
            key = {True: "fu_planned_ok", False: "fu_planned_late",
                   None: "fu_planned_depends"}[result["planned_in_time"]]
            lines.append(t(lang, key, when=when, first=result["first_by"],
                           d=result["enrolled_on"]))
            if result["planned_in_time"] is not True:
                return "\n".join(lines)
        lines.append(t(lang, "fu_last", next=later[0], every=every, d=result["last_followup"],
                       later=", ".join(later[1:])))
        if result.get("followup_day_assumed"):
            lines.append(t(lang, "fu_month_only", d=result["last_followup"]))
        return "\n".join(lines)
    months_first = _months_between(result["enrolled_on"], result["first_by"])
    every = _months_between(result["first_by"], later[0]) if later else 6
    joiner = ", " if lang == "sv" else ", "
    lines = [t(lang, "fu_intro", org=org),
             t(lang, "fu", first=result["first_by"], months=months_first, d=result["enrolled_on"],
               every=every, later=joiner.join(later))]
    return "\n".join(lines)


def _months_between(a: str, b: str) -> int:
    da, db = date.fromisoformat(a), date.fromisoformat(b)
    return (db.year - da.year) * 12 + db.month - da.month
