"""The chat page's thread: each question (masked) with the answer as shown, kept in the
conversation so that /samtal/<id> shows the whole conversation after a reload, Back or a link.

A turn is JSON: the question, the API answer and what the page shows beside it. The question
is the masked text (rutin.redact): a personnummer never reaches the thread.
"""

from __future__ import annotations

from rutin.redact import mask_personnummer

#: A question is kept to this many characters on the page.
QUESTION_CHARS = 600
#: The fields of ChatReply the page shows beside the API answer.
PAGE_FIELDS = ("language", "question", "facts_rows", "highlight", "marks", "restarted",
               "missing_fact", "notice", "lead", "says", "links")


def turn_record(question: str, reply) -> dict:
    """What the thread keeps of one turn."""
    record = {name: getattr(reply, name) for name in PAGE_FIELDS}
    # "asked": the person's question; "question" (a PAGE_FIELD) is the assistant's question back
    record.update({"asked": mask_personnummer(question)[:QUESTION_CHARS], "api": reply.api,
                   "feedback": None})
    if getattr(reply, "parts", None):  # two questions' answers, each shown with its source
        record["parts"] = [{"api": p.api, "highlight": p.highlight, "notice": p.notice,
                            "lead": p.lead, "says": p.says} for p in reply.parts]
    return record


def stored_reply(record: dict, conversation):
    """The ChatReply a stored turn is rendered from (the templates take a ChatReply)."""
    from server.chat.service import ChatReply

    fields = {name: record.get(name) for name in PAGE_FIELDS if record.get(name) is not None}
    fields.setdefault("facts_rows", [])
    fields.setdefault("marks", {})
    fields.setdefault("links", [])
    api = record.get("api") if isinstance(record.get("api"), dict) else {}
    api.setdefault("kind", "no_answer")
    api.setdefault("answer", "")
    for key in ("citations", "passages"):
        api.setdefault(key, [])
    parts = [ChatReply(api=p["api"], conversation=conversation, highlight=p.get("highlight"),
                       notice=p.get("notice"), lead=p.get("lead"), says=p.get("says"))
             for p in record.get("parts") or []
             if isinstance(p, dict) and isinstance(p.get("api"), dict)]
    return ChatReply(api=api, conversation=conversation, parts=parts, **fields)
