"""Real-browser tests of issue 11: every kind of answer shows the values the API returns, the
conversation survives Back and reload, quick replies and feedback work without JavaScript,
copy buttons copy, and the new pages have no serious accessibility violations at 1280 and
390 px."""

from __future__ import annotations

import re

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def ask(page, text):
    page.get_by_label("Din fråga").or_(page.get_by_label("Följdfråga")).first.fill(text)
    page.get_by_role("button", name="Fråga", exact=True).click()
    page.wait_for_load_state("load")


def api(server_url, message):
    r = httpx.post(server_url + "/api/v1/chat", json={"message": message}, timeout=120)
    assert r.status_code == 200
    return r.json()


def latest(page) -> str:
    return page.locator("#answer").inner_text()


def no_serious_violations(page):
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def test_a_registration_decision_shows_its_fields_fee_and_compensation(page_without_js,
                                                                       server_url):
    question = "hembesök 2025-06-10 efter utskrivning hos 87-åring på säbo, hur reggar jag?"
    body = api(server_url, question)
    page_without_js.goto(server_url + "/")
    ask(page_without_js, question)
    text = latest(page_without_js)
    for row in body["decision"]["registration"]:
        assert row["field"] in text and row["value"] in text
    summary = page_without_js.locator("#answer dl.fields-summary").inner_text()
    assert re.search(rf"Patienten betalar\s+{body['decision']['patient_fee_sek']} kr\b", summary)
    assert f"ja, {body['decision']['compensation_sek']} kr" in summary


@pytest.mark.parametrize("question, key", [
    ("Patienten skrevs ut 2026-04-01, hur länge kan Läkarmedverkan stötta?", "support_until"),
    ("Patienten anslöts 15 januari 2026, när ska första uppföljningen ske?", None),
])
def test_a_date_rule_answer_shows_the_dates_the_api_computes(page_without_js, server_url,
                                                              question, key):
    body = api(server_url, question)
    assert body["kind"] == "rule" and body["date_rule"]
    page_without_js.goto(server_url + "/")
    ask(page_without_js, question)
    text = latest(page_without_js)
    dates = [v for v in body["date_rule"].values() if isinstance(v, str)
             and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)]
    assert dates
    for value in dates:
        assert value in text
    assert "kan inte avgöras" not in text and "Patienten betalar" not in text
    shot(page_without_js, f"answer-date-rule-{key or 'followup'}")


@pytest.mark.parametrize("question, kind", [
    ("Vem har ansvaret för hemsjukvårdens patienter under jourtid?", "search"),
    ("vad ändrades mellan VAS och Cosmic?", "version"),
    ("vad är telefonnumret till hallandsjouren?", "no_answer"),
])
def test_search_version_and_no_answer_show_the_api_answer(page_without_js, server_url,
                                                          question, kind):
    body = api(server_url, question)
    assert body["kind"] == kind
    page_without_js.goto(server_url + "/")
    ask(page_without_js, question)
    text = " ".join(latest(page_without_js).split())
    first = " ".join(body["answer"].split("\n")[0].split())
    if kind == "search":
        first = " ".join(body["citations"][0]["quote"].split())
    assert first[:80] in text
    shot(page_without_js, f"answer-{kind}")


def test_a_clarifying_question_is_shown_with_its_quick_replies(page_without_js, server_url):
    page = page_without_js
    page.goto(server_url + "/")
    ask(page, "hembesök idag hos en 82-åring på säbo, hur registrerar jag det?")
    assert "Gjordes besöket i samband med" in latest(page)
    buttons = page.locator("#answer button.quick")
    assert buttons.count() == 4
    shot(page, "answer-quick-replies")
    page.get_by_role("button", name="Brytpunktssamtal").click()
    page.wait_for_load_state("load")
    assert "Riktad hemsjukvård| information| brytpunktssamtal" in latest(page)
    assert re.search(r"/samtal/[A-Za-z0-9_-]{32}#svar-2$", page.url)


def test_the_first_quick_reply_is_sent_with_javascript(page, server_url):
    """The first quick-reply button is the form's first submit button: chat.js used to disable
    it while sending, the browser then left its value out, and the reply arrived empty
    ("Meddelandet är tomt") with the conversation lost (walk-through as a new user)."""
    page.goto(server_url + "/")
    ask(page, "hembesök idag hos en 82-åring på säbo, hur registrerar jag det?")
    first = page.locator("#answer button.quick").first
    label = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/samtal/[A-Za-z0-9_-]{32}#svar-2$"))
    text = latest(page)
    assert "Meddelandet är tomt" not in text
    assert page.locator("li.turn").count() == 2
    assert label in page.locator("li.turn").nth(1).inner_text()


def test_enter_sends_the_question_with_javascript(page, server_url):
    page.goto(server_url + "/")
    page.get_by_label("Din fråga").fill("Vem har ansvaret för hemsjukvårdens patienter under jourtid?")
    page.get_by_label("Din fråga").press("Enter")
    page.wait_for_url(re.compile(r"/samtal/[A-Za-z0-9_-]{32}"))
    assert page.locator("li.turn").count() == 1


def test_back_and_reload_keep_the_conversation_without_javascript(page_without_js, server_url):
    page = page_without_js
    page.goto(server_url + "/")
    ask(page, "hembesök igår hos pat på säbo efter utskrivning, hur reggar jag")
    ask(page, "87")
    url = page.url
    assert page.locator("li.turn").count() == 2
    page.go_back()
    page.wait_for_load_state("load")
    assert page.locator("li.turn").count() >= 1  # no ERR_CACHE_MISS: a GET page
    page.goto(url)
    page.reload()
    assert page.locator("li.turn").count() == 2 and "ja, 500 kr" in latest(page)
    page.get_by_role("link", name="Nytt samtal").click()
    page.wait_for_load_state("load")
    assert page.locator("li.turn").count() == 0 and page.url.rstrip("/") == server_url


def test_feedback_without_javascript(page_without_js, server_url):
    page = page_without_js
    page.goto(server_url + "/")
    ask(page, "Vem har ansvaret för hemsjukvårdens patienter under jourtid?")
    page.locator("#svar-1 input[name=reason]").fill("bra svar")
    page.locator("#svar-1").get_by_role("button", name="Ja, till hjälp").click()
    page.wait_for_load_state("load")
    assert page.locator("#svar-1 .feedback-thanks").is_visible()
    shot(page, "conversation-feedback")


def test_copy_buttons_copy_a_value_and_the_whole_card(browser, server_url):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="sv-SE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    try:
        page.goto(server_url + "/")
        ask(page, "hembesök 2025-06-10 efter utskrivning hos 87-åring på säbo, hur reggar jag?")
        value = page.locator("#answer dl.registration-card .value").first.inner_text()
        page.locator("#answer dl.registration-card button.copy").first.click()
        assert page.evaluate("navigator.clipboard.readText()") == value
        page.get_by_role("button", name="Kopiera registreringen").click()
        card = page.evaluate("navigator.clipboard.readText()")
        assert card.splitlines()[0] == f"Kontakttyp: {value}"
        assert "Vårdtjänst: Riktad hemsjukvård| information| inskrivningssamtal" in card
        shot(page, "answer-copy-buttons")
    finally:
        context.close()


def test_without_javascript_the_copy_buttons_are_hidden_and_the_values_selectable(
        page_without_js, server_url):
    page_without_js.goto(server_url + "/")
    ask(page_without_js, "hembesök 2025-06-10 efter utskrivning hos 87-åring på säbo, hur "
                         "reggar jag?")
    assert page_without_js.locator("#answer button.copy").first.is_hidden()
    assert page_without_js.locator("#answer dl.registration-card .value").first.is_visible()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/documents", "/documents/rh-hemsjukvardsbesok-cosmic/andringar",
                                  "/documents/rh-mobil-hemsjukvard-rapport",
                                  "/documents?valid_on=2024-05-10"])
def test_the_document_pages_fit_the_screen_and_are_accessible(browser, server_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(server_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        no_serious_violations(page)
        name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
        shot(page, f"page-{name}-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_conversation_of_several_kinds_is_accessible_and_fits(browser, server_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(server_url + "/")
        ask(page, "hembesök idag hos en 82-åring på säbo, hur registrerar jag det?")
        ask(page, "Vem har ansvaret för hemsjukvårdens patienter under jourtid?")
        ask(page, "vad ändrades mellan VAS och Cosmic?")
        assert page.locator("li.turn").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        no_serious_violations(page)
        collapsible = page.locator("details[data-collapse-small]").count()
        assert collapsible > 0
        opened = page.evaluate("[...document.querySelectorAll('details[data-collapse-small]')]"
                               ".filter(d => d.open).length")
        # sources after the first start collapsed on a phone, open on a desktop
        assert opened == (0 if width == 390 else collapsible)
        shot(page, f"conversation-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_lists_marked_passages_and_passes_axe(page, server_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server_url + "/")
    page.get_by_role("link", name="Sök", exact=True).click()
    page.get_by_label("Sökord eller fråga").fill("vem beslutar om anslutning till hemsjukvård")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator(".search-results li.source").count() >= 5
    assert page.locator(".search-results mark").count() >= 1
    no_serious_violations(page)
    shot(page, f"search-page-{width}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
