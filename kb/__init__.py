"""The knowledge base: embed, store, index lexically, retrieve and cite the routine passages.

The entry points are ``kb.service.check_settings`` and ``kb.service.open_knowledge_base``.
"""
