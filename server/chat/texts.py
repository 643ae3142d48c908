"""The fixed texts of the chat in Swedish and English: answer phrases, the one short question
per missing fact, and the labels of the remembered facts."""

from __future__ import annotations

from rules.facts import FACT_NAMES_SV


TEXTS = {
    "sv": {
        "valid_from": "gäller från {d}",
        "dated_report": "rapport {d}",
        "dated_decision": "beslut {d}",
        "valid_to": "till och med {d}",
        "no_validity": "ingen giltighetstid angiven",
        "valid_to_only": "gäller till och med {d}",
        "said_by_municipality": "Det här står i kommunens rutin ({org}):",
        "said_by_region": "Det här står i regionens rutin ({org}):",
        "region_said_to_municipality": "Obs: svaret kommer från ett dokument från {org}, inte "
                                       "från en kommuns rutin.",
        "several_visits": "Meddelandet beskriver {n} besök. Vart och ett registreras för sig:",
        "visits_of_the_conversation": "Samtalet gäller {n} besök. Vart och ett för sig:",
        "visit_label": "Besök {n} av {of}: ”{said}”",
        "several_visits_go_on": "En följdfråga i samtalet gäller besök {n}; skriv till exempel "
                                "”besök 1: …” för ett annat.",
        "visit_named": "Gäller besök {n}.",
        "other_org_named_said": "Frågan nämner {named}, så svaret kommer från dess dokument – "
                                "inte från {chosen}, som du nämnde tidigare.",
        "status_proposal": "Det du frågar om står under rubriken ”{section}”, som dokumentet "
                           "kallar förslag.",
        "status_hypothesis": "Det du frågar om står under rubriken ”{section}”, som dokumentet "
                             "kallar arbetshypotes.",
        "status_other": "Det du frågar om står under rubriken ”{section}”, varken under "
                        "beslutet eller under ett förslag.",
        "status_decided": "Det beslutade står i ”{title}” under rubriken ”{section}”:",
        "status_proposals": "Som förslag står avsnitten {sections}.",
        "status_hypotheses": "Som arbetshypotes står {sections}.",
        "section_proposal": "Obs: det citerade står under rubriken ”{section}”: det är ett "
                            "förslag, inte ett beslut i sig.",
        "section_hypothesis": "Obs: det citerade står under rubriken ”{section}”: det är en "
                              "arbetshypotes, inte ett beslut.",
        "other_org_thread": "Samtalet gäller {named}, och bara dess rutiner tar upp det här, så "
                            "svaret kommer från dess dokument – inte från {chosen}, som du har "
                            "valt.",
        "other_org_followed": "Frågan följer upp svaret från {named}, så svaret kommer från "
                              "dess dokument – inte från {chosen}, som du har valt.",
        "other_org_named": "Frågan nämner {named}, så svaret kommer från dess dokument – inte "
                           "från {chosen}, som du har valt.",
        "other_org_not_ours": "Rutinerna från {chosen} tar inte upp det; det som står nedan "
                              "gäller {named}, inte {chosen}.",
        "version_of_other_org": "Obs: dokumentet du frågar om kommer från {other}, inte från "
                                "{chosen}, som du har valt.",
        "source": "Källa: {title} ({org}, {validity}), avsnitt ”{section}”.",
        "source_untitled": "Källa: {title} ({org}, {validity}).",
        "no_answer": "Rutinerna i kunskapsbasen tar inte upp det du frågar om, så jag kan inte "
                     "svara på det. Fråga gärna om registrering, patientavgift, ersättning eller "
                     "hemsjukvård enligt rutinerna.",
        "rule_intro": "Enligt {title} ({org}, {validity}) registreras besöket i {system} så här:",
        "rule_intro_plain": "Enligt {title} ({org}, {validity}):",
        "lmv": "Läkarmedverkan kan ge läkarstöd till och med {until}, det vill säga i upp till "
               "{days} dagar efter utskrivningen {d} (beslutet säger inte hur dagarna räknas; "
               "här räknas de från dagen efter utskrivningen).",
        "lmv_intro": "Enligt {title} ({org}):",
        "fu_intro": "Enligt rutinen för hemsjukvård hos {org} – den organisationens rutin, inte "
                    "Region Hallands:",
        "fu": "Första uppföljningen ska göras senast {first} ({months} månader efter "
              "anslutningen {d}). Därefter minst var {every}:e månad, eller tidigare vid behov: "
              "senast {later} om varje uppföljning görs sista tillåtna dag.",
        "fu_planned_ok": "Ja: {when} ligger inom rutinens två månader; första uppföljningen ska "
                         "göras senast {first} (anslutningen {d}).",
        "fu_planned_late": "Nej: första uppföljningen ska göras senast {first}, två månader efter "
                           "anslutningen {d}; {when} är för sent.",
        "fu_planned_depends": "Det beror på dagen: första uppföljningen ska göras senast {first}, "
                              "två månader efter anslutningen {d}; en dag {when} efter det är "
                              "för sent.",
        "fu_in_month": "i {month}",
        "month_names": "januari februari mars april maj juni juli augusti september oktober "
                       "november december",
        "fu_month_only": "Uppföljningens dag angavs inte, bara månaden: jag räknade från {d}, "
                         "månadens första dag, så att nästa uppföljning inte hamnar för sent. "
                         "Med dagen känd blir datumet exakt.",
        "fu_last": "Nästa uppföljning ska göras senast {next} ({every} månader efter den "
                   "senaste uppföljningen {d}), eller tidigare vid behov; därefter minst var "
                   "{every}:e månad: senast {later} om varje uppföljning görs sista tillåtna dag.",
        "visit_version_without_tables": "Besöksdagen {d} gäller versionen av ”{title}” från "
                                        "{start}. Den har inga regeltabeller ännu, så "
                                        "registrering, avgift och ersättning räknas inte ut här. "
                                        "Så här står det i den:",
        "rule_intro_nosystem": "Ingen rutin i kunskapsbasen gäller besöksdagen {d}, så jag kan "
                               "inte säga hur besöket registreras.",
        "visit_day": "Besöksdag: {d}{assumed}.",
        "assumed_today": " (i dag; ange ett annat datum om besöket gjordes en annan dag)",
        "fee": "Patientavgift: {fee} kr.",
        "fee_unknown": "Patientavgift: beror på åldern – {alts}.",
        "fee_unknown_plain": "Patientavgift: kan inte avgöras förrän patientens ålder är känd.",
        "comp_yes": "Extra ersättning: ja, {sek} kr till vårdcentralen.",
        "comp_no": "Extra ersättning: nej.",
        "comp_unknown": "Extra ersättning: kan inte avgöras ännu.",
        "reasons": "Skäl:",
        "age_moved": "Åldern {age} år gällde {on}; på besöksdagen {d} var patienten {ages} år.",
        "other_patient": "En annan patient: uppgifterna om det förra besöket används inte.",
        "other_patient_same": "En annan patient, samma slags besök: dagen och anledningen från "
                              "det förra besöket används, patientens egna uppgifter inte.",
        "age_moved_ask": "Åldern {age} år gällde {on}; på besöksdagen {d} var patienten {ages} "
                         "år, och avgiften skiljer sig vid 85 år.",
        "or_joined": "{a} eller {b}",
        "lmv_before_decision": "Regeln beslutades av HSU {decided}; dokumenten anger inte från "
                               "vilket datum den tillämpas, så den gäller kanske inte en "
                               "utskrivning före beslutet.",
        "rule_table_ended": "Den {day} gäller inte längre den version av ”{ended}” som jag "
                            "räknar datum med, utan versionen av ”{title}” från {start}; "
                            "datumen räknas inte ut här. Så här står det i den:",
        "remembered_not_covered": "Rutinerna från {org} tar inte upp det; svaret kommer från "
                                  "{other}.",
        "cosmic_says_no_amount": "Inte med de orden: Cosmic-rutinen anger ingen avgift i kronor "
                                 "för 85 år och äldre. {reason}",
        "assumed_today_top": "Besöksdagen saknas i frågan, så jag utgår från att besöket gjordes "
                             "i dag ({d}); ange datumet om det gjordes en annan dag.",
        "clarify": "Jag har noterat uppgifterna om besöket{facts}. Vad vill du veta: hur besöket "
                   "registreras, vad patienten betalar eller om det ger extra ersättning?",
        "invalid_fact": "En uppgift om besöket går inte att använda: {msg}",
        "pnr_bad": "Personnumret kunde inte tolkas (kontrollsiffran eller datumet stämmer inte), "
                   "så det användes inte. Ange gärna patientens ålder i stället.",
        "not_understood": "Jag förstod inte svaret. {q}",
        "social_hello": "Hej! Jag svarar på frågor om rutinerna för hemsjukvård: hur ett "
                        "läkarbesök registreras, vad patienten betalar, vilken ersättning som "
                        "gäller, vem som ansvarar och vilken version av en rutin som gällde ett "
                        "visst datum. Vad vill du veta?",
        "social_thanks": "Varsågod! Fråga gärna igen om det är något mer.",
        "own_org_noted": "Uppfattat: du arbetar i {org}. Frågor som inte nämner någon annan "
                         "organisation besvarar jag från dess rutiner. Vad vill du veta?",
        "own_org_noted_picked": "Uppfattat: du arbetar i {org}. På sidan är {chosen} vald, så "
                                "frågor som inte nämner någon organisation besvaras från dess "
                                "rutiner; välj {org} för att få svaren därifrån. Vad vill du "
                                "veta?",
        "clinic_visit_fee": "Rutinerna anger bara patientavgiften för riktade hemsjukvårdsbesök "
                            "av läkare (i patientens hem); avgiften för ett besök på "
                            "vårdcentralen tar de inte upp.",
        "fee_exemption_not_covered": "Rutinerna säger inget om frikort eller högkostnadsskydd; "
                                     "avgiften nedan är den som rutinen anger för besöket.",
        "not_known": "Okej, det lämnar jag öppet: det som beror på det kan inte avgöras förrän "
                     "det är känt. Svara på frågan nedan när du vet.",
        "not_known_day": "Okej. Utan besöksdagen kan jag inte säga vilken version av rutinen som "
                         "gällde, så jag gissar inte på den. {q}",
        "why_card": "Svaret bygger på skälen under ”Skäl:”, med källorna bredvid:",
        "why_version": "På besöksdagen gäller ”{title}”, en ny version av rutinen. "
                       "Anteckning i dokumentförteckningen: {note}",
        "date_unreadable": "Jag kunde inte läsa datumet i meddelandet, och gissar inte på det. {q}",
        "age_conflict_pnr": "Åldern {age} år stämmer inte med personnumret, som ger {ages} år "
                            "på besöksdagen, och patientavgiften beror på åldern. {q}",
        "no_such_field": "Registreringen i {system} har inget fält ”{field}”; besöket "
                         "registreras där med fälten {fields}.",
        "age_conflict": "Åldern {age} år stämmer inte med födelseåret {born}, som ger {ages} år "
                        "på besöksdagen, och patientavgiften beror på åldern. {q}",
        "date_vague": "”{period}” anger ingen dag, och svaret beror på dagen. {q}",
        "not_yet_in_force": "Obs: ”{title}” börjar gälla {d} och gäller inte ännu.",
        "only_next_version": "Obs: den version av ”{title}” som gäller i dag tar inte upp "
                             "det. Det gör versionen som börjar gälla {d} (avsnittet "
                             "”{section}”), men den gäller inte ännu.",
        "not_yet_then": "Obs: ”{title}” började gälla först {d}; den gällde inte {asked}.",
        "date_system": "Besöket registrerades i {system}, men i dag registreras besök i {now} "
                       "(från {d}), så besöket gjordes en annan dag. {q}",
        "system_one_routine": "Dagen saknas, men besök som registrerades i {system} gällde "
                              "”{title}” ({start} – {end}), så svaret är detsamma vilken dag "
                              "det än var då (jag räknar med {d}).",
        "period_one_routine": "Dagen saknas, men hela ”{period}” gäller ”{title}”, så svaret "
                              "är detsamma vilken dag det än var (jag räknar med {d}).",
        "rule_before_routines": "Under {period} gällde ingen rutin i kunskapsbasen för riktade "
                                "hemsjukvårdsbesök: den extra ersättningen infördes {d}. Så "
                                "står det i den första versionen, ”{title}”:",
        "period_no_routine": "Dagen saknas, men hela ”{period}” ligger före den första "
                             "rutinen för riktade hemsjukvårdsbesök, så svaret är detsamma "
                             "vilken dag det än var (jag räknar med {d}).",
        "table_year_missing": "Tabellen i avsnittet ”{section}” av ”{title}” har inga "
                              "siffror för {asked}; den tar upp {years}. Dokumentet anger "
                              "inga siffror för {asked} någon annanstans heller.",
        "amount_elsewhere": "Rutinerna från {org} tar inte upp {amount} kr. Beloppet finns i "
                            "en rutin från {other}, ”{title}”, som gäller där och inte hos "
                            "{org}.",
        "ask_discharge_date": "Vilket datum skrevs patienten ut från slutenvården?",
        "ask_enrolled_on": "Vilket datum anslöts patienten till hemsjukvården?",
        "unknown_org": "Kunskapsbasen innehåller inga rutiner från {org}, så jag kan inte svara "
                       "på hur det görs där; en annan organisations rutiner gäller inte för "
                       "{org}. Kunskapsbasen har rutiner från: {orgs}.",
        "org_in_halland": "{org} ligger i Halland: läkarens hembesök görs av vårdcentralen och "
                          "följer Region Hallands regler, som svaret nedan kommer från.",
        "org_no_visit_rules": "Rutinerna från {org} beskriver inte registrering, patientavgift "
                              "eller extra ersättning för läkares hembesök; Region Hallands "
                              "regler för riktade hemsjukvårdsbesök gäller inte där.",
        "report_follows": "{question} (efter frågan ”{previous}”)",
        "org_own_visit_rules": "Region Hallands regler för riktade hemsjukvårdsbesök gäller "
                               "inte för {org}; så här säger rutinerna från {org}:",
        "nearby": "Närmast i rutinerna finns avsnittet ”{section}” i ”{title}”.",
        "lmv_period": "Enligt ”{title}” ger Läkarmedverkan läkarstöd i upp till {days} dagar "
                      "efter utskrivningen:",
        "lmv_offer": "Ange utskrivningsdatumet, så räknar jag ut till och med vilken dag stödet "
                     "gäller.",
        "lmv_counted": "Efter utskrivningen {discharge} gäller de {days} dagarna till och med {until}.",
        "describe_visit": "Beskriv besöket: vilket datum det gjordes, patientens ålder, om "
                          "patienten bor på särskilt boende (SäBo) eller i ordinärt boende och "
                          "vad besöket gällde (utskrivning från slutenvård, inskrivning, "
                          "brytpunktssamtal eller något annat).",
        "offer_visit_check": "Vill du veta vad som gäller för ett visst besök? Beskriv det "
                             "(datum, patientens ålder, boende och vad besöket gällde), så "
                             "svarar jag med registrering, avgift och ersättning.",
        "changed": "Ändrat: {changes}.",
        "what_if_dropped": "Obs: svaret gäller besöket som du beskrev det{told}, inte det "
                           "tänkta fallet ({what_if}).",
        "visit_pay_named": "den extra ersättningen på 500 kr",
        "visit_asked_again": "hur registreras besöket och vad betalar patienten",
        # a change computed between two years of a table, and the row that changed the most
        "table_change": "förändring",
        "table_which_year": "{kind} för {label}: {year} ({value}), enligt tabellens värden.",
        "table_highest": "Högst",
        "table_sum": "Summa för alla rader – {sums} (räknat ur tabellens värden).",
        "table_sum_rows": "Summa för {labels} – {sums} (räknat ur tabellens värden).",
        "table_mean": "Medelvärde {first}–{last} för {label}: {value} per år (räknat ur tabellens "
                      "värden).",
        "table_which_year_sum": "{kind} summa: {year} ({value}).",
        "table_share": "Andel av alla rader {year}: {label} {value} av {total} = {share} % "
                       "(räknat ur tabellens värden).",
        "table_row_most": "{kind} {year}: {label} ({value}).",
        "table_lowest": "Lägst",
        "table_most": "{kind} {first}–{last}: {label} ({delta}), räknat ur tabellens värden.",
        "most_increase": "Störst ökning", "least_increase": "Minst ökning",
        "most_decrease": "Störst minskning", "least_decrease": "Minst minskning",
        "rule_statement": "Enligt rutinen som gäller i dag (”{title}”, {system}):",
        "rule_statement_past": "Enligt ”{title}” ({system}), som gällde till och med {last}:",
        "all_fee_levels": "alla avgiftsnivåerna",
        "registered_as_it_was": "Besöket registreras efter vad det gällde ({told}); rutinen "
                                 "ger ingen grund att registrera det som {asked} ändå. Svaret "
                                 "gäller besöket som du beskrev det.",
        "discharge_no_time_limit": "Rutinen säger att besöket ska ske ”i samband med” "
                                   "utskrivningen men anger ingen tidsgräns för hur långt efter "
                                   "utskrivningen det får ske.",
        "paid_once_per_visit": "Ersättningen är {amount} kr per hemsjukvårdsbesök: ett besök ger "
                               "den en gång, även om det gäller flera av tillfällena nedan.",
        "stands_for": "{term} står för ”{full}”.",
        "no_share_stated": "Dokumentet anger ingen procentsats för det här; så här står "
                           "värdena i tabellen:",
        "defined_elsewhere": "Rutinerna från {org} förklarar inte ordet; förklaringen kommer från "
                             "{other}.",
        "covered_elsewhere_said": "Rutinerna från {org} tar inte upp det du frågar om. Det gör "
                                  "en rutin från {other}: ”{title}”, avsnitt ”{section}”.",
        "covered_elsewhere": "Rutinerna från {org} tar inte upp det du frågar om. Det gör "
                             "en rutin från {other}: ”{title}”, avsnitt ”{section}”. Välj "
                             "{other} eller alla organisationer för att få svaret därifrån.",
        "table_one_clinic": "Obs: siffrorna gäller alla vårdcentraler tillsammans; dokumenten "
                            "anger inga siffror för {name} för sig.",
        "table_as_printed": "Tabellen återges som den står i dokumentet: dess rubrikrad kan "
                            "inte paras ihop säkert med värdena.",
        "municipality_not_paid": "Nej: ersättningen betalar {org} till vårdcentralen (inom "
                                 "vårdvalet), inte till kommunen. Rutinerna anger ingen sådan "
                                 "ersättning till en kommun.",
        "occasion_pays": "Ja, ett sådant besök ger {amount} kr extra till vårdcentralen.",
        "occasion_pays_not": "Nej, ett sådant besök ger ingen extra ersättning: den ges bara "
                             "vid de tillfällen som rutinen räknar upp.",
        "rule_statement_why": "Enligt rutinen som gäller i dag (”{title}”, {system}):",
        "where_said": "Det förra svaret kommer från det här stället i rutinerna (följ länken "
                      "till avsnittet):",
        "check_quote": "Svaret återger vad rutinen själv skriver, med citatet under svaret. "
                       "Läs gärna stycket i sitt sammanhang:",
        "means_it": "Rutinerna säger det inte med andra ord. Så här lyder hela avsnittet som "
                    "det förra svaret kommer från; fråga gärna efter ett enskilt ord (”vad "
                    "betyder …?”):",
        "means_it_which": "Vilket ord i svaret vill du ha förklarat? Skriv till exempel ”vad "
                          "betyder brytpunktssamtal?”.",
        "term_not_defined": "Rutinerna förklarar inte vad ”{term}” betyder. Ordet används så "
                            "här:",
        "no_amount_quoted": "Rutinerna anger inget belopp för det du frågar om. Närmast står det:",
        "weekend_not_named": "Rutinen talar om kvällar och nätter men säger inget om helger. "
                             "Närmast står det:",
        "decider_not_named": "Rutinerna anger inte vem som fattar det beslutet. Närmast står "
                             "det:",
        "org_fee_no_amount": "Rutinerna från {org} anger inget belopp i kronor för avgiften; "
                             "Region Hallands avgifter för läkares hembesök gäller inte där.",
        "guess_wrong": "Nej, inte {named} enligt rutinen. Så här står det:",
        "guess_right": "Ja. Så här står det i rutinen:",
        "fee_without_amount": "Rutinerna anger inget belopp för avgiften. Så här beskriver "
                              "rutinen den:",
        "fee_without_amount_of": "Rutinen från {org} anger inget belopp för avgiften. Så här "
                                 "beskriver den avgiften:",
        "where_said_card": "Svaret om besöket bygger på de här ställena i rutinen (citaten och "
                           "länkarna finns under svaret):",
        "field_absent": "Nej. Fältet {field} finns inte i {system}-rutinen; det fanns i "
                        "{other}-rutinen (”{said}”).",
        "field_absent_which": "Fältet {field} finns inte i {system}-rutinen; det fanns i "
                              "{other}-rutinen (”{said}”).",
        "field_absent_fields": "I {system} registreras besöket med fälten {fields}.",
        "field_absent_fee": "Patientavgiften anges i {system} som {categories}.",
        "registration_statement": "Enligt rutinen som gäller i dag (”{title}”) registreras "
                                  "ett riktat hemsjukvårdsbesök av läkare så här i {system}:",
        "registration_other_version": "Obs: besöket {day} gjordes när ”{title}” gällde "
                                      "({system}). Rutinerna säger inte hur ett besök registreras "
                                      "i efterhand i ett annat journalsystem.",
        "registration_statement_past": "Enligt ”{title}”, som gällde till och med {last}, "
                                       "registrerades ett riktat hemsjukvårdsbesök av läkare så "
                                       "här i {system}:",
        "registration_when": "vid {occasions}",
        "registration_or": " eller ",
        "fee_below": "under {age} år",
        "fee_from": "{age} år och äldre",
        "routine_says": "I rutinen står det: {quote}",
        "decision_says": "I beslutet står det: {quote}",
        "notice_replaces": "Dokumenten säger inte heller om den ersätter de 500 kr för riktade "
                           "hembesök; de 500 kr står kvar i rutinen som gäller i dag.",
        "notice_same": "Dokumenten säger inte heller om den är samma som de 500 kr för riktade "
                       "hembesök; de 500 kr står kvar i rutinen som gäller i dag.",
        "compare_link": "Vad ändrades? Jämför ”{newer}” med ”{older}” avsnitt för avsnitt",
    },
    "en": {
        "valid_from": "valid from {d}",
        "dated_report": "report {d}",
        "dated_decision": "decision {d}",
        "valid_to": "up to and including {d}",
        "no_validity": "no validity stated",
        "valid_to_only": "valid up to and including {d}",
        "said_by_municipality": "This is in the municipality's routine ({org}):",
        "said_by_region": "This is in the region's routine ({org}):",
        "region_said_to_municipality": "Note: the answer comes from a document of {org}, not "
                                       "from a municipality's routine.",
        "other_org_named_said": "The question names {named}, so the answer comes from its "
                                "documents – not from {chosen}, which you mentioned before.",
        "several_visits": "The message describes {n} visits. Each is registered on its own:",
        "visits_of_the_conversation": "This conversation is about {n} visits. Each on its own:",
        "visit_label": "Visit {n} of {of}: “{said}”",
        "several_visits_go_on": "A follow-up in this conversation is about visit {n}; write "
                                "for example “visit 1: …” for another.",
        "visit_named": "About visit {n}.",
        "status_proposal": "What you ask about stands under the heading “{section}”, which the "
                           "document calls a proposal.",
        "status_hypothesis": "What you ask about stands under the heading “{section}”, which "
                             "the document calls a working hypothesis.",
        "status_other": "What you ask about stands under the heading “{section}”, neither "
                        "under the decision nor under a proposal.",
        "status_decided": "What is decided stands in “{title}” under the heading “{section}” "
                          "(in Swedish):",
        "status_proposals": "The sections {sections} stand as proposals.",
        "status_hypotheses": "{sections} stands as a working hypothesis.",
        "section_proposal": "Note: the quoted text stands under the heading “{section}”: it "
                            "is a proposal, not a decision in itself.",
        "section_hypothesis": "Note: the quoted text stands under the heading “{section}”: it "
                              "is a working hypothesis, not a decision.",
        "other_org_thread": "The conversation is about {named}, and only its routines cover "
                            "this, so the answer comes from its documents – not from {chosen}, "
                            "which you have chosen.",
        "other_org_followed": "The question follows up the answer from {named}, so the "
                              "answer comes from its documents – not from {chosen}, which you "
                              "have chosen.",
        "other_org_named": "The question names {named}, so the answer comes from its documents "
                           "– not from {chosen}, which you have chosen.",
        "other_org_not_ours": "The routines of {chosen} do not cover it; what follows holds for "
                              "{named}, not for {chosen}.",
        "version_of_other_org": "Note: the document you ask about is {other}'s, not that of "
                                "{chosen}, which you have chosen.",
        "source": "Source: {title} ({org}, {validity}), section “{section}”.",
        "source_untitled": "Source: {title} ({org}, {validity}).",
        "no_answer": "The routines in the knowledge base do not cover what you ask, so I cannot "
                     "answer it. Ask about registration, the patient fee, compensation or home "
                     "health care under the routines.",
        "rule_intro": "Under {title} ({org}, {validity}) the visit is registered in {system} "
                      "like this:",
        "rule_intro_plain": "Under {title} ({org}, {validity}):",
        "lmv": "Läkarmedverkan can support the patient up to and including {until}, that is for "
               "up to {days} days after the discharge on {d} (the decision does not say how "
               "the days are counted; here from the day after discharge).",
        "lmv_intro": "Under {title} ({org}):",
        "fu_intro": "Under the home health care routine of {org} – that organization's routine, "
                    "not Region Halland's:",
        "fu": "The first follow-up is due by {first} ({months} months after the enrolment on "
              "{d}). After that at least every {every} months, or earlier when needed: by "
              "{later} if each follow-up is made on its last allowed day.",
        "fu_planned_ok": "Yes: {when} is within the routine's two months; the first follow-up "
                         "is due by {first} (enrolment {d}).",
        "fu_planned_late": "No: the first follow-up is due by {first}, two months after the "
                           "enrolment on {d}; {when} is too late.",
        "fu_planned_depends": "It depends on the day: the first follow-up is due by {first}, two "
                              "months after the enrolment on {d}; a day {when} after that is "
                              "too late.",
        "fu_in_month": "in {month}",
        "month_names": "January February March April May June July August September October "
                       "November December",
        "fu_month_only": "The day of the follow-up was not given, only its month: I counted "
                         "from {d}, the month's first day, so that the next follow-up is not "
                         "late. With the day known the date is exact.",
        "fu_last": "The next follow-up is due by {next} ({every} months after the latest "
                   "follow-up on {d}), or earlier when needed; after that at least every {every} "
                   "months: by {later} if each follow-up is made on its last allowed day.",
        "visit_version_without_tables": "On the visit date {d} the version of “{title}” from "
                                        "{start} applies. It has no rule tables yet, so the "
                                        "registration, fee and compensation are not worked out "
                                        "here. This is what it says (in Swedish):",
        "rule_intro_nosystem": "No routine in the knowledge base covers the visit date {d}, so I "
                               "cannot say how the visit is registered.",
        "visit_day": "Visit date: {d}{assumed}.",
        "assumed_today": " (today; give another date if the visit was made another day)",
        "fee": "Patient fee: SEK {fee}.",
        "fee_unknown": "Patient fee: depends on the age – {alts}.",
        "fee_unknown_plain": "Patient fee: cannot be decided until the patient's age is known.",
        "comp_yes": "Extra compensation: yes, SEK {sek} to the clinic.",
        "comp_no": "Extra compensation: no.",
        "comp_unknown": "Extra compensation: cannot be decided yet.",
        "reasons": "Why:",
        "other_patient": "Another patient: the facts of the earlier visit are not used.",
        "other_patient_same": "Another patient, the same kind of visit: the day and the reason "
                              "of the earlier visit are used, not the patient's own facts.",
        "age_moved": "The age {age} was the age on {on}; on the visit date {d} the patient "
                     "was {ages}.",
        "age_moved_ask": "The age {age} was the age on {on}; on the visit date {d} the patient "
                         "was {ages}, and the fee differs at 85.",
        "or_joined": "{a} or {b}",
        "lmv_before_decision": "HSU decided the rule on {decided}; the documents do not say "
                               "from which date it applies, so it may not hold for a discharge "
                               "before the decision.",
        "rule_table_ended": "On {day} the version of “{ended}” I count dates with no longer "
                            "applies, but the version of “{title}” from {start} does; the dates "
                            "are not counted here. This is what it says (in Swedish):",
        "remembered_not_covered": "The routines of {org} do not cover it; the answer comes "
                                  "from {other}.",
        "cosmic_says_no_amount": "Not in those words: the Cosmic routine states no fee in "
                                 "kronor for patients aged 85 and older. {reason}",
        "assumed_today_top": "The question gives no visit date, so I assume the visit was made "
                             "today ({d}); give the date if it was made another day.",
        "clarify": "I have noted the facts of the visit{facts}. What do you want to know: how "
                   "the visit is registered, what the patient pays or whether it gives the extra "
                   "compensation?",
        "invalid_fact": "A fact about the visit cannot be used: {msg}",
        "pnr_bad": "The personal identity number could not be read (the check digit or the "
                   "date is wrong), so it was not used. Please give the patient's age instead.",
        "not_understood": "I did not understand the reply. {q}",
        "social_hello": "Hi! I answer questions about the routines of home health care: how "
                        "a physician's visit is registered, what the patient pays, the "
                        "compensation, who is responsible and which version of a routine applied "
                        "on a given day. What would you like to know?",
        "social_thanks": "You're welcome! Ask again if there is anything else.",
        "own_org_noted": "Noted: you work in {org}. I answer questions that name no other "
                         "organization from its routines. What would you like to know?",
        "own_org_noted_picked": "Noted: you work in {org}. {chosen} is chosen on the page, so "
                                "questions that name no organization are answered from its "
                                "routines; choose {org} to get the answers from there. What "
                                "would you like to know?",
        "clinic_visit_fee": "The routines give only the patient fee of a physician's targeted "
                            "home health care visit (in the patient's home); they do not cover "
                            "the fee of a visit at the health centre.",
        "fee_exemption_not_covered": "The routines say nothing about the exemption card "
                                     "(frikort) or the high-cost protection; the fee below is "
                                     "the one the routine gives for the visit.",
        "not_known": "All right, I leave it open: what depends on it cannot be decided until "
                     "it is known. Answer the question below when you know.",
        "not_known_day": "All right. Without the visit date I cannot tell which version of the "
                         "routine applied, so I will not guess it. {q}",
        "why_card": "The answer rests on the reasons under “Why:”, with their sources beside it:",
        "why_version": "On the visit date “{title}” applies, a new version of the routine. "
                       "Note in the list of documents (in Swedish): {note}",
        "date_unreadable": "I could not read the date in the message, and I will not guess it. {q}",
        "age_conflict_pnr": "The age {age} does not match the personnummer, which gives {ages} "
                            "on the visit date, and the patient fee depends on the age. {q}",
        "no_such_field": "The registration in {system} has no “{field}” field; the visit is "
                         "registered there with the fields {fields}.",
        "age_conflict": "The age {age} does not match the birth year {born}, which gives {ages} "
                        "on the visit date, and the patient fee depends on the age. {q}",
        "date_vague": "“{period}” gives no day, and the answer depends on the day. {q}",
        "not_yet_then": "Note: “{title}” came into force only on {d}; it did not apply on "
                        "{asked}.",
        "not_yet_in_force": "Note: “{title}” comes into force on {d} and is not in force "
                            "yet.",
        "only_next_version": "Note: the version of “{title}” in force today does not cover "
                             "this. The version coming into force on {d} does (section "
                             "“{section}”), but it is not in force yet.",
        "date_system": "The visit was registered in {system}, but visits are registered in "
                       "{now} today (from {d}), so the visit was made another day. {q}",
        "system_one_routine": "The day is missing, but visits registered in {system} came "
                              "under “{title}” ({start} – {end}), so the answer is the same "
                              "whichever day it was then (I count with {d}).",
        "period_one_routine": "The day is missing, but all of “{period}” falls under "
                              "“{title}”, so the answer is the same whichever day it was "
                              "(I count with {d}).",
        "rule_before_routines": "In {period} no routine in the knowledge base covered targeted "
                                "home health care visits: the extra compensation was "
                                "introduced on {d}. The first version, “{title}”, says (in "
                                "Swedish):",
        "period_no_routine": "The day is missing, but all of “{period}” comes before the first "
                             "routine for targeted home health care visits, so the answer is "
                             "the same whichever day it was (I count with {d}).",
        "table_year_missing": "The table in the section “{section}” of “{title}” has no "
                              "figures for {asked}; it covers {years}. The document gives no "
                              "figures for {asked} anywhere else either.",
        "amount_elsewhere": "The routines of {org} do not mention SEK {amount}. The amount is in "
                            "a routine of {other}, “{title}”, which applies there, not at "
                            "{org}.",
        "ask_discharge_date": "On what date was the patient discharged from hospital?",
        "ask_enrolled_on": "On what date was the patient enrolled in home health care?",
        "unknown_org": "The knowledge base holds no routines from {org}, so I cannot say how it "
                       "is done there; another organization's routines do not apply to {org}. "
                       "The knowledge base has routines from: {orgs}.",
        "org_in_halland": "{org} lies in Halland: the physician's home visit is made by the "
                          "health centre and follows Region Halland's rules, which the answer "
                          "below comes from.",
        "org_no_visit_rules": "The routines of {org} do not describe registration, patient fee "
                              "or extra compensation for physicians' home visits; Region "
                              "Halland's rules for targeted home visits do not apply there.",
        "report_follows": "{question} (after the question “{previous}”)",
        "org_own_visit_rules": "Region Halland's rules for targeted home visits do not apply "
                               "to {org}; this is what the routines of {org} say:",
        "nearby": "The closest the routines come is the section “{section}” of “{title}”.",
        "lmv_period": "Under “{title}”, Läkarmedverkan gives physician support for up to {days} "
                      "days after the discharge:",
        "lmv_offer": "Give the discharge date and I will work out the last day of the support.",
        "lmv_counted": "After the discharge on {discharge} the {days} days run until {until} inclusive.",
        "describe_visit": "Describe the visit: the date it was made, the patient's age, whether "
                          "the patient lives in a nursing home (SäBo) or in ordinary housing and "
                          "what the visit was about (discharge from hospital, enrolment, an "
                          "end-of-life conversation or something else).",
        "offer_visit_check": "Want to know what applies to one visit? Describe it (date, the "
                             "patient's age, housing and what the visit was about) and I will "
                             "answer with the registration, fee and compensation.",
        "changed": "Changed: {changes}.",
        "what_if_dropped": "Note: the answer is for the visit as you described it{told}, not "
                           "the what-if ({what_if}).",
        "visit_pay_named": "the extra 500 kr",
        "visit_asked_again": "how is the visit registered and what does the patient pay",
        "table_change": "change",
        "table_which_year": "{kind} for {label}: {year} ({value}), from the table's values.",
        "table_highest": "Highest",
        "table_sum": "Sum of all rows – {sums} (computed from the table's values).",
        "table_sum_rows": "Sum of {labels} – {sums} (computed from the table's values).",
        "table_mean": "Mean {first}–{last} for {label}: {value} a year (computed from the table's "
                      "values).",
        "table_which_year_sum": "{kind} sum: {year} ({value}).",
        "table_share": "Share of all rows in {year}: {label} {value} of {total} = {share} % "
                       "(computed from the table's values).",
        "table_row_most": "{kind} {year}: {label} ({value}).",
        "table_lowest": "Lowest",
        "table_most": "{kind} {first}–{last}: {label} ({delta}), computed from the table's "
                      "values.",
        "most_increase": "Largest increase", "least_increase": "Smallest increase",
        "most_decrease": "Largest decrease", "least_decrease": "Smallest decrease",
        "rule_statement": "Under the routine in force today (“{title}”, {system}; quoted in "
                          "Swedish):",
        "rule_statement_past": "Under “{title}” ({system}), which applied up to and including "
                               "{last} (quoted in Swedish):",
        "all_fee_levels": "all the fee levels",
        "registered_as_it_was": "The visit is registered by what it was for ({told}); the "
                                 "routine gives no ground for registering it as {asked} "
                                 "anyway. The answer is for the visit as you described it.",
        "discharge_no_time_limit": "The routine says the visit is made “i samband med” (in "
                                   "connection with) the discharge but sets no time limit for "
                                   "how long after the discharge it may be.",
        "paid_once_per_visit": "The compensation is {amount} kr per home visit: one visit "
                               "gives it once, even when it concerns more than one of the "
                               "occasions below.",
        "stands_for": "{term} stands for “{full}”.",
        "no_share_stated": "The document states no percentage for this; the table gives "
                           "these values:",
        "defined_elsewhere": "The routines of {org} do not explain the word; the explanation "
                             "comes from {other}.",
        "covered_elsewhere_said": "The routines of {org} do not cover what you ask. A routine "
                                  "of {other} does: “{title}”, section “{section}”.",
        "covered_elsewhere": "The routines of {org} do not cover what you ask. A routine of "
                             "{other} does: “{title}”, section “{section}”. Pick {other} or "
                             "all organizations to get the answer from it.",
        "table_one_clinic": "Note: the figures are for all health centres together; the "
                            "documents give no figures for {name} alone.",
        "table_as_printed": "The table is given as the document prints it: its header row "
                            "cannot be matched with the values safely.",
        "municipality_not_paid": "No: {org} pays the compensation to the health centre "
                                 "(vårdcentral, within the care choice system), not to the "
                                 "municipality. The routines give no such compensation to a "
                                 "municipality.",
        "occasion_pays": "Yes, such a visit gives the clinic an extra SEK {amount}.",
        "occasion_pays_not": "No, such a visit gives no extra compensation: it is paid only on "
                             "the occasions the routine lists.",
        "rule_statement_why": "Under the routine in force today (“{title}”, {system}):",
        "where_said": "The previous answer comes from this place in the routines (follow the "
                      "link to the section):",
        "check_quote": "The answer gives what the routine itself says, with the quote below the "
                       "answer. You can read the passage in its context:",
        "means_it": "The routines do not say it in other words. This is the whole section the "
                    "previous answer comes from (in Swedish); you can ask about a single word "
                    "(“what does … mean?”):",
        "means_it_which": "Which word of the answer would you like explained? Write, for "
                          "example, “what does brytpunktssamtal mean?”.",
        "term_not_defined": "The routines do not explain what “{term}” means. The word is used "
                            "like this:",
        "no_amount_quoted": "The routines give no amount for what you ask. The closest they come:",
        "weekend_not_named": "The routine speaks of evenings and nights but says nothing of "
                             "weekends. The closest it says:",
        "decider_not_named": "The routines do not say who makes that decision. The closest they "
                             "come:",
        "org_fee_no_amount": "The routines of {org} give no amount in kronor for the fee; Region "
                             "Halland's fees for physicians' home visits do not apply there.",
        "guess_wrong": "No, not {named}, according to the routine. It says:",
        "guess_right": "Yes. The routine says:",
        "fee_without_amount": "The routines give no amount for the fee. This is how the routine "
                              "describes it (in Swedish):",
        "fee_without_amount_of": "The routine of {org} gives no amount for the fee. This is how "
                                 "it describes the fee (in Swedish):",
        "where_said_card": "The answer about the visit rests on these places in the routine (the "
                           "quotes and links are below the answer):",
        "field_absent": "No. The {system} routine has no field {field}; the {other} routine "
                        "had it (“{said}”).",
        "field_absent_which": "The {system} routine has no field {field}; the {other} routine "
                              "had it (“{said}”).",
        "field_absent_fields": "In {system} the visit is registered with the fields {fields}.",
        "field_absent_fee": "In {system} the patient fee is given as {categories}.",
        "registration_statement": "Under the routine in force today (“{title}”) a targeted "
                                  "physician home visit is registered like this in {system} "
                                  "(the fields and values in Swedish):",
        "registration_other_version": "Note: the visit on {day} was made while “{title}” "
                                      "applied ({system}). The routines do not say how a visit "
                                      "is registered afterwards in another journal system.",
        "registration_statement_past": "Under “{title}”, in force up to and including {last}, "
                                       "a targeted physician home visit was registered like "
                                       "this in {system} (the fields and values in Swedish):",
        "registration_when": "for {occasions}",
        "registration_or": " or ",
        "fee_below": "under {age}",
        "fee_from": "{age} and older",
        "routine_says": "The routine says (in Swedish): {quote}",
        "passage_says": "The {kind} says (in Swedish):",
        "kind_routine": "routine",
        "kind_decision": "decision",
        "kind_report": "report",
        "kind_document": "document",
        "decision_says": "The decision says (in Swedish): {quote}",
        "notice_replaces": "Nor do the documents say whether it replaces the SEK 500 for targeted "
                           "home visits; the SEK 500 still stands in the routine in force today.",
        "notice_same": "Nor do the documents say whether it is the same as the SEK 500 for "
                       "targeted home visits; the SEK 500 still stands in the routine in force "
                       "today.",
        "compare_link": "What changed? Compare “{newer}” with “{older}” section by section "
                        "(in Swedish)",
    },
}

QUESTIONS = {
    "sv": {
        "patient_age": "Hur gammal är patienten?",
        "birth_date": "Vilket datum är patienten född?",
        "occasion": "Gjordes besöket i samband med utskrivning från slutenvård, inskrivning av "
                    "en ny patient, ett brytpunktssamtal eller något annat?",
        "setting": "Bor patienten på särskilt boende (SäBo) eller i ordinärt boende?",
        "municipal_home_care": "Är patienten inskriven i kommunal hemsjukvård?",
        "visit_date": "Vilket datum gjordes besöket?",
        "remote": "Gjordes besöket i hemmet eller på distans (telefon eller video)?",
        "lakarmedverkan": "Gjordes besöket inom Läkarmedverkan i hemsjukvården?",
        "performed_by": "Vem gjorde besöket: läkare, sjuksköterska eller någon annan?",
    },
    "en": {
        "patient_age": "How old is the patient?",
        "birth_date": "What is the patient's date of birth?",
        "occasion": "Was the visit connected to a discharge from hospital, the enrolment of a "
                    "new patient, an end-of-life (breakpoint) conversation or something else?",
        "setting": "Does the patient live in a nursing home (SäBo) or in ordinary housing?",
        "municipal_home_care": "Is the patient enrolled in municipal home health care?",
        "visit_date": "On what date was the visit made?",
        "remote": "Was the visit made in the home or remotely (phone or video)?",
        "lakarmedverkan": "Was the visit made within Läkarmedverkan i hemsjukvården?",
        "performed_by": "Who made the visit: a physician, a nurse or someone else?",
    },
}

#: The answers a person can pick for a question with a few possible values: the pages show
#: them as buttons that send the text as the reply (dialogue.read_reply reads each).
QUICK_REPLIES = {
    "sv": {
        "occasion": ["Utskrivning från slutenvård", "Inskrivning av en ny patient",
                     "Brytpunktssamtal", "Något annat"],
        "setting": ["Särskilt boende (SäBo)", "Ordinärt boende"],
        "municipal_home_care": ["Ja", "Nej"],
        "remote": ["I hemmet", "På distans"],
        "lakarmedverkan": ["Ja", "Nej"],
        "performed_by": ["Läkare", "Sjuksköterska", "Någon annan"],
        "visit_date": ["I dag", "I går"],
    },
    "en": {
        "occasion": ["Discharge from hospital", "Enrolment of a new patient",
                     "Breakpoint conversation", "Something else"],
        "setting": ["Nursing home (SäBo)", "Ordinary housing"],
        "municipal_home_care": ["Yes", "No"],
        "remote": ["In the home", "Remotely"],
        "lakarmedverkan": ["Yes", "No"],
        "performed_by": ["Physician", "Nurse", "Someone else"],
        "visit_date": ["Today", "Yesterday"],
    },
}


def quick_replies(fact: str | None, lang: str) -> list[str]:
    """The buttons for the question asking for ``fact`` (none for free values: age, dates)."""
    return QUICK_REPLIES.get(lang, QUICK_REPLIES["sv"]).get(fact or "", [])


FACT_LABELS = {
    "sv": {**FACT_NAMES_SV, "birth_year": "födelseår"},
    "en": {"visit_date": "visit date", "patient_age": "age", "birth_date": "date of birth",
           "birth_year": "year of birth", "occasion": "occasion", "setting": "housing",
           "municipal_home_care": "enrolled in municipal home care", "remote": "remote",
           "lakarmedverkan": "within Läkarmedverkan", "performed_by": "visit made by"},
}
VALUE_LABELS = {
    "sv": {"utskrivning": "utskrivning från slutenvård", "inskrivning": "inskrivning (ny patient)",
           "brytpunktssamtal": "brytpunktssamtal", "annat": "annat", "sabo": "särskilt boende (SäBo)",
           "ordinart_boende": "ordinärt boende", "lakare": "läkare",
           "sjukskoterska": "sjuksköterska", "annan": "annan", True: "ja", False: "nej"},
    "en": {"utskrivning": "discharge from hospital", "inskrivning": "enrolment (new patient)",
           "brytpunktssamtal": "breakpoint conversation", "annat": "other",
           "sabo": "nursing home (SäBo)", "ordinart_boende": "ordinary housing",
           "lakare": "physician", "sjukskoterska": "nurse", "annan": "someone else",
           True: "yes", False: "no"},
}


def t(lang: str, key: str, **kw) -> str:
    """A fixed text in ``lang`` (Swedish when the language has no text)."""
    return TEXTS.get(lang, TEXTS["sv"])[key].format(**kw)


def _fact_words(lang: str):
    """(the label of a fact, its value as said) in ``lang``: "ålder", "särskilt boende (SäBo)"."""
    labels = FACT_LABELS.get(lang, FACT_LABELS["sv"])
    values = VALUE_LABELS.get(lang, VALUE_LABELS["sv"])

    def shown(v):
        return values.get(v, v) if isinstance(v, (str, bool)) else v

    return (lambda key: labels.get(key, key)), shown


def visit_in_words(facts: dict, lang: str) -> str:
    """A visit's main facts in a few words, for its label: "ålder 72, boende ordinärt boende,
    anledning inskrivning (ny patient)"."""
    label, shown = _fact_words(lang)
    return ", ".join(f"{label(k)} {shown(facts[k])}"
                     for k in ("patient_age", "setting", "occasion", "visit_date")
                     if facts.get(k) is not None)


def describe_changes(changes: list[tuple[str, object, object]], lang: str) -> str:
    """'Ändrat: ålder 84 → 85.' for facts a later message stated differently."""
    label, shown = _fact_words(lang)
    parts = [f"{label(key)} {shown(before)} → {shown(after)}" if before is not None
             else f"{label(key)} {shown(after)}" for key, before, after in changes]
    return t(lang, "changed", changes="; ".join(parts))


def registered_as_it_was(told: str, asked: str, lang: str) -> str:
    """'Besöket registreras efter vad det gällde (annat); rutinen ger ingen grund att
    registrera det som brytpunktssamtal ändå. …' for a visit asked to be registered as
    another occasion than the one told."""
    _, shown = _fact_words(lang)
    return t(lang, "registered_as_it_was", told=shown(told), asked=shown(asked))


def describe_what_if_dropped(dropped: list[tuple[str, object, object]], lang: str) -> str:
    """'Obs: svaret gäller besöket som du beskrev det (besöksdag 2025-03-12), inte det tänkta
    fallet (besöksdag 2025-04-02).' for what-if facts a correction of the visit leaves out."""
    label, shown = _fact_words(lang)
    told = "; ".join(f"{label(k)} {shown(before)}" for k, _, before in dropped
                     if before is not None)
    what_if = "; ".join(f"{label(k)} {shown(after)}" for k, after, _ in dropped)
    return t(lang, "what_if_dropped", told=f" ({told})" if told else "", what_if=what_if)


def question_for(missing: str, lang: str) -> str | None:
    """The one short question that asks for the fact ``missing``."""
    return QUESTIONS.get(lang, QUESTIONS["sv"]).get(missing)


def describe_facts(facts: dict, lang: str) -> list[dict]:
    """The facts remembered so far as ``{"label", "value"}`` rows for the pages."""
    labels, values = FACT_LABELS.get(lang, FACT_LABELS["sv"]), VALUE_LABELS.get(lang, VALUE_LABELS["sv"])
    rows = []
    for key, label in labels.items():
        if key in facts and facts[key] is not None:
            v = facts[key]
            shown = values.get(v, v) if isinstance(v, (str, bool)) else v
            if key == "patient_age" and facts.get("age_on") \
                    and facts.get("age_on") != facts.get("visit_date"):
                # the age given is the one of another day than the visit's (walk-through,
                # stop 26: "90" stood beside an answer reckoning 88 for a visit moved back)
                shown = f"{shown} ({'on' if lang == 'en' else 'den'} {facts['age_on']})"
            rows.append({"label": label, "value": str(shown)})
    return rows
