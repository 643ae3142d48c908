"""A person checking the answer just given: "rätt?", "stämmer det att vc får 500 kr?", "so she
pays nothing, right?".

After a registration answer (the rules' card) the check is answered from the same decision,
computed again from the conversation's facts: yes or no for each thing the claim states that
the card decides (the patient's fee, the extra compensation, the journal system, the
vårdtjänst), and the card again with its reasons and sources. A claim the card does not decide
is no check (the message is read as any other). Walk-throughs, stop 32: "rätt?" after a card
was refused as not covered, and "stämmer det att patienten betalar 200 kr?" about an 87-year-
old got the 500 kr's conditions quoted, with no word of the fee.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words a check may open with or close on ("ok så det stämmer?", "rätt då?").
_LEAD = r"(?:(?:och|så|men|ok|okej|okay|alltså|jaha|aha|ah|so|and|but)\W+)*"
_TAIL = r"(?:\s+(?:då|alltså|va|nu|så|eller|then|now))?"
#: A check of the whole answer, with nothing claimed: "rätt?", "stämmer det?", "is that right?".
_ALONE = re.compile(
    r"^\W*" + _LEAD +
    r"(?:(?:(?:är|e) (?:det|de|detta) |(?:det|de) är )?(?:rätt|riktigt|korrekt|säkert|sant)|"
    r"st[äa]mmer (?:det|de|detta|det här)(?: verkligen)?|(?:det|de) st[äa]mmer|(?:är du|e du) säker|verkligen|"
    r"(?:is (?:that|this|it) |that's |thats |that is )?(?:right|correct|true)|"
    r"are you sure|you sure|sure|really)" + _TAIL + r"\W*$", re.I)
#: A claim put for checking, the claim first or last: "stämmer det att X", "X, rätt?".
_CLAIM_FIRST = re.compile(
    r"^\W*" + _LEAD +
    r"(?:st[äa]mmer (?:det|de) (?:verkligen )?att|(?:(?:är|e) (?:det|de) )?(?:rätt|korrekt|"
    r"sant|riktigt|säkert) att|har jag (?:förstått )?rätt (?:i )?att|"
    r"is it (?:true|right|correct) that|am i right (?:that|in thinking that)|so|så)\s+"
    r"(?P<claim>.+?)\W*$", re.I)
_CLAIM_LAST = re.compile(
    r"^\W*" + _LEAD + r"(?P<claim>.+?)[,\s]+(?:eller hur|rätt|stämmer (?:det|de)|korrekt|"
    r"right|correct|is that right|isn't it|is it|har jag rätt|am i right)\W*$", re.I)
#: A question, not a claim ("så hur registrerar jag?").
_QUESTION_WORD = re.compile(r"\b(?:hur|vad|vilk\w*|när|var|vem|varför|how|what|which|when|"
                            r"where|who|why)\b", re.I)

_KRONOR = re.compile(r"(?<![\d,.])(\d{1,5})\s*(?::-|kr\b|kronor|sek\b|crowns)", re.I)
# (never the digit of a code: "avgiftstyp H3" was read as 3 kr and answered "Nej: patienten
# betalar 0 kr, inte 3 kr" under a VAS card stating H3: walk-through, stop 43)
_BARE = re.compile(r"(?<![\w,./-])(\d{1,5})(?![\w,./-])(?!\s*(?:år|åring|years?|y/?o|yrs?)\b)",
                   re.I)
#: A registration field and the value claimed for it ("avgiftstyp ska vara H3", "kund ska va
#: primärvård i vas", "besöksorsak: samtal").
_FIELD_CLAIM = re.compile(
    r"\b(?P<field>avgiftstyp|kund|besökstyp|besöksform|besöksorsak|kontakttyp|vårdtjänst|"
    r"patientavgift)(?:en)?\b\s*(?:(?:ska|skall|bör)\s+(?:va|vara)|är|blir|=|:)?\s*"
    r"(?P<value>[^\W\d_][\wåäöÅÄÖ]*(?:\s*\|\s*\w+)*|[A-ZÅÄÖ]\d)", re.I)
#: Words before an age ("hon är 87"): the number after them is no amount.
_AGE_BEFORE = re.compile(r"\b(?:är|e|var|is|was|aged|age|ålder)\s*$", re.I)
_COMPENSATION = re.compile(r"\bvc\b|vårdcentral\w*|ersättning\w*|\bextra\b|\bbonus\b|"
                           r"\bclinic\b|compensat\w*|\bpaid extra\b|\b500\b|"
                           r"\bfår (?:vi|jag|läkaren|mottagningen)\b", re.I)
_FEE = re.compile(r"betala\w*|avgift\w*|\bkostar\b|gratis|avgiftsfri\w*|kostnadsfri\w*|"
                  r"\bfree\b|\bpays?\b|\bfee\w*|\bcharge\w*|\bpatient\w*\b|\bpat\b|\bhon\b|"
                  r"\bhan\b|\bhen\b|\bshe\b|\bhe\b", re.I)
_FREE = re.compile(r"gratis|avgiftsfri\w*|kostnadsfri\w*|\bfree\b|betala\w* (?:inget|inte|"
                   r"ingenting|ej)\b|\b(?:inte|ej|aldrig) betala\w*|(?:pays?|paying) nothing|\b(?:doesn't|does not|don't) pay\b|"
                   r"\binget att betala\b", re.I)
_NOT = re.compile(r"\b(?:inte|ingen|inga|inget|ej|aldrig|not|no|never|isn't|doesn't|won't|"
                  r"don't)\b", re.I)
_SYSTEM = re.compile(r"\b(vas|cosmic)\b", re.I)
#: Either way asked: "… eller inte", "… eller ej", "… or not".
_EITHER_WAY = re.compile(r"\b(?:eller|el|or)\s+(?:inte|ej|not)\b", re.I)
_SERVICE = re.compile(r"\b(inskrivningssamtal|brytpunktssamtal)\w*", re.I)


@dataclass
class Claim:
    """What a check states; None for each thing it does not state."""

    fee: int | None = None  # the patient's fee it states, in kronor
    paid: bool | None = None  # whether the clinic gets the extra compensation
    amount: int | None = None  # the compensation's amount it states
    system: str | None = None  # the journal system it states
    service: str | None = None  # the vårdtjänst's occasion word it states
    field: str | None = None  # a registration field it names ("Avgiftstyp")
    value: str | None = None  # the value it states for that field ("H3")

    def empty(self) -> bool:
        return all(v is None for v in (self.fee, self.paid, self.system, self.service,
                                       self.field))


def check_asked(text: str) -> Claim | None:
    """The claim a message puts for checking: an empty Claim for "rätt?" alone, the claim's
    parts for "stämmer det att …", None for a message that checks nothing the card decides."""
    if _ALONE.match(text):
        return Claim()
    m = _CLAIM_FIRST.match(text) or _CLAIM_LAST.match(text)
    if m is None:
        return None
    said = m.group("claim")
    if _QUESTION_WORD.search(said.replace("var det", "")):
        return None
    claim = _read_claim(said)
    return None if claim.empty() else claim


def _read_claim(said: str) -> Claim:
    claim = Claim()
    # kronor where the claim writes them, else a bare number that is no age and no year
    amounts = [int(a) for a in _KRONOR.findall(said)] or [
        int(m.group(1)) for m in _BARE.finditer(said) if not 1900 <= int(m.group(1)) <= 2100
        and not _AGE_BEFORE.search(said[:m.start()])]
    # ("så blir det 500 kr då eller inte" asks yes or no, and was answered "Nej: besöket ger
    # vårdcentralen 500 kr": walk-through, stop 46)
    negated = bool(_NOT.search(_EITHER_WAY.sub(" ", said)))
    compensation = bool(_COMPENSATION.search(said))
    fee = bool(_FEE.search(said)) and not re.search(r"\bvc\b|vårdcentral\w*|\bclinic\b", said,
                                                    re.I)
    if fee and _FREE.search(said):
        claim.fee = 0
    elif fee and amounts and (not compensation or any(a != 500 for a in amounts)):
        claim.fee = next((a for a in amounts if a != 500), amounts[0])
    if compensation and claim.fee is None:
        claim.paid = not negated
        claim.amount = 500 if "500" in said else next(iter(amounts), None) if claim.paid \
            else None
    system = _SYSTEM.search(said)
    if system:
        claim.system = "Cosmic" if system.group(1).lower() == "cosmic" else "VAS"
    service = _SERVICE.search(said)
    if service:
        claim.service = service.group(1).lower()
    field = _FIELD_CLAIM.search(said)
    if field:
        claim.field = field.group("field").capitalize()
        value = field.group("value").strip()
        claim.value = None if value.lower() in ("i", "in", "på", "för", "och") else value
    return claim


def verdict(claim: Claim, decision: dict, lang: str, tail: bool = True) -> str | None:
    """The check's answer, first on the card: "Ja, det stämmer: …", "Nej: …", or that the card
    cannot decide it yet. None when the decision has nothing to check against."""
    en = lang == "en"
    if not decision or (decision.get("system") is None and decision.get("eligible") is None
                        and not decision.get("missing")):
        return None
    right, wrong, open_ = [], [], []
    fee = decision.get("patient_fee_sek")
    eligible, amount = decision.get("eligible"), decision.get("compensation_sek")
    if claim.empty():
        # the whole card: said again in one line, yes when nothing waits for a fact
        if decision.get("missing"):
            return ("Not fully yet: the answer still depends on a fact that is missing (the "
                    "question below)." if en else
                    "Inte helt ännu: svaret beror fortfarande på en uppgift som saknas (frågan "
                    "nedan).")
        parts = []
        if fee is not None:
            parts.append(f"the patient pays SEK {fee}" if en else f"patienten betalar {fee} kr")
        if eligible is True:
            parts.append(f"the clinic gets SEK {amount} extra" if en
                         else f"vårdcentralen får {amount} kr i extra ersättning")
        elif eligible is False:
            parts.append("no extra compensation" if en else "ingen extra ersättning")
        said = ", ".join(parts)
        return (f"Yes – the answer follows the routine's rules for this visit{': ' if said else ''}"
                f"{said}. The reasons and the passages they rest on are below." if en else
                f"Ja – svaret följer rutinens regler för det här besöket{': ' if said else ''}"
                f"{said}. Skälen och citaten de bygger på står nedan.")
    unsaid = []
    if claim.fee is not None:
        if fee is None and not decision.get("fee_alternatives"):
            # (a remote contact: the routine prescribes no fee at all; walk-through, stop 33,
            # "it depends on the age" was said of an 86-year-old's video call)
            unsaid.append("the routine states no patient fee for this contact" if en
                          else "rutinen anger ingen patientavgift för den här kontakten")
        elif fee is None:
            open_.append("what the patient pays (it depends on the patient's age)" if en
                         else "vad patienten betalar (det beror på patientens ålder)")
        elif fee == claim.fee:
            right.append(f"the patient pays SEK {fee}" if en else f"patienten betalar {fee} kr")
        else:
            wrong.append(f"the patient pays SEK {fee}, not SEK {claim.fee}" if en
                         else f"patienten betalar {fee} kr, inte {claim.fee} kr")
    if claim.paid is not None:
        if eligible is None:
            open_.append("the extra compensation (a fact that decides it is missing)" if en
                         else "den extra ersättningen (en uppgift som avgör den saknas)")
        elif eligible and claim.paid and claim.amount not in (None, amount):
            wrong.append(f"the clinic gets SEK {amount}, not SEK {claim.amount}" if en
                         else f"vårdcentralen får {amount} kr, inte {claim.amount} kr")
        elif eligible == claim.paid:
            right.append((f"the clinic gets SEK {amount} extra for the visit" if en
                          else f"vårdcentralen får {amount} kr i extra ersättning för besöket")
                         if eligible else ("the visit gives no extra compensation" if en
                                           else "besöket ger ingen extra ersättning"))
        else:
            wrong.append((f"the visit does give the clinic SEK {amount} extra" if en
                          else f"besöket ger vårdcentralen {amount} kr i extra ersättning")
                         if eligible else ("the visit gives no extra compensation" if en
                                           else "besöket ger ingen extra ersättning"))
    system = decision.get("system")
    if claim.system is not None and system:
        if system.lower() == claim.system.lower():
            right.append(f"it is registered in {system}" if en else f"det registreras i {system}")
        else:
            wrong.append(f"it is registered in {system}, not {claim.system}" if en
                         else f"det registreras i {system}, inte i {claim.system}")
    if claim.service is not None:
        values = [r.get("value", "") for r in decision.get("registration") or []]
        services = [v for v in values if re.search(r"inskrivningssamtal|brytpunktssamtal", v)]
        if services:
            if any(claim.service in v.lower() for v in services):
                right.append(f"vårdtjänst {services[0]}")
            else:
                wrong.append(("the vårdtjänst is " if en else "vårdtjänsten är ")
                             + f"{services[0]}" + (", not " if en else ", inte ") + claim.service)
        elif decision.get("eligible") is False:
            wrong.append("the routine prescribes no riktad vårdtjänst for this visit" if en else
                         "rutinen anger ingen riktad vårdtjänst för det här besöket")
    registration = decision.get("registration") or []
    if claim.field is not None and system and not registration:
        # (a visit the routine prescribes no registration for, within Läkarmedverkan: no field
        # to check, never "Cosmic har inget fält Kund (fälten är )": walk-through, stop 43)
        unsaid.append("the routine prescribes no registration for this visit" if en
                      else "rutinen anger ingen registrering för det här besöket")
    elif claim.field is not None and system:
        # a field of the card and its value ("stämmer det att avgiftstyp H3 gäller då?" under
        # a VAS card stating it; "stämmer det att kund ska va primärvård i vas?", a field only
        # Cosmic has, was told "Ja, det stämmer: det registreras i VAS": walk-through, stop 43)
        rows = [r for r in registration
                if str(r.get("field", "")).lower() == claim.field.lower()]
        if rows and claim.field == "Vårdtjänst" and claim.service:
            pass  # (the vårdtjänst's occasion, checked above)
        elif not rows:
            fields = ", ".join(str(r.get("field")) for r in registration)
            wrong.append(f"{system} has no field {claim.field} (its fields: {fields})" if en
                         else f"{system} har inget fält {claim.field} (fälten är {fields})")
        elif claim.value is None:
            right.append(f"{claim.field}: {rows[0].get('value')}")
        elif any(claim.value.lower() in str(r.get("value", "")).lower() for r in rows):
            right.append(f"{claim.field}: {rows[0].get('value')}")
        else:
            wrong.append(f"{claim.field} is {rows[0].get('value')}, not {claim.value}" if en
                         else f"{claim.field} är {rows[0].get('value')}, inte {claim.value}")
    if not (right or wrong or open_ or unsaid):
        return None
    if wrong:
        lead = "No" if en else "Nej"
        text = "; ".join(wrong + right)
    elif open_:
        lead = "That cannot be decided yet" if en else "Det går inte att avgöra ännu"
        text = "; ".join(open_ + unsaid + right)
    elif unsaid:
        lead = "The routine does not say so" if en else "Det säger rutinen inte"
        text = "; ".join(unsaid + right)
    else:
        lead = "Yes, that is right" if en else "Ja, det stämmer"
        text = "; ".join(right)
    said = (" The reasons and their sources are below." if en
            else " Skälen och källorna står nedan.") if tail else ""
    return f"{lead}: {text}.{said}"


#: The age of patients a general claim is about: "85-åringar", "över 85", "85 och äldre",
#: "patients over 85".
_GROUP_AGE = re.compile(r"\b(\d{2,3})\s*-?\s*åring\w*|\b(?:över|older than|over|above)\s+"
                        r"(\d{2,3})\b|\b(\d{2,3})\s*(?:år\s+)?(?:och äldre|or older|and older|\+)",
                        re.I)


def group_age(text: str) -> int | None:
    """The age a claim about a group of patients names ("över 85" is 86), or None."""
    m = _GROUP_AGE.search(text)
    if m is None:
        return None
    if m.group(2):
        return int(m.group(2)) + 1
    return int(m.group(1) or m.group(3))
