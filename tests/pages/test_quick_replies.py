"""Quick replies (issue 11): a question with a few possible values offers them as buttons that
post the reply in the same conversation, without JavaScript."""

from __future__ import annotations

import re

from tests.pages.conftest import CSRF

QUICK = re.compile(r'<button type="submit" name="message" value="([^"]+)" class="quick">')
QUICK_FORM = re.compile(r'<form class="quick-replies".*?</form>', re.S)


def _post_quick(client, html: str, choice: str, page: str = "/"):
    form = QUICK_FORM.search(html).group(0)
    data = {"message": choice, "csrf_token": CSRF.search(form).group(1),
            "conversation_id": re.search(r'name="conversation_id" value="([^"]+)"', form).group(1)}
    return client.post(page, data=data)


def test_the_occasion_question_offers_each_occasion_as_a_button(post_form):
    html = post_form("/", "hembesök idag hos en 82-åring på säbo, hur registrerar jag det?").text
    assert "Gjordes besöket i samband med" in html
    assert QUICK.findall(html) == ["Utskrivning från slutenvård", "Inskrivning av en ny patient",
                                   "Brytpunktssamtal", "Något annat"]


def test_clicking_a_quick_reply_answers_the_question_in_the_same_conversation(client, post_form):
    html = post_form("/", "hembesök idag hos en 82-åring, hur registrerar jag det?").text
    html = _post_quick(client, html, "Brytpunktssamtal").text
    assert QUICK.findall(html) == ["Särskilt boende (SäBo)", "Ordinärt boende"]
    html = _post_quick(client, html, "Särskilt boende (SäBo)").text
    assert "Riktad hemsjukvård| information| brytpunktssamtal" in html
    assert "ja, 500 kr" in html and "200 kr" in html  # 82 years old: the fee under 85
    assert 'class="quick-replies"' not in html  # nothing more is asked


def test_english_questions_get_english_quick_replies(post_form):
    html = post_form("/", "did a home visit today for an 82 year old in a nursing home, how "
                          "do I register it?").text
    assert "Discharge from hospital" in QUICK.findall(html)
    assert "Answer with one click:" in html


def test_an_age_question_has_no_buttons(post_form):
    html = post_form("/", "hembesök igår hos pat på säbo efter utskrivning, hur reggar jag").text
    assert "Hur gammal är patienten?" in html and not QUICK.findall(html)


def test_the_widget_quick_replies_post_to_the_widget_with_its_organization(client):
    html = client.get("/widget", params={"organization": "Region Halland"}).text
    token = CSRF.search(html).group(1)
    html = client.post("/widget", data={"message": "hembesök idag hos en 82-åring på säbo, hur "
                                                   "registrerar jag det?", "csrf_token": token,
                                        "organization": "Region Halland"}).text
    form = QUICK_FORM.search(html).group(0)
    assert 'action="/widget"' in form
    assert 'name="organization" value="Region Halland"' in form
    html = _post_quick(client, html, "Utskrivning från slutenvård", "/widget").text
    assert "inskrivningssamtal" in html


def test_a_quick_reply_on_a_reloaded_conversation_keeps_the_organization_picked(client):
    # walk-through, stop 46: after the conversation's address was reloaded in a browser
    # without the organization cookie, a quick-reply click answered from all organizations,
    # and the next question got the municipality's follow-up rule for a Halland physician
    token = CSRF.search(client.get("/").text).group(1)
    first = client.post("/", data={"message": "hembesök idag hos en 82-åring på säbo, hur "
                                              "registrerar jag det?", "csrf_token": token,
                                   "organization": "Region Halland"})
    conversation = re.search(r'name="conversation_id" value="([^"]+)"', first.text).group(1)
    client.cookies.clear()
    page = client.get(f"/samtal/{conversation}").text
    form = QUICK_FORM.search(page).group(0)
    assert 'name="organization" value="Region Halland"' in form
    # and with all organizations picked, the click says so, not the cookie's
    token = CSRF.search(client.get("/").text).group(1)
    other = client.post("/", data={"message": "hembesök idag hos en 82-åring på säbo, hur "
                                              "registrerar jag det?", "csrf_token": token,
                                   "organization": "alla"})
    assert 'name="organization" value="alla"' in QUICK_FORM.search(other.text).group(0)
