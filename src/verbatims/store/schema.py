"""The tables as the queries see them, at the latest migration.

This module never creates anything: `migrations.py` does, and a test checks
that a migrated store has exactly these columns.
"""

# No `from __future__ import annotations` here: it would shadow the table `annotations`.
from sqlalchemy import column, table

meta = table("meta", column("key"), column("value"))

schema_migrations = table(
    "schema_migrations", column("version"), column("name"), column("applied_at")
)

documents = table(
    "documents",
    column("id"),
    column("name"),
    column("source_path"),
    column("source_format"),
    column("encoding"),
    column("text"),
    column("sha256"),
    column("char_count"),
    column("word_count"),
    column("imported_at"),
    column("position"),
)

turns = table(
    "turns",
    column("id"),
    column("document_id"),
    column("idx"),
    column("start"),
    column("end"),
    column("speaker"),
    column("role"),
    column("time_start_ms"),
    column("time_end_ms"),
    column("body_start"),
)

attributes = table(
    "attributes",
    column("document_id"),
    column("key"),
    column("value"),
    column("type"),
)

codes = table(
    "codes",
    column("id"),
    column("parent_id"),
    column("name"),
    column("color"),
    column("definition"),
    column("include_note"),
    column("exclude_note"),
    column("keywords"),
    column("patterns"),
    column("examples"),
    column("position"),
    column("created_at"),
    column("codable"),
)

codings = table(
    "codings",
    column("id"),
    column("document_id"),
    column("code_id"),
    column("start"),
    column("end"),
    column("coder"),
    column("memo"),
    column("created_at"),
    column("selected_by"),
)

annotations = table(
    "annotations",
    column("id"),
    column("document_id"),
    column("start"),
    column("end"),
    column("text"),
    column("author"),
    column("created_at"),
)

memos = table(
    "memos",
    column("id"),
    column("kind"),
    column("target_id"),
    column("text"),
    column("author"),
    column("created_at"),
    column("updated_at"),
)

summaries = table(
    "summaries",
    column("document_id"),
    column("code_id"),
    column("text"),
    column("author"),
    column("updated_at"),
)

history_steps = table(
    "history_steps",
    column("id"),
    column("name"),
    column("coder"),
    column("created_at"),
    column("undone"),
    column("document_id"),
    column("size"),
)

history_items = table(
    "history_items",
    column("id"),
    column("step_id"),
    column("seq"),
    column("kind"),
    column("payload"),
)

nlp_tokens = table(
    "nlp_tokens",
    column("document_id"),
    column("sha256"),
    column("model"),
    column("n_tokens"),
    column("data"),
    column("parsed_at"),
)

data_version = table("data_version", column("id"), column("version"))

analysis_cache = table("analysis_cache", column("key"), column("data"), column("created_at"))

nlp_stopwords = table("nlp_stopwords", column("word"), column("action"), column("added_at"))

nlp_phrases = table("nlp_phrases", column("model"), column("phrase"), column("tokens"),
                    column("parsed_at"))

nlp_expressions = table(
    "nlp_expressions", column("expression"), column("lemmas"), column("added_at")
)

pseudonym_rejections = table(
    "pseudonym_rejections", column("name"), column("category"), column("decided_at")
)

suggestions = table(
    "suggestions",
    column("id"),
    column("document_id"),
    column("code_id"),
    column("start"),
    column("end"),
    column("unit"),
    column("keyword"),
    column("matched"),
    column("match_start"),
    column("match_end"),
    column("score"),
    column("status"),
    column("coding_id"),
    column("decided_by"),
    column("created_at"),
    column("decided_at"),
    column("source"),
    column("why"),
)

autocode_evaluations = table(
    "autocode_evaluations",
    column("id"),
    column("code_id"),
    column("method"),
    column("unit"),
    column("coder"),
    column("positives"),
    column("documents"),
    column("folds"),
    column("tp"),
    column("fp"),
    column("fn"),
    column("tn"),
    column("precision"),
    column("recall"),
    column("f1"),
    column("kappa"),
    column("codings"),
    column("evaluated_at"),
)

ALL = (
    meta,
    schema_migrations,
    documents,
    turns,
    attributes,
    codes,
    codings,
    memos,
    annotations,
    summaries,
    history_steps,
    history_items,
    nlp_tokens,
    nlp_stopwords,
    nlp_phrases,
    nlp_expressions,
    pseudonym_rejections,
    suggestions,
    analysis_cache,
    data_version,
    autocode_evaluations,
)
