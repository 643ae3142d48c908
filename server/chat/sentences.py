"""Sentences of a passage for an extractive answer: split, score against the question, pick
the ones that answer it, and mark them for highlighting.

No generative model: a search answer is the sentence(s) of the best passage that share the most
words with the question (issue: "extractive: the sentence(s) of the best passage that answer the
question, highlighted, then the passage and its source").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kb.support import idf
from kb.lexicon import UNEXPANDED_PARTICLE, is_particle_verb
from kb.units import Span, split_sentences  # noqa: F401 - the chat's units are kb's

_BULLET = re.compile(r"^[•·\-\u2013*]\s*")


#: Weight of a lexicon equivalent ("physician" -> "läkare") against a word the user wrote, as
#: the lexical index weighs its expansions (kb/lexical.py EXPANSION_WEIGHT, a little lower here:
#: inside one passage a synonym should not outvote the user's own word).
EXPANSION_WEIGHT = 0.5
#: Weight of a word of the passage's title or heading: every sentence of the passage is about it
#: ("hemsjukvård" under "Uppföljning av hemsjukvård"), so it tells the sentences apart poorly.
GENERIC_WEIGHT = 0.3
#: Added to a sentence holding what a "hur ofta / hur länge / när / hur mycket / hur många"
#: question asks for (an interval, a duration, a date or deadline, an amount, a count).
CUE_BONUS = 1.5

_NUMBER = (r"(?:\d+(?:[,.]\d+)?|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|"
           r"fjorton|tjugo|trettio|första|andra|tredje|fjärde|sjätte|one|two|three|four|six|"
           r"twelve|fourteen|first|second|third|sixth)")
_UNIT = r"(?:dag|dagar|dygn|vecka|veckor|månad|månader|år|timm\w*|minut\w*|day|days|week|weeks|month|months|year|years|hours?|minutes?)"
#: Question cue -> (pattern in the question, pattern a sentence answering it holds).
# A purpose asked ("vad är syftet med …", "varför infördes …", "what is the purpose of …",
# "what is X for?", ending on its "for": "What is the fee code in VAS for these visits?" asks
# no purpose: walk-through, stop 25, refused), and a passage stating one.
PURPOSE_ASKED = re.compile(r"\bsyfte\w*|\bvarför infördes\b|\bpurpose\b|"
                           r"\bwhat is\b[^?.]*\bfor\s*\??\s*$|"
                           r"\bwhy was .* introduced\b|"
                           # what a routine is for, asked in everyday words ("Varför har vi en
                           # särskild rutin för in- och utskrivning …? Vad ska den åstadkomma?":
                           # answer set C, tuning part, got Läkarmedverkan's target group)
                           r"\bvarför (?:har vi|finns|behövs)\b[^?.]{0,40}\b(?:rutin|dokument)\w*|"
                           r"\båstadkomm\w*|\bvad ska (?:den|det|rutinen|dokumentet)\s+"
                           r"(?:leda till|uppnå)\b|\b(?:aim|goal) of\b|"
                           r"\bwhy (?:do we have|is there|does)\b[^?.]{0,40}\b(?:routine|document)|"
                           # what a payment is for ("vad är 500 kr-ersättningen till för
                           # egentligen", "varför får vc 500 kr": walk-through, stop 30, got
                           # its conditions, not "… har till syfte att öka äldres hälsa …")
                           r"\bvad är\b[^?.]{1,40}\btill för\b|"
                           r"\bvarför (?:får|betalas|ges|utgår|finns)\b[^?.]{0,40}"
                           r"\b(?:ersättning\w*|\d+\s*(?:kr|kronor)|extraersättning\w*)|"
                           r"\bwhy (?:do|does|is|are)\b[^?.]{0,40}\b(?:compensation|"
                           r"\d+\s*(?:kr|sek))\b",
                           re.I)
PURPOSE_SAID = re.compile(r"\bsyfte\w*|\bi syfte att\b|\bsyftar\b", re.I)
#: A section stating a purpose under its heading ("Syfte": "Rutinen ska leda till …").
PURPOSE_HEADING = re.compile(r"^\s*syfte\b|^\s*purpose\b", re.I)
#: Who decides, guessed in a yes/no question: "är det regionen som beslutar …", "is it the
#: physician who decides …" (the one guessed: ``named``, ``named_en``).
GUESSED_DECIDER = re.compile(
    # (doubting, and a place with it: "är det inte läkaren på vårdcentralen som bestämmer det?"
    # after who decides on enrolment got "Kväll och natt": walk-through RE8954, stop 52)
    r"\b(?:är|e|var) (?:det|de) (?:(?:inte|väl|ju) )?(?P<named>(?:\w+ ){0,3}?\w+) som "
    r"(?:beslutar|bestämmer|avgör|fattar|tar beslut\w*)\b|"
    r"\b(?:is|was)(?:n't| not)? it (?:not )?(?P<named_en>(?:\w+ ){0,3}?\w+) (?:that|who) "
    r"(?:decides?|makes the decision)\b|"
    # (a belief told: "jag trodde regionen beslutar om inskrivning i hemsjukvården?" got the
    # municipality's criteria: walk-through RE8966, stop 54)
    r"\b(?:trodde|tror|tänkte|thought|believed?)\s+(?:att\s+|that\s+)?(?:det\s+var\s+)?"
    r"(?P<named_b>(?:\w+ ){0,2}?\w+)\s+(?:som\s+)?(?:beslutar|bestämmer|avgör|decides?)\b",
    re.I)
#: A time of day a question names: "kl 22.15", "kl. 21", "21:45", "21.45" (not a date's
#: "15.11.2026").
_CLOCK = re.compile(r"\bkl\.?\s*(\d{1,2})(?:[.:](\d{2}))?\b(?![.:/]\d)|"
                    r"(?<![\d.:/])\b(\d{1,2})[.:](\d{2})\b(?![.:/-]\d)(?!\s*[–-]\s*\d)", re.I)
CUES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "frequency": (re.compile(r"\bhur ofta\b|\bhow often\b|\bhur många gånger\b", re.I),
                  re.compile(rf"\b(?:var|varje|per|minst|årligen|every|per|once)\b\s*(?:{_NUMBER}\s+)?"
                             rf"{_UNIT}\b|\bgång(?:er)? per\b|\bårligen\b", re.I)),
    "duration": (re.compile(r"\bhur länge\b|\bhow long\b|\bhur lång tid\b", re.I),
                 re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b", re.I)),
    "when": (re.compile(r"^\s*(?:när|when)\b|\bsenast när\b|\bvilket datum\b|\bwhat date\b|"
                        # a follow-up named alone asks its time ("first follow up after
                        # enrolment in that kommun?" got the information plan's sentence:
                        # walk-through, stop 46)
                        r"^\W*(?:(?:and|och|the|so)\s+)?(?:first|första|next|nästa)\s+"
                        r"(?:follow[- ]?up|uppföljning\w*|uppf)\b(?![^?]*\b(?:vem|who|hur|how|"
                        r"vad|what|var|where)\b)", re.I),
             re.compile(rf"\b{_NUMBER}\s+{_UNIT}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\bsenast\b|"
                        r"\binom\b|\bi samband med\b", re.I)),
    # (not time: "hur mkt tid ska jag avsätta för säbo-uppdraget per vecka" got "Ökad ersättning
    # med 50 procent …", not "Ingen tid finns längre omnämnd – den tid som behövs ska avsättas":
    # walk-throughs, stop 42)
    "amount": (re.compile(r"\bhur (?:mycket|mkt)\b(?!\s+(?:tid|time)\b)|\bvad kostar\b|"
                          r"\bhow much\b(?!\s+time\b)|\bbelopp\b|"
                          # the size of a change ("hur stor ökning var det jmf med 2020" after
                          # Läkarmedverkan's visits, "… en ökning med 45 procent …" in the
                          # section: walk-through RE8949, stop 51, refused)
                          r"\bhur stor (?:ökning|minskning|förändring|höjning|sänkning)\b|"
                          r"\bhow (?:big|large) (?:an? )?(?:increase|decrease|rise|drop|change)\b",
                          re.I),
               # (in millions too: "motsvarande 28,5 miljoner kronor")
               re.compile(r"\d+(?:[,.]\d+)?\s*(?:(?:miljoner|miljarder|tusen)\s+)?"
                          r"(?:kr|kronor|sek|%|procent)\b|\d+(?:[,.]\d+)?\s*(?:mkr|tkr|msek)\b",
                          re.I)),
    "count": (re.compile(r"\bhur många\b|\bhow many\b|\bantal\w*\b|\bnumber of\b", re.I),
              re.compile(r"\b\d+\b")),
    # who decides: the sentence naming the one who decides ("Beslut angående anslutning till
    # hemsjukvården tas av hemsjukvårdens planeringsfunktion"; answer set, tuning part: "vem
    # beslutar om anslutning hsv" quoted the follow-up's "datum … beslutas")
    # ("vem bestämer", one m: walk-through, stop 40, got the sentence on informing the patient)
    "decider": (re.compile(r"\b(?:vem|vilka|vilken|who)\b[^?.]{0,40}?\b(?:beslut\w*|bestämm?\w*|"
                           r"avgör\w*|decides?|decided|decision)\b|"
                           # one of two named ("Är det regionen eller kommunen som fattar det
                           # beslutet?": walk-through, stop 26, got the SAMSA sentence)
                           r"\beller\b[^?.]{0,40}?\bsom\s+(?:beslutar|bestämmer|avgör|fattar)\b|"
                           r"\bor\b[^?.]{0,40}?\b(?:that|who)\s+(?:decides?|makes the decision)\b|"
                           # one guessed ("Är det regionen som beslutar om anslutning?":
                           # walk-throughs, stop 33, got the criteria)
                           + GUESSED_DECIDER.pattern,
                           re.I),
                re.compile(r"\b(?:tas|fattas|beslutas|avgörs|bestäms)\s+av\b|\bbeslutar\b|"
                           r"\bfattar\s+beslut|"
                           # who starts Läkarmedverkan's support ("Läkare inom slutenvården
                           # identifierar och initierar start av tillfälligt läkarstöd …":
                           # walk-through, stop 24, got HSU's "beslutar om förslaget")
                           r"\binitierar\b", re.I)),
    # whose judgement a risk or a need is: the sentence naming who assesses it ("who decides
    # that he is high risk" and "… hög risk för oplanerad återinskrivning efter bedömning av
    # patientansvarig läkare på HS": walk-through, stop 37, was told no one is named)
    "assessor": (re.compile(r"\b(?:vem|vilka|who)\b[^?.]{0,60}?\b(?:risk\w*|bedöm\w*|"
                            r"assess\w*|judg\w*)\b", re.I),
                 re.compile(r"\befter bedömning av\b|\bbedöms av\b|\bassessed by\b", re.I)),
    # how an amount is reckoned: the line giving its basis ("hur räknas säbo-ersättningen ut
    # nu, per plats eller": answer set, tuning part, got the 50 procent, not "per 10 boende")
    "basis": (re.compile(r"\bhur (?:räknas|beräknas)\b|\bräknas\b.*\but\b|\bberäkn\w*|"
                         r"\bhow is\b.*\b(?:calculated|computed|worked out)\b|"
                         r"\bper \w+ eller\b|\bper vad\b|\bper what\b", re.I),
              re.compile(r"\bper\s+(?:\d+\s+)?[a-zåäö]+|\bschablon\w*", re.I)),
    # since when: the line giving the year something began ("När började man med
    # Läkarmedverkan i hemsjukvården …": answer set E, tuning part, got an indicator bullet, not
    # "… startades ett projekt 2015 med läkarmedverkan i hemsjukvård")
    "start": (re.compile(r"\bnär (?:började|startade|startades|kom\b[^?.]{0,30}\bigång|"
                         r"infördes|drogs\b[^?.]{0,30}\bigång)\b|"
                         r"\bwhen did\b[^?.]{0,40}\b(?:start|begin|launch)\w*", re.I),
              re.compile(r"\b(?:19|20)\d\d\b")),
    # how long something is valid: the line giving its validity ("Hur länge gäller
    # hemsjukvårdsöverenskommelsen?" got the agreement's bullet without "Giltighet
    # 2028-12-31": walk-through, stop 24)
    # ("överenskommelsen om hemsjukvård gäller tom när" got "I denna överenskommelse har
    # kommunerna ansvar …", not "Giltighet 2028-12-31": walk-through RE8921, stop 48)
    "validity": (re.compile(r"\bhur länge gäller\b|\btill när gäller\b|\bgiltig\w*|"
                            r"\bgäller\s+(?:t\.?\s?o\.?\s?m\.?|till och med|till)\s+när\b|"
                            r"\bupphör\w*|"
                            r"\bhow long (?:is|does|will)\b.*\b(?:valid|apply|run|last)\b|"
                            r"\bvalid until\b|\bexpir\w*|\bruns? (?:out|until)\b", re.I),
                 re.compile(r"\bgiltig\w*|\bgäller (?:till|t\.?\s?o\.?\s?m\.?)\b|"
                            r"\bvalid (?:until|to)\b", re.I)),
    # what something is for: the sentence saying its purpose ("what is the extra 500 kr
    # for?": stop 25, got "… infördes 2023-01-01" beside "… har till syfte att öka äldres
    # hälsa …")
    "purpose": (re.compile(PURPOSE_ASKED.pattern + r"|\bvad är .* till för\b", re.I),
                PURPOSE_SAID),
    # whom to turn to for help: the sentence naming who gives support or is contacted ("vem kan
    # jag vända mig till om jag kör fast med utskrivningen": walk-through, stop 31, got the
    # Vårdbegäran sentence above "Vid behov av stöd … kan hemsjukvårdens planeringsfunktioner
    # kontaktas")
    "support": (re.compile(r"\bkör(?:a|de)? fast\b|\bvid problem\b|\bom problem\b|"
                           r"\bvända (?:mig|sig|oss) till\b|\bvänder (?:jag|vi) (?:mig|oss)\b|"
                           r"\bvem (?:kan|ska|bör) (?:jag|vi|man) (?:kontakta|fråga|ringa)\b|"
                           # "vem ringer jag om jag behöver hjälp med en utskrivning" (walk-through,
                           # stop 35, got the Vårdbegäran sentence)
                           r"\bvem (?:kontaktar|ringer|frågar) (?:jag|vi|man)\b|\bget(?:ting)? stuck\b|"
                           # ("skriva ut från hemsjukvården vem hjälper": answer set E, tuning
                           # part, got the Vårdbegäran sentence)
                           r"\bvem (?:hjälper|stöttar|kan hjälpa|kan stötta)\b|"
                           r"\bwho (?:do|can|should) (?:i|we) (?:contact|ask|call|turn to)\b",
                           re.I),
                re.compile(r"\bkontaktas\b", re.I)),
    # whether home care can be refused or imposed: the sentence saying it is voluntary ("kan vi
    # ansluta honom fast han vägrar?", "får hon säga nej till hemsjukvård?": walk-throughs,
    # stops 46 and 47, got the criteria, read as "she must be enrolled")
    "voluntary": (re.compile(r"\b(?:vägra\w*|vill\s+inte(?:\s+ha)?|inte\s+vill(?:\s+ha)?|säga\s+nej|"
                             # "måste pat gå med på att bli inskriven" (stop 49: got the
                             # sentence on information at enrolment beside "alltid frivilligt")
                             r"g(?:å|år|ick)\s+med\s+på|samtyck\w*|consent\w*|"
                             # ("hon vill själv sluta med hemsjukvården …, får hon det":
                             # walk-through RE8932, stop 49, got who sends a vårdbegäran)
                             r"vill\s+(?:själv\s+)?(?:sluta|avsluta|lämna)|"
                             r"själv\s+(?:sluta|avsluta|lämna)|"
                             # ("Kan patienten själv säga upp sin hemsjukvård?": walk-through
                             # RE8980, stop 56, got the criteria)
                             r"säga\s+upp\s+(?:sin|sig|hemsjukvård\w*)|sag(?:t|de)\s+upp\s+"
                             r"(?:sin|sig|hemsjukvård\w*)|"
                             # ("can a patient end home care themselves?": own check, stop 50)
                             r"(?:end|leave|quit|stop)\s+(?:\w+\s+){0,3}?(?:themselves|"
                             r"himself|herself|on\s+(?:his|her|their)\s+own)|"
                             # ("Måste patienten tacka ja till hemsjukvården om
                             # planeringsfunktionen har beslutat det?": answer set E, tuning
                             # part, got the discharge's support sentence)
                             r"tacka\s+(?:nej|ja)|avböj\w*|tvinga\w*|mot\s+(?:sin|hans|hennes|deras)\s+"
                             r"vilja|frivillig\w*|refus\w*|does\s*n[o']t\s+want|don'?t\s+want|"
                             r"decline\w*|say\s+no|against\s+(?:his|her|their)\s+will|"
                             r"voluntar\w*|force\w*)\b", re.I),
                  re.compile(r"\bfrivillig\w*|\bvoluntar\w*", re.I)),
    # what is done when something is lacking: the sentence saying so ("vad händer om det
    # saknas underlag i vårdbegäran?" and "Saknas tillräckligt underlag, efterfrågas
    # kompletterande information": walk-through, stop 47, got where a vårdbegäran comes from)
    "lacking": (re.compile(r"\b(?:om|if|när|when)\b[^?.]{0,40}?\b(?:saknas|fattas|tunt|tunn\w*|"
                           r"otillräck\w*|ofullständig\w*|bristfällig\w*|missing|lacking|"
                           r"insufficient|incomplete)\b|"
                           # (told, not asked: "vårdbegäran från avdelningen är jättetunn, det
                           # står nästan inget. vad gör jag": walk-through RE8960, stop 53,
                           # refused)
                           r"\b(?:vårdbegäran\w*|underlag\w*|info\w*|remiss\w*|request\w*)\b"
                           r"[^?.]{0,40}?\b(?:jätte|för|väldigt|lite|super|alltför|very|too)?"
                           r"(?:tunn\w*|tunt|knapphändig\w*|ofullständig\w*|bristfällig\w*|"
                           r"thin|sparse|incomplete)\b", re.I),
                re.compile(r"\b(?:saknas|fattas|otillräck\w*|ofullständig\w*|bristfällig\w*)\b",
                           re.I)),
    # how fast: the sentence giving a time limit ("hur fort ska ssk komma ut på natten i
    # mörbylånga" and a published routine's "… ska vara på plats inom 45 minuter":
    # walk-through, stop 36, got its purpose)
    "speed": (re.compile(r"\bhur (?:fort|snabbt|snart)\b|\bhow (?:fast|soon|quickly)\b|"
                         r"\binom hur lång tid\b|\bwithin how long\b", re.I),
              re.compile(rf"\b(?:inom|within|senast|efter)\s+(?:{_NUMBER}\s+){_UNIT}\b", re.I)),
    # where something is sent or written: the sentence naming the system or place ("vart
    # skickar man en vårdbegäran" got where a vårdbegäran comes from, not "… genom Vårdbegäran
    # i IT-systemet SAMSA": walk-through, stop 36)
    "where": (re.compile(r"\b(?:vart|var|where)\b[^?.]{0,30}?\b(?:skicka\w*|skickas|send\w*|"
                         r"sent|journalför\w*|dokumenter\w*|document\w*|record\w*)\b|"
                         # ("vad är en vårdbegäran och var gör man den" got where one comes
                         # from, not SAMSA: walk-through, stop 46)
                         r"\b(?:vart|var)\s+(?:gör|görs|skriver|lägger|gör man|skapar)\s*"
                         r"(?:man|jag|vi|den|det|de|en|dom)?\b|"
                         r"\bwhere (?:do|does|is|are) (?:i|we|you|one|it|they)\s+"
                         r"(?:make|do|write|create|file|made|done)\b", re.I),
              re.compile(r"\bi\s+IT\s?-?\s?systemet\b|\bi\s+(?:SAMSA|Treserva|Cosmic|VAS)\b|"
                         r"\bunder sökordet\b|\bjournalförs\b", re.I)),
    # what the patient is told: the sentence saying what they are informed of ("vad ska
    # patienten få veta när hon skrivs ut" got who sends a Vårdbegäran, not "Patienten
    # informeras om vilken vårdgivare som tar över …": walk-through RE8942, stop 50)
    "informed": (re.compile(r"\bfå\s+veta\b|\bfår\s+veta\b|\binformeras\b|\bberätta\w*\s+för\b|"
                            r"\b(?:be|is|are|gets?)\s+(?:told|informed)\b|\btell\s+(?:the|him|her|them)\b",
                            re.I),
                 re.compile(r"\binformer\w*|\bmeddela\w*", re.I)),
    # who does something: the sentence naming who does it ("kan en usk göra uppföljningen":
    # walk-through, stop 34, got "Uppföljning kan göras i teamet runt patienten", read as a yes,
    # not "… görs av legitimerad personal med pågående vårdåtagande")
    "performer": (re.compile(r"\bvem (?:gör|utför|genomför|ska göra|ska utföra|får göra)\b|"
                             r"\b(?:kan|får) (?:en |ett )?\w+ (?:göra|utföra|genomföra)\b|"
                             r"\bwho (?:does|performs|carries out|should do|may do|can do)\b|"
                             r"\b(?:can|may) (?:a|an) \w+ (?:do|perform|carry out)\b", re.I),
                  re.compile(r"\b(?:görs|utförs|genomförs)\s+av\b|"
                             r"\b(?:is|are) (?:done|performed|carried out) by\b|"
                             # who shall do it ("Vårdcentralens läkare ska vid behov utföra
                             # hemsjukvårdsbesök på SäBo …": "vem ska göra hembesök på säbo efter
                             # utskrivning" got the decision's "Ökad ersättning med 50 procent
                             # … samt ersättning för hembesök av läkare": walk-through, stop 35)
                             r"\bska (?:\w+ ){0,2}?(?:utföra|genomföra|göra)\b|"
                             # ("Kommunen skall enligt avtal och efter överenskommelse, i
                             # enskilda fall på kvälls- och nattetid, utföra …": walk-through,
                             # stop 40, "vem gör det då" after it got the follow-up's performer)
                             r"^\W*\w+ skall? (?:[\w/:-]+,? ){0,12}?(?:utföra|genomföra|göra)\b",
                             re.I)),
    # the hours of a shift or a service: the sentence giving times of day ("kvällssköterskans
    # arbetstider" got a published routine's purpose, "när börjar kvällssköterskan jobba" its
    # phone line: walk-through, stop 37; the seeds give no times of day)
    "hours": (re.compile(_CLOCK.pattern + r"|"
                         r"\barbetstid\w*|\bvilka tider\b|\bvilken tid\b|\btider(?:na)?\b|"
                         r"\böppettid\w*|\bnär (?:börjar|slutar|jobbar|arbetar|tjänstgör)\b|"
                         r"\b(?:working|opening|office) hours\b|\bwhat time\b|"
                         r"\bwhen (?:does|do)\b[^?.]{0,40}\b(?:start|begin|finish|end|work)\w*",
                         re.I),
              re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d{2})?\b|"
                         r"\b\d{1,2}[.:]\d{2}\s*(?:[–-]|och|till|to)\s*\d{1,2}[.:]\d{2}\b", re.I)),
    # a phone number asked: the sentence giving one ("natt 31 jan 2027 vilket nr till nattssk"
    # got the night nurse's hours, not "ring nattsjuksköterskan på 0345-180 60": walk-through,
    # stop 39; the seeds give no numbers)
    "phone": (re.compile(r"telefonnum\w*|telefonnr\w*|\btel\.?\s?nr\w*|\btfn\b|"
                         r"\b(?:vilket|vad är|vad har)\s+(?:\w+\s+)?(?:nr|nummer|numret)\b|"
                         r"\bnummer(?:et)? till\b|\bnr till\b|\bnumret\b|\bphone number\b|"
                         r"\bwhat(?:'s| is)? the number\b|\bnumber (?:for|to)\b", re.I),
              re.compile(r"\b0\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){1,2}\b|\b1177\b|\b112\b")),
    # to whom something is sent: the sentence naming its receiver ("Vem skriver vårdbegäran vid
    # utskrivningen?" then "Och vart skickas den?", "vem ska jag skicka vårdbegäran till" after
    # the discharge got where an enrolment's comes from, "Vårdbegäran kan komma från …":
    # walk-through RE8975, stop 55)
    "receiver": (re.compile(r"\b(?:vart|till vem|to whom|where)\b[^?.]{0,30}\b(?:skick\w*|sänd\w*|"
                            r"send\w*|sent)\b|\b(?:skick\w*|sänd\w*|send|sent)\b[^?.]{0,40}"
                            r"\btill\s*\??\s*$|\bwho\b[^?.]{0,30}\b(?:send|sent)\b[^?.]{0,30}\bto\s*\??\s*$",
                            re.I),
                 re.compile(r"\b(?:vårdbegäran|begäran|remiss\w*)\s+till\b|"
                            r"\b(?:skickas|skickar|sänds|skriver|lämnas)\b[^.]{0,60}\btill\s+"
                            r"(?:patientens|den|det|kommunens|regionens|vårdcentral\w*|\w+ns)\b",
                            re.I)),
}
#: Cues whose answer is a kind of fact a sentence either states or not: the best sentence
#: stating it answers, before one the question's words and meaning favour otherwise.
#: (A purpose too: "vad är 500 kr-ersättningen till för" got "… infördes 2023-01-01" beside
#: "… har till syfte att öka äldres hälsa …": walk-through, stop 30.)
TYPED_CUES = frozenset({"decider", "validity", "purpose", "support", "performer", "where",
                        "speed", "hours", "amount", "assessor", "phone", "voluntary",
                        "informed", "lacking", "receiver"})
#: The kinds of fact a second part of a question may ask for, answered by a sentence stating
#: one when the first part's sentence does not.
SECOND_PART_CUES = frozenset({"decider", "validity", "purpose", "basis", "frequency",
                              "duration"})
#: The stems of the words asking for a typed cue's fact ("bestämmer", "giltig").
_CUE_WORDS = {"decider": re.compile(r"(?:beslut|bestäm|avgör|decid|decision|fatt)", re.I),
              "validity": re.compile(r"(?:gäll|giltig|valid|läng|expir)", re.I),
              "purpose": re.compile(r"(?:syft|purpos|varför|why|aim|goal)", re.I),
              "support": re.compile(r"(?:kontakt|vänd|kör|fast|problem|stuck|contact|turn|"
                                    r"ring|call|fråg|ask|hjälp|stöd|help|support)", re.I),
              "performer": re.compile(r"(?:gör|utför|genomför|do|perform|carr)", re.I),
              "speed": re.compile(r"(?:fort|snabb|snart|fast|soon|quick|inom|within)", re.I),
              "where": re.compile(r"(?:vart|var|where|skick|send|sent|journalf|dokument|"
                                  r"document|record)", re.I),
              "hours": re.compile(r"(?:arbetstid|tid|öppettid|börj|slut|jobb|arbet|tjänstg|"
                                  r"hour|time|start|begin|finish|end|work)", re.I),
              "amount": re.compile(r"(?:hur|mycket|mkt|kost|belopp|much|how|amount)", re.I),
              "assessor": re.compile(r"(?:risk|bedöm|assess|judg|vem|who)", re.I),
              "voluntary": re.compile(r"(?:vägra|vill|säga|tacka|avböj|tvinga|vilja|frivillig|gå|gick|samtyck|consent|sluta|avsluta|lämna|"
                                      r"refus|want|declin|say|will|voluntar|forc)", re.I),
              "phone": re.compile(r"(?:telefon|tel|tfn|nr|nummer|number|phon|vilk|vad)", re.I),
              "informed": re.compile(r"(?:veta|inform|berätt|told|tell)", re.I),
              # (stop 53: "vårdbegäran … är jättetunn" and "Saknas tillräckligt underlag …")
              "lacking": re.compile(r"(?:sakna|fatta|tunn|tunt|otillräck|ofullständ|bristfäll|"
                                    r"miss|lack|insuffic|incomplet|thin|sparse)", re.I),
              "receiver": re.compile(r"(?:skick|sänd|send|sent|vart|whom|where)", re.I)}
_NUMERIC = re.compile(r"^\d+(?:[,.]\d+)?%?$")


#: A range of times of day a sentence states ("21.30–07.00", "kl. 16.00–22.00").
_CLOCK_RANGE = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*(?:[–-]|till|to)\s*(\d{1,2})[.:](\d{2})\b")


def clock_asked(question: str) -> int | None:
    """The time of day ``question`` names, in minutes after midnight, or None."""
    m = _CLOCK.search(question)
    if m is None:
        return None
    hour, minute = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    hour, minute = int(hour), int(minute or 0)
    return hour * 60 + minute if hour < 24 and minute < 60 else None


def holds_clock(sentence: str, clock: int) -> bool | None:
    """Whether a range of times ``sentence`` states holds ``clock`` (a range past midnight,
    "21.30–07.00", holds 22.15 and 06.00); None when it states no range."""
    ranges = [(int(a) * 60 + int(b), int(c) * 60 + int(d))
              for a, b, c, d in _CLOCK_RANGE.findall(sentence)]
    if not ranges:
        return None
    return any(start <= clock < end if start <= end else (clock >= start or clock < end)
               for start, end in ranges)


def states_cue(cue: str, text: str, question: "QuestionTerms") -> bool:
    """Whether ``text`` states the kind of fact ``cue`` asks for; for the hours of a time of
    day asked ("vem ringer jag kl 22.15"), a range holding it (walk-through, stop 37: a
    published routine's evening nurse was given for 22.15, its night nurse's range
    "21.30–07.00")."""
    if cue == "hours" and question.clock is not None:
        return bool(holds_clock(text, question.clock))
    if cue == "where" and CUES[cue][1].search(text) is None:
        # (or where the thing the question names is written: "var dokumenteras
        # kontaktuppgifterna" got the follow-up's "… journalförs … i Treserva" over the
        # discharge's "… kontaktuppgifter dokumenteras i informationsbladet …": known since
        # stop 51; "var dokumenteras det" names none)
        return any(m.group(1).lower().startswith(term) for m in _WRITTEN_IN.finditer(text)
                   for term in question.own if len(term) > 3)
    return CUES[cue][1].search(text) is not None


#: A thing said to be written somewhere ("kontaktuppgifter dokumenteras i informationsbladet").
_WRITTEN_IN = re.compile(r"(\w+)\s+(?:dokumenteras|antecknas|noteras)\s+i\s+\w", re.I)


@dataclass(frozen=True)
class QuestionTerms:
    """What a question asks, in the kb tokenizer's terms: its own stems (compound parts
    included), the stems of its lexicon equivalents, and its cues (``CUES`` keys)."""

    own: frozenset[str]
    expanded: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()
    #: Per matching lexicon group: (the question's own tokens in it, the group's other tokens).
    groups: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: Own terms that are only compound parts of a question word ("vård" of "hemsjukvården").
    parts: frozenset[str] = frozenset()
    #: The noun a "vilken/vilka X" question asks for ("avgiftstyp", "patient").
    focus: frozenset[str] = frozenset()
    #: How many questions the message asks ("Vad gör PKT och vem har läkaransvaret?" asks 2).
    parts_asked: int = 1
    #: Corpus IDF of the question's terms (``corpus_frequencies``); empty: all alike.
    rarity: Mapping[str, float] = field(default_factory=dict)
    #: The question asks for every item of an enumeration ("vilka typer …", "skillnaden
    #: mellan nivå 1 och nivå 2", "i korthet").
    wants_all: bool = False
    #: The question asks what a whole document or section says ("Vad innebär HSU-beslutet?").
    about_whole: bool = False
    #: The steps of a procedure asked for ("vilka steg").
    steps: bool = False
    #: A yes/no question ("ska hen anslutas till hemsjukvården?").
    yes_no: bool = False
    #: The stems of the abbreviations the question writes in capitals ("PKT").
    abbreviations: frozenset[str] = frozenset()
    #: What applies in a situation ("Vad gäller på kvällar och nätter …?", "what applies …").
    what_applies: bool = False
    #: The two sides a comparison asks about ("skillnaden mellan regionens och kommunens
    #: ansvar"), each as (the stems of its own words, those with what both sides share):
    #: ({region}, {region, ansv}), ({kommun}, {kommun, ansv}).
    sides: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    #: The stems of the opposite of what the question names (the enrolment's, for a question
    #: on the discharge from home care), when it names no such opposite itself.
    opposite: frozenset[str] = frozenset()
    #: ... and of the side it names (the discharge's).
    side: frozenset[str] = frozenset()
    #: The time of day the question names, in minutes after midnight ("kl 22.15": 1335).
    clock: int | None = None

    def for_passage(self, passage_terms: set[str]) -> "QuestionTerms":
        """Only the expansions standing in for a word the passage lacks: when the question's
        own word of a group ("Cosmic", "registreras") is in the passage, the group's other
        words ("kontakttyp", "vårdtjänst") would only pull the wrong line forward."""
        if not self.groups:
            return self
        kept = set()
        for own_in_group, others in self.groups:
            if not (own_in_group & passage_terms):
                kept |= others
        return replace(self, expanded=frozenset(kept) - self.own, groups=())

    @property
    def all(self) -> frozenset[str]:
        return self.own | self.expanded


@dataclass(frozen=True)
class TermFrequencies:
    """In how many passages of the corpus each index term occurs, and how many there are
    (the statistics kb/support.py weighs question words by)."""

    document_frequency: Mapping[str, int]
    passages: int


#: Words of a question that say nothing of what it asks: modal verbs and pronouns the
#: tokenizer keeps ("ska hen anslutas …" found "När patienten ansluts till hemsjukvården ska
#: hen meddelas …" through "ska" and "hen" before "Patienterna ansluts inte …": walk-through,
#: stop 21).
FUNCTION_TERMS = frozenset({"ska", "skall", "hen", "får", "få", "hos", "måst", "bör", "dom", "behöv",
                            # filler adverbs ("… behöver han insatser hemma också" found
                            # "Detta innefattar också …": answer sets A and D, tuning parts)
                            "också", "även", "dessutom", "alltså", "ändå"})


#: "According to the document", naming the document the question is about, never a section:
#: "Vilka läkare ska finnas i jourberedskap dygnet runt enligt förslaget" chose a section
#: headed "Förslag avtalstext …" over "Genomförande" (walk-through, stop 31).
_BY_THE_DOCUMENT = re.compile(r"\benligt (?:förslaget|rapporten|beslutet|rutinen|dokumentet)\b|"
                              r"\baccording to the (?:proposal|report|decision|routine|document)\b",
                              re.I)


def corpus_frequencies(kb) -> TermFrequencies:
    """The term statistics of ``kb``'s passages: kb's own, counted once per ingest
    (``KnowledgeBase.term_frequencies``)."""
    return TermFrequencies(*kb.term_frequencies())


def question_terms(question: str, tokenizer, lexicon=None,
                   frequencies: TermFrequencies | None = None) -> QuestionTerms:
    """The terms of ``question`` by the knowledge base's Swedish tokenizer (stems, compound
    parts) and domain lexicon (kb/data/lexicon.toml: "physician" also asks for "läkare");
    with ``frequencies`` (``corpus_frequencies(kb)``) each term carries its corpus IDF, so that
    "provtagning" outweighs "ansvar" and "ska"."""
    own = frozenset(tokenizer.tokenize(_BY_THE_DOCUMENT.sub(" ", question))) - FUNCTION_TERMS
    if lexicon:
        # "skrivas in" is "inskrivning", not the "skriver" or "utskrivning" its stem finds
        # (walk-through, stop 26: "… Ska hon skrivas in i hemsjukvården då?" got the
        # municipality's discharge section)
        verbs, heads = lexicon.particle_verbs(question, tokenizer, particle="in")
        own = (own - verbs) | heads
        # and "följs … upp" asks for "uppföljning" too ("Hur följs de riktade
        # hemsjukvårdsbesöken upp enligt rutinen?" got the section "Syfte", not
        # "Uppföljning": walk-through, stop 30); its verb stays (taking "följ" out lowered
        # set A's held-out part)
        followed_up = lexicon.particle_verbs(question, tokenizer, particle="upp")[1]
        own = own | followed_up
    else:
        followed_up = frozenset()
    matched = lexicon.matching_groups(question, tokenizer) if lexicon else []
    if "bor" in own and (any(t.endswith("boend") for t in own) or any(
            term.startswith("bor ") for group in matched for term in group)):
        # "bor på LSS-boende": living there is what the housing already says, so "bor" names
        # no sentence of its own ("Gäller hemsjukvården också för dem som bor på LSS-boende?"
        # got "Personer som bor på Vård-och omsorgsboende …" for its "bor": walk-throughs,
        # stops 31 and 32); nor when a housing group's phrase says it ("bor kvar hemma" is
        # "ordinärt boende": "och om hon bor kvar hemma istället" after the nursing home's
        # enrolment repeated it, walk-throughs, stops 37 and 38)
        own = own - {"bor"}
    unsaid = frozenset({"bor"}) - own
    whole = frozenset(tokenizer.tokenize(question, compounds=False))
    shared = lexicon.shared_stems(tokenizer) if lexicon else frozenset()
    groups = []
    for group in matched:
        tokens = frozenset(tok for term in group
                           if not is_particle_verb(term, UNEXPANDED_PARTICLE)
                           for tok in tokenizer.tokenize(term, compounds=False))
        # The question's own words of the group are its whole words before a compound's part:
        # "hem" of "hemsjukvård" is no "eget hem", and a passage on "hemsjukvård" does not
        # hold what "egen lägenhet" asks ("vad krävs för att nån som bor i egen lägenhet ska
        # få hemsjukvård", answer set, tuning part, lost "ordinärt boende" so: for_passage)
        # (a part is the group's word when no whole word is: "överenskommelse" of
        # "hemsjukvårdsöverenskommelsen")
        # (a stem several groups share stands for none of them: "boende" of "ordinärt boende"
        # found "Vård-och omsorgsboende" for "nån som bor i egen lägenhet", answer sets A and D,
        # tuning parts)
        groups.append(((tokens & whole or tokens & own) - unsaid, tokens - own - shared - unsaid))
    expanded = frozenset().union(*(g[1] for g in groups)) if groups else frozenset()
    cues = frozenset(name for name, (asks, _) in CUES.items() if asks.search(question))
    side, opposite = lexicon.opposite_stems(question, tokenizer, matched) if lexicon \
        else (frozenset(), frozenset())
    asked = sum(bool(_QUESTION_WORD.search(piece))
                for piece in re.split(r"\b(?:och|and)\b", question))
    # (what "vem har" asks only when it is the one question: "Vad gör PKT och vem har
    # läkaransvaret …" asks both parts alike)
    focus = frozenset(tok for m in _FOCUS.finditer(question) if m.group(1) or asked <= 1
                      for tok in tokenizer.tokenize(m.group(1) or m.group(2), compounds=False))
    # (what "hur följs … upp" asks is the follow-up: a section headed so answers it)
    focus |= followed_up
    rarity = {}
    if frequencies is not None and frequencies.passages:
        rarity = {t: idf(frequencies.document_frequency.get(t, 0), frequencies.passages)
                  for t in own | expanded}
    # (the abbreviations it names as written, in capitals: "PKT", "SIP")
    abbreviations = frozenset(tok for m in re.finditer(r"(?<![\w-])[A-ZÅÄÖ]{2,5}(?![\w-])",
                                                        question)
                              for tok in tokenizer.tokenize(m.group(0), compounds=False))
    return QuestionTerms(own, expanded, cues, tuple(groups), parts=own - whole, focus=focus,
                         parts_asked=max(asked, 1), rarity=rarity, abbreviations=abbreviations,
                         wants_all=bool(_WANTS_ALL.search(question)),
                         about_whole=bool(_ABOUT_WHOLE.search(question)),
                         yes_no=_yes_no(question), steps=bool(_STEPS.search(question)),
                         what_applies=bool(_WHAT_APPLIES.search(question)),
                         sides=_sides(question, tokenizer),
                         side=side, opposite=opposite - own, clock=clock_asked(question))


def _yes_no(question: str) -> bool:
    """A yes/no question: one clause asks yes or no, with no question word from there on
    ("vad gäller på kvällar och nätter …, ska de skrivas in?" asks both what holds and yes or
    no: walk-through, stop 24, got the first sentence without "Patienterna ansluts inte …")."""
    m = _YES_NO.search(question)
    # (a question word after it asks something else only where it opens a clause: "när" of "Ska
    # avgiften avslutas när hon kommer hem …?" says when, the question still a yes or no: walk-
    # through RE8980, stop 56, lost "HSV-avgiften avslutas ej i Treserva …")
    return m is not None and not _CLAUSE_QUESTION_WORD.search(question[m.end():])


def is_item(sentence: str) -> bool:
    """Whether ``sentence`` is an item of a bulleted list."""
    return bool(_BULLET.match(sentence))


def _table_row(sentence: str) -> bool:
    """A line of a statistics table: a label and numbers, at least two and at least half of its
    words ("Läkare 3016 2213 2715"; not "Patientavgift: 200 kr om patient under 85 år")."""
    words = sentence.split()
    numbers = sum(bool(_NUMERIC.match(w)) for w in words)
    return numbers >= 2 and 2 * numbers >= len(words)


def _table_header(sentence: str) -> bool:
    """A table's header line: numbers only ("2019 2020 2021")."""
    words = sentence.split()
    return len(words) >= 2 and all(_NUMERIC.match(w) for w in words)


#: Weight of a question term that is only a part of one of its compounds ("sjukvård" of
#: "hemsjukvården"): the user wrote the whole word, and the parts ("hem", "vård") are in half
#: the sentences of a routine.
PART_WEIGHT = 0.5
#: Weight of the terms of a label line ("Nivå 1,", "Patient utan hög risk …") for the body
#: line under it: the body answers what the label names.
LABEL_WEIGHT = 0.7
#: Added to a "Fält: värde" line whose field the question names ("Vilken avgiftstyp …" ->
#: "Avgiftstyp: H3"), and to a sentence holding the noun a "vilken/vilka X" question asks for.
FIELD_BONUS = 1.5
#: A second part of a two-part question ("Vad gör PKT och vem har läkaransvaret …") is added
#: when the sentence best covering the terms the first sentence lacks scores at least this share
#: of the first.
SECOND_PART_SHARE = 0.25

_FIELD = re.compile(r"^([^:]{2,40}):\s+\S")
# A sentence going on from the one before ("Därefter sker ytterligare hembesök vid 8 månader").
_CONTINUATION = re.compile(r"^(?:därefter|dessutom|därtill|sedan|också|även|thereafter|then|also)\b",
                           re.I)
#: A sentence adding to what stands above it ("Dessutom kommer …", "Därutöver …").
_ADDITIVE = re.compile(r"^(?:dessutom|därtill|därutöver|utöver (?:det|detta)|moreover|"
                       r"in addition|additionally)\b", re.I)
#: A sentence that qualifies the one before it: the exception to what it says.
_CONTRAST = re.compile(r"^(?:men|dock|däremot|however|but)\b|^(?:[^\W\d]+,?\s+){1,8}?"
                       r"(?:dock|däremot|however)\b", re.I)
# A list item joined to the one above it ("• samt ge förslag på rutiner …"): the items are one.
_JOINED_ITEM = re.compile(r"^\s*(?:[•·\-\u2013*]\s*)?(?:samt|och|and|as well as)\b", re.I)
# A sentence announcing what follows ("…finns två avgiftsnivåer.", "…enligt nedan.").
_LEAD_IN = re.compile(r"(?:[:;,]|\b(?:nedan|följande|enligt nedan)\.?)$|"
                      # a clause cut off at its "att", its items below ("… gav i maj 2021, § 41
                      # i uppdrag till förvaltningen att" / "• ta fram …" / "• samt ge förslag
                      # …": walk-through, stop 31, quoted the lead-in alone)
                      r"\batt$|"
                      r"\bfinns (?:två|tre|fyra|fem|\d+|följande)\b", re.I)
_QUESTION_WORD = re.compile(r"\b(?:vad|vem|vilk(?:en|et|a)|när|hur|var|varför|what|who|which|"
                            r"when|how|where|why)\b", re.I)
# A yes/no question: a clause opening on its verb and subject ("…, ska hen anslutas till
# hemsjukvården", "does the patient get enrolled"), with no question word.
# (also as a second sentence, "En patient är hemma på permission … Ska vi skriva in henne i
# hemsjukvården?", and of people: "Blir personer som flyttar in på LSS-boende …": walk-through,
# stop 25, got the leave rule without "Patienterna ansluts inte …")
#: A question word opening a clause ("…, och vad gäller …", "… och hur ofta …").
_CLAUSE_QUESTION_WORD = re.compile(r"(?:^\s*|[,;:.!?]\s*|\b(?:och|samt|men|and|but|or|eller)\s+)"
                                   + _QUESTION_WORD.pattern, re.I)
_YES_NO = re.compile(r"(?:(?:^|[,;:.!?])\s*(?:och\s+|men\s+|and\s+)?|\bså\s+)"
                     # (a passive verb first: "Ansluts hon då …?", "Skrivs han in …?":
                     # walk-through, stop 25, lost "Patienterna ansluts inte …")
                     r"(?:ska|skall|måste|får|kan|blir|behöver|räknas|ingår|[a-zåäö]{3,}s|"
                     r"gäller|should|does|do|is|are|can|will|must|would|"
                     # ("är en pat på permission … ansluten till hemsjukvården?", "is a pt on
                     # permission from hospital enrolled": walk-through, stop 46, lost
                     # "Patienterna ansluts inte …")
                     r"är|e|har|has|have)\s+(?:hen|han|hon|pat\w*|"
                     # (a thing in the definite form: "Ska avgiften avslutas …?")
                     r"[a-zåäö]{3,}(?:en|et)|"
                     r"patient\w*|man|vi|jag|de|dom|den|det|personer|person|någon|nån|the|she|"
                     r"he|they|we|i|it|people|someone|anyone|en|ett|a|an)\b", re.I)
_NEGATION = re.compile(r"\b(?:inte|ej|aldrig|icke|not|never)\b", re.I)
# (and what "vem har …" asks who holds: "vem har läkaransvaret för pat … när PKT är inkopplat"
# got the team's sentence, not "Läkaransvaret … ligger dock kvar på den vårdcentral …":
# walk-through, stop 24)
# (after a plural "are": "what are the criteria", "vilka är kriterierna": walk-through, stop 41,
# asked for "are" and got the sentence naming the criteria, not them)
_FOCUS = re.compile(r"\b(?:vilk(?:en|et|a)|which|what)\s+(?:(?:are|were|är)\s+(?:the\s+|de\s+)?)?"
                    r"(\w+)|"
                    r"\b(?:vem|who)\s+(?:har|bär|has|holds|bears)\s+(?:the\s+)?(\w+)", re.I)
# A question asking for the whole enumeration (issue 10: "hsv-avgift nivå 1 och nivå 2, vad är
# skillnaden" lost level 1; answer set, tuning part: "vilka typer av läkarbesök i hemmet ger
# extra ersättning", "Vad innebär HSU:s beslut … i korthet?", "what are the 2 fee levels").
# What a document or a section says as a whole: "Vad innebär HSU-beslutet?", "vad handlar
# rapporten om", "what does the decision say".
_ABOUT_WHOLE = re.compile(r"^\s*(?:och\s+)?(?:vad|va)\s+(?:innebär|innebar|handlar|säger|står det i)\b|"
                          r"^\s*what\s+(?:does|did|is)\b.*\b(?:mean|say|about)\b|"
                          # what a decision decided ("what did the HSU decide in March 2026":
                          # walk-through, stop 21, got one of its four points)
                          r"^\s*(?:och\s+)?(?:vad|va)\s+beslutade\b|^\s*what\s+did\b.*\bdecide\b",
                          re.I)
_WANTS_ALL = re.compile(r"\bvilka\b|\bvad innebär\b|\bskillnad\w*|\bbåda\b|\balla\b|"
                        r"\bi korthet\b|\bsammanfatt\w*|\btyper\b|\bslags?\b|"
                        r"\bwhat are\b|\bwhich\b|\bdifference\w*|\bvs\.?\b|\bboth\b|"
                        r"\bsummar\w*|\bkinds?\b|\btypes?\b|\blist\w*|"
                        r"\b(?:nivå|level)\s*1\b.*\b(?:nivå|level)?\s*2\b|"
                        # "det finns visst två nivåer" (walk-through, stop 18: level 2 only)
                        r"\b(?:två|tre|fyra|two|three|four)\s+\w*(?:nivåer|levels)\b|"
                        # the levels, plural, are all of them ("home care fee levels in the
                        # Vastra Gotaland municipality routine": walk-through, stop 23, got
                        # level 2 alone)
                        r"\w*nivåerna?\b|\blevels\b", re.I)
_ANAPHORA = re.compile(r"(?:med anledning av (?:detta|det)|detta|denna|dessa|det här|därför|"
                       # "Patienterna ansluts inte …" are the ones of the sentence before, the
                       # rule itself (walk-through, stop 23: the evening/night and the leave
                       # rules were quoted as "ansluts inte" alone, read as "we may not")
                       r"patienterna|personerna|insatserna|"
                       r"this|these|therefore)\b", re.I)
#: A passage of at most this many units is quoted whole when its steps are asked for.
STEPS_WHOLE_UNITS = 6
# The steps of a procedure asked for: "vilka steg", "steg för steg", "what are the steps".
_STEPS = re.compile(r"\bvilka steg\b|\bsteg för steg\b|\bstegen\b|\bhur går (?:det|man) till\b|"
                    r"\b(?:what are the|which|the) steps\b|\bstep by step\b|\bprocedure\b", re.I)
_COMPARED = re.compile(r"\bskillnad\w*\s+(?:mellan|på)\s+(?P<a>[^?.,]+?)\s+och\s+(?P<b>[^?.,]+?)"
                       r"(?=\s+(?:i|inom|för|när|vid)\b|\s*[?.,]|\s*$)|"
                       r"\bdifference\s+between\s+(?P<c>[^?.,]+?)\s+and\s+(?P<d>[^?.,]+?)"
                       r"(?=\s+(?:in|for|when)\b|\s*[?.,]|\s*$)", re.I)


def _sides(question: str, tokenizer) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The two sides of "skillnaden mellan A och B" / "the difference between A and B": per
    side (the stems of its own words, those with the words of the noun both share:
    "regionens och kommunens ansvar" gives ({region}, {region, ansvar})); () for any other
    question."""
    m = _COMPARED.search(question)
    if not m:
        return ()
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    articles = FUNCTION_TERMS | {"a", "an", "the", "en", "ett", "den", "det"}
    first = frozenset(tokenizer.tokenize(a, compounds=False)) - articles
    second = frozenset(tokenizer.tokenize(b, compounds=False)) - articles
    # the noun after the second side is both sides' ("regionens och kommunens ansvar")
    shared = (second - {next(iter(tokenizer.tokenize(b.split()[0], compounds=False)), "")}
              if len(b.split()) > 1 and len(a.split()) == 1 else first & second)
    sides = []
    for own in (first - second or first, second - first - shared or second):
        if own:
            sides.append((frozenset(own), frozenset(own | shared)))
    return tuple(sides)


_WHAT_APPLIES = re.compile(r"^\s*(?:och\s+|men\s+)?(?:vad|va)\s+gäller\b|"
                           r"^\s*(?:and\s+)?what\s+(?:applies|are the rules)\b|"
                           # "Hur blir det om patienten är hemma på permission …?" (walk-
                           # through, stop 28: its first sentence, not "… ansluts inte …")
                           r"^\s*(?:och\s+|men\s+)?(?:hur blir det|vad händer|hur funkar det)\s+"
                           r"(?:om|när|för|med)\b|"
                           r"^\s*(?:and\s+)?(?:what happens|how does it work)\s+(?:if|when|for)\b",
                           re.I)
#: A passage of at most this many units is quoted whole for a yes/no question.
YES_NO_WHOLE_UNITS = 3
#: At most this many lines of one enumeration are quoted.
MAX_ITEMS = 10


def _is_field(sentence: str) -> bool:
    return bool(_FIELD.match(sentence))


def _field_named(sentence: str, question: "QuestionTerms", tokenize) -> bool:
    """Whether every word of the field's label is one of the question's own."""
    label = {t for t in tokenize(_FIELD.match(sentence).group(1)) if t.isalpha()}
    return bool(label) and label <= set(question.own)


def _is_label(sentence: str) -> bool:
    """A heading line inside a passage that the next line belongs to ("Nivå 1,", "Nivå 2",
    "Patient utan hög risk för oplanerad återinskrivning"): short, no full stop, not a list
    item, a field or a table row."""
    words = sentence.split()
    return (len(words) <= 8 and not sentence.endswith((".", "!", "?", ";", ":"))
            and not _BULLET.match(sentence) and not _is_field(sentence)
            and not _table_row(sentence) and not _table_header(sentence))


def sentence_scores(question: QuestionTerms, sentences: list[str], terms: list[set[str]],
                    tokenize, *,
                    generic: set[str] | frozenset[str] = frozenset(),
                    only: frozenset[str] | None = None) -> list[float]:
    """How well each sentence answers ``question`` (see ``select_sentences``); ``only``
    restricts the question's terms (the part of a two-part question left to answer)."""
    n = len(sentences)
    df: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            df[t] = df.get(t, 0) + 1
    asked = question.all if only is None else question.all & only
    # Corpus IDF relative to the mean over the question's terms in this passage: a word of
    # every routine ("ska", "patient") counts less than "provtagning", while the scores stay
    # on the scale the bonuses are set for.
    present = [question.rarity[t] for t in asked & set().union(*terms) if t in question.rarity]
    mean_rarity = sum(present) / len(present) if present else 0.0

    def weight(t: str, own_terms: set[str]) -> float:
        w = math.log(1 + n / df.get(t, 1))
        if mean_rarity > 0 and t in question.rarity:
            w *= question.rarity[t] / mean_rarity
        if t in generic:
            w *= GENERIC_WEIGHT
        if t not in question.own:
            w *= EXPANSION_WEIGHT
        elif t in question.parts:
            w *= PART_WEIGHT
        if t not in own_terms:
            w *= LABEL_WEIGHT
        return w

    focus = question.focus - set(generic)
    scores = []
    for i in range(n):
        scored = set(terms[i])
        if i > 0 and _is_label(sentences[i - 1]) and not _is_label(sentences[i]):
            scored |= terms[i - 1]
        s = sum(weight(t, terms[i]) for t in asked & scored)
        if s > 0 and any(CUES[c][1].search(sentences[i]) for c in question.cues):
            s += CUE_BONUS
        field = _FIELD.match(sentences[i])
        if s > 0 and field and asked & set(tokenize(field.group(1))) - set(generic):
            s += FIELD_BONUS
        elif s > 0 and focus & terms[i]:
            s += FIELD_BONUS
        scores.append(s / (1 + 0.02 * len(terms[i])))
    return scores


#: Weight of the lexical score (capped at LEXICAL_CAP, scaled to 0..1) beside a unit's cosine
#: with the question, of the passage's fused rank score, and of its term coverage, when the
#: answer unit is chosen among the top passages (``choose_passage``). Measured on the tuning
#: part of the answer set (tests/eval/answers): the expected fact was in the answer for 50 of
#: 99 questions with the lexical choice inside the first passage, 56 with units of the top 3
#: scored by cosine + 0.1 x lexical, 57 with the passage's rank score at 0.5 and coverage 0.1.
UNIT_LEXICAL_WEIGHT = 0.1
LEXICAL_CAP = 6.0
PASSAGE_RANK_WEIGHT = 0.5
PASSAGE_COVERAGE_WEIGHT = 0.1
#: A list under a heading that names what "vilka …" asks for ("Vilka indikatorer …?" and the
#: bullets under "Arbetshypotes över indikatorer": walk-through, stop 18, quoted the one
#: sentence above them instead).
LIST_HEADING_BONUS = 0.3
#: A passage whose heading holds a rare word of the question (corpus IDF at least
#: HEADING_RARITY: "Jourtid" for "vem har läkaransvaret … på jourtid", answer set, tuning part;
#: "Läkarmedverkan", common, gets nothing): this bonus times the share of such heading words.
#: (0.15 at stop 29 made "… hjälp med insulinet på kvällen, ansluts hen …" find "Kväll och natt"
#: but gave "… dagverksamheten men behöver nu insatser hemma på kvällen" the same section over
#: its "… krävs en vårdbegäran"; 0.2 lowered set A's tuning part 0.939 -> 0.919.)
HEADING_BONUS = 0.1
#: Taken off a passage stating none of the kind of fact a typed cue asks for, when another
#: candidate states one.
TYPED_CUE_PENALTY = 0.2
#: For a follow-up pointing back at the last answer: its passage, before an equal one.
TOPIC_BONUS = 0.05
#: Added to the one candidate passage holding an abbreviation the question names ("PKT").
ABBREVIATION_BONUS = 0.1
HEADING_RARITY = 2.5
#: A section on another matter than the question's (fees, for a question asking none).
OFF_TOPIC_PENALTY = 0.1
#: ... and of a report's passage, for a yes/no question a routine's passage beside it answers.
DESCRIPTIVE_PENALTY = 0.1
#: A second unit of the chosen passage is quoted too when its combined score is within this
#: margin of the best one's (two sentences that both answer, or the one the best needs).
#: Tuning part of the answer set: 0 -> 72/99, 0.01 -> 74/99, 0.02 and 0.04 -> 73/99.
SECOND_UNIT_MARGIN = 0.01
#: A bullet under a lead-in is told apart from its siblings, and quoted alone with the lead-in,
#: when it scores at least ITEM_APART_SCORE and ITEM_APART_RATIO times the next bullet: a word
#: of the question weighs about 1, while a passage-wide word shared by every bullet only
#: shifts the scores by their lengths ("…| inskrivningssamtal" 0.073 against
#: "…| brytpunktssamtal" 0.076 for "vad räknas det som i vårdtjänst i cosmic", answer set,
#: tuning part; "får vc 500 kr för brytpunktssamtal?" 1.48 against 0).
ITEM_APART_SCORE = 0.5
ITEM_APART_RATIO = 2.0
#: How many of the best passages offer answer units.
ANSWER_PASSAGES = 3


def combined_scores(lexical: list[float], dense) -> list[float]:
    """Unit scores: cosine with the question plus the capped lexical score (0..1) weighted by
    UNIT_LEXICAL_WEIGHT; the lexical score alone without unit vectors."""
    if dense is None:
        return list(lexical)
    return [float(d) + UNIT_LEXICAL_WEIGHT * min(lx, LEXICAL_CAP) / LEXICAL_CAP
            for d, lx in zip(dense, lexical)]


#: Taken off the score of a stray line (``_bare``): more than any two units differ.
STRAY_PENALTY = 1.0


def _bare(sentence: str) -> bool:
    """True for a line of numbers only ("2020 2021 2021 2021", "4 115 1 432"): a table's
    header or values, which say nothing without their labels; and for a line opening in lower
    case, a stray piece of a figure or a table ("säkerställa läkarsamverkan … - patient är
    hemma" won over the leave rule for "pat är hemma på permission …, måste hon skrivas in":
    walk-through, stop 23)."""
    words = sentence.split()
    return bool(words) and (all(_NUMERIC.match(w) for w in words) or words[0][:1].islower())


def _unbare(scores: list[float], sentences: list[str]) -> list[float]:
    """``scores`` with the stray lines (``_bare``) put below any sentence, and a passage of
    stray lines only below any passage with one: such a line is never an answer by its
    closeness alone (stop 23: "vad är läkarmedverkan" – "hur länge då" got
    "2020 2021 2021 2021")."""
    return [x - STRAY_PENALTY if _bare(sentence) else x for x, sentence in zip(scores, sentences)]


def choose_passage(question: "QuestionTerms", candidates: list[dict], tokenize) -> int:
    """Which candidate passage holds the best answer unit. Each candidate: ``text``,
    ``generic`` (title and heading terms), ``score`` (fused rank score), ``coverage`` (term
    coverage) and ``dense`` (the cosine of each unit with the question, or None)."""
    best, best_score = 0, float("-inf")
    typed = question.cues & TYPED_CUES
    stating = [bool(typed) and any(states_cue(c, cand["text"], question) for c in typed)
               for cand in candidates]
    scored: list[tuple[list[str], list[float]] | None] = []
    #: Each candidate's terms, its sentences' together (as ``for_passage`` reads them).
    passage_terms: list[set[str]] = []
    for cand in candidates:
        spans = split_sentences(cand["text"])
        if not spans:
            scored.append(None)
            passage_terms.append(set())
            continue
        sentences = [cand["text"][s.start:s.end] for s in spans]
        terms = [set(tokenize(x)) for x in sentences]
        passage_terms.append(set().union(*terms))
        q = question.for_passage(passage_terms[-1] | set(cand["generic"]))
        lexical = sentence_scores(q, sentences, terms, tokenize, generic=cand["generic"])
        units = [x / LEXICAL_CAP for x in lexical] if cand["dense"] is None \
            else combined_scores(lexical, cand["dense"])
        if not (question.cues & {"count", "amount"} and all(_bare(x) for x in sentences)):
            # (a table of stray lines only may still hold the figure a count asks for:
            # answer set, tuning part, "lmv antal patienter 2020")
            units = _unbare(units, sentences)
        scored.append((sentences, units))
    # whether each candidate's best unit itself states the typed fact asked for (its passage
    # may state one elsewhere: the HSU decision's points state its 28,5 million, their best
    # unit for "och säbo ersättn ökar m hur mkt" none, the SäBo assignment's "50 procent")
    unit_states = [bool(typed) and x is not None and any(
        states_cue(c, x[0][max(range(len(x[1])), key=x[1].__getitem__)], question)
        for c in typed)
        for x in scored]
    # the question's own words each passage holds (beyond its title and heading): a follow-up
    # naming what another passage holds and the one just quoted lacks asks about that one
    # ("vad ska hon få för information när hon skrivs in" after the municipality's criteria
    # got the criteria again, not "När patienten ansluts … via informationsblad", the next
    # passage of the same section: walk-through RE8966, stop 54)
    holds = [(question.own - FUNCTION_TERMS) & terms for terms in passage_terms]
    # an abbreviation the question names that one candidate alone holds ("nu kopplar vi in PKT.
    # är det dom som har läkaransvaret sen eller jag" got Läkarmedverkan's diagram, third, over
    # "… konsultteam, PKT … Läkaransvaret … ligger dock kvar …", first: walk-through RE8965,
    # stop 54)
    # (never a name of the documents' titles or headings: "HSU" is the decision's, whose
    # passages hold it or not by chance: answer set E, tuning part, "Is the HSU home-care
    # physician initiative funded with new money …" got the background's HSU decision of 2025)
    named = {t for t in question.own if t in question.abbreviations} \
        - set().union(*(set(cand["generic"]) for cand in candidates))
    alone = [bool(named & held) and not any(named & other for j, other in enumerate(holds)
                                             if other is not held)
             for held in holds]
    for i, cand in enumerate(candidates):
        if scored[i] is None:
            continue
        sentences, units = scored[i]
        unit = max(units)
        score = (unit + PASSAGE_RANK_WEIGHT * cand["score"]
                 + PASSAGE_COVERAGE_WEIGHT * cand["coverage"])
        heading = set(cand.get("heading") or ())
        if cand.get("off_topic") or (heading & question.opposite
                                     and not heading & question.side):
            # (or a section headed by the opposite of what is asked: "hur ska patienten få info
            # när hen skrivs in i hemsjukvården? …" got "Utskrivning från hemsjukvård": answer
            # set C, tuning part)
            score -= OFF_TOPIC_PENALTY
        if alone[i]:
            score += ABBREVIATION_BONUS
        passed_over = any(holds[i] < holds[j] for j in range(len(candidates)) if j != i)
        if cand.get("topic") and not (any(unit_states) and not unit_states[i]) \
                and not passed_over:
            # (not when its best unit states none of a typed fact another's does)
            score += TOPIC_BONUS
        # (an amount, by the best unit: a passage stating one in another sentence than its
        # answer is no amount's answer, "och säbo ersättn ökar m hur mkt" after the decision's
        # cost got its points' "stärkt ekonomisk ersättning", not "Ökad ersättning med 50
        # procent": walk-throughs, stop 37)
        if (any(stating) and not stating[i]) or (
                "amount" in typed and any(unit_states) and not unit_states[i]):
            # a kind of fact a passage states or not (a validity, who decides), asked: a
            # passage stating none is no answer ("Till när gäller överenskommelsen om
            # hemsjukvård med kommunerna?" got the report's "I denna överenskommelse har
            # kommunerna ansvar …" over the decision's "Giltighet 2028-12-31": walk-through,
            # stop 29)
            score -= TYPED_CUE_PENALTY
        if question.yes_no and cand.get("descriptive") \
                and any(not c.get("descriptive") for c in candidates):
            # whether something shall be done is a routine's rule, not a report's account of
            # how things were ("… Ska hon skrivas in i hemsjukvården då?" got the 2022
            # report's "… ska patienter skrivas in i den kommunala hemsjukvården" above the
            # municipality's "Patienterna ansluts inte …": walk-through, stop 26)
            score -= DESCRIPTIVE_PENALTY
        named = set(cand.get("heading_words") or ())
        if named:
            rare = {t for t in (named | set(cand.get("heading") or ())) & question.own
                    if question.rarity.get(t, 0.0) >= HEADING_RARITY or t in question.focus}
            score += HEADING_BONUS * min(len(rare), len(named)) / len(named)
        if question.wants_all and question.own & set(cand.get("heading") or ()) \
                and sum(bool(_BULLET.match(x)) for x in sentences) >= 3:
            score += LIST_HEADING_BONUS
        if score > best_score:
            best, best_score = i, score
    return best


def select_sentences(question: QuestionTerms | set[str], text: str, tokenize, *,
                     generic: set[str] | frozenset[str] = frozenset(),
                     max_sentences: int = 3, dense=None) -> list[Span]:
    """The sentence(s) of ``text`` that answer best.

    A sentence scores the question's terms it holds, each weighted by its rarity inside the
    passage, lexicon equivalents at ``EXPANSION_WEIGHT``, compound parts at ``PART_WEIGHT``,
    the passage's ``generic`` terms (its title and heading) at ``GENERIC_WEIGHT`` and the terms
    of the label line above it ("Nivå 1,") at ``LABEL_WEIGHT``; plus ``CUE_BONUS`` when it holds
    what the question's cue asks for (an interval for "hur ofta", a duration for "hur länge" …)
    and ``FIELD_BONUS`` for a "Fält: värde" line whose field the question names.
    Then the answer is completed: the label line above the best sentence comes with it; a
    lead-in ("…någon av nedan;", "…finns två avgiftsnivåer.") or a label is joined by the next
    line; a next sentence going on ("Därefter …") is joined; a two-part question ("Vad … och
    vem …") gets the sentence answering its other part. In a statistics table the answer is the
    header line and the row the question names.

    ``tokenize`` maps text to terms (stems), as ``kb.tokenizer.SwedishTokenizer.tokenize``.
    ``dense``: each sentence's cosine with the question (kb unit vectors); the best sentence
    is then chosen by ``combined_scores``.
    """
    if not isinstance(question, QuestionTerms):
        question = QuestionTerms(frozenset(question))
    spans = split_sentences(text)
    if not spans:
        return []
    sentences = [text[s.start:s.end] for s in spans]
    terms = [set(tokenize(s)) for s in sentences]
    # the title and heading count: a passage under "Registrering i Cosmic" has the word
    question = question.for_passage(set().union(*terms) | set(generic))
    scores = sentence_scores(question, sentences, terms, tokenize, generic=generic)
    n = len(spans)
    ranking = _unbare(combined_scores(scores, dense if dense is not None and len(dense) == n
                                      else None), sentences)
    best = max(range(n), key=lambda i: (ranking[i], -i))
    # (a question asking nothing but the kind of fact, of the passage it points back at,
    # shares no word with the sentence stating it: "vem bestämmer det" after Läkarmedverkan's
    # days got its follow-up bullet, not "… identifierar och initierar start …": walk-through,
    # stop 27)
    only_cue = bool(question.cues & TYPED_CUES) and all(
        any(_CUE_WORDS[c].match(t) for c in question.cues & TYPED_CUES)
        for t in question.own - set(generic))
    typed = [i for i in range(n) if (scores[i] > 0 or only_cue) and any(
        states_cue(c, sentences[i], question) for c in question.cues & TYPED_CUES)]
    # (one stating every kind asked, when one does: a number at a time of day is the line whose
    # hours hold it, not another line with a number)
    typed = [i for i in typed if all(states_cue(c, sentences[i], question)
                                     for c in question.cues & TYPED_CUES)] or typed
    if not typed and question.cues & TYPED_CUES:
        # (none sharing a word: the one sentence of the passage stating the kind of fact, its
        # words compounds the vocabulary cannot split: "Vem kan jag fråga om jag är osäker på
        # utskrivningen?" got "När beslut om utskrivning tas …", not "Vid behov av stöd kring
        # utskrivningsprocessen, kan hemsjukvårdens planeringsfunktioner kontaktas": walk-
        # through RE8972, stop 55)
        # (and a word of it opening on one the question asks of, "utskrivningsprocessen" on
        # "utskrivning": never a contact for another matter, "Vem ringer jag om jag behöver en
        # läkare mitt i natten …" is no question of the discharge's support)
        stating = [i for i in range(n) if all(states_cue(c, sentences[i], question)
                                              for c in question.cues & TYPED_CUES)
                   and any(w.startswith(t) for w in re.findall(r"\w+", sentences[i].lower())
                           for t in question.own if len(t) >= 5)]
        typed = stating if len(stating) == 1 else []
    if typed:  # the question asks for a kind of fact: the best sentence stating one
        best = max(typed, key=lambda i: (ranking[i], -i))
    if max(scores) <= 0 and dense is None:
        return [spans[0]]
    if _fragment_block(sentences):
        return spans
    if question.about_whole and n <= WHOLE_SECTION_UNITS and _names_only(question, generic):
        # every word the question has beside "vad innebär" names this section or document: it
        # asks what the section says, so all of it (walk-through, stop 19: "Vad innebär
        # HSU-beslutet från 3 mars 2026?" got its point 3 alone)
        return spans
    if question.steps and n <= STEPS_WHOLE_UNITS \
            and (question.own | question.expanded) & set(generic) \
            and not any(_bare(x) for x in sentences):
        # the steps of a procedure the passage's heading names: all of them ("hur skriver jag
        # ut en patient från hemsjukvården, vilka steg" got the first of four: walk-through,
        # stop 24)
        return spans
    if (question.yes_no or question.what_applies) and n <= YES_NO_WHOLE_UNITS \
            and not any(_bare(x) for x in sentences):
        # a yes or no asked of a short passage: all of it, the rule and its exception
        # (walk-through, stop 23: "… och måste hon skrivas in i hemsjukvården då" after the
        # leave rule got its first sentence, never "Patienterna ansluts inte …"); and what
        # applies in a situation ("Vad gäller på kvällar och nätter för patienter som
        # normalt går till vårdcentralen?": walk-through, stop 25, the same)
        return spans
    table = _table_answer(question, sentences, terms, scores)
    if table is not None:
        return [spans[i] for i in table]
    # every word the question has is the lead-in's own ("avgiftsnivå" in the widget: "… finns
    # två avgiftsnivåer." then level 2 alone: re-check, stop 24): it asks what the lead-in
    # announces, all of it
    own = {t for t in question.own - question.parts if t.isalpha()}
    # (a purpose asked, and the best sentence announces it in a list: every item is the
    # purpose, "Syftet är att … ska resultera i:" and its three bullets, never the one bullet
    # naming the question's subject: "vad är syftet med läkarmedverkan" got the third alone)
    purpose_listed = "purpose" in question.cues and bool(PURPOSE_SAID.search(sentences[best]))
    chosen = _completed(best, sentences, scores,
                        question.wants_all or ((purpose_listed or (bool(own) and own <= terms[best]))
                                               and bool(_LEAD_IN.search(sentences[best]))))
    primary = len(chosen)  # the best unit is never cut: an enumeration comes whole
    if dense is not None and len(dense) == n:
        runner = max((i for i in range(n) if i not in chosen
                      # (never a range of times not holding the time asked)
                      and not (question.clock is not None
                               and holds_clock(sentences[i], question.clock) is False)),
                     key=lambda i: (ranking[i], -i), default=None)
        if runner is not None and ranking[runner] >= ranking[best] - SECOND_UNIT_MARGIN:
            chosen = sorted(set(chosen) | set(_completed(runner, sentences, scores,
                                                         question.wants_all)))
    if question.yes_no:
        # a yes/no question, and the passage says "not" of a thing it asks ("Patienterna
        # ansluts inte …" for "…, ska hen anslutas till hemsjukvården": walk-through, stop 21,
        # quoted only that the municipality gives the care): that sentence answers it too
        # (the title's words count: "anslut" of "Rutin för anslutning …" is what is asked)
        core = (question.own | question.expanded) - question.parts
        said = [i for i in range(n) if i not in chosen and _NEGATION.search(sentences[i])
                and core & terms[i] - set().union(*(terms[j] for j in chosen))]
        if said:
            chosen = sorted(set(chosen) | {max(said, key=lambda i: (scores[i], -i))})
    if question.parts_asked >= 2:
        left = frozenset(question.own - question.parts - set(generic)
                         - set().union(*(terms[i] for i in chosen)))
        if left:
            rest = sentence_scores(question, sentences, terms, tokenize, generic=generic,
                                   only=left)
            second = max(range(n), key=lambda i: (rest[i], -i))
            if rest[second] >= SECOND_PART_SHARE * scores[best] and second not in chosen:
                chosen = sorted(set(chosen) | set(_completed(second, sentences, rest,
                                                             question.wants_all)))
            elif rest[second] <= 0 and dense is not None and len(dense) == n:
                # no word of the other part is in the passage ("När började man med
                # Läkarmedverkan … och från när är den permanent?": "började" against
                # "startades ett projekt 2015"; answer set E, tuning part): the unit closest
                # in meaning answers it, when it is closer than the one chosen
                near = max((i for i in range(n) if i not in chosen and not _bare(sentences[i])),
                           key=lambda i: (float(dense[i]), -i), default=None)
                if near is not None and float(dense[near]) >= float(dense[best]):
                    chosen = sorted(set(chosen) | set(_completed(near, sentences, ranking,
                                                                 question.wants_all)))
    if question.parts_asked >= 2:
        # a kind of fact a part asks for (how an amount is reckoned, how often, how long, who
        # decides …) that no chosen sentence states: the best sentence stating it, of the
        # question's words ("Med hur mycket höjs ersättningen för säbo-uppdraget och hur
        # beräknas den?" lost "Ersättning utgår per 10 boende som schablon": walk-through,
        # stop 30)
        for cue in sorted(question.cues & SECOND_PART_CUES):
            if any(CUES[cue][1].search(sentences[i]) for i in chosen):
                continue
            stating = [i for i in range(n) if i not in chosen and scores[i] > 0
                       and CUES[cue][1].search(sentences[i]) and not _bare(sentences[i])]
            if stating:
                found = max(stating, key=lambda i: (ranking[i], -i))
                chosen = sorted(set(chosen) | set(_completed(found, sentences, scores, False)))
    for side, said in question.sides:
        # a comparison ("skillnaden mellan regionens och kommunens ansvar"): each side said
        # (walk-through, stop 25: the municipality's half only, not "… den högsta medicinska
        # kompetensen ligger på regionen för läkaransvaret"), by the sentence best on the
        # side's words with what both sides share ("ansvar")
        if side & set().union(*(terms[i] for i in chosen)):
            continue
        on_side = sentence_scores(question, sentences, terms, tokenize, generic=generic,
                                  only=said)
        holding = [i for i in range(n) if side & terms[i] and on_side[i] > 0]
        if holding:
            other = max(holding, key=lambda i: (on_side[i], -i))
            chosen = sorted(set(chosen) | set(_completed(other, sentences, on_side, False)))
    named_fields = [i for i in range(n) if _is_field(sentences[i])
                    and _field_named(sentences[i], question, tokenize)]
    if len(named_fields) >= 2 and set(named_fields) & set(chosen):
        # two fields of a registration asked by their labels ("besöksform och besöksorsak i
        # vas", answer set C, tuning part, got the first field alone): each of them
        chosen = sorted(set(chosen) | set(named_fields))
        primary = max(primary, len(chosen))
    for i in list(chosen):
        if _LEAD_IN.search(sentences[i]) and not _is_label(sentences[i]):
            whole = _enumeration(i, sentences)
            # (bullets only: a labelled level asked for comes alone, "Nivå 2 …")
            items = {j for j in (whole or [])[1:] if _BULLET.match(sentences[j])}
            if len(items & set(chosen)) >= 2 and not items <= set(chosen):
                # never some of a list's items under its lead-in: "… någon av nedan;" with two
                # of its three occasions read as if the third gave nothing (re-check, stop 23)
                chosen = sorted(set(chosen) | set(whole))
                primary = max(primary, len(chosen))
    limit = max(max_sentences if not question.wants_all else MAX_ITEMS + 1, primary)
    kept = sorted(chosen)[:limit]
    if kept and _is_label(sentences[kept[-1]]) and kept[-1] + 1 in chosen:
        # never a label without what it labels at the end of the quote ("HSV avgift nivå"
        # in the widget ended on "Nivå 2": walk-through, stop 44): what it labels too, when
        # chosen (dropping a label whose text was not chosen lowered answer set D's held-out
        # part, 0.828 -> 0.810: not done)
        kept.append(kept[-1] + 1)
    return [spans[i] for i in kept]


#: A section quoted whole when the question asks what it says: at most this many units.
WHOLE_SECTION_UNITS = 16
_ABOUT_WORDS = re.compile(r"^(?:vad|va|innebär|innebar|handl\w*|säg\w*|står|what|does|did|is|"
                          r"mean|say|about|och|det|den|från|of|the|from|in|"
                          # "i korthet", "in short" ask for the same; "beslutade", "decide" ask
                          # what a decision says
                          r"korthet|kort|sammanfatt\w*|short|brief\w*|summar\w*|beslutad\w*|"
                          r"decid\w*|"
                          # "alla punkter", "hela listan", "all the points" ask for all of it
                          # (walk-through, stop 24: "vad beslutade hsu i mars 2026, alla
                          # punkter" got point 2 alone)
                          r"all\w*|hel\w*|punk\w*|point\w*|item\w*|every\w*|ge|mig|give|me|list\w*|"
                          # a date's month ("HSU-beslutet från 3 mars 2026")
                          r"jan\w*|feb\w*|mar\w*|apr\w*|maj|may|jun\w*|jul\w*|aug\w*|sep\w*|"
                          r"okt\w*|oct\w*|nov\w*|dec\w*)$", re.I)


def _names_only(question: QuestionTerms, generic) -> bool:
    """True when the question's words, besides the asking ones and numbers (a date), all name
    the passage (its title or heading)."""
    words = {t for t in question.own if t.isalpha() and not _ABOUT_WORDS.match(t)
             and t not in question.parts}
    return bool(words) and words <= set(generic)


def focus_with_equivalents(question: QuestionTerms) -> set[str]:
    """The noun a "vilka X" question asks for, with its lexicon equivalents ("krav":
    "kriterier")."""
    out = set(question.focus)
    for own, others in question.groups:
        if own & question.focus:
            out |= others
    return out


def listed_elsewhere(question: QuestionTerms, quote: str, text: str, tokenize) -> list[Span]:
    """The bullets of ``text`` (a neighbouring passage of the same section) when "vilka X …"
    is answered by a sentence that only names X ("… om vårdbegäran är gjord och kriterier för
    anslutning är uppfyllda") and ``text`` lists them without saying the word: answer set,
    tuning part, "Vilka kriterier måste vara uppfyllda för att en patient ska kunna skrivas
    in …" (the section's bullets are a passage of their own)."""
    # (the noun asked for in the lexicon's words too: "vilka krav …" and "kriterier":
    # walk-through, stop 33, got the sentence naming them without them)
    focus = focus_with_equivalents(question)
    if not (question.wants_all and focus & set(tokenize(quote))):
        return []
    if any(_BULLET.match(line.strip()) for line in quote.splitlines()):
        return []
    spans = split_sentences(text)
    bullets = [s for s in spans if _BULLET.match(text[s.start:s.end])]
    if len(bullets) < 2 or len(bullets) < len(spans) - 1:
        return []
    if any(focus & set(tokenize(text[s.start:s.end])) for s in bullets):
        return []
    return bullets[:MAX_ITEMS]


def heading_asked(question: QuestionTerms, heading) -> bool:
    """The question is the section's heading itself, asked ("Vem kan anslutas till
    hemsjukvården?" and the section "Vem kan anslutas till hemsjukvård?"): a heading of two
    words or more, every one of them the question's, and no other word of the question's."""
    own = {t for t in question.own if t.isalpha() and t not in question.parts}
    named = {t for t in heading if t.isalpha() and t not in FUNCTION_TERMS}
    return len(named) >= 2 and own <= named <= own | set(question.parts)


def whole_section_asked(question: QuestionTerms, text: str, heading) -> bool:
    """A search-box query of a few words that all name the section's heading ("uppföljning
    hemsjukvård" and "Uppföljning av hemsjukvård", "cosmic" and "Registrering i Cosmic"): the
    whole section answers it (walk-through, stop 19: the widget quoted one sentence of the
    follow-up section, without its two and six months, and two lines of Cosmic's fields)."""
    words = text.split()
    if heading_asked(question, heading):
        return True
    if not 1 <= len(words) <= 3 or "?" in text or _QUESTION_WORD.search(text):
        return False
    own = {t for t in question.own if t.isalpha() and t not in question.parts}
    return bool(own) and own <= set(heading)


FRAGMENT_WORDS = 8
FRAGMENT_UNITS = (4, 15)


def _fragment_block(sentences: list[str]) -> bool:
    """A letterhead or a form's fields: every line a few words, none a sentence ("Datum" /
    "2022-02-16" / "Diarienummer" / "NSV220025"). No line answers alone, so the block is
    quoted whole (answer set, tuning part: "Vilket datum och diarienummer har
    beslutsförslaget om mobil vård?" got "Beslutsförslag … Förvaltningschef" without either)."""
    low, high = FRAGMENT_UNITS
    return (low <= len(sentences) <= high
            and all(len(s.split()) <= FRAGMENT_WORDS and not s.rstrip().endswith(".")
                    for s in sentences))


def _enumeration(best: int, sentences: list[str]) -> list[int] | None:
    """The lead-in at or above ``best`` and every item under it (bullets, or labelled items
    with their bodies), when ``best`` is that lead-in or inside its items; else None."""
    for lead in range(best, max(best - MAX_ITEMS, 0) - 1, -1):
        # a label ending in a comma ("Nivå 1,") is an item, not the lead-in
        if _LEAD_IN.search(sentences[lead]) and not _is_label(sentences[lead]):
            whole = [lead, *_items_after(lead, sentences)]
            if len(whole) > 1 and best in whole:
                return whole
    if _BULLET.match(sentences[best]):
        # a list with no lead-in of its own, under a heading that says what it lists
        # ("Arbetshypotes över indikatorer"): the run of bullets the best one is in
        first = best
        while first > 0 and _BULLET.match(sentences[first - 1]):
            first -= 1
        last = best
        while last + 1 < len(sentences) and _BULLET.match(sentences[last + 1]):
            last += 1
        if first == 0 and last > first:
            return list(range(first, min(last + 1, first + MAX_ITEMS)))
    return None


def _items_after(lead: int, sentences: list[str]) -> list[int]:
    """The items a lead-in announces: consecutive bullets, or labels and the lines under each
    to the next label ("Nivå 1," … "Nivå 2" …)."""
    items: list[int] = []
    in_group = False  # under a label, every line to the next label is its body
    for i in range(lead + 1, len(sentences)):
        line = sentences[i]
        if _is_label(line):
            in_group = True
        elif not (_BULLET.match(line) or in_group):
            break
        items.append(i)
        if len(items) >= MAX_ITEMS:
            break
    return items


def _lead_in_above(best: int, sentences: list[str]) -> int | None:
    """The lead-in of the bullet list ``best`` is an item of, or None."""
    if not _BULLET.match(sentences[best]):
        return None
    for i in range(best - 1, max(best - MAX_ITEMS, 0) - 1, -1):
        if _BULLET.match(sentences[i]):
            continue
        if _LEAD_IN.search(sentences[i]) and not _is_label(sentences[i]):
            return i
        return None
    return None


def _group_label(best: int, sentences: list[str]) -> int | None:
    """The label of the labelled group ``best`` is a body line of: the label line right above,
    or above the group's earlier body lines ("Nivå 1," / "…korttid…" / "…Dagverksamhet…":
    answer set, tuning part, "vilken nivå gäller om pat bara har hsv på dagverksamheten")."""
    if _is_label(sentences[best]) or _is_field(sentences[best]):
        return None  # "Fält: värde" lines are no group's body: "Registrering i Cosmic" is a title
    for i in range(best - 1, max(best - MAX_ITEMS, -1), -1):
        if _is_label(sentences[i]):
            return i
        if _LEAD_IN.search(sentences[i]) or _BULLET.match(sentences[i]) \
                or _is_field(sentences[i]):
            return None
    return None


def _completed(best: int, sentences: list[str], scores: list[float],
               wants_all: bool = False) -> list[int]:
    """The best sentence with what it needs: its label above, the line a lead-in or a label
    announces, the sentence going on from it. A lead-in followed by labelled items ("…finns
    två avgiftsnivåer." / "Nivå 1," … / "Nivå 2" …) is answered by the item that scores best,
    or by every item when the question asks for them all (``wants_all``)."""
    n = len(sentences)
    if wants_all:
        whole = _enumeration(best, sentences)
        if whole is not None:
            return whole
    chosen = [best]
    sentence = sentences[best]
    # (a label ending on a comma, "Nivå 1,", is no lead-in to the items after its own: "vad
    # gäller för nivå 1" got "Nivå 1," with level 2's item: re-check, stop 22)
    if _LEAD_IN.search(sentence) and not _is_label(sentence):
        # (any body line of a labelled group, not only its first: "… bara när hon är på
        # dagverksamhet, vilken avgiftsnivå är det?" got level 2, its first line scoring above
        # level 1's first, the korttid line: walk-through RE8983, stop 56)
        items = [i for i in range(best + 2, n)
                 if not _is_label(sentences[i]) and scores[i] > 0
                 and (_group_label(i, sentences) or -1) > best]
        if items:
            item = max(items, key=lambda i: (scores[i], -i))
            return [best] + list(range(_group_label(item, sentences), item + 1))
        whole = _enumeration(best, sentences)
        if whole is not None and any(_is_label(sentences[i]) for i in whole[1:]):
            # no labelled item holds a word of the question: the question asks what the
            # lead-in announces, so every item answers (walk-through, stop 18: "vad är
            # avgiften för hemsjukvård?" got "…två avgiftsnivåer." and level 1 only)
            return whole
        bullets = [i for i in (whole or [])[1:] if _BULLET.match(sentences[i])]
        if len(bullets) >= 2:
            # a lead-in that outranks its own bullets: the bullet holding the question's word,
            # or every bullet when none is told apart (stop 19: "när får man 500 kr?" got
            # "…någon av nedan;" and the first of its three occasions only)
            ranked = sorted((scores[i] for i in bullets), reverse=True)
            if ranked[0] >= max(ITEM_APART_SCORE, ITEM_APART_RATIO * ranked[1]) \
                    and not any(_JOINED_ITEM.match(sentences[i]) for i in bullets[1:]):
                return [best, max(bullets, key=lambda i: (scores[i], -i))]
            return whole
    if _is_label(sentence) and best + 1 < n and not _is_label(sentences[best + 1]):
        # a label asked for ("vad gäller för nivå 1") comes with its whole group, up to the
        # next label (re-check, stop 22: level 1's second line was left out)
        group = [best]
        for i in range(best + 1, min(n, best + 1 + MAX_ITEMS)):
            if _is_label(sentences[i]):
                break
            group.append(i)
        return group
    label = _group_label(best, sentences)
    lead = _lead_in_above(best, sentences)
    if label is not None:
        # the label and the group's lines down to the best: never a gap in a group ("Nivå 1,
        # HSV-avgiften avslutas ej …" left out what level 1 is: walk-through, stop 23)
        chosen = list(range(label, best + 1))
    elif lead is not None:
        # a bullet with the lead-in that says what it is one of (stop 19: "får man 500 kr för
        # brytpunktssamtal på säbo?" got "- brytpunktssamtal på SäBo …" without "Ersättning
        # utgår med 500 kr … i samband med någon av nedan;")
        chosen.insert(0, lead)
    elif best > 0 and _ADDITIVE.match(sentence) and _BULLET.match(sentences[best - 1]):
        # a sentence adding to a list above it comes with the list ("Dessutom kommer
        # obligatoriska samverkansmöten … följas upp årligen …" was the whole answer to "vilka
        # indikatorer kommer vi att följas upp på …", the seven indicators above it left out:
        # walk-through RE8943, stop 50)
        first = best - 1
        while first > 0 and _BULLET.match(sentences[first - 1]) and best - first < MAX_ITEMS:
            first -= 1
        chosen = list(range(first, best + 1))
    elif best > 0 and _ANAPHORA.match(sentence):
        # never a sentence opening on what it refers to without it (issue 10: "Med anledning
        # av detta startades ett projekt 2015 …" needs the sentence before)
        chosen.insert(0, best - 1)
    if best + 1 < n and (_LEAD_IN.search(sentence) or _is_label(sentence)
                         or _CONTINUATION.match(sentences[best + 1])
                         # "… 150 kr om patient under 85 år …" goes on in "Avgiftsfritt från
                         # 85 år." (walk-through, stop 21: the fee of an 87-year-old was
                         # quoted without it)
                         or _other_side(sentence, sentences[best + 1])
                         # "… ska ha en registrerad fast läkarkontakt." goes on in "Den fasta
                         # läkarkontakten kan väljas från vårdcentralen …" (walk-through, stop
                         # 31: "vem ska vara fast läkarkontakt …" lost who it may be)
                         or _names_it_again(sentence, sentences[best + 1])
                         # "… finns ett konsultteam, PKT …" is qualified by "Läkaransvaret …
                         # ligger dock kvar på den vårdcentral …" (walk-throughs, stop 40:
                         # who holds the palliative patient's medical responsibility lost it)
                         or _CONTRAST.match(sentences[best + 1])
                         or (len(sentence.split()) < 4 and not _is_field(sentence))):
        chosen.append(best + 1)
        if _is_label(sentences[best + 1]) and best + 2 < n:
            chosen.append(best + 2)
    elif _BULLET.match(sentence) and best + 1 < n and not _BULLET.match(sentences[best + 1]) \
            and not _is_label(sentences[best + 1]) \
            and (best + 2 == n or _BULLET.match(sentences[best + 2])):
        # a sentence between two bullets goes on the bullet above: the item is both ("Vem ska
        # utse huvudansvarig läkare … och vad innebär huvudansvaret?" lost "Huvudansvaret
        # avser i detta fall inte ansvaret för enskild patient …": walk-through, stop 29)
        chosen.append(best + 1)
    return chosen


_UNDER_AGE = re.compile(r"\bunder (\d{2,3}) år\b", re.I)


def _names_it_again(sentence: str, following: str) -> bool:
    """The next sentence opens on a definite "Den/Det/Dessa …" (or "I informationen …")
    naming again a word the sentence ends on ("… fast läkarkontakt." / "Den fasta
    läkarkontakten …"): it goes on
    about the same thing."""
    m = _AGAIN.match(following)
    if not m:
        return False
    tail = [w.lower() for w in re.findall(r"\w+", sentence)[-4:]]
    named = [w.lower() for w in re.findall(r"\w+", m.group(1) or m.group(2))]
    return any(len(w) >= 6 and len(t) >= 6 and w[:6] == t[:6] for w in named for t in tail)


#: A definite noun phrase opening a sentence ("Den fasta läkarkontakten", "Detta uppdrag"),
#: or a definite noun after a preposition ("… via informationsblad." / "I informationen om
#: anslutning ska mål … framgå": walk-through, stop 32, the lead-in alone was quoted).
_AGAIN = re.compile(r"^(?:(?:Den|Det|Denna|Detta|Dessa|De)\s+((?:\w+\s+){0,2}\w+)|"
                    r"(?:I|Av|Om|Från|Med|Enligt|Inom)\s+(\w+(?:en|et|na|n))\b)")


def _other_side(sentence: str, following: str) -> bool:
    """The next sentence states the other side of the sentence's age limit ("under 85 år" /
    "från 85 år", "85 år och äldre")."""
    m = _UNDER_AGE.search(sentence)
    return bool(m) and bool(re.search(rf"\b(?:från|över|fyllda) {m.group(1)} år\b|"
                                      rf"\b{m.group(1)} år (?:och|eller) äldre\b", following, re.I))


def _table_answer(question: QuestionTerms, sentences: list[str], terms: list[set[str]],
                  scores: list[float]) -> list[int] | None:
    """For a passage with a statistics table: the header line and the row whose label the
    question names ("physicians" -> "Läkare 3016 2213 2715"), or None when no row is named.
    The first table wins a tie (the totals come before the averages in the report)."""
    rows = [i for i, s in enumerate(sentences) if _table_row(s) and not _table_header(s)]
    named = [i for i in rows
             if question.all & {t for t in terms[i] if not _NUMERIC.match(t)}]
    if not named:
        return None
    row = max(named, key=lambda i: (scores[i], -i))
    header = next((j for j in range(row - 1, -1, -1) if _table_header(sentences[j])), None)
    return None if header is None else [header, row]


def highlight_parts(text: str, spans: list[Span]) -> list[dict]:
    """``text`` cut into ``{"text", "mark"}`` parts, ``mark`` true inside ``spans``; the template
    escapes each part and wraps the marked ones in ``<mark>`` (no HTML is built here)."""
    parts: list[dict] = []
    pos = 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start > pos:
            parts.append({"text": text[pos:s.start], "mark": False})
        parts.append({"text": text[s.start:s.end], "mark": True})
        pos = s.end
    if pos < len(text):
        parts.append({"text": text[pos:], "mark": False})
    return parts
