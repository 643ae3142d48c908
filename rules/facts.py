"""The facts of one visit, checked and with the patient's age resolved on the visit date."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Literal, get_args

from rules.age import age_on
from rules.identity import birth_date_from_personnummer
from rutin.errors import InputError

Occasion = Literal["utskrivning", "inskrivning", "brytpunktssamtal", "annat"]
Setting = Literal["sabo", "ordinart_boende", "annat"]
Performer = Literal["lakare", "sjukskoterska", "annan"]

OCCASIONS: tuple[str, ...] = get_args(Occasion)
SETTINGS: tuple[str, ...] = get_args(Setting)
PERFORMERS: tuple[str, ...] = get_args(Performer)

MAX_AGE = 130

# The facts' names as a Swedish reader knows them, for reasons that name a missing fact.
FACT_NAMES_SV: dict[str, str] = {
    "visit_date": "besöksdag", "patient_age": "ålder", "birth_date": "födelsedatum",
    "occasion": "anledning", "setting": "boende",
    "municipal_home_care": "inskriven i kommunal hemsjukvård", "remote": "på distans",
    "lakarmedverkan": "inom Läkarmedverkan", "performed_by": "besöket gjordes av",
}
# ... and in English, for the same reasons in English (issue 10).
FACT_NAMES_EN: dict[str, str] = {
    "visit_date": "visit date", "patient_age": "age", "birth_date": "date of birth",
    "occasion": "occasion", "setting": "housing",
    "municipal_home_care": "enrolled in municipal home health care", "remote": "remote",
    "lakarmedverkan": "within Läkarmedverkan", "performed_by": "visit made by",
}


@dataclass(frozen=True)
class VisitFacts:
    """What is known of a visit. ``None`` is unknown, never false.

    ``patient_age`` is the resolved age in whole years on the visit date (from whichever of
    age, birth date or personnummer was given); the personnummer itself is never kept.
    """

    patient_age: int | None = None
    occasion: str | None = None
    setting: str | None = None
    municipal_home_care: bool | None = None
    remote: bool | None = False
    lakarmedverkan: bool | None = False
    performed_by: str | None = "lakare"
    age_source: str | None = None  # patient_age | birth_date | personnummer

    def get(self, name: str):
        """The fact ``name`` (``None`` when unknown)."""
        return getattr(self, name)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The names of the facts a rule may test."""
        return tuple(f.name for f in fields(cls) if f.name != "age_source")


def _check_choice(field: str, value, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise InputError(field, f"{field} har ett okänt värde; tillåtna värden är "
                                + ", ".join(f"'{c}'" for c in choices) + ".")


def resolve_facts(
    visit_date: date,
    *,
    patient_age: int | None = None,
    birth_date: date | None = None,
    personnummer: str | None = None,
    occasion: str | None = None,
    setting: str | None = None,
    municipal_home_care: bool | None = None,
    remote: bool | None = False,
    lakarmedverkan: bool | None = False,
    performed_by: str | None = "lakare",
) -> VisitFacts:
    """Check the raw facts of a visit and resolve the age on ``visit_date``.

    Raises ``InputError`` naming the field when a value is not accepted (an unknown occasion,
    an age outside 0..130, a birth date after the visit, a bad personnummer) or when facts
    disagree (age vs. birth date vs. personnummer; a SäBo resident not in municipal care).
    A message never contains the personnummer.
    """
    _check_choice("occasion", occasion, OCCASIONS)
    _check_choice("setting", setting, SETTINGS)
    _check_choice("performed_by", performed_by, PERFORMERS)
    if patient_age is not None and (isinstance(patient_age, bool) or not isinstance(patient_age, int)
                                    or not 0 <= patient_age <= MAX_AGE):
        raise InputError("patient_age", f"patient_age ska vara ett heltal från 0 till {MAX_AGE}.")

    ages: list[tuple[str, int]] = []
    if patient_age is not None:
        ages.append(("patient_age", patient_age))
    if birth_date is not None:
        ages.append(("birth_date", _age_from_birth("birth_date", birth_date, visit_date)))
    if personnummer is not None:
        born = birth_date_from_personnummer(personnummer, reference=visit_date)
        if birth_date is not None and born != birth_date:
            raise InputError("personnummer", "Personnumret och birth_date anger olika "
                                             "födelsedatum; ange bara ett av dem eller rätta det.")
        ages.append(("personnummer", _age_from_birth("personnummer", born, visit_date)))
    if len({a for _, a in ages}) > 1:
        names = " och ".join(n for n, _ in ages)
        raise InputError(ages[-1][0], f"Åldern stämmer inte: {names} ger olika ålder på "
                                      f"besöksdagen {visit_date.isoformat()}; ange bara ett av "
                                      "dem eller rätta uppgiften.")

    if setting == "sabo" and municipal_home_care is False:
        # "Personer som bor på ... ansluts till hemsjukvården vid inflyttning"; the API contract:
        # "a SäBo resident always is" enrolled in municipal health care.
        raise InputError("municipal_home_care", "municipal_home_care kan inte vara false när "
                                                "setting är 'sabo': den som bor på SäBo är alltid "
                                                "inskriven i kommunal hemsjukvård.")
    if setting == "sabo" and municipal_home_care is None:
        municipal_home_care = True

    return VisitFacts(
        patient_age=ages[0][1] if ages else None,
        occasion=occasion,
        setting=setting,
        municipal_home_care=municipal_home_care,
        remote=remote,
        lakarmedverkan=lakarmedverkan,
        performed_by=performed_by,
        age_source=ages[0][0] if ages else None,
    )


def _age_from_birth(field: str, born: date, visit_date: date) -> int:
    age = age_on(born, visit_date)
    if age < 0:
        raise InputError(field, f"{field} ger ett födelsedatum efter besöksdagen "
                                f"{visit_date.isoformat()}; födelsedatumet måste vara samma dag "
                                "eller tidigare.")
    if age > MAX_AGE:
        raise InputError(field, f"{field} ger en ålder över {MAX_AGE} år på besöksdagen; "
                                f"åldern ska vara 0 till {MAX_AGE} år.")
    return age
