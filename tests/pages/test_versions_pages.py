"""Documents by date and version (issue 11): what was in force on a day, what replaced what by
title, dated reports and decisions, a table of contents, and the "Vad ändrades?" page."""

from __future__ import annotations

import re

VAS, COSMIC = "rh-hemsjukvardsbesok-vas", "rh-hemsjukvardsbesok-cosmic"
VAS_TITLE = "Registrering av riktade hemsjukvårdsbesök av läkare i VAS"
COSMIC_TITLE = "Registrering av riktade hemsjukvårdsbesök av läkare i Cosmic"


def _rows(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/documents/([^"]+)">', html)


def test_documents_valid_on_a_day_list_only_what_was_in_force_then(client):
    before = _rows(client.get("/documents", params={"valid_on": "2024-05-10"}).text)
    after = _rows(client.get("/documents", params={"valid_on": "2025-04-01"}).text)
    assert VAS in before and COSMIC not in before
    assert COSMIC in after and VAS not in after
    # the switch day itself belongs to the new version (validity is [from, to))
    assert _rows(client.get("/documents", params={"valid_on": "2025-03-31"}).text).count(COSMIC) == 1
    assert "rh-hsu-lakarinsatser-i-hemmet" not in before  # decided 2026-03-03


def test_documents_valid_on_that_is_no_date_is_a_swedish_422(client):
    r = client.get("/documents", params={"valid_on": "igår"})
    assert r.status_code == 422
    assert "ÅÅÅÅ-MM-DD" in r.text


def test_versions_are_named_by_title_with_links_not_ids(client):
    html = client.get(f"/documents/{VAS}").text
    assert f'Ersatt av</dt><dd><a href="/documents/{COSMIC}">{COSMIC_TITLE}</a>' in html
    html = client.get(f"/documents/{COSMIC}").text
    assert f'Ersätter</dt><dd><a href="/documents/{VAS}">{VAS_TITLE}</a>' in html
    assert f'href="/documents/{COSMIC}/andringar"' in html
    listing = client.get("/documents").text
    assert f'Ersatt av <a href="/documents/{COSMIC}">{COSMIC_TITLE}</a>' in listing


def test_a_report_and_a_decision_show_their_date_not_in_force_today(client):
    html = client.get("/documents/rh-mobil-hemsjukvard-rapport").text
    assert "<dt>Datum</dt><dd>2022-02-16</dd>" in html and "Gäller i dag" not in html
    listing = client.get("/documents").text
    row = listing.split('href="/documents/rh-hsu-lakarinsatser-i-hemmet"')[1].split("</tr>")[0]
    assert "Beslut 2026-03-03" in row and "status-yes" not in row


def test_a_long_document_has_a_table_of_contents_linking_its_sections(client):
    doc = client.app.state.rutin.kb.document("rh-mobil-hemsjukvard-rapport")
    html = client.get("/documents/rh-mobil-hemsjukvard-rapport").text
    toc = html.split('<nav class="toc"')[1].split("</nav>")[0]
    headed = {c.heading_path[-1]: c.anchor for c in reversed(doc.chunks) if c.heading_path}
    assert len(headed) >= 5
    for heading, anchor in headed.items():
        assert f'href="#{anchor}">{heading}</a>' in toc
    assert '<nav class="toc"' not in client.get(f"/documents/{VAS}").text  # short: six sections, 1.6 kB


def test_what_changed_page_compares_cosmic_with_vas_section_by_section(client):
    r = client.get(f"/documents/{COSMIC}/andringar")
    assert r.status_code == 200
    html = r.text
    # the registration sections are paired though their headings differ
    assert "Registrering i Cosmic" in html and "(tidigare ”Registrering i VAS”)" in html
    registration = html.split("Registrering i Cosmic")[1].split('<section class="change')[0]
    assert "<del>Avgiftstyp: H3" in registration or "<del>Besökstyp:" in registration
    assert "<ins>" in registration and "Kontakttyp:" in registration
    assert 'class="status status-same">oförändrat' in html  # Syfte is unchanged
    assert 'class="status status-added">nytt' in html  # "Uppdaterat från föregående version"


def test_what_changed_page_lists_the_rule_table_differences_each_cited(client):
    html = client.get(f"/documents/{COSMIC}/andringar").text
    rules = html.split('class="rule-changes"')[1].split("</section>")[0]
    assert "Journalsystem: VAS → Cosmic." in rules
    assert "Ersättningen är oförändrad: 500 kr per besök." in rules
    # (and the patient fee, age group by age group: own check, stop 43)
    assert "Patientavgiften är inte höjd eller sänkt: under 85 år: 200 kr i båda" in rules
    quotes = re.findall(r'<q>([^<]+)</q> – <a href="([^"]+)"', rules)
    assert quotes
    kb = client.app.state.rutin.kb
    for quote, link in quotes:
        document_id = link.split("/documents/")[1].split("?")[0]
        text = " ".join(" ".join(c.text for c in kb.document(document_id).chunks).split())
        assert " ".join(quote.replace("&#34;", '"').replace("&#39;", "'").split()) in text


def test_what_changed_for_a_first_version_is_told_on_the_version_that_replaced_it(client):
    # walk-through, stop 32: the VAS routine's page said there was nothing to compare with,
    # under the title "Felaktig uppgift"
    r = client.get(f"/documents/{VAS}/andringar", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/documents/{COSMIC}/andringar"
    page = client.get(f"/documents/{VAS}/andringar")
    assert page.status_code == 200 and "Vad ändrades?" in page.text


def test_what_changed_for_a_document_with_no_other_version_is_a_404_page(client):
    r = client.get("/documents/vg-hemsjukvard-anslutning-utskrivning/andringar")
    assert r.status_code == 404
    assert "inget att jämföra med" in r.text and "Felaktig uppgift" not in r.text


def test_a_version_answer_in_the_chat_links_to_what_changed(post_form):
    html = post_form("/", "vad ändrades mellan VAS och Cosmic?").text
    assert f'href="/documents/{COSMIC}/andringar"' in html


def test_documents_on_a_day_say_a_routine_without_validity_is_not_known_to_hold_then(client):
    # walk-through RE8955, stop 52: the municipality's routine (no validity dates) was listed
    # under "1 dokument … som gällde 2019-01-01" while its status said "Okänt"
    html = client.get("/documents", params={"valid_on": "2019-01-01",
                                            "organization": "Kommun i Västra Götaland (Sektor "
                                                            "Välfärd)"}).text
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S).group(1)
    assert "eller inte anger någon giltighetstid (1 av dem, så om de gällde då är okänt)" \
        in caption, caption
